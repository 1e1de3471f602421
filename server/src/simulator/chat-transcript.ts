/**
 * Chat histories for calls that come in through the chatbot IVR (seed 004). `ok` gives a realistic
 * transcript (customer and bot alternating, oldest first) with a link-only message, an upload and
 * a `javascript:` link that the panel must refuse to open; the others are the manual's errors.
 */
import { CHAT_ERRORS, type Chat, type ChatError, type ChatMessage } from '@biztel/protocol';

export const CHAT_SCENARIOS = ['ok', ...CHAT_ERRORS] as const;
/** `ok`, or which error the chatbot integration reports (connect / fetch / server). */
export type ChatScenario = (typeof CHAT_SCENARIOS)[number];

type Script = Omit<ChatMessage, 'at'>;

const TRANSCRIPT: readonly Script[] = [
  { from: 'customer', kind: 'text', text: 'ソフトフォンにサインインできません。' },
  {
    from: 'bot',
    kind: 'text',
    text: 'お問い合わせありがとうございます。表示されているエラー内容を教えてください。画面のスクリーンショットをアップロードしていただくこともできます。',
  },
  { from: 'customer', kind: 'upload', text: '', url: 'https://chat.example.com/uploads/2024/06/signin-error.png' },
  { from: 'bot', kind: 'url', text: '', url: 'https://support.example.com/faq/softphone-sign-in' },
  // A link the customer pasted: the panel must not open a `javascript:` URL.
  { from: 'customer', kind: 'url', text: '', url: 'javascript:alert(1)' },
  { from: 'bot', kind: 'text', text: '恐れ入りますが、そのリンクは開けません。オペレーターとの通話をご希望ですか？' },
  { from: 'customer', kind: 'text', text: 'はい、電話で相談したいです。' },
  { from: 'bot', kind: 'text', text: 'オペレーターにおつなぎします。このままお電話ください。' },
];

/** Seconds between two messages of the transcript. */
const GAP_MS = 40_000;

/** The chat a call through the chatbot IVR carries at `now`. */
export function chatFor(scenario: ChatScenario, now: number): Chat {
  if (scenario !== 'ok') return { status: 'error', error: scenario satisfies ChatError };
  const first = now - TRANSCRIPT.length * GAP_MS;
  return { status: 'ok', messages: TRANSCRIPT.map((m, i) => ({ ...m, at: first + i * GAP_MS })) };
}

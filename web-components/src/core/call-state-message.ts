import type { CallState } from '@biztel/protocol';

/** One chatbot message as published (a copy of the protocol's `ChatMessage`, seed 004). */
export interface CallStateChatMessage {
  readonly from: 'customer' | 'bot';
  /** `url`: the message is only a link; `upload`: a file the customer uploaded (a link to it). */
  readonly kind: 'text' | 'url' | 'upload';
  /** At most 1000 characters. */
  readonly text: string;
  /** At most 2000 characters; not necessarily safe to open — subscribers must check it. */
  readonly url?: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/**
 * The chat history of a call that came through the chatbot IVR (a copy of the protocol's `Chat`):
 * up to 50 messages, or why the history could not be read.
 */
export type CallStateChat =
  | { readonly status: 'ok'; readonly messages: readonly CallStateChatMessage[] }
  | { readonly status: 'error'; readonly error: 'connect' | 'wrongNumber' | 'fetch' | 'server' };

/**
 * The live call as published to other components of the app (Lightning Message Service channel
 * `BiztelCallState__c`, read by the `biztelLiveCall` LWC). Version 1; keep in step with
 * force-app/main/default/lwc/biztelLiveCall/callState.js. Fields added later (such as `chat`) are
 * optional, so subscribers written before them keep working and simply ignore them.
 */
export interface CallStateMessage {
  readonly v: 1;
  readonly state: 'idle' | CallState;
  readonly direction?: 'inbound' | 'outbound';
  readonly number?: string;
  readonly callId?: string;
  readonly answeredAt?: number;
  /** server − local clock of the panel's machine (ms, rounded to 100): a subscriber's timer counts on the server's clock. */
  readonly clockOffsetMs?: number;
  readonly businessLabel?: string;
  /** Present only for a call that came through the chatbot IVR. */
  readonly chat?: CallStateChat;
}

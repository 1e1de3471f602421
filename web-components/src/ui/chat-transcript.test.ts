import { catalogue } from '../i18n/index.js';
import { chatSchema, parse, type Chat, type ChatMessage } from '@biztel/protocol';
import type { BiztelChatTranscript } from './chat-transcript.js';
import { registerElements } from './register.js';
import { $, $$, textOf } from '../testing/dom.js';
import { SERVER_TIME, chatHistory } from '../testing/fixtures.js';
import { axeViolations } from '../testing/axe.js';
import { recordEvents } from '../testing/events.js';

registerElements();

let recorder: ReturnType<typeof recordEvents>;

beforeEach(() => {
  recorder = recordEvents(document);
});

afterEach(() => {
  recorder.stop();
  document.body.replaceChildren();
});

async function mount(chat: Chat, props: Partial<Pick<BiztelChatTranscript, 't'>> = {}) {
  const el = document.createElement('biztel-chat-transcript');
  el.chat = parse(chatSchema, chat, 'chat');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const ok = (...messages: ChatMessage[]): Chat => ({ status: 'ok', messages });
const message = (patch: Partial<ChatMessage>): ChatMessage => ({ from: 'customer', kind: 'text', text: '', at: SERVER_TIME, ...patch });
const items = (el: Element) => $$(el, 'li');
const toggle = (el: Element) => $<HTMLButtonElement>(el, 'button.toggle');

describe('<biztel-chat-transcript>', () => {
  it('shows customer messages on the left and the bot on the right, oldest first', async () => {
    const el = await mount(chatHistory());

    expect(items(el).map((li) => [li.classList.contains('from-customer') ? 'left' : 'right', textOf(li)])).toEqual([
      ['right', 'チャットボット: ご用件をお選びください。'],
      ['left', 'お客様: 配送について'],
      ['left', 'お客様: お問い合わせ番号 A-123'],
      ['left', 'お客様: リンクを開く (新しいタブで開きます)'],
      ['right', 'チャットボット: オペレーターにおつなぎします。'],
    ]);
  });

  it('keeps the server order for messages sent at the same moment', async () => {
    const el = await mount(ok(message({ text: 'はい' }), message({ from: 'bot', text: '承知しました' }), message({ text: 'お願いします' })));

    expect(items(el).map((li) => textOf(li.querySelector('.text')))).toEqual(['はい', '承知しました', 'お願いします']);
  });

  it('renders message text as text, never as markup', async () => {
    const el = await mount(ok(message({ text: '<img src=x onerror="alert(1)"><b>太字</b>' })));

    expect(textOf(items(el)[0]!.querySelector('.text'))).toBe('<img src=x onerror="alert(1)"><b>太字</b>');
    expect(el.shadowRoot!.querySelector('li img, li b')).toBeNull();
  });

  it('shows an upload as リンクを開く that opens in a new tab without handing over the opener', async () => {
    const el = await mount(chatHistory());

    const links = $$<HTMLAnchorElement>(el, 'a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://chat.example.com/uploads/receipt.png');
    expect(links[0]!.target).toBe('_blank');
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(textOf(links[0])).toBe('リンクを開く (新しいタブで開きます)');
  });

  it('keeps the caption of a link message that has one', async () => {
    const el = await mount(ok(message({ kind: 'upload', text: 'receipt.png', url: 'https://chat.example.com/u/1' })));

    expect(textOf(items(el)[0]!.querySelector('.text'))).toBe('receipt.png リンクを開く (新しいタブで開きます)');
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative URL', '/uploads/receipt.png'],
    ['credentials', 'https://admin:secret@chat.example.com/'],
  ])('shows a %s URL as plain text, not as a link', async (_what, url) => {
    const el = await mount(ok(message({ kind: 'url', text: url, url })));

    expect(el.shadowRoot!.querySelector('a')).toBeNull();
    expect(textOf(items(el)[0]!.querySelector('.text'))).toBe(url);
  });

  it('shows the URL itself when an unsafe link message has no text', async () => {
    const el = await mount(ok(message({ kind: 'upload', text: '', url: 'javascript:void(0)' })));

    expect(el.shadowRoot!.querySelector('a')).toBeNull();
    expect(textOf(items(el)[0]!.querySelector('.text'))).toBe('javascript:void(0)');
  });

  it.each([
    ['connect', 'チャット接続に失敗しました'],
    ['wrongNumber', 'お客様が誤った電話番号をチャット入力したか、24時間以内にチャットボットを利用していません'],
    ['fetch', 'チャットを取得できませんでした'],
    ['server', 'サーバ接続に失敗しました'],
  ] as const)("shows the manual's text for the %s error", async (error, text) => {
    const el = await mount({ status: 'error', error });

    expect(textOf($(el, '.status.error'))).toBe(text);
    expect(items(el)).toEqual([]);
  });

  it('says so when the history is empty', async () => {
    const el = await mount(ok());

    expect(textOf($(el, '.status'))).toBe('チャット履歴はありません。');
  });

  it('opens expanded under a チャット履歴 disclosure button and collapses on click', async () => {
    const el = await mount(chatHistory());
    const button = toggle(el);
    const body = el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
    expect(textOf(button)).toBe('チャット履歴');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(body.hidden).toBe(false);

    button.click();
    await el.updateComplete;

    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(body.hidden).toBe(true);

    button.click();
    await el.updateComplete;
    expect(body.hidden).toBe(false);
  });

  it('speaks English', async () => {
    const el = await mount(chatHistory(), { t: catalogue('en') });

    expect(textOf(toggle(el))).toBe('Chat history');
    expect(textOf(items(el)[1])).toBe('Customer: 配送について');
    expect(textOf($(el, 'a'))).toBe('Open link (opens in a new tab)');
  });

  it('renders nothing without a chat', async () => {
    const el = document.createElement('biztel-chat-transcript');
    document.body.append(el);
    await el.updateComplete;

    expect(textOf(el.shadowRoot)).toBe('');
  });

  it('fires no event, even when expanded and collapsed', async () => {
    const el = await mount(chatHistory());

    toggle(el).click();
    el.chat = { status: 'error', error: 'fetch' };
    await el.updateComplete;

    expect(recorder.events).toEqual([]);
  });

  describe('accessibility (axe)', () => {
    it('is clean with messages and a link', async () => {
      const el = await mount(chatHistory());

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with an error, collapsed', async () => {
      const el = await mount({ status: 'error', error: 'connect' });
      toggle(el).click();
      await el.updateComplete;

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});

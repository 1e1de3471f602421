/** c-biztel-live-call: the chatbot transcript of the call (seed 004): order, links, limits and hostile content. */
import { NOW, RINGING, TALKING, byId, mount, send, text } from './liveCallFixture';

/** A chatbot transcript as the panel publishes it (seed 004), deliberately not in time order. */
const TRANSCRIPT = Object.freeze({
    status: 'ok',
    messages: [
        { from: 'bot', kind: 'text', text: 'ご用件を入力してください。', at: NOW - 50_000 },
        { from: 'customer', kind: 'text', text: 'こんにちは', at: NOW - 60_000 },
        { from: 'customer', kind: 'text', text: '請求書の件です', at: NOW - 40_000 },
        { from: 'bot', kind: 'url', text: 'よくある質問', url: 'https://example.com/faq?q=請求', at: NOW - 30_000 },
        { from: 'customer', kind: 'upload', text: 'invoice.pdf', url: 'https://files.example.com/u/1', at: NOW - 20_000 },
    ],
});

const chatItems = (element) => [...element.shadowRoot.querySelectorAll('[data-id="chat-message"]')];
const chatLinks = (element) => [...element.shadowRoot.querySelectorAll('[data-id="chat-link"]')];
/** What a sighted user reads in a chat bubble (the assistive "お客様: " prefix left out). */
const bubbleText = (item) =>
    [...item.querySelectorAll('[data-id="chat-text"], [data-id="chat-caption"], [data-id="chat-link-text"]')]
        .map((node) => node.textContent)
        .join(' ')
        .trim();

describe('c-biztel-live-call chat transcript', () => {
    beforeEach(() => {
        jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick'] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('shows no transcript for a call without chat', async () => {
        const element = mount();

        await send(TALKING);

        expect(byId(element, 'chat')).toBeNull();
    });

    it('shows the transcript oldest first, customer on the left and the bot on the right, with the call', async () => {
        const element = mount();

        await send({ ...TALKING, chat: TRANSCRIPT });

        expect(text(element, 'state')).toBe('通話中');
        expect(text(element, 'number')).toBe('0312345678');
        expect(text(element, 'business')).toBe('サポート窓口');
        expect(text(element, 'timer')).toBe('00:00');
        expect(byId(element, 'chat').querySelector('h3').textContent).toBe('チャット履歴');
        const items = chatItems(element);
        expect(items.map((item) => [item.dataset.from, bubbleText(item)])).toEqual([
            ['customer', 'こんにちは'],
            ['bot', 'ご用件を入力してください。'],
            ['customer', '請求書の件です'],
            ['bot', 'よくある質問 リンクを開く'],
            ['customer', 'invoice.pdf リンクを開く'],
        ]);
        items.forEach((item) => {
            const left = item.dataset.from === 'customer';
            expect(item.classList.contains('slds-chat-listitem_inbound')).toBe(left);
            expect(item.classList.contains('slds-chat-listitem_outbound')).toBe(!left);
        });
        expect(items[0].querySelector('.slds-assistive-text').textContent).toBe('お客様: ');
        expect(items[1].querySelector('.slds-assistive-text').textContent).toBe('チャットボット: ');
    });

    it('keeps messages with the same time in the order they were sent', async () => {
        const element = mount();

        await send({
            ...RINGING,
            chat: {
                status: 'ok',
                messages: ['1', '2', '3'].map((t, i) => ({ from: i === 1 ? 'bot' : 'customer', kind: 'text', text: t, at: NOW })),
            },
        });

        expect(chatItems(element).map(bubbleText)).toEqual(['1', '2', '3']);
    });

    it('opens url and upload messages in a new tab with noopener noreferrer', async () => {
        const element = mount();

        await send({ ...RINGING, chat: TRANSCRIPT });

        const links = chatLinks(element);
        expect(links.map((a) => a.getAttribute('href'))).toEqual([new URL('https://example.com/faq?q=請求').href, 'https://files.example.com/u/1']);
        links.forEach((a) => {
            expect(a.getAttribute('target')).toBe('_blank');
            expect(a.getAttribute('rel')).toBe('noopener noreferrer');
            expect(a.textContent).toBe('リンクを開く(新しいタブで開きます)');
        });
    });

    it('shows a link-only message as just 「リンクを開く」', async () => {
        const element = mount();

        await send({
            ...RINGING,
            chat: { status: 'ok', messages: [{ from: 'bot', kind: 'url', text: 'http://example.com/', url: 'http://example.com/', at: NOW }] },
        });

        expect(chatItems(element).map(bubbleText)).toEqual(['リンクを開く']);
        expect(chatLinks(element)[0].getAttribute('href')).toBe('http://example.com/');
    });

    it.each([
        ['javascript:', 'javascript:alert(document.cookie)'],
        ['JavaScript: with spaces', ' JavaScript:alert(1)'],
        ['data:', 'data:text/html,<script>alert(1)</script>'],
        ['vbscript:', 'vbscript:msgbox(1)'],
        ['a relative path', '/files/invoice.pdf'],
        ['protocol-relative', '//evil.example.com/x'],
        ['a backslash form', 'https:\\\\evil.example.com'],
        ['credentials', 'https://user:pass@evil.example.com/'],
        ['a user name', 'https://support.example.com@evil.example.com/'],
        ['an embedded newline', 'https://example.com/\nx'],
        ['ftp:', 'ftp://files.example.com/invoice.pdf'],
        ['garbage', 'https://'],
    ])('renders a %s URL as plain text, not a link', async (_name, url) => {
        const element = mount();

        await send({
            ...RINGING,
            chat: {
                status: 'ok',
                messages: [
                    { from: 'customer', kind: 'upload', text: '', url, at: NOW },
                    { from: 'bot', kind: 'url', text: 'こちら', url, at: NOW + 1 },
                ],
            },
        });

        expect(chatLinks(element)).toEqual([]);
        expect(element.shadowRoot.querySelector('a')).toBeNull();
        expect(chatItems(element).map(bubbleText)).toEqual([url.trim(), 'こちら']);
        expect(element.shadowRoot.querySelector('script')).toBeNull();
    });

    it('never links a text message, even if it looks like a URL', async () => {
        const element = mount();

        await send({
            ...RINGING,
            chat: { status: 'ok', messages: [{ from: 'customer', kind: 'text', text: 'https://example.com/', url: 'https://example.com/', at: NOW }] },
        });

        expect(chatLinks(element)).toEqual([]);
        expect(chatItems(element).map(bubbleText)).toEqual(['https://example.com/']);
    });

    it('renders chat text as text, never as markup', async () => {
        const element = mount();
        const markup = '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>';

        await send({
            ...RINGING,
            chat: {
                status: 'ok',
                messages: [
                    { from: 'customer', kind: 'text', text: markup, at: NOW },
                    { from: 'bot', kind: 'url', text: markup, url: 'https://example.com/', at: NOW + 1 },
                ],
            },
        });

        expect(chatItems(element).map(bubbleText)).toEqual([markup, `${markup} リンクを開く`]);
        expect(element.shadowRoot.querySelector('img')).toBeNull();
        expect(chatLinks(element)).toHaveLength(1);
        expect(element.shadowRoot.querySelectorAll('a')).toHaveLength(1);
    });

    it.each([
        ['connect', 'チャット接続に失敗しました'],
        ['fetch', 'チャットを取得できませんでした'],
        ['server', 'サーバ接続に失敗しました'],
    ])('shows the %s error as 「%s」 with the call', async (error, message) => {
        const element = mount();

        await send({ ...RINGING, chat: { status: 'error', error } });

        expect(text(element, 'chat-error')).toBe(message);
        expect(chatItems(element)).toEqual([]);
        expect(text(element, 'state')).toBe('着信中');
        expect(text(element, 'number')).toBe('0312345678');
    });

    it('says so when the transcript is empty', async () => {
        const element = mount();

        await send({ ...RINGING, chat: { status: 'ok', messages: [] } });

        expect(text(element, 'chat-empty')).toBe('チャット履歴はありません。');
        expect(chatItems(element)).toEqual([]);
    });

    const message = (patch) => ({ from: 'customer', kind: 'text', text: 'こんにちは', at: NOW, ...patch });
    const throwingChat = {
        status: 'ok',
        get messages() {
            throw new Error('boom');
        },
    };
    const withThrowingChat = {
        ...RINGING,
        get chat() {
            throw new Error('boom');
        },
    };

    it.each([
        ['a string', 'hello'],
        ['an array', [message({})]],
        ['no status', { messages: [message({})] }],
        ['an unknown status', { status: 'pending', messages: [] }],
        ['no messages', { status: 'ok' }],
        ['messages not an array', { status: 'ok', messages: { 0: message({}) } }],
        ['51 messages', { status: 'ok', messages: Array.from({ length: 51 }, (_, i) => message({ at: NOW + i })) }],
        ['a null message', { status: 'ok', messages: [message({}), null] }],
        ['an unknown sender', { status: 'ok', messages: [message({ from: 'agent' })] }],
        ['an unknown kind', { status: 'ok', messages: [message({ kind: 'html' })] }],
        ['text over 1000 characters', { status: 'ok', messages: [message({ text: 'あ'.repeat(1001) })] }],
        ['text not a string', { status: 'ok', messages: [message({ text: { html: '<b>x</b>' } })] }],
        ['no text', { status: 'ok', messages: [message({ text: undefined })] }],
        ['a url over 2000 characters', { status: 'ok', messages: [message({ kind: 'url', url: `https://example.com/${'a'.repeat(1981)}` })] }],
        ['a url not a string', { status: 'ok', messages: [message({ kind: 'url', url: 42 })] }],
        ['no time', { status: 'ok', messages: [message({ at: undefined })] }],
        ['a time as a string', { status: 'ok', messages: [message({ at: '10:00' })] }],
        ['an unknown error', { status: 'error', error: 'timeout' }],
        ['an error without a code', { status: 'error' }],
        ['a throwing getter', throwingChat],
    ])('ignores a chat with %s but still shows the call', async (_name, chat) => {
        const element = mount();

        await send({ ...RINGING, chat });

        expect(byId(element, 'chat')).toBeNull();
        expect(text(element, 'state')).toBe('着信中');
        expect(text(element, 'number')).toBe('0312345678');
        expect(text(element, 'business')).toBe('サポート窓口');
    });

    it('ignores a chat whose getter throws but still shows the call', async () => {
        const element = mount();

        await send(withThrowingChat);

        expect(byId(element, 'chat')).toBeNull();
        expect(text(element, 'state')).toBe('着信中');
    });

    it('accepts the limits: 50 messages, 1000-character text and a 2000-character URL', async () => {
        const element = mount();
        const url = `https://example.com/${'a'.repeat(1980)}`;
        const messages = Array.from({ length: 50 }, (_, i) => message({ text: `${i}`, at: NOW + i }));
        messages[0] = message({ text: 'あ'.repeat(1000), at: NOW });
        messages[49] = message({ kind: 'upload', text: '', url, at: NOW + 49 });

        await send({ ...RINGING, chat: { status: 'ok', messages } });

        expect(url).toHaveLength(2000);
        const items = chatItems(element);
        expect(items).toHaveLength(50);
        expect(bubbleText(items[0])).toBe('あ'.repeat(1000));
        expect(chatLinks(element).map((a) => a.getAttribute('href'))).toEqual([url]);
    });

    it('follows the latest message: replaces, then drops the transcript', async () => {
        const element = mount();
        await send({ ...RINGING, chat: TRANSCRIPT });
        expect(chatItems(element)).toHaveLength(5);

        await send({ ...TALKING, chat: { status: 'error', error: 'fetch' } });
        expect(chatItems(element)).toEqual([]);
        expect(text(element, 'chat-error')).toBe('チャットを取得できませんでした');

        await send(TALKING);
        expect(byId(element, 'chat')).toBeNull();

        await send({ ...TALKING, chat: TRANSCRIPT });
        await send({ v: 1, state: 'idle', chat: TRANSCRIPT });
        expect(byId(element, 'chat')).toBeNull();
        expect(text(element, 'idle')).toBe('通話はありません');
    });

    it('still ignores the whole message when a call field is malformed, whatever the chat', async () => {
        const element = mount();
        await send({ ...RINGING, chat: TRANSCRIPT });

        await send({ ...RINGING, number: 42, chat: { status: 'error', error: 'connect' } });

        expect(chatItems(element)).toHaveLength(5);
        expect(byId(element, 'chat-error')).toBeNull();
    });
});

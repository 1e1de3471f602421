import { createElement } from 'lwc';
import BiztelLiveCall from 'c/biztelLiveCall';
import {
    APPLICATION_SCOPE,
    publish,
    subscribe,
    subscriberCount,
    unsubscribe,
} from 'lightning/messageService';
import { getRecord } from 'lightning/uiRecordApi';
import BIZTEL_CALL_STATE from '@salesforce/messageChannel/BiztelCallState__c';
import BIZTEL_DIAL_REQUEST from '@salesforce/messageChannel/BiztelDialRequest__c';

const NOW = new Date('2025-04-01T10:00:00+09:00').getTime();

/** Realistic payloads as the softphone panel publishes them. */
const RINGING = Object.freeze({
    v: 1,
    state: 'ringing',
    direction: 'inbound',
    number: '0312345678',
    callId: 'c-20250401-0001',
    businessLabel: 'サポート窓口',
});
const TALKING = Object.freeze({ ...RINGING, state: 'talking', answeredAt: NOW });

/** LWC re-renders in a microtask; wait for it. */
const flush = () => Promise.resolve();

function mount(recordId) {
    const element = createElement('c-biztel-live-call', { is: BiztelLiveCall });
    if (recordId !== undefined) {
        element.recordId = recordId;
    }
    document.body.appendChild(element);
    return element;
}

async function send(message) {
    publish(null, BIZTEL_CALL_STATE, message);
    await flush();
}

const byId = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const text = (element, id) => byId(element, id)?.textContent ?? null;
/** Everything a user can read in the component, whitespace-normalised. */
const visibleText = (element) => element.shadowRoot.textContent.replace(/\s+/g, ' ').trim();

describe('c-biztel-live-call', () => {
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

    it('shows "no call" before any message arrives', () => {
        const element = mount();

        expect(text(element, 'idle')).toBe('通話はありません');
        expect(byId(element, 'state')).toBeNull();
    });

    it('subscribes to BiztelCallState__c in application scope when connected', () => {
        mount();

        expect(subscribe).toHaveBeenCalledTimes(1);
        expect(subscribe).toHaveBeenCalledWith(undefined, BIZTEL_CALL_STATE, expect.any(Function), {
            scope: APPLICATION_SCOPE,
        });
        expect(subscriberCount(BIZTEL_CALL_STATE)).toBe(1);
    });

    it('shows 着信中, the caller number and the business for a ringing call', async () => {
        const element = mount();

        await send(RINGING);

        expect(text(element, 'state')).toBe('着信中');
        expect(text(element, 'number')).toBe('0312345678');
        expect(text(element, 'business')).toBe('サポート窓口');
        expect(byId(element, 'idle')).toBeNull();
        expect(byId(element, 'timer')).toBeNull();
    });

    it.each([
        ['dialing', '発信中'],
        ['talking', '通話中'],
        ['held', '保留中'],
        ['parking', 'パーク中'],
    ])('labels state %s as %s', async (state, label) => {
        const element = mount();

        await send({ v: 1, state, number: '09011112222' });

        expect(text(element, 'state')).toBe(label);
        expect(text(element, 'number')).toBe('09011112222');
    });

    it('leaves the business line out when the message has none', async () => {
        const element = mount();

        await send({ v: 1, state: 'ringing', number: '0312345678' });

        expect(byId(element, 'business')).toBeNull();
    });

    it.each([['anonymous'], ['Anonymous'], [''], [undefined]])('shows 非通知 for number %p', async (number) => {
        const element = mount();

        await send({ v: 1, state: 'ringing', number });

        expect(text(element, 'number')).toBe('非通知');
    });

    it('runs a call timer from answeredAt while talking', async () => {
        const element = mount();

        await send(TALKING);
        expect(text(element, 'timer')).toBe('00:00');

        jest.advanceTimersByTime(5000);
        await flush();
        expect(text(element, 'timer')).toBe('00:05');

        jest.advanceTimersByTime(60_000);
        await flush();
        expect(text(element, 'timer')).toBe('01:05');
    });

    it('counts from answeredAt, not from when the message arrived, and keeps counting on hold', async () => {
        const element = mount();

        await send({ ...TALKING, answeredAt: NOW - 42_000 });
        expect(text(element, 'timer')).toBe('00:42');

        await send({ ...TALKING, state: 'held', answeredAt: NOW - 42_000 });
        jest.advanceTimersByTime(3000);
        await flush();
        expect(text(element, 'state')).toBe('保留中');
        expect(text(element, 'timer')).toBe('00:45');
    });

    it('switches to hh:mm:ss once the call passes an hour', async () => {
        const element = mount();

        await send({ ...TALKING, answeredAt: NOW - (3600 + 62) * 1000 });

        expect(text(element, 'timer')).toBe('01:01:02');
    });

    it('returns to "no call" and stops ticking when the call ends', async () => {
        const element = mount();
        await send(TALKING);
        expect(jest.getTimerCount()).toBe(1);

        await send({ v: 1, state: 'idle' });

        expect(text(element, 'idle')).toBe('通話はありません');
        expect(byId(element, 'timer')).toBeNull();
        expect(jest.getTimerCount()).toBe(0);
    });

    it('uses a single interval however many talking updates arrive', async () => {
        mount();

        await send(TALKING);
        await send({ ...TALKING, state: 'held' });
        await send(TALKING);

        expect(jest.getTimerCount()).toBe(1);
    });

    const throwingGetter = {
        v: 1,
        get state() {
            throw new Error('boom');
        },
    };

    it.each([
        ['null', null],
        ['a string', 'ringing'],
        ['an array', [1, 'ringing']],
        ['no version', { state: 'idle' }],
        ['another version', { v: 2, state: 'idle' }],
        ['version as a string', { v: '1', state: 'idle' }],
        ['an unknown state', { v: 1, state: 'ended' }],
        ['a numeric state', { v: 1, state: 3 }],
        ['a numeric phone number', { v: 1, state: 'dialing', number: 5551234 }],
        ['a phone number over 64 characters', { v: 1, state: 'dialing', number: '0'.repeat(65) }],
        ['an unknown direction', { v: 1, state: 'dialing', direction: 'sideways', number: '0311112222' }],
        ['answeredAt as a string', { v: 1, state: 'talking', answeredAt: 'yesterday' }],
        ['answeredAt not finite', { v: 1, state: 'talking', answeredAt: Infinity }],
        ['a non-string business label', { v: 1, state: 'talking', businessLabel: { text: 'x' } }],
        ['a non-string callId', { v: 1, state: 'talking', callId: 42 }],
        ['a throwing getter', throwingGetter],
    ])('ignores a message with %s and keeps showing the previous call', async (_name, message) => {
        const element = mount();
        await send(RINGING);
        const before = visibleText(element);

        await expect(send(message)).resolves.toBeUndefined();

        expect(visibleText(element)).toBe(before);
        expect(text(element, 'state')).toBe('着信中');
        expect(text(element, 'number')).toBe('0312345678');
    });

    it('ignores a malformed message before any call and keeps showing "no call"', async () => {
        const element = mount();

        await send({ v: 1, state: 'ringing', number: 'x'.repeat(65) });

        expect(text(element, 'idle')).toBe('通話はありません');
    });

    it('accepts a 64-character number (the limit)', async () => {
        const element = mount();
        const longest = '1'.repeat(64);

        await send({ v: 1, state: 'ringing', number: longest });

        expect(text(element, 'number')).toBe(longest);
    });

    it('renders the number as text, never as markup', async () => {
        const element = mount();

        await send({ v: 1, state: 'ringing', number: '<img src=x onerror=alert(1)>' });

        expect(text(element, 'number')).toBe('<img src=x onerror=alert(1)>');
        expect(element.shadowRoot.querySelector('img')).toBeNull();
    });

    it('unsubscribes and stops its timer when removed from the page', async () => {
        const element = mount();
        await send(TALKING);
        const subscription = subscribe.mock.results[0].value;
        const listener = jest.spyOn(subscription, 'listener');

        document.body.removeChild(element);

        expect(unsubscribe).toHaveBeenCalledTimes(1);
        expect(unsubscribe).toHaveBeenCalledWith(subscription);
        expect(subscriberCount(BIZTEL_CALL_STATE)).toBe(0);
        expect(jest.getTimerCount()).toBe(0);
        publish(null, BIZTEL_CALL_STATE, RINGING);
        expect(listener).not.toHaveBeenCalled();
    });
});

const CONTACT_ID = '003000000000001AAA';

/** A getRecord result as LDS delivers it: only the optional fields the object has. */
const contact = (fields) => ({
    apiName: 'Contact',
    id: CONTACT_ID,
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, { value, displayValue: null }])),
});

const dialButtons = (element) => [...element.shadowRoot.querySelectorAll('[data-id="dial"] button')];
/** What the component asked the panel to dial (publishes on the other channels excluded). */
const dialRequests = () =>
    publish.mock.calls.filter(([, channel]) => channel === BIZTEL_DIAL_REQUEST).map(([, , message]) => message);

async function emitRecord(record) {
    getRecord.emit(record);
    await flush();
}

describe('c-biztel-live-call dial buttons', () => {
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

    it('asks getRecord for the record with the standard phone and name fields as optional fields', async () => {
        mount(CONTACT_ID);
        await flush();

        const config = getRecord.getLastConfig();
        expect(config.recordId).toBe(CONTACT_ID);
        expect(config.fields).toBeUndefined();
        expect(config.optionalFields).toEqual(
            expect.arrayContaining([
                'Contact.Phone',
                'Contact.MobilePhone',
                'Contact.Name',
                'Account.Phone',
                'Account.Name',
                'Lead.Phone',
                'Lead.MobilePhone',
                'Lead.Name',
                'Case.ContactPhone',
            ]),
        );
    });

    it('shows one 「… に発信」 button per phone field of the record', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678', MobilePhone: '090-1111-2222' }));

        const buttons = dialButtons(element);
        expect(buttons.map((b) => b.textContent.trim())).toEqual(['03-1234-5678 に発信', '090-1111-2222 に発信']);
        buttons.forEach((b) => expect(b.disabled).toBe(false));
        expect(byId(element, 'dial-unavailable')).toBeNull();
    });

    it.each([
        ['Account', { Name: '株式会社ビズテル', Phone: '03-5555-0000' }, ['03-5555-0000']],
        ['Lead', { Name: '佐藤 花子', Phone: '0312345678', MobilePhone: '+81 90-1234-5678' }, ['0312345678', '+81 90-1234-5678']],
        ['Case', { CaseNumber: '00001026', ContactPhone: '(03) 1234-5678' }, ['(03) 1234-5678']],
    ])('shows the phone buttons of a %s', async (apiName, values, numbers) => {
        const element = mount('001000000000001');

        await emitRecord({ ...contact(values), apiName });

        expect(dialButtons(element).map((b) => b.dataset.number)).toEqual(numbers);
    });

    it('publishes exactly { v, number, recordId, recordName } on BiztelDialRequest__c in application scope when clicked', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678', MobilePhone: '090-1111-2222' }));

        dialButtons(element)[1].click();

        expect(publish).toHaveBeenCalledTimes(1);
        expect(publish).toHaveBeenCalledWith(undefined, BIZTEL_DIAL_REQUEST, {
            v: 1,
            number: '090-1111-2222',
            recordId: CONTACT_ID,
            recordName: '山田 太郎',
        });
        expect(Object.keys(dialRequests()[0]).sort()).toEqual(['number', 'recordId', 'recordName', 'v']);
        expect(BIZTEL_DIAL_REQUEST).toBe('BiztelDialRequest__c');
    });

    it('leaves recordName out when the record has no name', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));

        dialButtons(element)[0].click();

        expect(dialRequests()).toEqual([{ v: 1, number: '03-1234-5678', recordId: CONTACT_ID }]);
    });

    it('disables the buttons with 「通話中は発信できません」 while a call is live, and enables them when idle', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Name: '山田 太郎', Phone: '03-1234-5678' }));

        for (const state of ['ringing', 'dialing', 'talking', 'held', 'parking']) {
            // eslint-disable-next-line no-await-in-loop
            await send({ v: 1, state, number: '0312345678' });
            expect(dialButtons(element).map((b) => b.disabled)).toEqual([true]);
            expect(text(element, 'dial-unavailable').trim()).toBe('通話中は発信できません');
        }

        dialButtons(element)[0].click();
        expect(dialRequests()).toEqual([]);

        await send({ v: 1, state: 'idle' });

        expect(dialButtons(element).map((b) => b.disabled)).toEqual([false]);
        expect(byId(element, 'dial-unavailable')).toBeNull();
        dialButtons(element)[0].click();
        expect(dialRequests()).toHaveLength(1);
    });

    it('links the disabled buttons to the explanation for assistive technology', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));
        await send({ v: 1, state: 'talking', number: '0312345678', answeredAt: NOW });

        const [button] = dialButtons(element);
        const note = byId(element, 'dial-unavailable');
        expect(note.id).not.toBe('');
        expect(button.getAttribute('aria-describedby')).toBe(note.id);
    });

    it('shows no buttons when the record has no phone', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '山田 太郎', Phone: null, MobilePhone: '' }));

        expect(dialButtons(element)).toEqual([]);
        expect(byId(element, 'dial')).toBeNull();
    });

    it('shows no buttons for an object without standard phone fields', async () => {
        const element = mount('a01000000000001AAA');

        await emitRecord({ apiName: 'Opportunity', id: 'a01000000000001AAA', fields: { Phone: { value: '0312345678' } } });

        expect(byId(element, 'dial')).toBeNull();
    });

    it('shows no buttons outside a record page', async () => {
        const element = mount();
        await flush();

        expect(byId(element, 'dial')).toBeNull();
        expect(text(element, 'idle')).toBe('通話はありません');
    });

    it('shows no buttons and keeps working when getRecord fails', async () => {
        const element = mount(CONTACT_ID);
        await emitRecord(contact({ Phone: '03-1234-5678' }));
        expect(dialButtons(element)).toHaveLength(1);

        getRecord.error({ message: 'You do not have access to this record' }, 403, 'Forbidden');
        await flush();

        expect(byId(element, 'dial')).toBeNull();
        await send(RINGING);
        expect(text(element, 'state')).toBe('着信中');
    });

    it('does not offer a value the panel could not dial, and offers a shared number once', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Phone: '03-1234-5678 内線12', MobilePhone: '03-1234-5678 内線12' }));
        expect(byId(element, 'dial')).toBeNull();

        await emitRecord(contact({ Phone: '０３－１２３４－５６７８', MobilePhone: '03-1234-5678' }));
        expect(dialButtons(element).map((b) => b.textContent.trim())).toEqual(['03-1234-5678 に発信']);
    });

    it('renders the phone value as text, never as markup', async () => {
        const element = mount(CONTACT_ID);

        await emitRecord(contact({ Name: '<img src=x onerror=alert(1)>', Phone: '03-1234-5678' }));

        expect(element.shadowRoot.querySelector('img')).toBeNull();
        dialButtons(element)[0].click();
        expect(dialRequests()[0].recordName).toBe('<img src=x onerror=alert(1)>');
    });
});

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
        expect(links.map((a) => a.getAttribute('href'))).toEqual([
            new URL('https://example.com/faq?q=請求').href,
            'https://files.example.com/u/1',
        ]);
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

/** c-biztel-live-call: the live call state it shows (state, number, business, timer), its subscription, and malformed messages. */
import { APPLICATION_SCOPE, publish, subscribe, subscriberCount, unsubscribe } from 'lightning/messageService';
import BIZTEL_CALL_STATE from '@salesforce/messageChannel/BiztelCallState__c';
import BIZTEL_DIAL_REQUEST from '@salesforce/messageChannel/BiztelDialRequest__c';
import { NOW, RINGING, TALKING, byId, flush, mount, send, text, visibleText } from './liveCallFixture';

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

    it('asks the panel for the live call when it opens, so a record page opened mid-call shows it at once', async () => {
        mount();

        expect(publish).toHaveBeenCalledWith(undefined, BIZTEL_DIAL_REQUEST, { v: 1, request: 'callState' });
    });

    it('counts the call time on the panel’s server clock (its clock offset), as the panel does', async () => {
        const element = mount();

        // Answered 10 s ago on the server, whose clock runs 7 s ahead of this machine's.
        await send({ ...TALKING, answeredAt: NOW - 3_000, clockOffsetMs: 7_000 });

        expect(text(element, 'timer')).toBe('00:10');
    });

    it.each([
        ['a string', '7000'],
        ['over a day', 90_000_000],
        ['not finite', Infinity],
    ])('ignores a message whose clock offset is %s', async (_what, clockOffsetMs) => {
        const element = mount();

        await send({ ...TALKING, clockOffsetMs });

        expect(text(element, 'idle')).toBe('通話はありません');
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

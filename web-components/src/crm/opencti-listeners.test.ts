/** Click-to-dial and navigation through the host: the fan-out (`opencti-listeners.ts`), payload validation, enabling the links, the current view. */
import { describe, expect, it, jest } from '@jest/globals';
import { createOpenCtiHost } from './opencti-host.js';
import { ACCOUNT, CONTACT, containerNotReady, fail, goodSettings, hostErrorOf, noSleep, ok, scriptedOpenCti } from './test-helpers.js';
import type { OpenCtiApi } from '@biztel/opencti';

describe('createOpenCtiHost: click-to-dial', () => {
  it('registers one library listener however many subscribe, and fans out to each', () => {
    const { opencti, registered, fire } = scriptedOpenCti({});
    const host = createOpenCtiHost({ sforce: { opencti } }, noSleep);
    const first = jest.fn();
    const second = jest.fn();

    host.onClickToDial(first);
    host.onClickToDial(second);
    fire('onClickToDial', { number: '03-1234-5678', recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' });

    expect(registered['onClickToDial']).toHaveLength(1);
    const request = { number: '03-1234-5678', recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' };
    expect(first).toHaveBeenCalledWith(request);
    expect(second).toHaveBeenCalledWith(request);
  });

  it('shares the one library listener between hosts made over the same page', () => {
    const { opencti, registered, fire } = scriptedOpenCti({});
    const listener = jest.fn();

    createOpenCtiHost({ sforce: { opencti } }, noSleep).onClickToDial(listener);
    createOpenCtiHost({ sforce: { opencti } }, noSleep).onClickToDial(listener);
    fire('onClickToDial', { number: '0312345678' });

    expect(registered['onClickToDial']).toHaveLength(1);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('unsubscribe removes only that subscriber', () => {
    const { opencti, fire } = scriptedOpenCti({});
    const host = createOpenCtiHost({ sforce: { opencti } }, noSleep);
    const stays = jest.fn();
    const leaves = jest.fn();
    host.onClickToDial(stays);
    const unsubscribe = host.onClickToDial(leaves);

    unsubscribe();
    unsubscribe(); // twice is harmless
    fire('onClickToDial', { number: '0312345678' });

    expect(stays).toHaveBeenCalledTimes(1);
    expect(leaves).not.toHaveBeenCalled();
  });

  it('subscribing the same function twice makes two independent subscriptions', () => {
    const { opencti, fire } = scriptedOpenCti({});
    const host = createOpenCtiHost({ sforce: { opencti } }, noSleep);
    const listener = jest.fn();
    const unsubscribeFirst = host.onClickToDial(listener);
    host.onClickToDial(listener);

    unsubscribeFirst();
    fire('onClickToDial', { number: '0312345678' });

    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('a subscriber that throws does not keep the others from hearing, and the error is reported', () => {
    const { opencti, fire } = scriptedOpenCti({});
    const reportError = jest.fn();
    const host = createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, reportError });
    const boom = new Error('listener bug');
    const after = jest.fn();
    host.onClickToDial(() => {
      throw boom;
    });
    host.onClickToDial(after);

    fire('onClickToDial', { number: '0312345678' });

    expect(after).toHaveBeenCalledTimes(1);
    expect(reportError).toHaveBeenCalledWith(boom);
  });

  it.each<[string, unknown, object]>([
    ['a numeric number (as the doc types it)', { number: 312345678 }, { number: '312345678' }],
    ['spaces around the number', { number: '  090-1234-5678 ' }, { number: '090-1234-5678' }],
    ['parentheses and +', { number: '+81 (3) 1234-5678' }, { number: '+81 (3) 1234-5678' }],
    ['full-width forms', { number: '０３－１２３４－５６７８' }, { number: '０３－１２３４－５６７８' }],
    ['an invalid record id (dropped, the number still dials)', { number: '0312345678', recordId: 'javascript:alert(1)' }, { number: '0312345678' }],
    ['a record id with a wrong checksum', { number: '0312345678', recordId: '003xx000004TmiQAAA' }, { number: '0312345678' }],
    ['a 15-character record id', { number: '0312345678', recordId: '001D000000IqhSL' }, { number: '0312345678', recordId: '001D000000IqhSL' }],
    ['an object type that is not an API name', { number: '0312345678', objectType: 'Contact<script>' }, { number: '0312345678' }],
    ['a record name that is not a string', { number: '0312345678', recordName: { first: 'x' } }, { number: '0312345678' }],
    ['an overlong record name (cut to 255)', { number: '0312345678', recordName: 'あ'.repeat(300) }, { number: '0312345678', recordName: 'あ'.repeat(255) }],
    [
      'person-account extras and params (ignored)',
      { number: '0312345678', recordId: ACCOUNT, personAccount: true, contactId: CONTACT, params: 'a,b' },
      { number: '0312345678', recordId: ACCOUNT },
    ],
  ])('accepts %s', (_what, payload, request) => {
    const { opencti, fire } = scriptedOpenCti({});
    const listener = jest.fn();
    createOpenCtiHost({ sforce: { opencti } }, noSleep).onClickToDial(listener);

    fire('onClickToDial', payload);

    expect(listener).toHaveBeenCalledWith(request);
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a string', '0312345678'],
    ['an array', ['0312345678']],
    ['no number', { recordId: CONTACT }],
    ['an empty number', { number: '' }],
    ['a blank number', { number: '   ' }],
    ['NaN', { number: Number.NaN }],
    ['Infinity', { number: Number.POSITIVE_INFINITY }],
    ['letters', { number: 'call me' }],
    ['markup', { number: '<img src=x onerror=alert(1)>' }],
    ['a sip URI', { number: 'sip:0312345678@example.com' }],
    ['separators only', { number: '--- ()' }],
    ['41 characters', { number: '0'.repeat(41) }],
    ['an object as number', { number: { toString: () => '0312345678' } }],
  ])('drops %s without calling the listener', (_what, payload) => {
    const { opencti, fire } = scriptedOpenCti({});
    const listener = jest.fn();
    createOpenCtiHost({ sforce: { opencti } }, noSleep).onClickToDial(listener);

    expect(() => fire('onClickToDial', payload)).not.toThrow();
    expect(listener).not.toHaveBeenCalled();
  });

  it('waits for the library when subscribed before it loaded, and registers at start()', async () => {
    const win: { sforce?: { opencti?: OpenCtiApi } } = {};
    const host = createOpenCtiHost(win, noSleep);
    const listener = jest.fn();
    host.onClickToDial(listener);
    const { opencti, registered, fire } = scriptedOpenCti({ getCallCenterSettings: [ok(goodSettings)] });
    win.sforce = { opencti };

    await host.start();
    fire('onClickToDial', { number: '0312345678' });

    expect(registered['onClickToDial']).toHaveLength(1);
    expect(listener).toHaveBeenCalledWith({ number: '0312345678' });
  });

  it('a subscriber that left before start() is not registered', async () => {
    const win: { sforce?: { opencti?: OpenCtiApi } } = {};
    const host = createOpenCtiHost(win, noSleep);
    const listener = jest.fn();
    host.onClickToDial(listener)();
    const { opencti, registered } = scriptedOpenCti({ getCallCenterSettings: [ok(goodSettings)] });
    win.sforce = { opencti };

    await host.start();

    expect(registered['onClickToDial']).toHaveLength(0);
  });

  it.each([
    [true, 'enableClickToDial'],
    [false, 'disableClickToDial'],
  ])('setClickToDial(%s) calls %s', async (enabled, method) => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).setClickToDial(enabled);

    expect(calls).toEqual([{ method, arg: {} }]);
  });

  it('setClickToDial retries while the softphone container is not ready', async () => {
    const { opencti, calls } = scriptedOpenCti({ enableClickToDial: [containerNotReady, containerNotReady, ok()] });

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).setClickToDial(true);

    expect(calls).toHaveLength(3);
  });

  it('setClickToDial rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ disableClickToDial: [fail({ code: 'GENERIC_ERROR', description: 'nope' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).setClickToDial(false));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'GENERIC_ERROR', description: 'nope' }] });
  });
});

describe('createOpenCtiHost: navigation', () => {
  it.each<[string, unknown, object | null]>([
    [
      'a record',
      { url: `/lightning/r/Contact/${CONTACT}/view`, recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' },
      { recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' },
    ],
    [
      'a person account',
      { url: '/x', recordId: ACCOUNT, recordName: '鈴木', objectType: 'Account', personAccount: true, contactId: CONTACT },
      { recordId: ACCOUNT, recordName: '鈴木', objectType: 'Account' },
    ],
    ['a record without name or type', { recordId: CONTACT }, { recordId: CONTACT }],
    ['a list view in a standard app (url only)', { url: '/lightning/o/Contact/list' }, null],
    ['a console list view (nothing)', undefined, null],
    ['an empty object', {}, null],
    ['a corrupted record id', { recordId: '003xx000004TmiQAAB', recordName: 'x' }, null],
    ['a record id that is a URL', { recordId: 'https://evil.example/003xx000004TmiQAAS' }, null],
    ['a numeric record id', { recordId: 123456789012345 }, null],
    ['junk', 'nonsense', null],
  ])('delivers %s', (_what, payload, view) => {
    const { opencti, fire } = scriptedOpenCti({});
    const listener = jest.fn();
    createOpenCtiHost({ sforce: { opencti } }, noSleep).onNavigation(listener);

    fire('onNavigationChange', payload);

    expect(listener).toHaveBeenCalledWith(view);
  });

  it('fans out and unsubscribes like click-to-dial, with its own library listener', () => {
    const { opencti, registered, fire } = scriptedOpenCti({});
    const host = createOpenCtiHost({ sforce: { opencti } }, noSleep);
    const stays = jest.fn();
    const leaves = jest.fn();
    const onDial = jest.fn();
    host.onNavigation(stays);
    const unsubscribe = host.onNavigation(leaves);
    host.onClickToDial(onDial);

    unsubscribe();
    fire('onNavigationChange', { recordId: CONTACT });

    expect(registered['onNavigationChange']).toHaveLength(1);
    expect(stays).toHaveBeenCalledWith({ recordId: CONTACT });
    expect(leaves).not.toHaveBeenCalled();
    expect(onDial).not.toHaveBeenCalled();
  });

  it.each<[string, unknown, object | null]>([
    [
      'a record',
      { url: '/r', recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' },
      { recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' },
    ],
    ['a list view', { url: '/lightning/o/Contact/list' }, null],
    ['nothing (console list view)', null, null],
    ['a tampered id', { recordId: `${CONTACT}x` }, null],
  ])('currentView reads getAppViewInfo: %s', async (_what, returnValue, view) => {
    const { opencti, calls } = scriptedOpenCti({ getAppViewInfo: [ok(returnValue)] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).currentView()).resolves.toEqual(view);
    expect(calls).toEqual([{ method: 'getAppViewInfo', arg: {} }]);
  });

  it('currentView rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ getAppViewInfo: [fail({ code: 'SERVER_ERROR', description: 'down' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).currentView());

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'SERVER_ERROR', description: 'down' }] });
  });
});

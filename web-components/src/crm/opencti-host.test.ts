import { describe, expect, it, jest } from '@jest/globals';
import type { CallStateMessage } from '../core/call-state-message.js';
import { HostError, type HostErrorKind } from './host-port.js';
import { CALL_STATE_CHANNEL, SERVER_URL_SETTING, createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi } from '@biztel/opencti';

// ---- a scripted sforce.opencti -----------------------------------------------------------

/** What the stub answers: a response object (any shape), or 'silent' for a callback that never fires. */
type Answer = unknown;
type Script = Partial<Record<string, Answer[]>>;

const ok = (returnValue: unknown = null) => ({ success: true, returnValue, errors: null });
const fail = (...errors: unknown[]) => ({ success: false, returnValue: null, errors });
const containerNotReady = fail({
  code: 'SOFTPHONE_CONTAINER_ERROR',
  description: "Unable to execute sendPostMessage because the softphone container hasn't initialized yet",
});

const METHODS = [
  'getCallCenterSettings',
  'notifyInitializationComplete',
  'setSoftphonePanelVisibility',
  'publish',
  'getAppViewInfo',
  'enableClickToDial',
  'disableClickToDial',
  'searchAndScreenPop',
  'screenPop',
  'setSoftphoneItemLabel',
];

/** Deliberately unlike our own words, so an adapter that used literals would be caught. */
const CALL_TYPE = Object.freeze({ INBOUND: 'ct-in', OUTBOUND: 'ct-out', INTERNAL: 'ct-int' });
const SCREENPOP_TYPE = Object.freeze({
  SOBJECT: 'sp-sobject',
  URL: 'sp-url',
  OBJECTHOME: 'sp-home',
  LIST: 'sp-list',
  SEARCH: 'sp-search',
  NEW_RECORD_MODAL: 'sp-new',
  FLOW: 'sp-flow',
});

/**
 * Each method answers with the next scripted response (the last one repeats), always on a later
 * task like the real library; every call's argument (without the callback) is recorded.
 */
function scriptedOpenCti(script: Script) {
  const calls: { method: string; arg: Record<string, unknown> }[] = [];
  const registered: Record<string, ((payload: unknown) => void)[]> = { onClickToDial: [], onNavigationChange: [] };
  const api: Record<string, unknown> = { CALL_TYPE, SCREENPOP_TYPE };
  for (const method of ['onClickToDial', 'onNavigationChange']) {
    api[method] = (arg: { listener: (payload: unknown) => void }) => registered[method]!.push(arg.listener);
  }
  /** Lightning fires a container event at every registered library listener. */
  const fire = (method: 'onClickToDial' | 'onNavigationChange', payload: unknown) => {
    for (const listener of registered[method]!) listener(payload);
  };
  for (const method of METHODS) {
    api[method] = (arg: { callback?: (r: unknown) => void } & Record<string, unknown>) => {
      const { callback, ...rest } = arg;
      calls.push({ method, arg: rest });
      const queue = script[method] ?? [ok()];
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      if (answer === 'silent') return;
      setTimeout(() => callback?.(answer), 0);
    };
  }
  return { opencti: api as unknown as OpenCtiApi, calls, registered, fire };
}

const goodSettings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel', [SERVER_URL_SETTING]: 'https://events.example.com/' };
const noSleep = { sleep: async () => {} };

/** Runs `promise` and returns the HostError it rejects with (fails if it resolves or throws another error). */
async function hostErrorOf(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

// ---- start() -----------------------------------------------------------------------------

describe('createOpenCtiHost: start', () => {
  it.each<[string, { sforce?: { opencti?: OpenCtiApi } }]>([
    ['window.sforce is missing', {}],
    ['sforce.opencti is missing', { sforce: {} }],
    ['sforce.opencti lacks getCallCenterSettings', { sforce: { opencti: {} as OpenCtiApi } }],
  ])('rejects with kind "unavailable" when %s', async (_what, win) => {
    const error = await hostErrorOf(createOpenCtiHost(win, noSleep).start());

    expect(error.kind).toBe('unavailable');
  });

  it('reads the event-server URL from the call center settings (origin only)', async () => {
    const { opencti, calls } = scriptedOpenCti({ getCallCenterSettings: [ok(goodSettings)] });

    const settings = await createOpenCtiHost({ sforce: { opencti } }, noSleep).start();

    expect(settings).toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [] });
    expect(calls).toEqual([{ method: 'getCallCenterSettings', arg: {} }]);
  });

  it.each([
    ['http with a port', 'http://localhost:3000', 'http://localhost:3000'],
    ['surrounding spaces', '  https://events.example.com  ', 'https://events.example.com'],
  ])('accepts a server URL with %s', async (_what, raw, serverUrl) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ [SERVER_URL_SETTING]: raw })] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).start()).resolves.toEqual({ serverUrl, popupRules: [], invalidPopupRules: [] });
  });

  it.each<[string, Record<string, unknown>]>([
    ['the URL setting is missing', { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel' }],
    ['the URL setting is blank', { [SERVER_URL_SETTING]: '   ' }],
    ['the URL setting is not a string', { [SERVER_URL_SETTING]: 42 }],
    ['the URL is ftp', { [SERVER_URL_SETTING]: 'ftp://x' }],
    ['the URL is javascript:', { [SERVER_URL_SETTING]: 'javascript:alert(1)' }],
    ['the value is not a URL', { [SERVER_URL_SETTING]: 'not a url' }],
  ])('rejects with kind "badSettings" when %s', async (_what, settings) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok(settings)] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('badSettings');
    expect(error.message).toContain(SERVER_URL_SETTING);
  });

  it('rejects with kind "failed" when success carries no settings object', async () => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok(null)] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed');
  });

  it('rejects with kind "failed" carrying Salesforce’s errors', async () => {
    const { opencti, calls } = scriptedOpenCti({
      getCallCenterSettings: [fail({ code: 'GENERIC_ERROR', description: 'An error occurred' })],
    });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed');
    expect(error.errors).toEqual([{ code: 'GENERIC_ERROR', description: 'An error occurred' }]);
    expect(error.message).toContain('GENERIC_ERROR: An error occurred');
    expect(calls).toHaveLength(1); // not a container-not-ready error: no retry
  });

  it('retries while the softphone container is not ready, backing off, then resolves', async () => {
    const { opencti, calls } = scriptedOpenCti({
      getCallCenterSettings: [containerNotReady, containerNotReady, ok(goodSettings)],
    });
    const sleep = jest.fn(async (_ms: number) => {});

    const settings = await createOpenCtiHost({ sforce: { opencti } }, { sleep, retryDelayMs: 100 }).start();

    expect(settings).toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [] });
    expect(calls).toHaveLength(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([100, 200]);
  });

  it('gives up after containerRetries retries', async () => {
    const { opencti, calls } = scriptedOpenCti({ getCallCenterSettings: [containerNotReady] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, containerRetries: 3 }).start());

    expect(error.kind).toBe('failed');
    expect(error.errors.map((e) => e.code)).toEqual(['SOFTPHONE_CONTAINER_ERROR']);
    expect(calls).toHaveLength(4); // the first call + 3 retries
  });

  it('rejects with kind "noResponse" when the callback never fires', async () => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: ['silent'] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 20 }).start());

    expect(error.kind).toBe('noResponse');
    expect(error.message).toContain('getCallCenterSettings');
  });

  it('ignores a callback that arrives after the time-out', async () => {
    jest.useFakeTimers();
    try {
      let late: ((r: unknown) => void) | undefined;
      const opencti = {
        getCallCenterSettings: (arg: { callback: (r: unknown) => void }) => {
          late = arg.callback;
        },
      } as unknown as OpenCtiApi;
      const result = createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 50 }).start().then(
        () => 'resolved',
        (e: HostError) => e.kind,
      );

      jest.advanceTimersByTime(50);
      late?.(ok(goodSettings));

      await expect(result).resolves.toBe('noResponse');
    } finally {
      jest.useRealTimers();
    }
  });

  it('rejects with kind "failed" when the API throws synchronously', async () => {
    const opencti = {
      getCallCenterSettings: () => {
        throw new Error('Cannot read properties of undefined');
      },
    } as unknown as OpenCtiApi;

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed');
    expect(error.message).toContain('Cannot read properties of undefined');
  });
});

describe('createOpenCtiHost: malformed failure responses', () => {
  it.each<[string, unknown, { code: string; description: string }[]]>([
    ['errors is null', { success: false, returnValue: null, errors: null }, []],
    ['errors is a string', { success: false, errors: 'boom' }, []],
    ['errors is an object', { success: false, errors: { code: 'X' } }, []],
    ['items are null or primitives', fail(null, 7, 'x'), [
      { code: 'UNKNOWN', description: '' },
      { code: 'UNKNOWN', description: '' },
      { code: 'UNKNOWN', description: '' },
    ]],
    ['items lack a code or have a numeric one', fail({ description: 'no code' }, { code: 500, description: 'numeric' }), [
      { code: 'UNKNOWN', description: 'no code' },
      { code: 'UNKNOWN', description: 'numeric' },
    ]],
    ['the response is not an object', 'nonsense', []],
    ['the response is undefined', undefined, []],
    ['success is the string "true"', { success: 'true', returnValue: goodSettings }, []],
  ])('rejects with kind "failed" without crashing when %s', async (_what, response, errors) => {
    const opencti = {
      getCallCenterSettings: (arg: { callback: (r: unknown) => void }) => setTimeout(() => arg.callback(response), 0),
    } as unknown as OpenCtiApi;

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed' satisfies HostErrorKind);
    expect(error.errors).toEqual(errors);
  });

  it('caps the number and length of reported errors', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ code: `E${i}`.padEnd(100, 'x'), description: 'd'.repeat(1000) }));
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [fail(...many)] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.errors).toHaveLength(10);
    expect(Math.max(...error.errors.map((e) => e.code.length))).toBeLessThanOrEqual(64);
    expect(Math.max(...error.errors.map((e) => e.description.length))).toBeLessThanOrEqual(300);
  });
});

// ---- the other host calls ----------------------------------------------------------------

describe('createOpenCtiHost: notifying and publishing', () => {
  it('publishCallState publishes the message on the BiztelCallState__c channel', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    const message: CallStateMessage = { v: 1, state: 'talking', direction: 'inbound', number: '0312345678', callId: 'c1', answeredAt: 1_717_000_000_000 };

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).publishCallState(message);

    expect(calls).toEqual([{ method: 'publish', arg: { channelName: CALL_STATE_CHANNEL, message } }]);
    expect(calls[0]?.arg['channelName']).toBe('BiztelCallState__c');
  });

  it('showPanel asks for the panel to be visible', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).showPanel();

    expect(calls).toEqual([{ method: 'setSoftphonePanelVisibility', arg: { visible: true } }]);
  });

  it('notifyReady calls notifyInitializationComplete and retries while the container is not ready', async () => {
    const { opencti, calls } = scriptedOpenCti({ notifyInitializationComplete: [containerNotReady, ok()] });

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).notifyReady();

    expect(calls.map((c) => c.method)).toEqual(['notifyInitializationComplete', 'notifyInitializationComplete']);
  });

  it('a failed publish rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ publish: [fail({ code: 'INVALID_PARAM', description: 'bad channel' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).publishCallState({ v: 1, state: 'idle' }));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'INVALID_PARAM', description: 'bad channel' }] });
  });
});

// ---- the CRM side: click-to-dial, navigation, screen pops --------------------------------

const CONTACT = '003xx000004TmiQAAS';
const ACCOUNT = '001D000000IqhSLIAZ';

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
    ['person-account extras and params (ignored)', { number: '0312345678', recordId: ACCOUNT, personAccount: true, contactId: CONTACT, params: 'a,b' }, { number: '0312345678', recordId: ACCOUNT }],
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
    ['a record', { url: `/lightning/r/Contact/${CONTACT}/view`, recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' }, { recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' }],
    ['a person account', { url: '/x', recordId: ACCOUNT, recordName: '鈴木', objectType: 'Account', personAccount: true, contactId: CONTACT }, { recordId: ACCOUNT, recordName: '鈴木', objectType: 'Account' }],
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
    ['a record', { url: '/r', recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' }, { recordId: CONTACT, recordName: '山田 太郎', objectType: 'Contact' }],
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

describe('createOpenCtiHost: searchAndPop', () => {
  const match = (Id: string, Name: unknown, RecordType: unknown = 'Contact') => ({ Id, Name, RecordType, LastModifiedDate: '2025-04-01T00:00:00.000Z' });

  it('inbound: searches every notation with the library’s INBOUND and prefills a new record with the number', async () => {
    const { opencti, calls } = scriptedOpenCti({ searchAndScreenPop: [ok({})] });

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(calls).toEqual([
      {
        method: 'searchAndScreenPop',
        arg: {
          searchParams: '0312345678 OR 03-1234-5678 OR +81312345678 OR +81 3-1234-5678',
          callType: 'ct-in',
          deferred: false,
          defaultFieldValues: { Phone: '03-1234-5678' },
        },
      },
    ]);
  });

  it('outbound: searches the dialled number with the library’s OUTBOUND', async () => {
    const { opencti, calls } = scriptedOpenCti({ searchAndScreenPop: [ok({})] });

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '09012345678', direction: 'outbound' });

    expect(calls).toEqual([
      {
        method: 'searchAndScreenPop',
        arg: { searchParams: '09012345678 OR 090-1234-5678 OR +819012345678 OR +81 90-1234-5678', callType: 'ct-out', deferred: false },
      },
    ]);
  });

  it.each(['', '   ', 'anonymous', '非通知', 'Private', 'abc'])('does not search for %j', async (number) => {
    const { opencti, calls } = scriptedOpenCti({});

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number, direction: 'inbound' })).resolves.toEqual([]);
    expect(calls).toEqual([]);
  });

  it('resolves with the validated matches of the map keyed by record Id', async () => {
    const { opencti } = scriptedOpenCti({
      searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎'), [ACCOUNT]: match(ACCOUNT, '株式会社サンプル', 'Account') })],
    });

    const matches = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toEqual([
      { id: CONTACT, name: '山田 太郎', objectType: 'Contact' },
      { id: ACCOUNT, name: '株式会社サンプル', objectType: 'Account' },
    ]);
  });

  it('ignores junk entries and keeps the good ones', async () => {
    const { opencti } = scriptedOpenCti({
      searchAndScreenPop: [
        ok({
          SCREEN_POP_DATA: { type: 'sobject', params: {} },
          bad1: 'a string',
          bad2: null,
          bad3: [CONTACT],
          [`${CONTACT.slice(0, 17)}X`]: match(`${CONTACT.slice(0, 17)}X`, 'wrong checksum'),
          '<img>': match('<img src=x>', 'markup id'),
          [CONTACT]: match(CONTACT, '  山田 太郎  ', 'Contact<script>'),
          [ACCOUNT]: match(ACCOUNT, { html: '<b>' }, 42),
          dup: match(CONTACT, 'duplicate'),
          '001D000000IqhSL': { Name: 'id from the key', RecordType: 'Account' },
        }),
      ],
    });

    const matches = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toEqual([
      { id: CONTACT, name: '山田 太郎', objectType: '' },
      { id: ACCOUNT, name: '', objectType: '' },
      { id: '001D000000IqhSL', name: 'id from the key', objectType: 'Account' },
    ]);
  });

  it('cuts names to 255 characters and matches to 20', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `003xx000004Tm${String(i).padStart(2, '0')}`);
    const map = Object.fromEntries(ids.map((id) => [id, match(id, 'な'.repeat(400))]));
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [ok(map)] });

    const matches = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toHaveLength(20);
    expect(matches[0]).toEqual({ id: ids[0], name: 'な'.repeat(255), objectType: 'Contact' });
  });

  it.each<[string, unknown]>([
    ['null (layout returns no fields)', null],
    ['an empty map', {}],
    ['a string', 'nothing'],
    ['an array', [match(CONTACT, 'x')]],
  ])('resolves [] when the result is %s', async (_what, returnValue) => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [ok(returnValue)] });

    await expect(
      createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'outbound' }),
    ).resolves.toEqual([]);
  });

  it.each([
    ['INVALID_PARAM', 'An invalid value was passed to the parameter callType'],
    ['SERVER_ERROR', 'A server error occurred'],
    ['SOFTPHONE_CONTAINER_ERROR', "Unable to execute sendPostMessage because the softphone container hasn't initialized yet"],
  ])('rejects with %s carried in errors[]', async (code, description) => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [fail({ code, description })] });

    const error = await hostErrorOf(
      createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' }),
    );

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code, description }] });
  });

  it('rejects "unavailable" without calling when the library lacks CALL_TYPE', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    delete (opencti as unknown as Record<string, unknown>)['CALL_TYPE'];

    const error = await hostErrorOf(
      createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' }),
    );

    expect(error.kind).toBe('unavailable');
    expect(calls).toEqual([]);
  });

  it('rejects "noResponse" when the search never answers', async () => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: ['silent'] });

    const error = await hostErrorOf(
      createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 20 }).searchAndPop({ number: '0312345678', direction: 'inbound' }),
    );

    expect(error.kind).toBe('noResponse');
  });
});

describe('createOpenCtiHost: screen pops and the utility item', () => {
  it.each([CONTACT, '001D000000IqhSL'])('popRecord(%s) pops the record with the library’s SOBJECT', async (recordId) => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(recordId);

    expect(calls).toEqual([{ method: 'screenPop', arg: { type: 'sp-sobject', params: { recordId } } }]);
  });

  it.each(['', 'x', '003xx000004TmiQAAB', `/lightning/r/Contact/${CONTACT}/view`, '<script>', `${CONTACT} `])(
    'popRecord(%j) rejects "failed" without asking the host',
    async (recordId) => {
      const { opencti, calls } = scriptedOpenCti({});

      const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(recordId));

      expect(error.kind).toBe('failed');
      expect(calls).toEqual([]);
    },
  );

  it('popRecord rejects with GENERIC_ERROR when the host cannot open the record', async () => {
    const { opencti } = scriptedOpenCti({ screenPop: [fail({ code: 'GENERIC_ERROR', description: 'no access' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(CONTACT));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'GENERIC_ERROR', description: 'no access' }] });
  });

  it('popNewRecord opens the library’s NEW_RECORD_MODAL prefilled', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('Contact', { Phone: '03-1234-5678', LastName: '山田' });

    expect(calls).toEqual([
      {
        method: 'screenPop',
        arg: { type: 'sp-new', params: { entityName: 'Contact', defaultFieldValues: { Phone: '03-1234-5678', LastName: '山田' } } },
      },
    ]);
  });

  it('popNewRecord passes only field API names with string values', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    const defaults = { Phone: '0312345678', 'bad field': 'x', Description: 7, __proto__x: 'y' } as unknown as Record<string, string>;

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('Lead', defaults);

    expect(calls[0]?.arg['params']).toEqual({ entityName: 'Lead', defaultFieldValues: { Phone: '0312345678' } });
  });

  it('popNewRecord refuses an object outside Contact/Lead/Account without asking the host', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    const error = await hostErrorOf(
      createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('User' as 'Contact', { Phone: '0312345678' }),
    );

    expect(error.kind).toBe('failed');
    expect(calls).toEqual([]);
  });

  it.each([
    ['a short label', '通話中 00:12', '通話中 00:12'],
    ['surrounding spaces', '  受付可  ', '受付可'],
    ['a label over 40 characters', 'あ'.repeat(50), 'あ'.repeat(40)],
    ['emoji kept whole at the cut', `${'x'.repeat(39)}📞📞`, `${'x'.repeat(39)}📞`],
  ])('setItemLabel with %s', async (_what, label, sent) => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).setItemLabel(label);

    expect(calls).toEqual([{ method: 'setSoftphoneItemLabel', arg: { label: sent } }]);
  });

  it('setItemLabel rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ setSoftphoneItemLabel: [fail({ code: 'INVALID_PARAM', description: 'label' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).setItemLabel('x'));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'INVALID_PARAM', description: 'label' }] });
  });
});

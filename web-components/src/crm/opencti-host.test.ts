import { describe, expect, it, jest } from '@jest/globals';
import type { CallStateMessage } from '../core/call-state-message.js';
import { HostError, type HostErrorKind } from './host-port.js';
import { CALL_STATE_CHANNEL, SERVER_URL_SETTING, createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi } from './opencti-types.js';

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

const METHODS = ['getCallCenterSettings', 'notifyInitializationComplete', 'setSoftphonePanelVisibility', 'publish'];

/**
 * Each method answers with the next scripted response (the last one repeats), always on a later
 * task like the real library; every call's argument (without the callback) is recorded.
 */
function scriptedOpenCti(script: Script) {
  const calls: { method: string; arg: Record<string, unknown> }[] = [];
  const api: Record<string, unknown> = {};
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
  return { opencti: api as unknown as OpenCtiApi, calls };
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

    expect(settings).toEqual({ serverUrl: 'https://events.example.com' });
    expect(calls).toEqual([{ method: 'getCallCenterSettings', arg: {} }]);
  });

  it.each([
    ['http with a port', 'http://localhost:3000', 'http://localhost:3000'],
    ['surrounding spaces', '  https://events.example.com  ', 'https://events.example.com'],
  ])('accepts a server URL with %s', async (_what, raw, serverUrl) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ [SERVER_URL_SETTING]: raw })] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).start()).resolves.toEqual({ serverUrl });
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

    expect(settings).toEqual({ serverUrl: 'https://events.example.com' });
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

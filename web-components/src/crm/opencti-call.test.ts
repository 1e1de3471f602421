/** The Promise wrapper around `sforce.opencti` (`opencti-call.ts`), seen through the host's calls. */
import { describe, expect, it, jest } from '@jest/globals';
import { type HostError, type HostErrorKind } from './host-port.js';
import { createOpenCtiHost } from './opencti-host.js';
import { containerNotReady, fail, goodSettings, hostErrorOf, noSleep, ok, scriptedOpenCti } from './test-helpers.js';
import type { OpenCtiApi } from '@biztel/opencti';

describe('createOpenCtiHost: calls to sforce.opencti (start as the example)', () => {
  it.each<[string, { sforce?: { opencti?: OpenCtiApi } }]>([
    ['window.sforce is missing', {}],
    ['sforce.opencti is missing', { sforce: {} }],
    ['sforce.opencti lacks getCallCenterSettings', { sforce: { opencti: {} as OpenCtiApi } }],
  ])('rejects with kind "unavailable" when %s', async (_what, win) => {
    const error = await hostErrorOf(createOpenCtiHost(win, noSleep).start());

    expect(error.kind).toBe('unavailable');
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

    expect(settings).toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [], taskStatus: 'Completed', phoneSearch: 'each' });
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
      const result = createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 50 })
        .start()
        .then(
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
    [
      'items are null or primitives',
      fail(null, 7, 'x'),
      [
        { code: 'UNKNOWN', description: '' },
        { code: 'UNKNOWN', description: '' },
        { code: 'UNKNOWN', description: '' },
      ],
    ],
    [
      'items lack a code or have a numeric one',
      fail({ description: 'no code' }, { code: 500, description: 'numeric' }),
      [
        { code: 'UNKNOWN', description: 'no code' },
        { code: 'UNKNOWN', description: 'numeric' },
      ],
    ],
  ])('rejects with kind "failed" without crashing when %s', async (_what, response, errors) => {
    const opencti = {
      getCallCenterSettings: (arg: { callback: (r: unknown) => void }) => setTimeout(() => arg.callback(response), 0),
    } as unknown as OpenCtiApi;

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed' satisfies HostErrorKind);
    expect(error.errors).toEqual(errors);
  });

  it.each<[string, unknown]>([
    ['the response is not an object', 'nonsense'],
    ['the response is undefined', undefined],
    ['success is the string "true"', { success: 'true', returnValue: goodSettings }],
  ])('rejects with kind "noResponse" (whether it took effect is unknown) when %s', async (_what, response) => {
    const opencti = {
      getCallCenterSettings: (arg: { callback: (r: unknown) => void }) => setTimeout(() => arg.callback(response), 0),
    } as unknown as OpenCtiApi;

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect([error.kind, error.errors]).toEqual(['noResponse' satisfies HostErrorKind, []]);
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

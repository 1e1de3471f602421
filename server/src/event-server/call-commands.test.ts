import type { Call } from '@biztel/protocol';
import { demoDirectory } from '../config/directory.js';
import { CALL_EVENT_PLANS, withId, type CallEvent, type Caller } from './call-commands.js';
import type { Line } from './line-store.js';

const tenant = demoDirectory.tenants[0]!;
const agent01: Caller = { tenant, account: 'agent01' };

const call = (id: string, state: Call['state']): Call => ({ id, direction: 'inbound', state, remoteNumber: '0312345678', startedAt: 1 });

const line = (patch: Partial<Line> = {}): Line => ({
  tenantId: tenant.id,
  extension: '1001',
  device: 'sock-1',
  calls: [],
  parked: [],
  agent: { account: 'agent01', statusId: 'available', hardphone: false },
  revision: 3,
  viewing: null,
  screens: {},
  ...patch,
});

/** What the table makes of `message` for `event` on line `l`: the softphone command, the refusal, or the invalid payload's error. */
function plan(event: CallEvent, message: unknown, l: Line, caller = agent01): unknown {
  const checked = CALL_EVENT_PLANS[event].request.check(message, event);
  return checked.ok ? checked.value(l, caller) : { invalid: checked.error };
}

describe('the call-command table', () => {
  it.each([
    ['call:answer', 'answer'],
    ['call:hangup', 'hangup'],
    ['call:hold', 'hold'],
    ['call:unhold', 'unhold'],
    ['call:park', 'park'],
    ['call:transfer', 'transfer'],
  ] as const)('%s relays `%s` for a call on the line and refuses one that is not', (event, type) => {
    const l = line({ calls: [call('c-1', 'talking')] });
    expect(plan(event, { callId: 'c-1' }, l)).toEqual({ type, callId: 'c-1' });
    expect(plan(event, { callId: 'c-2' }, l)).toEqual({ ok: false, code: 'NO_SUCH_CALL' });
    expect(plan(event, { callId: 7 }, l)).toEqual({ invalid: expect.stringContaining(`${event}.callId`) as unknown });
  });

  it('call:dtmf relays the digits for a call on the line only', () => {
    const l = line({ calls: [call('c-1', 'talking')] });
    expect(plan('call:dtmf', { callId: 'c-1', digits: '12#' }, l)).toEqual({ type: 'dtmf', callId: 'c-1', digits: '12#' });
    expect(plan('call:dtmf', { callId: 'c-9', digits: '1' }, l)).toEqual({ ok: false, code: 'NO_SUCH_CALL' });
    expect(plan('call:dtmf', { callId: 'c-1', digits: 'x' }, l)).toEqual({ invalid: expect.stringContaining('digits') as unknown });
  });

  it.each([
    ['dials with the default caller ID', line(), agent01, undefined, { type: 'dial', number: '0399998888', callerIdNumber: '0312345000' }],
    [
      'dials with a window the agent may use',
      line(),
      agent01,
      { kind: 'window', id: 'sales' },
      { type: 'dial', number: '0399998888', callerIdNumber: '0312345002' },
    ],
    [
      'dials while every call is held',
      line({ calls: [call('c-1', 'held')] }),
      agent01,
      undefined,
      { type: 'dial', number: '0399998888', callerIdNumber: '0312345000' },
    ],
    [
      'refuses a hardphone',
      line({ agent: { account: 'agent01', statusId: 'available', hardphone: true } }),
      agent01,
      undefined,
      { ok: false, code: 'NOT_ALLOWED', message: 'a hardphone cannot be dialled remotely' },
    ],
    ['refuses while a call is not held', line({ calls: [call('c-1', 'talking')] }), agent01, undefined, { ok: false, code: 'BUSY' }],
    [
      'refuses a number the agent may not present',
      line(),
      { tenant, account: 'agent03' },
      { kind: 'number', number: '0312345000' },
      { ok: false, code: 'NOT_ALLOWED', message: 'caller ID not allowed for this account' },
    ],
  ] as const)('call:dial %s', (_what, l, caller, callerId, expected) => {
    expect(plan('call:dial', { number: '0399998888', ...(callerId ? { callerId } : {}) }, l, caller)).toEqual(expected);
  });

  it('gives the softphone command its id and deadline right after its type, as on the wire', () => {
    expect(JSON.stringify(withId({ type: 'dtmf', callId: 'c-1', digits: '5' }, 'cmd-1', 1_767_225_605_000))).toBe(
      '{"type":"dtmf","id":"cmd-1","deadline":1767225605000,"callId":"c-1","digits":"5"}',
    );
  });
});

/** Following the calls, table-style: (open calls, new snapshot, rules) → Tasks and pop-up rules as data. */
import { describe, expect, it } from '@jest/globals';
import type { Call, Snapshot, SoftphoneStatus } from '@biztel/protocol';
import { callEffects, type CallEffect } from './call-follow-effects.js';
import type { PopupRule } from './popup-rules.js';

const T0 = 1_717_000_000_000;
const call = (patch: Partial<Call> & Pick<Call, 'id' | 'state'>): Call => ({ direction: 'inbound', remoteNumber: '0312345678', startedAt: T0, ...patch });
const RUNNING: SoftphoneStatus = { running: true, state: 'running' };
const RECONNECTING: SoftphoneStatus = { running: false, state: 'reconnecting', since: T0 + 50_000, until: T0 + 80_000 };
const STOPPED: SoftphoneStatus = { running: false, state: 'stopped' };
const MISMATCH: SoftphoneStatus = { running: false, state: 'mismatch', account: 'agent02' };
const snapshot = (calls: Call[], softphone: SoftphoneStatus = RUNNING): Snapshot => ({
  revision: 5,
  serverTime: T0 + 60_000,
  agent: { account: 'sato', extension: '1001', statusId: 'available', hardphone: false },
  statuses: [],
  softphone,
  calls,
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
});

const ringing = call({ id: 'c1', state: 'ringing' });
const talking = call({ id: 'c1', state: 'talking', answeredAt: T0 + 1_000 });
const hangupRule: PopupRule = { event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?id={ID}', method: 'GET' };
const ringRule: PopupRule = { event: 'incoming', template: '/lightning/o/Contact/list?tel={TEL}', method: 'GET' };
const answerRule: PopupRule = { event: 'incomingAnswered', template: '/lightning/o/Case/new?tel={TEL}', method: 'GET' };
const missedRule: PopupRule = { event: 'incomingHangup', template: '/lightning/o/Task/new?missed={TEL}', method: 'GET' };
const everyRule = [hangupRule, ringRule, answerRule, missedRule];

describe('callEffects(open, after, rules)', () => {
  it.each<[string, Call[], Call[], PopupRule[], CallEffect[]]>([
    ['nothing open, nothing new', [], [], [hangupRule], []],
    ['an answered call ends: its Task', [talking], [], [], [{ kind: 'log', call: talking, endedAt: T0 + 60_000 }]],
    ['a call that only rang ends: no Task', [ringing], [], [], []],
    ['a call still open: no Task', [talking], [talking], [], []],
    [
      'an answered call ends with a rule for that event: the Task, then the rule',
      [talking],
      [],
      [hangupRule, ringRule],
      [
        { kind: 'log', call: talking, endedAt: T0 + 60_000 },
        { kind: 'popup', rule: hangupRule, event: 'incomingAnsweredHangup', call: talking },
      ],
    ],
    ['a call starts ringing: the ring rule', [], [ringing], [hangupRule, ringRule], [{ kind: 'popup', rule: ringRule, event: 'incoming', call: ringing }]],
  ])('%s', (_name, open, now, rules, expected) => {
    expect(callEffects(open, snapshot(now), rules)).toEqual(expected);
  });
});

describe('callEffects while the softphone is not running', () => {
  const other = call({ id: 'c2', state: 'talking', answeredAt: T0 + 2_000 });

  it.each<[string, Call[], Call[], SoftphoneStatus, CallEffect[]]>([
    ['reconnecting, the calls as last reported: nothing', [talking, ringing], [talking, ringing], RECONNECTING, []],
    ['reconnecting, calls the owner had not seen yet (stale): no ring or answer rule', [], [ringing, other], RECONNECTING, []],
    ['stopped (the softphone quit): the Task without an end, no hang-up rule', [talking], [], STOPPED, [{ kind: 'log', call: talking, endedAt: null }]],
    [
      'the grace ran out (reconnecting → stopped): every ended call logged once without an end',
      [talking, other],
      [],
      STOPPED,
      [
        { kind: 'log', call: talking, endedAt: null },
        { kind: 'log', call: other, endedAt: null },
      ],
    ],
    ['another account took the line: the Task without an end', [talking], [], MISMATCH, [{ kind: 'log', call: talking, endedAt: null }]],
    ['a call that only rang leaves while stopped: no Task, no missed-call rule', [ringing], [], STOPPED, []],
  ])('%s', (_name, open, now, softphone, expected) => {
    expect(callEffects(open, snapshot(now, softphone), everyRule)).toEqual(expected);
  });

  it('after the softphone is back, a call answered meanwhile fires its answer rule once; the hang-up comes with a known end', () => {
    // ringing when the connection dropped; the stale snapshot changes nothing…
    expect(callEffects([ringing], snapshot([ringing], RECONNECTING), everyRule)).toEqual([]);
    // …the softphone's first report after it is back has the call answered…
    expect(callEffects([ringing], snapshot([talking]), everyRule)).toEqual([{ kind: 'popup', rule: answerRule, event: 'incomingAnswered', call: talking }]);
    // …and it ends while the softphone runs: a known end.
    expect(callEffects([talking], snapshot([]), everyRule)).toEqual([
      { kind: 'log', call: talking, endedAt: T0 + 60_000 },
      { kind: 'popup', rule: hangupRule, event: 'incomingAnsweredHangup', call: talking },
    ]);
  });
});

/** Following the calls, table-style: (open calls, new snapshot, rules) → Tasks and pop-up rules as data. */
import { describe, expect, it } from '@jest/globals';
import type { Call, Snapshot } from '@biztel/protocol';
import { callEffects, type CallEffect } from './call-follow-effects.js';
import type { PopupRule } from './popup-rules.js';

const T0 = 1_717_000_000_000;
const call = (patch: Partial<Call> & Pick<Call, 'id' | 'state'>): Call => ({ direction: 'inbound', remoteNumber: '0312345678', startedAt: T0, ...patch });
const snapshot = (calls: Call[]): Snapshot => ({
  revision: 5,
  serverTime: T0 + 60_000,
  agent: { account: 'sato', extension: '1001', statusId: 'available', hardphone: false },
  statuses: [],
  softphone: { running: true, state: 'running' },
  calls,
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
});

const ringing = call({ id: 'c1', state: 'ringing' });
const talking = call({ id: 'c1', state: 'talking', answeredAt: T0 + 1_000 });
const hangupRule: PopupRule = { event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?id={ID}', method: 'GET' };
const ringRule: PopupRule = { event: 'incoming', template: '/lightning/o/Contact/list?tel={TEL}', method: 'GET' };

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

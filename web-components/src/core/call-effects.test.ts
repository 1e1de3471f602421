/** The effects of a change of state, table-style: (before, after) → the effects as data. */
import { describe, expect, it } from '@jest/globals';
import type { Call, Snapshot } from '@biztel/protocol';
import { effects, searchFor, type Effect } from './call-effects.js';
import { emptyForm, initialState, type PanelState } from './panel-state.js';

const T0 = 1_717_000_000_000;

const call = (patch: Partial<Call> & Pick<Call, 'id' | 'state'>): Call => ({ direction: 'inbound', remoteNumber: '0312345678', startedAt: T0, ...patch });

const snapshot = (calls: Call[] = [], patch: Partial<Snapshot> = {}): Snapshot => ({
  revision: 5,
  serverTime: T0 + 10_000,
  agent: { account: 'sato', extension: '1001', statusId: 'available', hardphone: false },
  statuses: [{ id: 'available', label: '受付可' }],
  softphone: { running: true, state: 'running' },
  calls,
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
  ...patch,
});

const signedOut = (patch: Partial<Extract<PanelState, { phase: 'signedOut' }>> = {}): PanelState => ({
  phase: 'signedOut',
  statuses: [],
  form: emptyForm,
  step: { kind: 'form', error: null },
  attempt: 0,
  ...patch,
});

const signedIn = (snap: Snapshot, patch: Partial<Extract<PanelState, { phase: 'signedIn' }>> = {}): PanelState => ({
  phase: 'signedIn',
  snapshot: snap,
  clockOffsetMs: 0,
  notice: null,
  form: emptyForm,
  lookups: {},
  connection: { kind: 'online' },
  ...patch,
});

const ringing = call({ id: 'c1', state: 'ringing' });
const talking = call({ id: 'c1', state: 'talking', answeredAt: T0 + 1_000 });
const idle = snapshot();
const withRinging = snapshot([ringing]);
const withTalking = snapshot([talking]);
const idleMessage = { v: 1, state: 'idle' } as const;
const ringingMessage = { v: 1, state: 'ringing', direction: 'inbound', number: '0312345678', callId: 'c1' } as const;
const search = { number: '0312345678', direction: 'inbound' } as const;

describe('effects(before, after)', () => {
  it.each<[string, PanelState, PanelState, Effect[]]>([
    ['starting → failed: nothing', initialState, { phase: 'failed', failure: 'server', detail: 'x' }, []],
    ['starting → signed out: phone links stay off', initialState, signedOut(), [{ kind: 'clickToDial', enabled: false }]],
    ['submitting the form: nothing', signedOut(), signedOut({ step: { kind: 'submitting' } }), []],
    [
      'signed in: read the screen, follow, links on, publish idle',
      signedOut({ step: { kind: 'submitting' } }),
      signedIn(idle),
      [{ kind: 'readView' }, { kind: 'follow', snapshot: idle }, { kind: 'clickToDial', enabled: true }, { kind: 'publish', message: idleMessage }],
    ],
    [
      'signed in with a hardphone: links stay off',
      signedOut({ step: { kind: 'submitting' } }),
      signedIn(snapshot([], { agent: { account: 'sato', extension: '1001', statusId: 'available', hardphone: true } })),
      [
        { kind: 'readView' },
        { kind: 'follow', snapshot: snapshot([], { agent: { account: 'sato', extension: '1001', statusId: 'available', hardphone: true } }) },
        { kind: 'publish', message: idleMessage },
      ],
    ],
    [
      'a call rings: show the panel, follow, look it up, publish',
      signedIn(idle),
      signedIn(withRinging),
      [
        { kind: 'showPanel' },
        { kind: 'follow', snapshot: withRinging },
        { kind: 'lookUp', callId: 'c1', search },
        { kind: 'publish', message: ringingMessage },
      ],
    ],
    [
      'the same call still ringing, already looked up: no second show',
      signedIn(withRinging),
      signedIn(snapshot([ringing], { revision: 6 }), { lookups: { c1: { status: 'searching' } } }),
      [
        { kind: 'follow', snapshot: snapshot([ringing], { revision: 6 }) },
        { kind: 'publish', message: ringingMessage },
      ],
    ],
    [
      'answered: publish talking',
      signedIn(withRinging, { lookups: { c1: { status: 'searching' } } }),
      signedIn(withTalking, { lookups: { c1: { status: 'searching' } } }),
      [
        { kind: 'follow', snapshot: withTalking },
        { kind: 'publish', message: { ...ringingMessage, state: 'talking', answeredAt: T0 + 1_000, clockOffsetMs: 0 } },
      ],
    ],
    [
      'the session comes back after a drop: report the screen again',
      signedIn(idle, { connection: { kind: 'reconnecting', attempt: null } }),
      signedIn(idle),
      [{ kind: 'reportView' }, { kind: 'follow', snapshot: idle }, { kind: 'publish', message: idleMessage }],
    ],
    [
      'signed out here: forget the open calls, links off, publish idle',
      signedIn(withTalking),
      signedOut(),
      [
        { kind: 'forgetOpenCalls', account: 'sato', at: T0 + 10_000 },
        { kind: 'clickToDial', enabled: false },
        { kind: 'publish', message: idleMessage },
      ],
    ],
    [
      'signed out elsewhere: the open calls stay for the page that signed out',
      signedIn(withTalking),
      signedOut({ step: { kind: 'form', error: 'signedOutElsewhere' } }),
      [
        { kind: 'clickToDial', enabled: false },
        { kind: 'publish', message: idleMessage },
      ],
    ],
    [
      'the connection is lost for good: publish idle, links untouched',
      signedIn(withTalking),
      { phase: 'failed', failure: 'connection', detail: 'x' },
      [{ kind: 'publish', message: idleMessage }],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(effects(before, after)).toEqual(expected);
  });

  it('replays a state onto itself without showing the panel or reading the screen again', () => {
    const state = signedIn(withRinging);
    expect(effects(state, state).map((e) => e.kind)).toEqual(['follow', 'lookUp', 'publish']);
  });
});

describe('searchFor(call)', () => {
  it.each<[string, Call, ReturnType<typeof searchFor>]>([
    ['an inbound call ringing', ringing, search],
    [
      'an outbound call dialling: the dialled number',
      call({ id: 'o', direction: 'outbound', state: 'dialing', remoteNumber: '0312345678' }),
      { number: '0312345678', direction: 'outbound' },
    ],
    ['an answered call', talking, null],
    ['an anonymous caller', call({ id: 'a', state: 'ringing', remoteNumber: 'anonymous' }), null],
    ['an internal extension', call({ id: 'i', state: 'ringing', remoteNumber: '1002' }), null],
    ['a consultation call of a transfer', call({ id: 't', state: 'ringing', transfer: { kind: 'attended', of: 'c0' } }), null],
    ['a parked call ringing back: its customer', call({ id: 'r', state: 'ringing', recall: { slot: '701' } }), search],
  ])('%s', (_name, c, expected) => {
    expect(searchFor(c)).toEqual(expected);
  });
});

/**
 * The panel reducer's tests. Over ~350 lines on purpose: the every-state × every-event table
 * (legal transitions, then every other event returning the same state object) and the sections
 * after it share one set of state fixtures and one event per type; split, each file would
 * repeat them or import them from a module that exists only for this test.
 */
import { describe, expect, it } from '@jest/globals';
import type { AgentStatus, Call, Chat, Snapshot } from '@biztel/protocol';
import {
  callElapsedMs,
  callStateMessage,
  currentCall,
  defaultInitialStatus,
  initialState,
  reduce,
  type FormMemory,
  type PanelEvent,
  type PanelState,
} from './panel-state.js';
import type { SignInError } from './panel-errors.js';

// ---- fixtures ----------------------------------------------------------------------------

const T0 = 1_717_000_000_000;

const statuses: AgentStatus[] = [
  { id: 'logoff', label: 'ログオフ' },
  { id: 'available', label: '受付可' },
  { id: 'break', label: '休憩' },
];

const call = (patch: Partial<Call> & Pick<Call, 'id' | 'state'>): Call => ({
  direction: 'inbound',
  remoteNumber: '0312345678',
  startedAt: T0,
  ...patch,
});

const snapshot = (patch: Partial<Snapshot> = {}): Snapshot => ({
  revision: 5,
  serverTime: T0 + 10_000,
  agent: { account: 'sato@example', extension: '1001', statusId: 'available', hardphone: false },
  statuses,
  softphone: { running: true, state: 'running' },
  calls: [],
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
  ...patch,
});

const form: FormMemory = {
  account: 'sato@example',
  extension: '1001',
  seatId: 'A-12',
  initialStatusId: 'logoff',
  hardphone: true,
};

const seat = { seatId: 'A-12', account: 'agent02', name: '佐藤 太郎', since: T0 - 3_600_000 };

const record = { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' };

const starting: PanelState = initialState;
const failed: PanelState = { phase: 'failed', failure: 'server', detail: 'ECONNREFUSED' };
const failedRetrying: PanelState = { phase: 'failed', failure: 'server', detail: 'ECONNREFUSED', retrying: true };
const signedOutIdle: PanelState = {
  phase: 'signedOut',
  statuses,
  form: { account: '', extension: '', seatId: '', initialStatusId: 'available', hardphone: false },
  step: { kind: 'form', error: null },
  attempt: 0,
};
const signedOutWithError: PanelState = { ...signedOutIdle, form, step: { kind: 'form', error: 'authFailed' }, attempt: 2 };
const submitting: PanelState = { ...signedOutIdle, form, step: { kind: 'submitting' }, attempt: 2 };
const seatAsked: PanelState = { ...signedOutIdle, form, step: { kind: 'seatTaken', seat } };
const lineHolder = { extension: '1001', account: 'agent01', name: '山田 花子' };
const lineAsked: PanelState = { ...signedOutIdle, form, step: { kind: 'lineTaken', line: lineHolder } };
const signedIn: PanelState = { phase: 'signedIn', snapshot: snapshot(), clockOffsetMs: 3_000, notice: null, form, lookups: {}, connection: { kind: 'online' } };
const reconnecting: PanelState = { ...signedIn, connection: { kind: 'reconnecting', attempt: null } };
const retrying: PanelState = { ...signedIn, connection: { kind: 'reconnecting', attempt: { attempt: 2, of: 20 } } };
const signedInWithNotice: PanelState = { ...signedIn, notice: 'busy' };
const ringingIn: PanelState = { ...signedIn, snapshot: snapshot({ calls: [call({ id: 'c1', state: 'ringing' })] }) };
const searching: PanelState = { ...ringingIn, lookups: { c1: { status: 'searching' } } };

const newer = snapshot({ revision: 6, serverTime: T0 + 20_000, calls: [call({ id: 'c1', state: 'ringing' })] });

/** One example of every event type (the Record makes the compiler insist on all of them). */
const EVENTS: Record<PanelEvent['type'], PanelEvent> = {
  startupFailed: { type: 'startupFailed', failure: 'opencti', detail: 'sforce.opencti is not loaded' },
  startupRecovered: { type: 'startupRecovered' },
  ready: { type: 'ready', statuses },
  signInSubmitted: { type: 'signInSubmitted', form },
  signInRejected: { type: 'signInRejected', error: 'authFailed' },
  seatConflict: { type: 'seatConflict', seat },
  lineConflict: { type: 'lineConflict', line: lineHolder },
  seatConflictDismissed: { type: 'seatConflictDismissed' },
  signInRequired: { type: 'signInRequired' },
  connectionInterrupted: { type: 'connectionInterrupted' },
  reconnectAttempted: { type: 'reconnectAttempted', attempt: { attempt: 2, of: 20 } },
  sessionResumed: { type: 'sessionResumed', snapshot: snapshot({ revision: 1, serverTime: T0 + 30_000 }), receivedAt: T0 + 28_000 },
  sessionRestored: { type: 'sessionRestored', snapshot: snapshot({ revision: 9, serverTime: T0 + 40_000 }), receivedAt: T0 + 39_000 },
  sessionEnded: { type: 'sessionEnded', error: 'signedOutElsewhere' },
  signInAccepted: { type: 'signInAccepted', snapshot: snapshot(), receivedAt: T0 },
  snapshotReceived: { type: 'snapshotReceived', snapshot: newer, receivedAt: T0 + 19_000 },
  noticeRaised: { type: 'noticeRaised', notice: 'softphoneNotRunning' },
  noticeDismissed: { type: 'noticeDismissed' },
  signedOut: { type: 'signedOut' },
  connectionLost: { type: 'connectionLost', detail: 'transport close' },
  lookupStarted: { type: 'lookupStarted', callId: 'c1' },
  lookupFinished: { type: 'lookupFinished', callId: 'c1', records: [record] },
  lookupFailed: { type: 'lookupFailed', callId: 'c1' },
};
const ALL_EVENT_TYPES = Object.keys(EVENTS) as PanelEvent['type'][];

// ---- every legal transition --------------------------------------------------------------

describe('reduce: legal transitions', () => {
  it.each<[string, PanelState, PanelEvent, PanelState]>([
    ['starting + startupFailed → failed', starting, EVENTS.startupFailed, { phase: 'failed', failure: 'opencti', detail: 'sforce.opencti is not loaded' }],
    [
      'starting + startupFailed (retrying) → failed, retrying',
      starting,
      { type: 'startupFailed', failure: 'server', detail: 'ECONNREFUSED', retrying: true },
      failedRetrying,
    ],
    [
      'failed (retrying) + another failed retry → the newest detail',
      failedRetrying,
      { type: 'startupFailed', failure: 'server', detail: 'timeout', retrying: true },
      { ...failedRetrying, detail: 'timeout' },
    ],
    ['failed (retrying) + startupRecovered → starting', failedRetrying, EVENTS.startupRecovered, starting],
    [
      'starting + ready → signedOut with the first non-logoff status preselected',
      starting,
      EVENTS.ready,
      {
        phase: 'signedOut',
        statuses,
        form: { account: '', extension: '', seatId: '', initialStatusId: 'available', hardphone: false },
        step: { kind: 'form', error: null },
        attempt: 0,
      },
    ],
    [
      'signedOut + signInSubmitted → submitting with the form remembered',
      signedOutIdle,
      EVENTS.signInSubmitted,
      { ...signedOutIdle, form, step: { kind: 'submitting' } },
    ],
    [
      'signedOut (after an error) + signInSubmitted → submitting, error cleared, attempt kept',
      signedOutWithError,
      EVENTS.signInSubmitted,
      { ...signedOutWithError, step: { kind: 'submitting' } },
    ],
    [
      'submitting + signInRejected → signedOut with the error and attempt + 1, form kept',
      submitting,
      { type: 'signInRejected', error: 'timeout' },
      { ...submitting, step: { kind: 'form', error: 'timeout' }, attempt: 3 },
    ],
    [
      'submitting + seatConflict → asks to take over the seat, form kept, attempt unchanged',
      submitting,
      EVENTS.seatConflict,
      { ...submitting, step: { kind: 'seatTaken', seat } },
    ],
    ['signedIn + connectionInterrupted → reconnecting, everything else kept', signedIn, EVENTS.connectionInterrupted, reconnecting],
    ['reconnecting + reconnectAttempted → the attempt under way', reconnecting, EVENTS.reconnectAttempted, retrying],
    [
      'retrying + reconnectAttempted → the next attempt',
      retrying,
      { type: 'reconnectAttempted', attempt: { attempt: 3, of: 20 } },
      { ...retrying, connection: { kind: 'reconnecting', attempt: { attempt: 3, of: 20 } } },
    ],
    [
      'reconnecting + sessionResumed → online with the server’s snapshot even at a lower revision',
      reconnecting,
      EVENTS.sessionResumed,
      { ...signedIn, snapshot: snapshot({ revision: 1, serverTime: T0 + 30_000 }), clockOffsetMs: 2_000 },
    ],
    [
      'signedOut + signInRequired → asks to sign in first',
      signedOutIdle,
      EVENTS.signInRequired,
      { ...signedOutIdle, step: { kind: 'form', error: 'signInFirst' } },
    ],
    ['seat asked + seatConflictDismissed → back to the form', seatAsked, EVENTS.seatConflictDismissed, { ...seatAsked, step: { kind: 'form', error: null } }],
    [
      'submitting + lineConflict → asks to take over the extension, form kept, attempt unchanged',
      submitting,
      EVENTS.lineConflict,
      { ...submitting, step: { kind: 'lineTaken', line: lineHolder } },
    ],
    ['line asked + seatConflictDismissed → back to the form', lineAsked, EVENTS.seatConflictDismissed, { ...lineAsked, step: { kind: 'form', error: null } }],
    ['line asked + signInSubmitted (takeover) → submitting', lineAsked, EVENTS.signInSubmitted, { ...lineAsked, step: { kind: 'submitting' } }],
    [
      'signedIn + sessionEnded (line taken over) → the form saying by whom',
      signedIn,
      { type: 'sessionEnded', error: 'lineTakenOver', by: { account: 'agent02', name: '佐藤 太郎' } },
      {
        phase: 'signedOut',
        statuses,
        form: { ...form, initialStatusId: 'available' },
        step: { kind: 'form', error: 'lineTakenOver', by: { account: 'agent02', name: '佐藤 太郎' } },
        attempt: 0,
      },
    ],
    [
      'seat asked + signInSubmitted (takeover) → submitting, question closed',
      seatAsked,
      EVENTS.signInSubmitted,
      { ...seatAsked, step: { kind: 'submitting' } },
    ],
    [
      'submitting + signInAccepted → signedIn with the server clock offset',
      submitting,
      { type: 'signInAccepted', snapshot: snapshot(), receivedAt: T0 + 4_000 },
      { phase: 'signedIn', snapshot: snapshot(), clockOffsetMs: 6_000, notice: null, form, lookups: {}, connection: { kind: 'online' } },
    ],
    [
      'signedIn + newer snapshot → snapshot and clock offset replaced, notice kept',
      signedInWithNotice,
      EVENTS.snapshotReceived,
      { ...signedInWithNotice, snapshot: newer, clockOffsetMs: 1_000 },
    ],
    ['ringing + lookupStarted → searching', ringingIn, EVENTS.lookupStarted, searching],
    ['searching + lookupFinished → the records', searching, EVENTS.lookupFinished, { ...searching, lookups: { c1: { status: 'found', records: [record] } } }],
    [
      'searching + lookupFinished with a name carrying a bidi override → the name without it (issue 14 §8)',
      searching,
      { type: 'lookupFinished', callId: 'c1', records: [{ ...record, name: `${record.name}\u202e` }] },
      { ...searching, lookups: { c1: { status: 'found', records: [record] } } },
    ],
    ['searching + lookupFailed → failed', searching, EVENTS.lookupFailed, { ...searching, lookups: { c1: { status: 'failed' } } }],
    [
      'searching + newer snapshot without the call → its lookup is dropped',
      searching,
      EVENTS.snapshotReceived.type === 'snapshotReceived' ? { ...EVENTS.snapshotReceived, snapshot: { ...newer, calls: [] } } : EVENTS.snapshotReceived,
      { ...searching, snapshot: { ...newer, calls: [] }, clockOffsetMs: 1_000, lookups: {} },
    ],
    ['signedIn + noticeRaised → notice shown', signedIn, EVENTS.noticeRaised, { ...signedIn, notice: 'softphoneNotRunning' }],
    [
      'signedIn (notice) + noticeRaised → newer notice replaces it',
      signedInWithNotice,
      EVENTS.noticeRaised,
      { ...signedInWithNotice, notice: 'softphoneNotRunning' },
    ],
    ['signedIn (notice) + noticeDismissed → no notice', signedInWithNotice, EVENTS.noticeDismissed, signedIn],
    [
      'signedIn + signedOut → signedOut keeping account/extension/seat/hardphone, status reset',
      signedInWithNotice,
      EVENTS.signedOut,
      {
        phase: 'signedOut',
        statuses,
        form: { ...form, initialStatusId: 'available' },
        step: { kind: 'form', error: null },
        attempt: 0,
      },
    ],
    [
      'starting + sessionRestored (a reload took the session back) → signedIn, form from the snapshot',
      starting,
      EVENTS.sessionRestored,
      {
        phase: 'signedIn',
        snapshot: snapshot({ revision: 9, serverTime: T0 + 40_000 }),
        clockOffsetMs: 1_000,
        notice: null,
        form: { account: 'sato@example', extension: '1001', seatId: '', initialStatusId: 'available', hardphone: false },
        lookups: {},
        connection: { kind: 'online' },
      },
    ],
    [
      'signedOut + sessionRestored (another tab) → signedIn',
      signedOutIdle,
      EVENTS.sessionRestored,
      {
        phase: 'signedIn',
        snapshot: snapshot({ revision: 9, serverTime: T0 + 40_000 }),
        clockOffsetMs: 1_000,
        notice: null,
        form: { account: 'sato@example', extension: '1001', seatId: '', initialStatusId: 'available', hardphone: false },
        lookups: {},
        connection: { kind: 'online' },
      },
    ],
    [
      'signedIn + sessionEnded → the sign-in form saying why, account and extension kept',
      signedInWithNotice,
      EVENTS.sessionEnded,
      {
        phase: 'signedOut',
        statuses,
        form: { ...form, initialStatusId: 'available' },
        step: { kind: 'form', error: 'signedOutElsewhere' },
        attempt: 0,
      },
    ],
    ['signedIn + connectionLost → failed (connection)', signedIn, EVENTS.connectionLost, { phase: 'failed', failure: 'connection', detail: 'transport close' }],
    [
      'signedOut + connectionLost → failed (connection)',
      signedOutIdle,
      EVENTS.connectionLost,
      { phase: 'failed', failure: 'connection', detail: 'transport close' },
    ],
    [
      'submitting + connectionLost → failed (connection)',
      submitting,
      EVENTS.connectionLost,
      { phase: 'failed', failure: 'connection', detail: 'transport close' },
    ],
  ])('%s', (_name, state, event, expected) => {
    const before = structuredClone(state);

    const next = reduce(state, event);

    expect(next).toEqual(expected);
    expect(next).not.toBe(state);
    expect(state).toEqual(before); // the old state is never mutated
  });
});

// ---- every illegal event leaves the very same state object -------------------------------

/** Which event types change each state; every other event type must be ignored. */
const LEGAL: [string, PanelState, readonly PanelEvent['type'][]][] = [
  ['starting', starting, ['startupFailed', 'ready', 'sessionRestored']],
  ['failed', failed, []],
  ['failed (retrying)', failedRetrying, ['startupRecovered']],
  ['signedOut (idle)', signedOutIdle, ['signInSubmitted', 'connectionLost', 'signInRequired', 'sessionRestored']],
  ['signedOut (after error)', signedOutWithError, ['signInSubmitted', 'connectionLost', 'signInRequired', 'sessionRestored']],
  ['signedOut (submitting)', submitting, ['signInRejected', 'seatConflict', 'lineConflict', 'signInAccepted', 'connectionLost']],
  // A phone link clicked while the seat question is open changes nothing: the question is answered first.
  ['signedOut (seat question)', seatAsked, ['signInSubmitted', 'seatConflictDismissed', 'connectionLost', 'sessionRestored']],
  ['signedOut (line question)', lineAsked, ['signInSubmitted', 'seatConflictDismissed', 'connectionLost', 'sessionRestored']],
  ['signedIn (no notice)', signedIn, ['snapshotReceived', 'noticeRaised', 'signedOut', 'sessionEnded', 'connectionLost', 'connectionInterrupted']],
  [
    'signedIn (reconnecting)',
    reconnecting,
    ['snapshotReceived', 'noticeRaised', 'signedOut', 'sessionEnded', 'connectionLost', 'sessionResumed', 'reconnectAttempted'],
  ],
  [
    'signedIn (notice)',
    signedInWithNotice,
    ['snapshotReceived', 'noticeRaised', 'noticeDismissed', 'signedOut', 'sessionEnded', 'connectionLost', 'connectionInterrupted'],
  ],
  [
    'signedIn (ringing, not looked up)',
    ringingIn,
    ['snapshotReceived', 'noticeRaised', 'signedOut', 'sessionEnded', 'connectionLost', 'lookupStarted', 'connectionInterrupted'],
  ],
  [
    'signedIn (looking up)',
    searching,
    ['snapshotReceived', 'noticeRaised', 'signedOut', 'sessionEnded', 'connectionLost', 'lookupFinished', 'lookupFailed', 'connectionInterrupted'],
  ],
];

const ILLEGAL = LEGAL.flatMap(([name, state, legal]) =>
  ALL_EVENT_TYPES.filter((type) => !legal.includes(type)).map((type) => [name, type, state, EVENTS[type]] as const),
);

describe('reduce: illegal events', () => {
  it.each(ILLEGAL)('%s ignores %s (same object)', (_name, _type, state, event) => {
    expect(reduce(state, event)).toBe(state);
  });

  it('every legal (state, event) pair in the table really changes the state', () => {
    const legalPairs = LEGAL.flatMap(([, state, legal]) => legal.map((type) => [state, EVENTS[type]] as const));

    const unchanged = legalPairs.filter(([state, event]) => reduce(state, event) === state);

    expect(unchanged).toEqual([]);
  });
});

// ---- details of particular transitions ---------------------------------------------------

describe('reduce: snapshots', () => {
  it.each([
    ['an older revision', 4],
    ['the same revision', 5],
  ])('ignores a snapshot with %s', (_what, revision) => {
    const stale = snapshot({ revision, calls: [call({ id: 'c9', state: 'talking' })] });

    expect(reduce(signedIn, { type: 'snapshotReceived', snapshot: stale, receivedAt: T0 })).toBe(signedIn);
  });

  it.each([
    ['softphoneNotRunning', 'running', null],
    ['softphoneReconnecting', 'running', null],
    ['softphoneMismatch', 'running', null],
    ['softphoneNotRunning', 'stopped', 'softphoneNotRunning'],
    ['busy', 'running', 'busy'],
  ] as const)('a %s notice, then the softphone %s → notice %s', (notice, softphone, expected) => {
    const withNotice: PanelState = { ...signedIn, notice };
    const next = snapshot({ revision: 6, softphone: { running: softphone === 'running', state: softphone } });

    expect(reduce(withNotice, { type: 'snapshotReceived', snapshot: next, receivedAt: T0 })).toMatchObject({ notice: expected });
  });

  it('applies snapshots in revision order and drops a late older one', () => {
    const r6 = snapshot({ revision: 6, serverTime: T0 + 6_000 });
    const r7 = snapshot({ revision: 7, serverTime: T0 + 7_000 });

    const state = [r7, r6].reduce<PanelState>((s, snap) => reduce(s, { type: 'snapshotReceived', snapshot: snap, receivedAt: T0 }), signedIn);

    expect(state).toMatchObject({ phase: 'signedIn', snapshot: { revision: 7 }, clockOffsetMs: 7_000 });
  });

  it.each([
    ['server ahead of the panel', T0 + 10_000, T0, 10_000],
    ['server behind the panel', T0, T0 + 2_500, -2_500],
    ['clocks agree', T0, T0, 0],
  ])('computes clockOffsetMs = serverTime − receivedAt when %s', (_what, serverTime, receivedAt, offset) => {
    const accepted = reduce(submitting, { type: 'signInAccepted', snapshot: snapshot({ serverTime }), receivedAt });
    const refreshed = reduce(signedIn, {
      type: 'snapshotReceived',
      snapshot: snapshot({ revision: 99, serverTime }),
      receivedAt,
    });

    expect(accepted).toMatchObject({ clockOffsetMs: offset });
    expect(refreshed).toMatchObject({ clockOffsetMs: offset });
  });
});

describe('reduce: sign-in attempts', () => {
  it('bumps attempt on every rejection and never forgets the submitted form', () => {
    const errors: SignInError[] = ['authFailed', 'timeout', 'disconnected'];
    let state: PanelState = reduce(starting, EVENTS.ready);

    for (const error of errors) {
      state = reduce(state, { type: 'signInSubmitted', form });
      state = reduce(state, { type: 'signInRejected', error });
    }

    expect(state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: 'disconnected' }, attempt: 3, form });
  });
});

describe('reduce: signing out', () => {
  it.each<[string, AgentStatus[], string]>([
    ['logoff listed first', statuses, 'available'],
    [
      'logoff listed last',
      [
        { id: 'break', label: '休憩' },
        { id: 'logoff', label: 'ログオフ' },
      ],
      'break',
    ],
    ['only logoff', [{ id: 'logoff', label: 'ログオフ' }], 'logoff'],
    ['no statuses', [], ''],
  ])('resets the initial status to the first non-logoff status (%s)', (_what, list, expected) => {
    const state: PanelState = { ...signedIn, snapshot: snapshot({ statuses: list }) };

    const next = reduce(state, EVENTS.signedOut);

    expect(next).toMatchObject({
      phase: 'signedOut',
      statuses: list,
      form: { account: form.account, extension: form.extension, seatId: form.seatId, hardphone: form.hardphone, initialStatusId: expected },
    });
  });
});

describe('defaultInitialStatus', () => {
  it('prefers the first status that is not ログオフ', () => {
    expect(
      defaultInitialStatus([
        { id: 'logoff', label: 'ログオフ' },
        { id: 'x', label: 'X' },
        { id: 'y', label: 'Y' },
      ]),
    ).toBe('x');
  });
});

// ---- derived values ----------------------------------------------------------------------

describe('currentCall', () => {
  const ringing = call({ id: 'ring', state: 'ringing' });
  const talking = call({ id: 'talk', state: 'talking', answeredAt: T0 + 1_000 });
  const dialing = call({ id: 'dial', state: 'dialing', direction: 'outbound' });
  const held = call({ id: 'held', state: 'held', answeredAt: T0 });

  it.each<[string, Call[], string | undefined]>([
    ['no calls', [], undefined],
    ['only a ringing call', [ringing], 'ring'],
    ['talking beats ringing (call waiting)', [ringing, talking], 'talk'],
    ['dialing beats ringing', [ringing, dialing], 'dial'],
    ['talking beats held', [held, talking], 'talk'],
    ['dialing beats held (consulting a transfer target)', [held, dialing], 'dial'],
    ['ringing beats held', [held, ringing], 'ring'],
    ['a held call alone', [held], 'held'],
    ['the first of two talking calls', [talking, { ...talking, id: 'talk2' }], 'talk'],
  ])('%s', (_what, calls, expectedId) => {
    expect(currentCall(snapshot({ calls }))?.id).toBe(expectedId);
  });
});

describe('callElapsedMs', () => {
  it.each<[string, Call, number, number, number | null]>([
    ['not answered yet', call({ id: 'c', state: 'ringing' }), T0 + 5_000, 0, null],
    ['answered, clocks agree', call({ id: 'c', state: 'talking', answeredAt: T0 }), T0 + 65_000, 0, 65_000],
    ['answered, server 2 s ahead', call({ id: 'c', state: 'talking', answeredAt: T0 }), T0 + 65_000, 2_000, 67_000],
    ['answered, server 2 s behind', call({ id: 'c', state: 'talking', answeredAt: T0 }), T0 + 65_000, -2_000, 63_000],
    ['answered in the panel’s future (clamped)', call({ id: 'c', state: 'talking', answeredAt: T0 + 9_000 }), T0, 0, 0],
  ])('%s', (_what, c, now, offset, expected) => {
    expect(callElapsedMs(c, now, offset)).toBe(expected);
  });
});

describe('callStateMessage', () => {
  it.each<[string, PanelState]>([
    ['starting', starting],
    ['failed', failed],
    ['signed out', signedOutIdle],
    ['signed in without calls', signedIn],
  ])('is idle when %s', (_what, state) => {
    expect(callStateMessage(state)).toEqual({ v: 1, state: 'idle' });
  });

  const transcript: Chat = {
    status: 'ok',
    messages: [
      { from: 'customer', kind: 'text', text: '請求書について', at: T0 - 60_000 },
      { from: 'bot', kind: 'url', text: 'よくある質問', url: 'https://example.com/faq', at: T0 - 50_000 },
      { from: 'customer', kind: 'upload', text: 'invoice.pdf', url: 'https://files.example.com/u/1', at: T0 - 40_000 },
    ],
  };

  it('describes the current call with every known field', () => {
    const talking = call({ id: 'c7', state: 'talking', answeredAt: T0 + 2_000, businessLabel: 'サポート窓口', chat: transcript });
    const state: PanelState = { ...signedIn, snapshot: snapshot({ calls: [call({ id: 'c8', state: 'ringing' }), talking] }) };

    expect(callStateMessage(state)).toStrictEqual({
      v: 1,
      state: 'talking',
      direction: 'inbound',
      number: '0312345678',
      callId: 'c7',
      answeredAt: T0 + 2_000,
      clockOffsetMs: 3_000,
      businessLabel: 'サポート窓口',
      chat: transcript,
    });
  });

  it.each<[string, Chat]>([
    ['a transcript', transcript],
    ['an empty transcript', { status: 'ok', messages: [] }],
    ['a connect error', { status: 'error', error: 'connect' }],
    ['a fetch error', { status: 'error', error: 'fetch' }],
    ['a server error', { status: 'error', error: 'server' }],
  ])('carries the current call’s chat as is: %s', (_what, chat) => {
    const ringing = call({ id: 'c3', state: 'ringing', chat });
    const state: PanelState = { ...signedIn, snapshot: snapshot({ calls: [ringing] }) };

    const message = callStateMessage(state);

    expect(message.v).toBe(1);
    expect(message.callId).toBe('c3');
    expect(message.chat).toStrictEqual(chat);
  });

  it('publishes only the current call’s chat, not that of another call', () => {
    const held = call({ id: 'h1', state: 'held', answeredAt: T0, chat: transcript });
    const talking = call({ id: 't1', state: 'talking', answeredAt: T0 + 1_000 });
    const state: PanelState = { ...signedIn, snapshot: snapshot({ calls: [held, talking] }) };

    const message = callStateMessage(state);

    expect(message.callId).toBe('t1');
    expect(message).not.toHaveProperty('chat');
  });

  it('leaves out answeredAt, businessLabel and chat when the call has none', () => {
    const dialing = call({ id: 'c9', state: 'dialing', direction: 'outbound', remoteNumber: '09012345678' });
    const state: PanelState = { ...signedIn, snapshot: snapshot({ calls: [dialing] }) };

    const message = callStateMessage(state);

    // toStrictEqual: keys present with the value undefined would fail too.
    expect(message).toStrictEqual({ v: 1, state: 'dialing', direction: 'outbound', number: '09012345678', callId: 'c9' });
  });
});

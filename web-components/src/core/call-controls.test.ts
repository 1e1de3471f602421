import { describe, expect, it } from '@jest/globals';
import { parse, snapshotSchema, type Call, type ParkedCall, type Snapshot, type SoftphoneStatus } from '@biztel/protocol';
import { callControls, type CallControls } from './call-controls.js';

// ---- fixtures (validated by the protocol schema, so they stay what the server can send) ----------

const T0 = 1_743_465_600_000; // 2025-04-01 09:00 JST
const CUSTOMER = 'call-0001';
const CONSULT = 'call-0002';

const call = (patch: Partial<Call> & Pick<Call, 'id' | 'state'>): Call => ({
  direction: 'inbound',
  remoteNumber: '0312345678',
  startedAt: T0,
  ...patch,
});

const ringing = call({ id: CUSTOMER, state: 'ringing' });
const talking = call({ id: CUSTOMER, state: 'talking', answeredAt: T0 + 5_000 });
const held = call({ id: CUSTOMER, state: 'held', answeredAt: T0 + 5_000, heldAt: T0 + 60_000 });
const dialing = call({ id: CUSTOMER, state: 'dialing', direction: 'outbound', remoteNumber: '0120123456' });
const parking = call({ id: CUSTOMER, state: 'parking', answeredAt: T0 + 5_000 });
const recall = call({ id: 'call-0009', state: 'ringing', recall: { slot: '701' } });
const consult = (state: 'dialing' | 'talking', kind: 'attended' | 'star' | 'hash' = 'attended'): Call =>
  call({
    id: CONSULT,
    state,
    direction: 'outbound',
    remoteNumber: '2002',
    startedAt: T0 + 70_000,
    ...(state === 'talking' ? { answeredAt: T0 + 75_000 } : {}),
    transfer: { kind, of: CUSTOMER },
  });
const collecting = (kind: 'star' | 'hash', digits: string, state: 'held' | 'talking' = 'held'): Call =>
  call({ id: CUSTOMER, state, answeredAt: T0 + 5_000, ...(state === 'held' ? { heldAt: T0 + 60_000 } : {}), collecting: { kind, digits } });
const parkedOn = (slot: string, parkedAt: number, remoteNumber = '0312345678'): ParkedCall => ({
  slot,
  remoteNumber,
  parkedAt,
  recallAt: parkedAt + 300_000,
});

function snapshot(calls: Call[], patch: { hardphone?: boolean; parked?: ParkedCall[]; softphone?: SoftphoneStatus } = {}): Snapshot {
  return parse(
    snapshotSchema,
    {
      revision: 7,
      serverTime: T0 + 90_000,
      agent: { account: 'yamada.taro', extension: '1001', statusId: 'available', hardphone: patch.hardphone ?? false },
      statuses: [{ id: 'available', label: '受付可' }],
      softphone: patch.softphone ?? { running: true, state: 'running' },
      calls,
      parked: patch.parked ?? [],
      callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
    },
    'snapshot',
  );
}

const SCENARIOS = {
  idle: snapshot([]),
  ringing: snapshot([ringing]),
  recall: snapshot([recall]),
  dialing: snapshot([dialing]),
  talking: snapshot([talking]),
  held: snapshot([held]),
  'attended: target ringing': snapshot([held, consult('dialing')]),
  'attended: target answered': snapshot([held, consult('talking')]),
  'attended: target answered (listed first)': snapshot([consult('talking'), held]),
  '* collecting on a held call': snapshot([collecting('star', '20')]),
  '* collecting on a talking call': snapshot([collecting('star', '2', 'talking')]),
  '# collecting': snapshot([collecting('hash', '')]),
  '*: target ringing': snapshot([held, consult('dialing', 'star')]),
  '*: target answered': snapshot([held, consult('talking', 'star')]),
  parking: snapshot([parking]),
  'parked, no call': snapshot([], { parked: [parkedOn('702', T0 + 30_000), parkedOn('701', T0)] }),
  'parked, then a new call': snapshot([talking], { parked: [parkedOn('701', T0)] }),
  'call waiting': snapshot([talking, call({ id: 'call-0003', state: 'ringing' })]),
  'held, another rings': snapshot([held, call({ id: 'call-0003', state: 'ringing' })]),
  'outbound ringing the agent': snapshot([call({ id: CUSTOMER, state: 'ringing', direction: 'outbound' })]),
  'hardphone idle': snapshot([], { hardphone: true }),
  'hardphone ringing': snapshot([ringing], { hardphone: true }),
  'hardphone talking': snapshot([talking], { hardphone: true }),
  'hardphone held': snapshot([held], { hardphone: true }),
} satisfies Record<string, Snapshot>;
type Scenario = keyof typeof SCENARIOS;

const of = (scenario: Scenario): CallControls => callControls(SCENARIOS[scenario]);

// ---- tables -------------------------------------------------------------------------------------

describe('callControls', () => {
  describe('発信/応答 (primary)', () => {
    it.each<[Scenario, CallControls['primary']]>([
      ['idle', { mode: 'dial', enabled: true }],
      ['ringing', { mode: 'answer', callId: CUSTOMER, enabled: true }],
      ['recall', { mode: 'answer', callId: 'call-0009', enabled: true }],
      ['dialing', { mode: 'dial', enabled: false }],
      ['talking', { mode: 'dial', enabled: false }],
      ['held', { mode: 'dial', enabled: true }],
      ['attended: target ringing', { mode: 'dial', enabled: false }],
      ['attended: target answered', { mode: 'dial', enabled: false }],
      ['* collecting on a held call', { mode: 'dial', enabled: false }],
      ['# collecting', { mode: 'dial', enabled: false }],
      ['parking', { mode: 'dial', enabled: false }],
      ['parked, no call', { mode: 'dial', enabled: true }],
      ['call waiting', { mode: 'dial', enabled: false }],
      ['held, another rings', { mode: 'answer', callId: 'call-0003', enabled: true }],
      ['outbound ringing the agent', { mode: 'dial', enabled: false }],
      ['hardphone idle', { mode: 'dial', enabled: false }],
      ['hardphone ringing', { mode: 'answer', callId: CUSTOMER, enabled: true }],
      ['hardphone held', { mode: 'dial', enabled: false }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).primary).toEqual(expected);
    });
  });

  describe('切断 (hang-up)', () => {
    it.each<[Scenario, CallControls['hangUp']]>([
      ['idle', { callId: null, enabled: false, blockedBy: null }],
      ['ringing', { callId: CUSTOMER, enabled: true, blockedBy: null }],
      ['talking', { callId: CUSTOMER, enabled: true, blockedBy: null }],
      ['held', { callId: CUSTOMER, enabled: true, blockedBy: null }],
      ['attended: target answered', { callId: CONSULT, enabled: true, blockedBy: null }],
      ['*: target ringing', { callId: CONSULT, enabled: true, blockedBy: null }],
      ['parking', { callId: CUSTOMER, enabled: false, blockedBy: 'parking' }],
      ['* collecting on a held call', { callId: CUSTOMER, enabled: false, blockedBy: 'collecting' }],
      ['* collecting on a talking call', { callId: CUSTOMER, enabled: false, blockedBy: 'collecting' }],
      ['# collecting', { callId: CUSTOMER, enabled: false, blockedBy: 'collecting' }],
      ['parked, no call', { callId: null, enabled: false, blockedBy: null }],
      ['hardphone talking', { callId: CUSTOMER, enabled: true, blockedBy: null }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).hangUp).toEqual(expected);
    });
  });

  describe('パーク (park)', () => {
    it.each<[Scenario, CallControls['park']]>([
      ['idle', { shown: false }],
      ['ringing', { shown: false }],
      ['dialing', { shown: false }],
      ['talking', { shown: true, enabled: true, callId: CUSTOMER }],
      ['held', { shown: true, enabled: true, callId: CUSTOMER }],
      ['attended: target answered', { shown: true, enabled: false, callId: CUSTOMER }],
      ['* collecting on a held call', { shown: true, enabled: false, callId: CUSTOMER }],
      ['parking', { shown: false }],
      ['parked, no call', { shown: false }],
      ['parked, then a new call', { shown: true, enabled: true, callId: CUSTOMER }],
      ['hardphone talking', { shown: true, enabled: true, callId: CUSTOMER }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).park).toEqual(expected);
    });
  });

  describe('保留 (hold toggle)', () => {
    it.each<[Scenario, CallControls['hold']]>([
      ['idle', { shown: false }],
      ['ringing', { shown: false }],
      ['dialing', { shown: false }],
      ['talking', { shown: true, pressed: false, enabled: true, callId: CUSTOMER }],
      ['held', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      // Pressing 保留 again before completing returns to the customer (seed 001 §8).
      ['attended: target ringing', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      ['attended: target answered', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      ['attended: target answered (listed first)', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      // Pressed again it returns to the customer, discarding the digits collected so far.
      ['* collecting on a held call', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      ['* collecting on a talking call', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
      ['parking', { shown: false }],
      ['hardphone held', { shown: true, pressed: true, enabled: true, callId: CUSTOMER }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).hold).toEqual(expected);
    });
  });

  describe('転送 (transfer)', () => {
    it.each<[Scenario, CallControls['transfer']]>([
      ['idle', { shown: false }],
      ['ringing', { shown: false }],
      ['talking', { shown: true, active: false, callId: null }],
      ['held', { shown: true, active: false, callId: null }],
      ['attended: target ringing', { shown: true, active: false, callId: null }],
      ['attended: target answered', { shown: true, active: true, callId: CONSULT }],
      ['attended: target answered (listed first)', { shown: true, active: true, callId: CONSULT }],
      // A * transfer completes by hanging up, not with 転送 (seed 001 §10).
      ['*: target answered', { shown: true, active: false, callId: null }],
      ['parking', { shown: false }],
      ['hardphone held', { shown: true, active: false, callId: null }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).transfer).toEqual(expected);
    });
  });

  describe('where pad keys go', () => {
    it.each<[Scenario, CallControls['pad']]>([
      ['idle', { kind: 'number' }],
      ['ringing', { kind: 'number' }],
      ['dialing', { kind: 'number' }],
      ['talking', { kind: 'dtmf', callId: CUSTOMER }],
      ['held', { kind: 'number' }],
      ['attended: target ringing', { kind: 'number' }],
      ['attended: target answered', { kind: 'dtmf', callId: CONSULT }],
      ['* collecting on a held call', { kind: 'dtmf', callId: CUSTOMER }],
      ['# collecting', { kind: 'dtmf', callId: CUSTOMER }],
      ['*: target ringing', { kind: 'dtmf', callId: CONSULT }],
      ['parked, then a new call', { kind: 'dtmf', callId: CUSTOMER }],
      ['hardphone idle', { kind: 'none' }],
      ['hardphone talking', { kind: 'none' }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).pad).toEqual(expected);
    });
  });

  describe('message area', () => {
    it.each<[Scenario, CallControls['message']]>([
      ['idle', { kind: 'idle' }],
      ['ringing', { kind: 'call', state: 'ringing' }],
      ['recall', { kind: 'recall', slot: '701' }],
      ['dialing', { kind: 'call', state: 'dialing' }],
      ['talking', { kind: 'call', state: 'talking' }],
      ['held', { kind: 'call', state: 'held' }],
      ['attended: target ringing', { kind: 'call', state: 'dialing' }],
      ['attended: target answered', { kind: 'call', state: 'talking' }],
      ['* collecting on a held call', { kind: 'collecting', transfer: 'star', digits: '20' }],
      ['# collecting', { kind: 'collecting', transfer: 'hash', digits: '' }],
      ['parking', { kind: 'call', state: 'parking' }],
      ['parked, no call', { kind: 'parked', slot: '702' }],
      ['parked, then a new call', { kind: 'call', state: 'talking' }],
    ])('%s → %j', (scenario, expected) => {
      expect(of(scenario).message).toEqual(expected);
    });
  });

  describe('timers', () => {
    it.each<[Scenario, number | null, number | null]>([
      ['idle', null, null],
      ['ringing', null, null],
      ['talking', T0 + 5_000, null],
      ['held', T0 + 5_000, T0 + 60_000],
      ['attended: target ringing', null, T0 + 60_000],
      ['attended: target answered', T0 + 75_000, T0 + 60_000],
      ['* collecting on a held call', T0 + 5_000, T0 + 60_000],
      ['parking', T0 + 5_000, null],
    ])('%s → call from %p, hold from %p', (scenario, callFrom, holdFrom) => {
      const view = of(scenario);
      expect([view.callTimerFrom, view.holdTimerFrom]).toEqual([callFrom, holdFrom]);
    });
  });

  describe('the calls of a transfer', () => {
    it.each<[Scenario, string | null, 'attended' | 'star' | 'hash' | null, string | null]>([
      ['talking', CUSTOMER, null, null],
      ['held', CUSTOMER, null, null],
      ['attended: target ringing', CONSULT, 'attended', CUSTOMER],
      ['attended: target answered (listed first)', CONSULT, 'attended', CUSTOMER],
      ['*: target answered', CONSULT, 'star', CUSTOMER],
      ['* collecting on a held call', CUSTOMER, null, null],
    ])('%s → current %p (%p), customer held aside %p', (scenario, current, kind, heldCustomer) => {
      const view = of(scenario);
      expect([view.current?.id ?? null, view.consultation, view.heldCustomer?.id ?? null]).toEqual([current, kind, heldCustomer]);
    });
  });

  describe('dialling surface (number field, pad, caller ID)', () => {
    it.each<[Scenario, boolean]>([
      ['idle', true],
      ['talking', true],
      ['hardphone idle', false],
      ['hardphone ringing', false],
    ])('%s → %p', (scenario, expected) => {
      expect(of(scenario).dialling).toBe(expected);
    });
  });

  describe('画面転送メモ: only while the customer’s call could be transferred, never on a hardphone', () => {
    it.each<[Scenario, boolean]>([
      ['idle', false],
      ['ringing', false],
      ['dialing', false],
      ['talking', true],
      ['held', true],
      ['attended: target ringing', true],
      ['* collecting on a talking call', true],
      ['parking', false],
      ['parked, no call', false],
      ['hardphone talking', false],
      ['hardphone held', false],
    ])('%s → %p', (scenario, expected) => {
      expect(of(scenario).transferNote).toBe(expected);
    });
  });

  it('lists parked calls oldest first whatever order the server sent', () => {
    expect(of('parked, no call').parked.map((p) => p.slot)).toEqual(['701', '702']);
  });

  it('does not reorder the snapshot it was given', () => {
    const s = SCENARIOS['parked, no call'];
    callControls(s);
    expect(s.parked.map((p) => p.slot)).toEqual(['702', '701']);
  });
});

describe('callControls when the softphone cannot take commands', () => {
  const DROPPED = T0 + 80_000;
  const reconnecting: SoftphoneStatus = { running: false, state: 'reconnecting', since: DROPPED, until: DROPPED + 30_000 };
  const mismatch: SoftphoneStatus = { running: false, state: 'mismatch', account: 'agent02' };
  const lost = (calls: Call[], parked: ParkedCall[] = []) => callControls(snapshot(calls, { softphone: reconnecting, parked }));

  it('reconnecting during a call: the call as last reported, every control disabled, the timers stopped when the line dropped', () => {
    const view = lost([talking]);
    expect(view).toMatchObject({
      locked: { kind: 'reconnecting', since: DROPPED, until: DROPPED + 30_000 },
      message: { kind: 'call', state: 'talking' },
      primary: { mode: 'dial', enabled: false },
      hangUp: { callId: CUSTOMER, enabled: false, blockedBy: null },
      park: { shown: true, enabled: false, callId: CUSTOMER },
      hold: { shown: true, pressed: false, enabled: false, callId: CUSTOMER },
      transfer: { shown: true, active: false, callId: null },
      pad: { kind: 'none' },
      callTimerFrom: T0 + 5_000,
      timersStoppedAt: DROPPED,
    });
    expect(view.current?.id).toBe(CUSTOMER);
  });

  it.each<[string, Call[], Partial<CallControls>]>([
    ['a call ringing cannot be answered', [ringing], { primary: { mode: 'answer', callId: CUSTOMER, enabled: false } }],
    ['an answered consultation cannot be transferred', [held, consult('talking')], { transfer: { shown: true, active: false, callId: null } }],
    ['the held customer cannot be taken back', [held], { hold: { shown: true, pressed: true, enabled: false, callId: CUSTOMER } }],
    ['no call: nothing can be dialled', [], { primary: { mode: 'dial', enabled: false }, hangUp: { callId: null, enabled: false, blockedBy: null } }],
  ])('reconnecting, %s', (_what, calls, expected) => {
    expect(lost(calls)).toMatchObject(expected);
  });

  it('reconnecting keeps the parked calls as last reported', () => {
    expect(lost([], [parkedOn('701', T0)]).parked.map((p) => p.slot)).toEqual(['701']);
  });

  it('another account’s softphone: says which account, nothing can be dialled, no timer stopped', () => {
    expect(callControls(snapshot([], { softphone: mismatch }))).toMatchObject({
      locked: { kind: 'mismatch', account: 'agent02' },
      primary: { mode: 'dial', enabled: false },
      pad: { kind: 'none' },
      timersStoppedAt: null,
    });
  });

  it.each<[string, SoftphoneStatus]>([
    ['running', { running: true, state: 'running' }],
    // A stopped softphone is refused per command, with the notice that says so (unchanged).
    ['stopped', { running: false, state: 'stopped' }],
  ])('%s locks nothing', (_what, softphone) => {
    expect(callControls(snapshot([], { softphone }))).toMatchObject({
      locked: null,
      primary: { mode: 'dial', enabled: true },
      pad: { kind: 'number' },
      timersStoppedAt: null,
    });
  });
});

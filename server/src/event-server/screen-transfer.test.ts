import type { Call, TransferredScreen } from '@biztel/protocol';
import { demoDirectory } from '../config/directory.js';
import type { Line } from './line-store.js';
import { LATE_OFFER_MS, MAX_OFFERS, OFFER_TTL_MS, offerScreen, screenFrom, setCalls, transfersStarted } from './screen-transfer.js';

const tenant = demoDirectory.tenants[0]!;
const EXTENSIONS = ['10', '1001', '1002', '1003', '2001'];

const call = (id: string, patch: Partial<Call> = {}): Call => ({
  id,
  direction: 'inbound',
  state: 'talking',
  remoteNumber: '0312345678',
  startedAt: 1,
  ...patch,
});
const collecting = (id: string, kind: 'star' | 'hash', digits: string) => call(id, { state: 'held', collecting: { kind, digits } });
const consult = (id: string, of: string, target: string, kind: 'attended' | 'star' = 'attended') =>
  call(id, { direction: 'outbound', state: 'dialing', remoteNumber: target, transfer: { kind, of } });
const started = (before: Call[], after: Call[]) => transfersStarted(before, after, '1001', EXTENSIONS);

const line = (patch: Partial<Line> = {}): Line => ({
  tenantId: tenant.id,
  extension: '1002',
  device: 'sock-2',
  calls: [],
  parked: [],
  agent: { account: 'agent02', statusId: 'available', hardphone: false },
  revision: 1,
  viewing: null,
  screens: {},
  ...patch,
});
const SCREEN: TransferredScreen = { recordId: '0035g00000AbCdEAAZ', fromExtension: '1001' };
const OTHER: TransferredScreen = { recordId: '5005g00000XyZ12', fromExtension: '1001' };
const from = (sender: string, id = `in-${sender}`) => call(id, { state: 'ringing', transferredBy: sender });

describe('transfersStarted: what the sender’s own softphone shows of a transfer', () => {
  it('an attended consultation to another extension of the tenant, once', () => {
    const held = call('c', { state: 'held' });
    expect(started([held], [held, consult('k', 'c', '1002')])).toEqual(['1002']);
    expect(started([held, consult('k', 'c', '1002')], [held, { ...consult('k', 'c', '1002'), state: 'talking' }])).toEqual([]);
  });

  it('nothing for a ring group, an outside number, itself, or a plain call to a colleague', () => {
    const held = call('c', { state: 'held' });
    for (const target of ['2000', '0312345678', '1001']) expect(started([held], [held, consult('k', 'c', target)])).toEqual([]);
    expect(started([], [call('k', { direction: 'outbound', remoteNumber: '1002' })])).toEqual([]);
  });

  it('`*`/`#` digits naming an extension no longer one can grow into: offered while collecting, once', () => {
    expect(started([call('c')], [collecting('c', 'hash', '100')])).toEqual([]);
    expect(started([collecting('c', 'hash', '100')], [collecting('c', 'hash', '1002')])).toEqual(['1002']);
    expect(started([collecting('c', 'hash', '1002')], [collecting('c', 'hash', '1002')])).toEqual([]);
    expect(started([call('c')], [collecting('c', 'star', '1003')])).toEqual(['1003']);
  });

  it('a prefix of a longer extension (`10` while `1002` is typed) is not offered while collecting', () => {
    expect(started([collecting('c', 'hash', '1')], [collecting('c', 'hash', '10')])).toEqual([]);
  });

  it('`#` to such a prefix is offered when the PBX dials it (the leg goes); cancelled with `*`, it is not', () => {
    expect(started([collecting('c', 'hash', '10')], [])).toEqual(['10']);
    expect(started([collecting('c', 'hash', '10')], [call('c')])).toEqual([]);
    expect(started([collecting('c', 'hash', '1002')], [])).toEqual([]); // offered already while collecting
  });

  it('a `*` consultation to digits offered while collecting is the same transfer; to a prefix it is new', () => {
    expect(started([collecting('c', 'star', '1002')], [call('c', { state: 'held' }), consult('k', 'c', '1002', 'star')])).toEqual([]);
    expect(started([collecting('c', 'star', '10')], [call('c', { state: 'held' }), consult('k', 'c', '10', 'star')])).toEqual(['10']);
  });
});

describe('offers and the calls that take them', () => {
  it('a call transferredBy the sender takes its live offer, once', () => {
    const l = line();
    expect(offerScreen(l, '1001', SCREEN, 1000)).toBe('quiet');
    expect(setCalls(l, [from('1001', 'a')], 1500)).toEqual([]);
    expect(l.screens['a']).toEqual({ from: '1001', screen: SCREEN });
    expect(l.offers).toEqual({});
    setCalls(l, [from('1001', 'a'), from('1001', 'b')], 2000);
    expect(l.screens['a']).toEqual({ from: '1001', screen: SCREEN });
    expect(l.screens['b']).toMatchObject({ from: '1001', screen: null });
  });

  it('an offer from another sender, or one that expired, is not taken', () => {
    const l = line();
    offerScreen(l, '1003', SCREEN, 0);
    setCalls(l, [from('1001', 'a')], 10);
    expect(l.screens['a']?.screen).toBeNull();

    const m = line();
    offerScreen(m, '1001', SCREEN, 0);
    setCalls(m, [from('1001', 'a')], OFFER_TTL_MS);
    expect(m.screens['a']?.screen).toBeNull();
    expect(m.offers).toEqual({});
  });

  it('a newer offer of the same sender replaces the older', () => {
    const l = line();
    offerScreen(l, '1001', SCREEN, 0);
    offerScreen(l, '1001', OTHER, 10);
    setCalls(l, [from('1001', 'a')], 20);
    expect(l.screens['a']?.screen).toEqual(OTHER);
  });

  it('keeps at most MAX_OFFERS, the newest', () => {
    const l = line();
    for (let i = 0; i <= MAX_OFFERS; i += 1) offerScreen(l, `s${i}`, SCREEN, i);
    expect(Object.keys(l.offers ?? {}).sort()).toEqual(Array.from({ length: MAX_OFFERS }, (_, i) => `s${i + 1}`).sort());
  });

  it('a call that came first waits LATE_OFFER_MS for its offer, then stays without (reported once)', () => {
    const l = line();
    expect(setCalls(l, [from('1001', 'a')], 0)).toEqual([]);
    expect(offerScreen(l, '1001', SCREEN, LATE_OFFER_MS)).toBe('changed');
    expect(l.screens['a']).toEqual({ from: '1001', screen: SCREEN });

    const m = line();
    setCalls(m, [from('1001', 'a')], 0);
    expect(offerScreen(m, '1001', SCREEN, LATE_OFFER_MS + 1)).toBe('quiet');
    expect(m.screens['a']?.screen).toBeNull();
    expect(setCalls(m, [from('1001', 'a')], LATE_OFFER_MS + 2)).toEqual(['1001']);
    expect(setCalls(m, [from('1001', 'a')], LATE_OFFER_MS + 3)).toEqual([]);
    // The offer that came too late is left for the next transferred call.
    setCalls(m, [from('1001', 'a'), from('1001', 'b')], LATE_OFFER_MS + 4);
    expect(m.screens['b']?.screen).toEqual(SCREEN);
  });

  it('a waiting call that ends unmatched is reported; a waiting call taking an empty offer stays quiet', () => {
    const l = line();
    setCalls(l, [from('1001', 'a')], 0);
    expect(setCalls(l, [], 10)).toEqual(['1001']);

    const m = line();
    setCalls(m, [from('1001', 'a')], 0);
    expect(offerScreen(m, '1001', null, 10)).toBe('quiet');
    expect(m.screens['a']).toEqual({ from: '1001', screen: null });
  });

  it('a screen stays frozen for its call; the line’s own extension and unmarked calls get none', () => {
    const l = line();
    offerScreen(l, '1001', SCREEN, 0);
    setCalls(l, [from('1001', 'a')], 1);
    offerScreen(l, '1001', OTHER, 2);
    setCalls(l, [from('1001', 'a'), from('1002', 'self'), call('plain')], 3);
    expect(l.screens).toEqual({ a: { from: '1001', screen: SCREEN } });
  });
});

describe('screenFrom', () => {
  const viewing = { screen: { recordId: '0035g00000AbCdEAAZ' }, account: 'agent01', socketId: 'p-1' };
  const sender = (patch: Partial<Line>) =>
    line({ extension: '1001', agent: { account: 'agent01', statusId: 'available', hardphone: false }, viewing, ...patch });

  it('the viewing of the agent signed in on the line, with their name', () => {
    expect(screenFrom(sender({}), tenant, 'agent01')).toEqual({ recordId: '0035g00000AbCdEAAZ', fromExtension: '1001', fromName: '山田 花子' });
  });

  it('nothing when another account reported it, nobody is signed in, or the agent is logged off', () => {
    expect(screenFrom(sender({ agent: { account: 'agent02', statusId: 'available', hardphone: false } }), tenant, 'agent01')).toBeNull();
    expect(screenFrom(sender({ agent: null }), tenant, 'agent01')).toBeNull();
    expect(screenFrom(sender({ agent: { account: 'agent01', statusId: 'logoff', hardphone: false } }), tenant, 'agent01')).toBeNull();
    expect(screenFrom(sender({ viewing: null }), tenant, 'agent01')).toBeNull();
  });

  it('nothing when the softphone that started the transfer is another account’s (the line in mismatch)', () => {
    expect(screenFrom(sender({}), tenant, 'agent02')).toBeNull();
  });
});

/**
 * Integration: a transferred call's screen is only ever the sender's record for a transfer the
 * server saw start on the SENDER's own softphone (issue 14 §1). The receiving softphone's
 * `transferredBy` proves nothing: agent02's own softphone connection naming 1001 reads nothing of
 * agent01's; an offer is for its target line only, for a while, once, and within its tenant.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Call, type ScreenInfo, type Snapshot } from '@biztel/protocol';
import { DEMO_PASSWORD, demoDirectory, type Directory, type TenantConfig } from './config/directory.js';
import { OFFER_TTL_MS } from './event-server/screen-transfer.js';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, answeredCustomerCall, callIn, noCalls, signedInProbe } from './testing/panel-probe.js';

const demo = demoDirectory.tenants[0]!;
/** A second tenant with the same extension numbers. */
const other: TenantConfig = {
  ...demo,
  id: 'other',
  name: 'Other Company',
  accounts: [{ account: 'other01', passwordHash: demo.accounts[0]!.passwordHash, name: '他社 太郎' }], // password: DEMO_PASSWORD
  distribution: {},
};
const directory: Directory = { ...demoDirectory, tenants: [demo, other] };

let system: LocalSystem;
const probes: PanelProbe[] = [];
const sockets: Socket[] = [];
/** Demo extensions whose simulated softphone a test's own connection replaced. */
const takenOver = new Set<string>();

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: 50, transferDialPauseMs: 100, logLevel: 'silent', directory });
});
afterAll(async () => {
  await system.stop();
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  for (const s of sockets.splice(0)) s.close();
  for (const extension of takenOver) {
    await system.simulator.setSoftphoneRunning(extension, false);
    await system.simulator.setSoftphoneRunning(extension, true);
  }
  takenOver.clear();
  system.simulator.pbx.reset();
});

async function agent(account: string, extension: string): Promise<PanelProbe> {
  const probe = await signedInProbe(system, account, extension);
  probes.push(probe);
  return probe;
}

/** A softphone connection of our own for `extension`, signed in as `account` (it replaces the simulated one). */
async function device(account: string, extension: string): Promise<Socket> {
  const socket = connect(`${system.eventServerUrl}/softphone`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, account, password: DEMO_PASSWORD, extension },
  });
  sockets.push(socket);
  if (account.startsWith('agent')) takenOver.add(extension);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

const CONTACT: ScreenInfo = { recordId: '0035g00000AbCdEAAZ', recordName: '株式会社サンプル 田中 様', objectType: 'Contact', note: '請求書の件、折り返し済み' };
const CASE: ScreenInfo = { recordId: '5005g00000XyZ12', recordName: '00001234', objectType: 'Case' };
const fromAgent01 = (screen: ScreenInfo) => ({ ...screen, fromExtension: '1001', fromName: '山田 花子' });

const startedAt = Date.now();
const incoming = (id: string, transferredBy?: string): Call => ({
  id,
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '0312345678',
  startedAt,
  ...(transferredBy ? { transferredBy } : {}),
});
/** What 1001's softphone reports while it consults `target` about its held customer (attended). */
const consulting = (target: string, state: 'dialing' | 'talking' = 'dialing'): Call[] => [
  { id: 'cust-1', direction: 'inbound', state: 'held', remoteNumber: '0455550001', startedAt, heldAt: startedAt },
  { id: 'cons-1', direction: 'outbound', state, remoteNumber: target, startedAt, transfer: { kind: 'attended', of: 'cust-1' } },
];
const has = (id: string) => (s: Snapshot) => s.calls.some((c) => c.id === id);
const callOf = (s: Snapshot, id: string) => s.calls.find((c) => c.id === id);
const screensSeen = (p: PanelProbe) => p.snapshots.flatMap((s) => s.calls).filter((c) => c.screen);

/**
 * agent01's own softphone starts consulting `target`; resolves once the server has handled it
 * (a later report of the same connection shows on agent01's panel only after it).
 */
async function sender01Consults(a: PanelProbe, target: string): Promise<Socket> {
  const phone = await device('agent01', '1001');
  phone.emit('device:state', { calls: consulting(target), parked: [] });
  phone.emit('device:state', { calls: consulting(target, 'talking'), parked: [] });
  await a.next((s) => s.calls.some((c) => c.id === 'cons-1' && c.state === 'talking'));
  return phone;
}

describe('a softphone naming a colleague in transferredBy reads nothing of theirs', () => {
  it('agent02’s own softphone reports three calls “transferred by 1001” while agent01 views a record: no screen', async () => {
    const a = await agent('agent01', '1001');
    expect(await a.transport.send('viewing', CONTACT)).toEqual({ ok: true });
    const b = await agent('agent02', '1002');
    const phone = await device('agent02', '1002');

    const calls: Call[] = [];
    for (const id of ['fake-1', 'fake-2', 'fake-3']) {
      calls.push(incoming(id, '1001'));
      phone.emit('device:state', { calls: [...calls], parked: [] });
      const seen = callOf(await b.next(has(id)), id)!;
      expect(seen.transferredBy).toBe('1001');
      expect(seen).not.toHaveProperty('screen');
    }
    // agent01 moves on to another record: still nothing.
    await a.transport.send('viewing', CASE);
    phone.emit('device:state', { calls: [...calls, incoming('fake-4', '1001')], parked: [] });
    await b.next(has('fake-4'));
    expect(screensSeen(b)).toEqual([]);
  });

  it('a real transfer’s screen goes to one call: more calls “from 1001” get nothing', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const b = await agent('agent02', '1002');
    const phone = await device('agent02', '1002');
    await sender01Consults(a, '1002');

    phone.emit('device:state', { calls: [incoming('in-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('in-1')), 'in-1')!.screen).toEqual(fromAgent01(CONTACT));
    phone.emit('device:state', { calls: [incoming('in-1', '1001'), incoming('in-2', '1001')], parked: [] });
    const later = await b.next(has('in-2'));
    expect(callOf(later, 'in-1')!.screen).toEqual(fromAgent01(CONTACT));
    expect(callOf(later, 'in-2')).not.toHaveProperty('screen');
  });

  it('the target’s report may come first: its call gets the screen once the sender’s report arrives', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const b = await agent('agent02', '1002');
    const phone = await device('agent02', '1002');
    phone.emit('device:state', { calls: [incoming('in-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('in-1')), 'in-1')).not.toHaveProperty('screen');

    await sender01Consults(a, '1002');

    expect(callOf(await b.next((s) => callOf(s, 'in-1')?.screen !== undefined), 'in-1')!.screen).toEqual(fromAgent01(CONTACT));
  });

  it('another account’s softphone on agent01’s extension (agent01’s own not running) starts a “transfer” to its own line: no screen', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const b = await agent('agent02', '1002');
    await system.simulator.setSoftphoneRunning('1001', false);
    const rogue = await device('agent02', '1001');
    await a.next((s) => s.softphone.state === 'mismatch');
    rogue.emit('device:state', { calls: consulting('1002'), parked: [] });
    rogue.emit('device:state', { calls: consulting('1002', 'talking'), parked: [] });
    // The server handles a connection's reports, then its leaving, in order: once the panel sees it gone, the reports are done.
    rogue.disconnect();
    await a.next((s) => s.softphone.state === 'stopped');

    const phone = await device('agent02', '1002');
    phone.emit('device:state', { calls: [incoming('in-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('in-1')), 'in-1')).not.toHaveProperty('screen');
    expect(screensSeen(b)).toEqual([]);
  });
});

describe('an offer is for its target line, for a while, within its tenant', () => {
  it('a transfer to 1003 is not usable by 1002 (1003 gets it)', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const b = await agent('agent02', '1002');
    const c = await agent('agent03', '1003');
    const atB = await device('agent02', '1002');
    const atC = await device('agent03', '1003');
    await sender01Consults(a, '1003');

    atB.emit('device:state', { calls: [incoming('b-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('b-1')), 'b-1')).not.toHaveProperty('screen');
    atC.emit('device:state', { calls: [incoming('c-1', '1001')], parked: [] });
    expect(callOf(await c.next(has('c-1')), 'c-1')!.screen).toEqual(fromAgent01(CONTACT));
    expect(screensSeen(b)).toEqual([]);
  });

  it('the other tenant’s 1002 never gets it; this tenant’s 1002 does', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const elsewhere = await agent('other01', '1002');
    const b = await agent('agent02', '1002');
    const theirs = await device('other01', '1002');
    const ours = await device('agent02', '1002');
    await sender01Consults(a, '1002');

    theirs.emit('device:state', { calls: [incoming('x-1', '1001')], parked: [] });
    expect(callOf(await elsewhere.next(has('x-1')), 'x-1')).not.toHaveProperty('screen');
    ours.emit('device:state', { calls: [incoming('y-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('y-1')), 'y-1')!.screen).toEqual(fromAgent01(CONTACT));
    expect(screensSeen(elsewhere)).toEqual([]);
  });

  it('an expired offer is not usable', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const b = await agent('agent02', '1002');
    const phone = await device('agent02', '1002');
    await sender01Consults(a, '1002');

    system.clock.advance(OFFER_TTL_MS + 1000);
    phone.emit('device:state', { calls: [incoming('late-1', '1001')], parked: [] });
    expect(callOf(await b.next(has('late-1')), 'late-1')).not.toHaveProperty('screen');
  });
});

describe('real transfers through the PBX keep the record viewed when they started', () => {
  const kinds = [
    {
      kind: 'attended',
      start: async (a: PanelProbe, customer: string) => {
        await a.transport.send('hold', customer);
        await a.next(callIn('held'));
        await a.transport.send('dial', '1002');
        return (s: Snapshot) => s.calls.some((c) => c.transfer?.kind === 'attended');
      },
      complete: async (a: PanelProbe, b: PanelProbe, ringing: Call) => {
        await b.transport.send('answer', ringing.id);
        const consult = (await a.next((s) => s.calls.some((c) => c.transfer && c.state === 'talking'))).calls.find((c) => c.transfer)!;
        expect(await a.transport.send('transfer', consult.id)).toEqual({ ok: true });
      },
    },
    {
      kind: '*',
      start: async (a: PanelProbe, customer: string) => {
        await a.transport.send('dtmf', customer, '*1002');
        return (s: Snapshot) => s.calls.some((c) => c.collecting?.digits === '1002');
      },
      complete: async (a: PanelProbe, b: PanelProbe, ringing: Call) => {
        const consult = (await a.next((s) => s.calls.some((c) => c.transfer?.kind === 'star'))).calls.find((c) => c.transfer)!;
        expect(await a.transport.send('hangup', consult.id)).toEqual({ ok: true });
        await b.transport.send('answer', ringing.id);
      },
    },
    {
      kind: '#',
      start: async (a: PanelProbe, customer: string) => {
        await a.transport.send('dtmf', customer, '#1002');
        return (s: Snapshot) => s.calls.some((c) => c.collecting?.digits === '1002');
      },
      complete: async (_a: PanelProbe, b: PanelProbe, ringing: Call) => {
        await b.transport.send('answer', ringing.id);
      },
    },
  ];

  it.each(kinds)('$kind: 1002 gets the record agent01 viewed then; agent01 navigating afterwards changes nothing', async ({ start, complete }) => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await answeredCustomerCall(system, a, '1001', '0455554001');
    await a.transport.send('viewing', CONTACT);

    await a.next(await start(a, customer));
    expect(await a.transport.send('viewing', CASE)).toEqual({ ok: true });
    // Both softphones report at once (attended): the screen may follow the ringing call by a moment.
    const ringing = (await b.next((s) => s.calls.some((c) => c.state === 'ringing' && c.transferredBy === '1001' && c.screen))).calls[0]!;
    expect(ringing.screen).toEqual(fromAgent01(CONTACT));
    expect(await a.transport.send('viewing', null)).toEqual({ ok: true });

    await complete(a, b, ringing);
    await a.next(noCalls);
    const talking = callOf(
      await b.next((s) => s.calls.some((c) => c.id === ringing.id && c.state === 'talking' && c.remoteNumber === '0455554001')),
      ringing.id,
    )!;
    expect(talking).toMatchObject({ transferredBy: '1001', screen: fromAgent01(CONTACT) });
    // Never another record, and never taken away once there.
    const screens = b.snapshots.flatMap((s) => s.calls).map((c) => c.screen);
    const first = screens.findIndex((x) => x !== undefined);
    expect(first).toBeGreaterThanOrEqual(0);
    for (const screen of screens.slice(first)) expect(screen).toEqual(fromAgent01(CONTACT));
  });
});

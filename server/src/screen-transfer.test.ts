/**
 * Integration: screen transfer (画面転送, seed 001 §9) through the real event server, the
 * simulator's softphones and the panel's transport. The transferring agent's panel reports the
 * Salesforce record it views (`agent:viewing`); the call the transfer rings at a colleague carries
 * that record, frozen, with who sent it. A ring-group target gets none.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Call, type ScreenInfo, type Snapshot } from '@biztel/protocol';
import { DEMO_PASSWORD, demoDirectory, type Directory, type TenantConfig } from './config/directory.js';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn, noCalls, signedInProbe, answeredCustomerCall } from './testing/panel-probe.js';

const demo = demoDirectory.tenants[0]!;
/** A second tenant with the same extension numbers: nothing may cross over. */
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

beforeAll(async () => {
  system = await startTestSystem({
    root: process.cwd(),
    port: 0,
    eventPort: 0,
    autoAnswerMs: 50,
    transferDialPauseMs: 100,
    logLevel: 'silent',
    directory,
  });
});
afterAll(async () => {
  await system.stop();
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  for (const s of sockets.splice(0)) s.close();
  await system.simulator.setSoftphoneRunning('1003', true);
  system.simulator.pbx.reset();
});

async function agent(account: string, extension: string): Promise<PanelProbe> {
  const probe = await signedInProbe(system, account, extension);
  probes.push(probe);
  return probe;
}

function talkingWithCustomer(probe: PanelProbe, extension: string, from: string): Promise<string> {
  return answeredCustomerCall(system, probe, extension, from);
}

/** A device connection of our own for `extension` (it replaces the simulator's softphone there). */
async function device(account: string, extension: string): Promise<Socket> {
  const socket = connect(`${system.eventServerUrl}/softphone`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, account, password: DEMO_PASSWORD, extension },
  });
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

const CONTACT: ScreenInfo = { recordId: '0035g00000AbCdEAAZ', recordName: '株式会社サンプル 田中 様', objectType: 'Contact', note: '請求書の件、折り返し済み' };
const CASE: ScreenInfo = { recordId: '5005g00000XyZ12', recordName: '00001234', objectType: 'Case' };
const fromAgent01 = (screen: ScreenInfo) => ({ ...screen, fromExtension: '1001', fromName: '山田 花子' });

const ringingFrom = (number: string) => (s: Snapshot) => s.calls.some((c) => c.state === 'ringing' && c.remoteNumber === number);
const only = (s: Snapshot): Call => {
  expect(s.calls).toHaveLength(1);
  return s.calls[0]!;
};

describe('the transferring agent’s screen travels with the call (seed 001 §9)', () => {
  it('attended: the consultation rings with the record and the note; the customer’s call keeps them', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455551001');
    expect(await a.transport.send('viewing', CONTACT)).toEqual({ ok: true });

    await a.transport.send('hold', customer);
    await a.next(callIn('held'));
    await a.transport.send('dial', '1002');
    // Both softphones report at once: the screen may follow the ringing call by a moment.
    const consulting = only(await b.next((s) => ringingFrom('1001')(s) && s.calls[0]?.screen !== undefined));
    expect(consulting).toMatchObject({ transferredBy: '1001', screen: fromAgent01(CONTACT) });
    // The transferring agent's own calls carry nothing.
    expect(a.latest!.calls.some((c) => c.screen || c.transferredBy)).toBe(false);

    await b.transport.send('answer', consulting.id);
    const consult = (await a.next((s) => s.calls.some((c) => c.transfer && c.state === 'talking'))).calls.find((c) => c.transfer)!;
    expect(await a.transport.send('transfer', consult.id)).toEqual({ ok: true });
    await a.next(noCalls);

    const transferred = only(await b.next((s) => s.calls.some((c) => c.remoteNumber === '0455551001' && c.state === 'talking')));
    expect(transferred).toMatchObject({ id: consulting.id, transferredBy: '1001', screen: fromAgent01(CONTACT) });
  });

  it('*: the target rings with the record while consulting and keeps it once the agent hangs up', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455551002');
    await a.transport.send('viewing', CONTACT);

    await a.transport.send('dtmf', customer, '*1002');
    const ringing = only(await b.next(ringingFrom('0455551002')));
    expect(ringing.screen).toEqual(fromAgent01(CONTACT));
    const consult = (await a.next((s) => s.calls.some((c) => c.transfer?.kind === 'star'))).calls.find((c) => c.transfer)!;

    expect(await a.transport.send('hangup', consult.id)).toEqual({ ok: true });
    await a.next(noCalls);
    await b.transport.send('answer', ringing.id);
    const talking = only(await b.next(callIn('talking')));
    expect(talking).toMatchObject({ id: ringing.id, screen: fromAgent01(CONTACT) });
  });

  it('#: the colleague rings with the record at once', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455551003');
    await a.transport.send('viewing', CASE);

    await a.transport.send('dtmf', customer, '#1002');

    await a.next(noCalls);
    const ringing = only(await b.next(ringingFrom('0455551003')));
    expect(ringing).toMatchObject({ transferredBy: '1001', screen: fromAgent01(CASE) });
    expect(ringing.screen).not.toHaveProperty('note');
  });

  it('is frozen when the call reaches the target: the sender navigating on changes nothing there', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const customer = await talkingWithCustomer(a, '1001', '0455551004');
    await a.transport.send('viewing', CONTACT);
    await a.transport.send('dtmf', customer, '#1002');
    const ringing = only(await b.next(ringingFrom('0455551004')));

    expect(await a.transport.send('viewing', CASE)).toEqual({ ok: true });
    expect(await a.transport.send('viewing', null)).toEqual({ ok: true });
    await b.transport.send('answer', ringing.id);
    await b.next(callIn('talking'));

    expect(
      b.snapshots
        .flatMap((s) => s.calls)
        .filter((c) => c.id === ringing.id)
        .map((c) => c.screen),
    ).toEqual(expect.arrayContaining([fromAgent01(CONTACT)]));
    for (const s of b.snapshots) for (const c of s.calls) expect(c.screen).toEqual(fromAgent01(CONTACT));
    // A later reload of agent02's panel gets the same frozen screen.
    const reloaded = await agent('agent02', '1002');
    expect(only(reloaded.latest ?? (await reloaded.next(() => true))).screen).toEqual(fromAgent01(CONTACT));
  });

  it('the next transfer carries what the sender views then', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await a.transport.send('viewing', CONTACT);
    await a.transport.send('dtmf', await talkingWithCustomer(a, '1001', '0455551005'), '#1002');
    const first = only(await b.next(ringingFrom('0455551005')));
    expect(first.screen?.recordId).toBe(CONTACT.recordId);
    system.simulator.pbx.reset();
    await b.next(noCalls);

    await a.transport.send('viewing', CASE);
    await a.transport.send('dtmf', await talkingWithCustomer(a, '1001', '0455551006'), '#1002');
    expect(only(await b.next(ringingFrom('0455551006'))).screen).toEqual(fromAgent01(CASE));
  });
});

describe('when nothing travels', () => {
  it.each([
    ['#', '#2000'],
    ['*', '*2000'],
  ])('a %s transfer to a ring group (着信グループ) rings its members without a screen', async (_what, keys) => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    const c = await agent('agent03', '1003');
    const customer = await talkingWithCustomer(a, '1001', '0455552001');
    await a.transport.send('viewing', CONTACT);

    await a.transport.send('dtmf', customer, keys);

    const [atB, atC] = await Promise.all([b.next(ringingFrom('0455552001')), c.next(ringingFrom('0455552001'))]);
    for (const call of [only(atB), only(atC)]) {
      expect(call).not.toHaveProperty('screen');
      expect(call).not.toHaveProperty('transferredBy');
    }
  });

  it('an attended transfer to a ring group: no screen while consulting nor after completing', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await agent('agent03', '1003');
    const customer = await talkingWithCustomer(a, '1001', '0455552002');
    await a.transport.send('viewing', CONTACT);
    await a.transport.send('hold', customer);
    await a.next(callIn('held'));

    await a.transport.send('dial', '2000');
    const ringing = only(await b.next(ringingFrom('1001')));
    expect(ringing).not.toHaveProperty('screen');
    await b.transport.send('answer', ringing.id);
    const consult = (await a.next((s) => s.calls.some((x) => x.transfer && x.state === 'talking'))).calls.find((x) => x.transfer)!;
    await a.transport.send('transfer', consult.id);

    const talking = only(await b.next((s) => s.calls.some((x) => x.remoteNumber === '0455552002')));
    expect(talking).not.toHaveProperty('screen');
  });

  it('the sender views no record (or left it): the call comes without a screen', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await a.transport.send('viewing', CONTACT);
    expect(await a.transport.send('viewing', null)).toEqual({ ok: true });

    await a.transport.send('dtmf', await talkingWithCustomer(a, '1001', '0455552003'), '#1002');

    const ringing = only(await b.next(ringingFrom('0455552003')));
    expect(ringing.transferredBy).toBe('1001');
    expect(ringing).not.toHaveProperty('screen');
  });

  it('an ordinary call from a colleague carries no screen', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await a.transport.send('viewing', CONTACT);

    await a.transport.send('dial', '1002');

    const ringing = only(await b.next(ringingFrom('1001')));
    expect(ringing).not.toHaveProperty('screen');
  });

  it('the viewing is forgotten when the panel that reported it disconnects or signs out', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await a.transport.send('viewing', CONTACT);
    a.close();
    const again = await agent('agent01', '1001');
    await again.transport.send('dtmf', await talkingWithCustomer(again, '1001', '0455552004'), '#1002');
    expect(only(await b.next(ringingFrom('0455552004')))).not.toHaveProperty('screen');

    system.simulator.pbx.reset();
    await b.next(noCalls);
    await again.transport.send('viewing', CASE);
    expect(await again.transport.send('signOut')).toEqual({ ok: true });
    const third = await agent('agent01', '1001');
    await third.transport.send('dtmf', await talkingWithCustomer(third, '1001', '0455552005'), '#1002');
    expect(only(await b.next(ringingFrom('0455552005')))).not.toHaveProperty('screen');
  });
});

describe('only the server attaches a screen', () => {
  it('ignores a screen a device sends itself, with or without transferredBy', async () => {
    const a = await agent('agent01', '1001');
    const c = await agent('agent03', '1003');
    await a.transport.send('viewing', CONTACT);
    const phone = await device('agent03', '1003');
    const forged = { recordId: '001000000000001AAA', recordName: '偽物', fromExtension: '1002', fromName: 'mallory' };
    const base = { direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: Date.now() };

    phone.emit('device:state', { calls: [{ ...base, id: 'forged-1', screen: forged }], parked: [] });
    const plain = only(await c.next((s) => s.calls.some((x) => x.id === 'forged-1')));
    expect(plain).not.toHaveProperty('screen');

    // Naming a colleague is not a transfer: the server saw none start on 1001's softphone.
    phone.emit('device:state', { calls: [{ ...base, id: 'forged-2', transferredBy: '1001', screen: forged }], parked: [] });
    const marked = only(await c.next((s) => s.calls.some((x) => x.id === 'forged-2')));
    expect(marked.transferredBy).toBe('1001');
    expect(marked).not.toHaveProperty('screen');
  });

  it('never crosses tenants: the same extension number in another tenant gets nothing', async () => {
    const a = await agent('agent01', '1001');
    await a.transport.send('viewing', CONTACT);
    const elsewhere = await agent('other01', '1002');
    const phone = await device('other01', '1002');

    phone.emit('device:state', {
      calls: [{ id: 'x-1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: Date.now(), transferredBy: '1001' }],
      parked: [],
    });

    const ringing = only(await elsewhere.next((s) => s.calls.some((x) => x.id === 'x-1')));
    expect(ringing.transferredBy).toBe('1001');
    expect(ringing).not.toHaveProperty('screen');
  });
});

describe('agent:viewing at the edge', () => {
  it('answers invalid payloads with INVALID_PAYLOAD and keeps the last valid viewing', async () => {
    const a = await agent('agent01', '1001');
    const b = await agent('agent02', '1002');
    await a.transport.send('viewing', CONTACT);
    for (const bad of [
      { recordId: 'https://example.my.salesforce.com/0035g00000AbCdE' },
      { recordId: 'javascript:alert(1)' },
      { recordId: '0035g00000AbCdE', note: 'x'.repeat(141) },
      { recordId: '0035g00000AbCdE', objectType: '<script>' },
      'not an object',
    ]) {
      expect(await a.transport.send('viewing', bad as ScreenInfo)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }

    await a.transport.send('dtmf', await talkingWithCustomer(a, '1001', '0455553001'), '#1002');
    expect(only(await b.next(ringingFrom('0455553001'))).screen).toEqual(fromAgent01(CONTACT));
  });

  it('refuses a request without a screen key, and any viewing before sign-in', async () => {
    const raw = connect(`${system.eventServerUrl}/panel`, { transports: ['websocket'], forceNew: true, extraHeaders: { origin: TEST_PANEL_ORIGIN } });
    sockets.push(raw);
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));

    expect(await raw.timeout(2000).emitWithAck('agent:viewing', {})).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await raw.timeout(2000).emitWithAck('agent:viewing', null)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await raw.timeout(2000).emitWithAck('agent:viewing', { screen: CONTACT })).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
  });
});

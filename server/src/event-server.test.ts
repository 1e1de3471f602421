/**
 * Integration: the real event server (socket.io on a free port), the simulator's softphones
 * connected to it over socket.io, and the panel's real transport.
 */
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { DEMO_PASSWORD } from './config/directory.js';
import { PROTOCOL_VERSION } from '@biztel/protocol';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn, joinedProbe, noCalls } from './testing/panel-probe.js';

let system: LocalSystem;
const probes: PanelProbe[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
});
afterAll(async () => {
  await system.stop();
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  for (const ext of ['1001', '1002', '1003']) await system.simulator.setSoftphoneRunning(ext, true);
  system.simulator.pbx.reset();
});

async function panel(): Promise<PanelProbe> {
  const probe = new PanelProbe();
  probes.push(probe);
  await probe.transport.connect(system.eventServerUrl);
  return probe;
}

async function signedIn(account = 'agent01', extension = '1001'): Promise<PanelProbe> {
  const probe = await panel();
  const reply = await probe.transport.signIn({ account, password: DEMO_PASSWORD, extension, initialStatusId: 'available', hardphone: false });
  expect(reply.ok).toBe(true);
  return probe;
}

describe('start-up and sign-in', () => {
  it('greets a panel with the statuses for the sign-in form', async () => {
    const probe = new PanelProbe();
    probes.push(probe);
    const hello = await probe.transport.connect(system.eventServerUrl);
    expect(hello.statuses.map((s) => s.label)).toContain('ログオフ');
  });

  it('refuses a wrong password, an unknown account and an extension of another tenant alike', async () => {
    const probe = await panel();
    for (const attempt of [
      { account: 'agent01', password: 'wrong', extension: '1001' },
      { account: 'nobody', password: DEMO_PASSWORD, extension: '1001' },
      { account: 'agent01', password: DEMO_PASSWORD, extension: '9999' },
    ]) {
      const reply = await probe.transport.signIn({ ...attempt, initialStatusId: 'available', hardphone: false });
      expect(reply).toEqual({ ok: false, code: 'AUTH_FAILED' });
    }
  });

  it('signs in with the chosen status and shows the running softphone', async () => {
    const probe = await panel();
    const reply = await probe.transport.signIn({
      account: 'agent02',
      password: DEMO_PASSWORD,
      extension: '1002',
      seatId: 'A-12',
      initialStatusId: 'away',
      hardphone: false,
    });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.snapshot.agent).toEqual({ account: 'agent02', extension: '1002', statusId: 'away', hardphone: false });
    expect(reply.snapshot.softphone.running).toBe(true);
  });

  it('rejects commands before sign-in', async () => {
    const probe = await panel();
    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
  });

  it('refuses sign-out BUSY while the line has a call (seed 002), and signs out once it ended', async () => {
    const probe = await signedIn();
    system.simulator.pbx.inbound('1001', '09012345678');
    const ringing = await probe.next(callIn('ringing'));

    expect(await probe.transport.send('signOut')).toMatchObject({ ok: false, code: 'BUSY' });
    expect(probe.latest?.agent.statusId).toBe('available');
    expect(await probe.transport.send('hangup', ringing.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(noCalls);
    expect(await probe.transport.send('signOut')).toEqual({ ok: true });
  });
});

describe('Seat View seats (seed 001 §2)', () => {
  const base = { password: DEMO_PASSWORD, initialStatusId: 'available', hardphone: false };

  it('asks before taking over an occupied seat, says who sits there, and takes it over on confirmation', async () => {
    const first = await panel();
    expect((await first.transport.signIn({ ...base, account: 'agent01', extension: '1001', seatId: 'S-7' })).ok).toBe(true);

    const second = await panel();
    const refused = await second.transport.signIn({ ...base, account: 'agent02', extension: '1002', seatId: 'S-7' });
    expect(refused).toMatchObject({ ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7', account: 'agent01', name: '山田 花子' } });
    if (!refused.ok) expect(refused.seat?.since).toEqual(expect.any(Number));

    const taken = await second.transport.signIn({ ...base, account: 'agent02', extension: '1002', seatId: 'S-7', overwriteSeat: true });
    expect(taken.ok).toBe(true);
    await first.transport.send('signOut');
    await second.transport.send('signOut');
  });

  it('frees the seat on sign-out', async () => {
    const first = await panel();
    await first.transport.signIn({ ...base, account: 'agent01', extension: '1001', seatId: 'S-8' });
    await first.transport.send('signOut');
    const second = await panel();
    expect((await second.transport.signIn({ ...base, account: 'agent02', extension: '1002', seatId: 'S-8' })).ok).toBe(true);
    await second.transport.send('signOut');
  });
});

describe('caller IDs (settings distribution, seed 003)', () => {
  it('gives an unrestricted account every number and window, switchable', async () => {
    const probe = await signedIn('agent01', '1001');
    const snap = await probe.next(() => true);
    expect(snap.callerIds).toMatchObject({ mode: 'switchable', restricted: false });
    expect(snap.callerIds.numbers.map((n) => n.number)).toContain('0120123456');
    expect(snap.callerIds.windows.map((w) => w.id)).toEqual(['support', 'sales']);
  });

  it('gives a restricted account only what the administrator allowed and refuses anything else', async () => {
    const probe = await signedIn('agent03', '1003');
    const snap = await probe.next(() => true);
    expect(snap.callerIds).toEqual({
      mode: 'windowsOnly',
      restricted: true,
      numbers: [],
      windows: [{ id: 'support', name: 'サポート窓口', number: '0312345001' }],
    });
    expect(await probe.transport.send('dial', '0312345678', { kind: 'number', number: '0120123456' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await probe.transport.send('dial', '0312345678', { kind: 'window', id: 'sales' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(system.simulator.pbx.callsOf('1003')).toEqual([]);
  });

  it('presents the chosen caller ID, or the default rule when none is chosen', async () => {
    const probe = await signedIn('agent01', '1001');
    expect(await probe.transport.send('dial', '0312345678', { kind: 'window', id: 'sales' })).toEqual({ ok: true });
    const chosen = await probe.next(callIn('dialing'));
    expect(chosen.calls[0]!.callerIdNumber).toBe('0312345002');
    await probe.transport.send('hangup', chosen.calls[0]!.id);
    await probe.next(noCalls);

    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: true });
    const byDefault = await probe.next(callIn('dialing'));
    expect(byDefault.calls[0]!.callerIdNumber).toBe('0312345000');
  });
});

describe('calls relayed between panel and softphone', () => {
  it('rings, answers with a timer base, and hangs up an inbound call', async () => {
    const probe = await signedIn();
    const placed = system.simulator.pbx.inbound('1001', '09012345678', 'サポート窓口');
    expect(placed.ok).toBe(true);

    const ringing = await probe.next(callIn('ringing'));
    const call = ringing.calls[0]!;
    expect(call).toMatchObject({ direction: 'inbound', remoteNumber: '09012345678', businessLabel: 'サポート窓口' });

    expect(await probe.transport.send('answer', call.id)).toEqual({ ok: true });
    const talking = await probe.next(callIn('talking'));
    expect(talking.calls[0]!.answeredAt).toEqual(expect.any(Number));

    expect(await probe.transport.send('hangup', call.id)).toEqual({ ok: true });
    await probe.next(noCalls);
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });

  it('dials out; the remote party answers; the agent hangs up', async () => {
    const probe = await signedIn();
    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: true });
    const dialing = await probe.next(callIn('dialing'));
    expect(dialing.calls[0]).toMatchObject({ direction: 'outbound', remoteNumber: '0312345678' });

    system.simulator.pbx.remoteAnswer(dialing.calls[0]!.id);
    const talking = await probe.next(callIn('talking'));
    expect(await probe.transport.send('hangup', talking.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(noCalls);
  });

  it('ends the call on the panel when the remote party hangs up', async () => {
    const probe = await signedIn();
    const placed = system.simulator.pbx.inbound('1001', '0455551234');
    await probe.next(callIn('ringing'));
    if (placed.ok) system.simulator.pbx.remoteHangup(placed.callId);
    await probe.next(noCalls);
  });

  it('keeps every panel of the same agent (several tabs) on the same snapshots', async () => {
    const a = await signedIn();
    const b = await joinedProbe(system, a);
    probes.push(b);
    system.simulator.pbx.inbound('1001', '0312345678');
    const [sa, sb] = await Promise.all([a.next(callIn('ringing')), b.next(callIn('ringing'))]);
    expect(sa.revision).toBe(sb.revision);
    expect(sa.calls).toEqual(sb.calls);
  });

  it('calls between two agents ring the other extension', async () => {
    const caller = await signedIn('agent01', '1001');
    const callee = await signedIn('agent02', '1002');
    expect(await caller.transport.send('dial', '1002')).toEqual({ ok: true });
    const ringing = await callee.next(callIn('ringing'));
    expect(ringing.calls[0]!.remoteNumber).toBe('1001');
    await callee.transport.send('answer', ringing.calls[0]!.id);
    await caller.next(callIn('talking'));
    await callee.transport.send('hangup', ringing.calls[0]!.id);
    await caller.next(noCalls);
  });

  it('says the softphone is not running and dials nothing', async () => {
    const probe = await signedIn();
    await system.simulator.setSoftphoneRunning('1001', false);
    await probe.next((s) => !s.softphone.running);
    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' });
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });

  it('refuses to answer a call that does not exist', async () => {
    const probe = await signedIn();
    expect(await probe.transport.send('answer', 'no-such-call')).toEqual({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('changes status and signs out to ログオフ', async () => {
    const probe = await signedIn();
    expect(await probe.transport.send('setStatus', 'break')).toEqual({ ok: true });
    await probe.next((s) => s.agent.statusId === 'break');
    expect((await probe.transport.send('setStatus', 'no-such-status')).ok).toBe(false);
    const watcher = await joinedProbe(system, probe);
    probes.push(watcher);
    expect(await probe.transport.send('signOut')).toEqual({ ok: true });
    await watcher.next((s) => s.agent.statusId === 'logoff');
    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
  });
});

describe('resuming a session after the connection dropped', () => {
  it('reconnects by itself and takes the session back with a single-use token, never the password', async () => {
    const probe = await panel();
    const first = await probe.transport.signIn({
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
    if (!first.ok) throw new Error('sign-in failed');
    expect(first.resumeToken).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/));
    const restored = new Promise((resolve) => probe.transport.onConnection((e) => e.kind === 'restored' && resolve(e)));

    system.eventServer.io.of('/panel').disconnectSockets(true);
    await restored;
    expect(await probe.transport.send('dial', '0312345678')).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });

    const resumed = await probe.transport.resume(first.resumeToken!);
    expect(resumed).toMatchObject({ ok: true, snapshot: { agent: { account: 'agent01', extension: '1001', statusId: 'available' } } });
    expect(await probe.transport.resume(first.resumeToken!)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });

    system.simulator.pbx.inbound('1001', '0312345678');
    await probe.next(callIn('ringing'));
  });

  it('refuses a token after sign-out, and a malformed or unknown one', async () => {
    const probe = await panel();
    const first = await probe.transport.signIn({
      account: 'agent02',
      password: DEMO_PASSWORD,
      extension: '1002',
      initialStatusId: 'available',
      hardphone: false,
    });
    if (!first.ok) throw new Error('sign-in failed');
    await probe.transport.send('signOut');

    expect(await probe.transport.resume(first.resumeToken!)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await probe.transport.resume('x'.repeat(43))).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await probe.transport.resume('short')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });
});

describe('bad input at the edge', () => {
  let raw: Socket;
  beforeEach(async () => {
    raw = connect(`${system.eventServerUrl}/panel`, { transports: ['websocket'], forceNew: true, extraHeaders: { origin: TEST_PANEL_ORIGIN } });
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
  });
  afterEach(() => {
    raw.close();
  });

  it('answers malformed and hostile payloads with a typed rejection and keeps serving', async () => {
    const hostile: unknown[] = [
      null,
      42,
      'sign me in',
      [],
      { account: 'a'.repeat(10_000), password: 'x', extension: '1001', initialStatusId: 'available', hardphone: false },
      JSON.parse('{"__proto__": {"polluted": true}, "account": "agent01"}'),
      { account: '<script>alert(1)</script>', password: 'x', extension: '1001', initialStatusId: 'available', hardphone: false },
      { account: 'agent01', password: DEMO_PASSWORD, extension: '10 01', initialStatusId: 'available', hardphone: 'yes' },
    ];
    for (const payload of hostile) {
      const reply = (await raw.timeout(2000).emitWithAck('session:signIn', payload)) as { ok: boolean; code: string };
      expect(reply).toMatchObject({ ok: false, code: expect.stringMatching(/INVALID_PAYLOAD|AUTH_FAILED/) });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Unknown events and events without an ack are ignored, not fatal.
    raw.emit('no:such:event', { x: 1 });
    raw.emit('call:dial', { number: '0312345678' });
    const probe = await signedIn();
    const snapshot = await probe.next((s) => s.agent.account === 'agent01');
    expect(snapshot).toMatchObject({ agent: { account: 'agent01', extension: '1001', statusId: 'available' } });
    expect(await probe.transport.send('setStatus', 'break')).toEqual({ ok: true });
  });

  it('drops an invalid device state from a softphone and keeps the line working', async () => {
    const probe = await signedIn('agent03', '1003');
    const device = connect(`${system.eventServerUrl}/softphone`, {
      transports: ['websocket'],
      auth: { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' },
    });
    await new Promise<void>((resolve) => device.once('connect', () => resolve()));
    device.emit('device:state', { calls: [{ id: 'x', state: 'exploding' }] });
    device.emit('device:state', { calls: 'not a list' });
    device.emit('device:state', {
      calls: [{ id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: Date.now() }],
      parked: [],
    });
    const ringing = await probe.next(callIn('ringing'));
    expect(ringing.calls.map((c) => c.id)).toEqual(['c1']);
    expect(probe.snapshots.flatMap((s) => s.calls).some((c) => c.id === 'x')).toBe(false);
    device.close();
    await system.simulator.setSoftphoneRunning('1003', false);
  });

  it('refuses a softphone with wrong credentials', async () => {
    const device = connect(`${system.eventServerUrl}/softphone`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { protocol: PROTOCOL_VERSION, account: 'agent01', password: 'wrong', extension: '1001' },
    });
    const error = await new Promise<Error>((resolve) => device.once('connect_error', resolve));
    expect(error.message).toBe('AUTH_FAILED');
    device.close();
  });
});

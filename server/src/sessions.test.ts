/**
 * Integration: one agent, several panels (reload, pop-out, tabs) on the real event server — shared
 * session, single-use resume tokens, sign-out everywhere, idempotent commands, graceful shutdown.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { MAX_TOKENS_PER_MINUTE } from './event-server/panel-session.js';
import { DEMO_PASSWORD } from './config/directory.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn, signedInProbe } from './testing/panel-probe.js';

let system: LocalSystem;
const probes: PanelProbe[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
});
afterAll(async () => {
  await system.stop();
});
afterEach(() => {
  for (const p of probes.splice(0)) p.close();
  for (const s of sockets.splice(0)) s.close();
  system.simulator.pbx.reset();
});

async function panel(): Promise<PanelProbe> {
  const probe = new PanelProbe();
  probes.push(probe);
  await probe.transport.connect(system.eventServerUrl);
  return probe;
}

/** A second page of the same agent: joins with a token the first page asked for. */
async function secondPage(first: PanelProbe): Promise<PanelProbe> {
  const token = await first.transport.sessionToken();
  if (!token.ok) throw new Error('no token');
  const second = await panel();
  const reply = await second.transport.resume(token.token);
  expect(reply.ok).toBe(true);
  return second;
}

async function rawPanel(): Promise<Socket> {
  const socket = connect(`${system.eventServerUrl}/panel`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: TEST_PANEL_ORIGIN },
  });
  sockets.push(socket);
  await new Promise((resolve) => socket.once('server:hello', resolve));
  return socket;
}

describe('one agent, several panels', () => {
  it('a second page joins the session with a token and sees the same calls live', async () => {
    const first = await signedInProbe(system, 'agent01', '1001');
    probes.push(first);
    const second = await secondPage(first);

    system.simulator.pbx.inbound('1001', '0312345678');

    const [a, b] = await Promise.all([first.next(callIn('ringing')), second.next(callIn('ringing'))]);
    expect(a.calls[0]!.id).toBe(b.calls[0]!.id);
    expect((await second.transport.send('answer', b.calls[0]!.id)).ok).toBe(true);
    await first.next(callIn('talking'));
  });

  it('tokens are single-use: a used token never works again', async () => {
    const first = await signedInProbe(system, 'agent01', '1001');
    probes.push(first);
    const token = await first.transport.sessionToken();
    if (!token.ok) throw new Error('no token');
    const second = await panel();
    const third = await panel();

    expect((await second.transport.resume(token.token)).ok).toBe(true);
    expect(await third.transport.resume(token.token)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('signing out on one page ends the session on the others and revokes every token', async () => {
    const first = await signedInProbe(system, 'agent01', '1001');
    probes.push(first);
    const second = await secondPage(first);
    const spare = await first.transport.sessionToken();
    const ended = new Promise<void>((resolve) => second.transport.onSessionEnded(() => resolve()));

    expect(await first.transport.send('signOut')).toEqual({ ok: true });

    await ended;
    expect(await second.transport.send('setStatus', 'break')).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    const late = await panel();
    expect(await late.transport.resume(spare.ok ? spare.token : 'x'.repeat(43))).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('a token is refused when another agent has signed in on the extension since', async () => {
    const first = await signedInProbe(system, 'agent01', '1001');
    probes.push(first);
    const token = await first.transport.sessionToken();
    const other = await signedInProbe(system, 'agent02', '1001', { overwriteLine: true });
    probes.push(other);

    const late = await panel();
    expect(await late.transport.resume(token.ok ? token.token : '')).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(await other.transport.send('signOut')).toEqual({ ok: true }); // the line is free for the next tests
  });

  it('mints at most MAX_TOKENS_PER_MINUTE tokens a minute for one connection', async () => {
    const probe = await signedInProbe(system, 'agent03', '1003');
    try {
      const replies = [];
      for (let i = 0; i < MAX_TOKENS_PER_MINUTE + 5; i++) replies.push(await probe.transport.sessionToken());
      expect(replies.filter((r) => r.ok)).toHaveLength(MAX_TOKENS_PER_MINUTE);
      expect(replies.at(-1)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      system.clock.advance(60_000);
      expect(await probe.transport.sessionToken()).toMatchObject({ ok: true });
    } finally {
      probe.close();
    }
  });

  it('asks for no token without a session', async () => {
    const probe = await panel();

    expect(await probe.transport.sessionToken()).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
  });
});

describe('idempotent commands', () => {
  it('runs a command once however often its id is sent, and answers each copy alike', async () => {
    const socket = await rawPanel();
    const signIn: unknown = await socket.emitWithAck('session:signIn', {
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
    expect(signIn).toMatchObject({ ok: true });
    const dial = { number: '0312345678', commandId: 'cmd-0123456789abcdef' };

    const replies: unknown[] = await Promise.all([socket.emitWithAck('call:dial', dial), socket.emitWithAck('call:dial', dial)]);
    const again: unknown = await socket.emitWithAck('call:dial', dial);

    expect(replies).toEqual([{ ok: true }, { ok: true }]);
    expect(again).toEqual({ ok: true });
    expect(system.simulator.pbx.callsOf('1001')).toHaveLength(1);
  });

  it('treats different ids as different commands', async () => {
    const socket = await rawPanel();
    await socket.emitWithAck('session:signIn', {
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });

    const first: unknown = await socket.emitWithAck('call:dial', { number: '0312345678', commandId: 'cmd-aaaaaaaaaaaaaaaa' });
    const second: unknown = await socket.emitWithAck('call:dial', { number: '0312345678', commandId: 'cmd-bbbbbbbbbbbbbbbb' });

    expect(first).toEqual({ ok: true });
    expect(second).toMatchObject({ ok: false, code: 'BUSY' });
  });
});

describe('server restart', () => {
  it('tells panels it stops; after a restart without shared storage the session is reported lost', async () => {
    const own = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
    const port = Number(new URL(own.eventServerUrl).port);
    const probe = new PanelProbe();
    probes.push(probe);
    await probe.transport.connect(own.eventServerUrl);
    const first = await probe.transport.signIn({
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
    if (!first.ok) throw new Error('sign-in failed');
    const events: string[] = [];
    const restored = new Promise<void>((resolve) =>
      probe.transport.onConnection((e) => {
        events.push(e.kind === 'lost' ? `lost: ${e.reason}` : e.kind);
        if (e.kind === 'restored') resolve();
      }),
    );

    await own.stop();
    const again = await startTestSystem({ root: process.cwd(), port: 0, eventPort: port, autoAnswerMs: null, logLevel: 'silent' });
    try {
      await restored;
      expect(events[0]).toBe('lost: server restarting');
      expect(await probe.transport.resume(first.resumeToken!)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    } finally {
      probe.close();
      await again.stop();
    }
  });
});

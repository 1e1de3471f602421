/**
 * Integration (issue 6): brute-forcing sign-ins against the real event server over socket.io, every
 * client from one address. Small budgets with long delays keep it fast and independent of how long
 * the test takes; the simulator clock (which the event server's `now` follows) is advanced to let a
 * delay run out. The attacks of issue 14 (guesses from other addresses) are in sign-in-attacks.test.ts.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { io as connect, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { PROTOCOL_VERSION } from '@biztel/protocol';
import { createEventServer } from './event-server.js';
import type { ServerLogger } from './logger.js';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, TEST_PANEL_ORIGIN } from './testing/panel-probe.js';

const rule = (freeFailures: number, delayMs: number) => ({ freeFailures, baseDelayMs: delayMs, maxDelayMs: delayMs, quietMs: 60_000 });
const LIMITS = { pair: rule(3, 60_000), account: rule(10, 60_000), address: rule(8, 120_000) };

let system: LocalSystem;
const probes: PanelProbe[] = [];
const sockets: Socket[] = [];

beforeEach(async () => {
  // No simulated softphones: the tests open their own softphone connections.
  system = await startTestSystem({
    root: process.cwd(),
    port: 0,
    eventPort: 0,
    autoAnswerMs: null,
    logLevel: 'silent',
    signInLimits: LIMITS,
    stoppedSoftphones: ['1001', '1002', '1003'],
  });
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  for (const s of sockets.splice(0)) s.close();
  await system.stop();
});

async function panel(): Promise<PanelProbe> {
  const probe = new PanelProbe();
  probes.push(probe);
  await probe.transport.connect(system.eventServerUrl);
  return probe;
}

const signIn = (probe: PanelProbe, account: string, password: string, extension: string) =>
  probe.transport.signIn({ account, password, extension, initialStatusId: 'available', hardphone: false });

/** A softphone handshake: 'connect' or the refusal's message and data. */
function softphone(url: string, auth: { account: string; password: string; extension: string }): Promise<{ outcome: string; data?: unknown }> {
  const socket = connect(`${url}/softphone`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocol: PROTOCOL_VERSION, ...auth } });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve({ outcome: 'connect' });
      socket.close();
    });
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      resolve({ outcome: error.message, ...(error.data === undefined ? {} : { data: error.data }) }),
    );
  });
}

describe('panel sign-in brute force', () => {
  it('slows the account at this address after 3 failures, even for the right password, and lets it in after the delay', async () => {
    const probe = await panel();
    for (const password of ['guess1', 'guess2', 'guess3']) {
      expect(await signIn(probe, 'agent01', password, '1001')).toEqual({ ok: false, code: 'AUTH_FAILED' });
    }

    const locked = await signIn(probe, 'agent01', DEMO_PASSWORD, '1001');
    expect(locked).toEqual({ ok: false, code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });
    if (!locked.ok) expect(locked.retryAfterMs).toBeGreaterThan(50_000);
    expect(locked.ok || locked.retryAfterMs! <= 60_000).toBe(true);

    system.clock.advance(60_000);
    expect((await signIn(probe, 'agent01', DEMO_PASSWORD, '1001')).ok).toBe(true);
  });

  it('leaves other accounts alone while one is slowed', async () => {
    const attacker = await panel();
    for (let i = 0; i < 4; i++) await signIn(attacker, 'agent01', `guess${i}`, '1001');
    expect(await signIn(attacker, 'agent01', DEMO_PASSWORD, '1001')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const colleague = await panel();
    expect((await signIn(colleague, 'agent02', DEMO_PASSWORD, '1002')).ok).toBe(true);
  });

  it('counts guesses made in parallel: a burst gets no more than the limit checked', async () => {
    const probe = await panel();
    const replies = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(probe, 'agent03', `burst${i}`, '1003')));

    expect(replies.filter((r) => !r.ok && r.code === 'AUTH_FAILED')).toHaveLength(3);
    expect(replies.filter((r) => !r.ok && r.code === 'RATE_LIMITED')).toHaveLength(9);
    expect(await signIn(probe, 'agent03', DEMO_PASSWORD, '1003')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('slows the address after failures spread over many accounts, unknown ones included', async () => {
    const probe = await panel();
    for (let i = 0; i < 8; i++) {
      expect(await signIn(probe, `spray${i}`, DEMO_PASSWORD, '1001')).toEqual({ ok: false, code: 'AUTH_FAILED' });
    }

    const locked = await signIn(probe, 'agent02', DEMO_PASSWORD, '1002');
    expect(locked).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    if (!locked.ok) expect(locked.retryAfterMs).toBeGreaterThan(110_000); // the address's delay, not the pair's
    system.clock.advance(120_000);
    expect((await signIn(probe, 'agent02', DEMO_PASSWORD, '1002')).ok).toBe(true);
  });

  it('counts a right password on another tenant’s extension as a failure (no password oracle)', async () => {
    const probe = await panel();
    for (let i = 0; i < 3; i++) expect(await signIn(probe, 'agent01', DEMO_PASSWORD, '9999')).toEqual({ ok: false, code: 'AUTH_FAILED' });

    expect(await signIn(probe, 'agent01', DEMO_PASSWORD, '1001')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('forgets the failures of an account that signed in', async () => {
    const probe = await panel();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) await signIn(probe, 'agent02', `typo${i}`, '1002');
      expect((await signIn(probe, 'agent02', DEMO_PASSWORD, '1002')).ok).toBe(true);
    }
  });
});

describe('softphone handshake brute force', () => {
  it('refuses a slowed account’s softphone with RATE_LIMITED and the wait, then accepts it after the delay', async () => {
    const auth = { account: 'agent03', extension: '1003' };
    for (let i = 0; i < 3; i++) expect(await softphone(system.eventServerUrl, { ...auth, password: `guess${i}` })).toMatchObject({ outcome: 'AUTH_FAILED' });

    expect(await softphone(system.eventServerUrl, { ...auth, password: DEMO_PASSWORD })).toEqual({
      outcome: 'RATE_LIMITED',
      data: { code: 'RATE_LIMITED', message: expect.any(String), retryAfterMs: expect.any(Number) },
    });
    // The delay is the (account, address) pair's: its panel is refused too, another account's softphone is not.
    const probe = await panel();
    expect(await signIn(probe, 'agent03', DEMO_PASSWORD, '1003')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect(await softphone(system.eventServerUrl, { account: 'agent02', extension: '1002', password: DEMO_PASSWORD })).toEqual({ outcome: 'connect' });

    system.clock.advance(60_000);
    expect(await softphone(system.eventServerUrl, { ...auth, password: DEMO_PASSWORD })).toEqual({ outcome: 'connect' });
  });
});

describe('logs', () => {
  it('records the slow-down with account and address, and never a password', async () => {
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const at = (level: string) => (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message });
    const logger: ServerLogger = { info: at('info'), warn: at('warn'), error: at('error') };
    const server = createEventServer({ directory: demoDirectory, allowedOrigins: [TEST_PANEL_ORIGIN], logger, signInLimits: LIMITS });
    const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
    server.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 4; i++) await softphone(url, { account: 'agent01', extension: '1001', password: `s3cret-guess-${i}` });
    } finally {
      await server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }

    const slowed = lines.find((l) => l.fields['event'] === 'auth.slowedDown');
    expect(slowed).toMatchObject({
      level: 'warn',
      fields: { kind: 'device', scope: 'pair', account: 'agent01', address: expect.stringContaining('127.0.0.1'), delayMs: 60_000 },
    });
    expect(lines.some((l) => l.fields['event'] === 'auth.rateLimited')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('s3cret-guess');
  });

  it('never logs an account name it does not know as typed: agents type passwords into that field', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger: ServerLogger = { info: (f) => lines.push(f), warn: (f) => lines.push(f), error: (f) => lines.push(f) };
    const server = createEventServer({ directory: demoDirectory, allowedOrigins: [TEST_PANEL_ORIGIN], logger, signInLimits: LIMITS });
    const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
    server.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const probe = new PanelProbe();
    try {
      await probe.transport.connect(url);
      // The password typed into the account field, four times (slows it down), by panel and softphone.
      for (let i = 0; i < 2; i++) await signIn(probe, 'MyS3cretPw', 'x', '1001');
      for (let i = 0; i < 2; i++) await softphone(url, { account: 'MyS3cretPw', extension: '1001', password: 'x' });
    } finally {
      probe.close();
      await server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
    const events = lines.filter((f) => ['panel.authFailed', 'auth.slowedDown', 'auth.rateLimited'].includes(String(f['event'])));
    expect(new Set(events.map((f) => f['event']))).toEqual(new Set(['panel.authFailed', 'auth.slowedDown', 'auth.rateLimited']));
    expect(events.every((f) => /^unknown:[0-9a-f]{12}$/.test(String(f['account'])))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('MyS3cretPw');
  });
});

describe('behind a load balancer (TRUST_PROXY_HOPS)', () => {
  it('counts the address the balancer saw, so one guesser does not slow the whole office', async () => {
    const server = createEventServer({
      directory: demoDirectory,
      allowedOrigins: [TEST_PANEL_ORIGIN],
      logger: { info() {}, warn() {}, error() {} },
      signInLimits: LIMITS,
      trustProxyHops: 1,
    });
    const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
    server.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const from = (address: string, auth: { account: string; password: string; extension: string }) => {
      const socket = connect(`${url}/softphone`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { protocol: PROTOCOL_VERSION, ...auth },
        extraHeaders: { 'x-forwarded-for': `6.6.6.6, ${address}` },
      });
      sockets.push(socket);
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connect'));
        socket.once('connect_error', (error) => resolve(error.message));
      });
    };
    try {
      // 8 failures (the address budget) from one desk, each for another account so no pair is slowed.
      for (let i = 0; i < 8; i++) await from('198.51.100.7', { account: `nobody${i}`, extension: '1001', password: `guess${i}` });

      expect(await from('198.51.100.7', { account: 'agent02', extension: '1002', password: DEMO_PASSWORD })).toBe('RATE_LIMITED');
      expect(await from('198.51.100.8', { account: 'agent02', extension: '1002', password: DEMO_PASSWORD })).toBe('connect');
    } finally {
      await server.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    }
  });
});

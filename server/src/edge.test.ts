/**
 * Integration: the event server's edge — allowed origins on every panel handshake (polling and
 * WebSocket), softphones whatever their Origin, the message size limit, the health endpoints and the graceful shutdown order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket, type SocketOptions, type ManagerOptions } from 'socket.io-client';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { createEventServer, type EventServer } from './event-server.js';
import { demoDirectory, DEMO_PASSWORD } from './config/directory.js';
import { TEST_PANEL_ORIGIN } from './testing/panel-probe.js';
import { PROTOCOL_VERSION } from '@biztel/protocol';
import type { ServerLogger } from './logger.js';

const FORGED = 'https://evil.example.com';
const LOOKALIKE = 'https://force.com.evil.example.com';

let system: LocalSystem;
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
});
afterAll(async () => {
  await system.stop();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

type Options = Partial<ManagerOptions & SocketOptions>;

function open(namespace: '/panel' | '/softphone', options: Options = {}, url = system.eventServerUrl): Socket {
  const socket = connect(`${url}${namespace}`, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  sockets.push(socket);
  return socket;
}

/** Resolves with 'connected' or the connect error's message. */
function outcome(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (e) => resolve(`refused: ${e.message}`));
  });
}

const withOrigin = (origin: string): Options => ({ extraHeaders: { origin } });

function ping(socket: Socket): Promise<unknown> {
  return socket.timeout(2000).emitWithAck('server:ping');
}

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('allowed origins', () => {
  it.each([['websocket'], ['polling']] as const)('accepts a panel from an allowed origin over %s', async (transport) => {
    const panel = open('/panel', { transports: [transport], ...withOrigin(TEST_PANEL_ORIGIN) });
    expect(await outcome(panel)).toBe('connected');
    expect(await ping(panel)).toEqual({ ok: true });
  });

  it("accepts the dev host's own origin (the e2e browser's)", async () => {
    const panel = open('/panel', withOrigin(system.url));
    expect(await outcome(panel)).toBe('connected');
  });

  it.each([
    ['websocket', FORGED],
    ['polling', FORGED],
    ['websocket', LOOKALIKE],
    ['polling', LOOKALIKE],
  ] as const)('refuses a panel over %s from %s', async (transport, origin) => {
    const panel = open('/panel', { transports: [transport], ...withOrigin(origin) });
    expect(await outcome(panel)).toMatch(/^refused/);
    expect(panel.connected).toBe(false);
  });

  it('grants CORS only to allowed origins: a forged Origin gets no grant on polling, and its panel handshake is refused', async () => {
    const polling = await fetch(`${system.eventServerUrl}/socket.io/?EIO=4&transport=polling`, { headers: { origin: FORGED } });
    expect(polling.headers.get('access-control-allow-origin')).toBeNull();
    await polling.text();

    const allowed = await fetch(`${system.eventServerUrl}/socket.io/?EIO=4&transport=polling`, { headers: { origin: TEST_PANEL_ORIGIN } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(TEST_PANEL_ORIGIN);
    await allowed.text();

    for (const transport of ['websocket', 'polling'] as const) {
      const panel = open('/panel', { transports: [transport], ...withOrigin(FORGED) });
      expect(await outcome(panel)).toBe('refused: ORIGIN_NOT_ALLOWED');
    }
  });

  it.each([['websocket'], ['polling']] as const)(
    'accepts a softphone over %s whatever Origin it sends (authenticated, not origin-gated: native clients send one)',
    async (transport) => {
      await system.simulator.setSoftphoneRunning('1003', false);
      try {
        const device = open('/softphone', {
          transports: [transport],
          ...withOrigin(FORGED),
          auth: { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' },
        });
        expect(await outcome(device)).toBe('connected');
        device.close();
        const wrong = open('/softphone', {
          transports: [transport],
          ...withOrigin(FORGED),
          auth: { protocol: PROTOCOL_VERSION, account: 'agent03', password: 'wrong', extension: '1003' },
        });
        expect(await outcome(wrong)).toBe('refused: AUTH_FAILED');
      } finally {
        await system.simulator.setSoftphoneRunning('1003', true);
      }
    },
  );

  it('refuses a panel without Origin (panels are browsers), over WebSocket and polling', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      const panel = open('/panel', { transports: [transport] });
      expect(await outcome(panel)).toBe('refused: ORIGIN_NOT_ALLOWED');
    }
  });

  it('accepts a softphone without Origin (a native client)', async () => {
    await system.simulator.setSoftphoneRunning('1003', false);
    try {
      const device = open('/softphone', { auth: { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' } });
      expect(await outcome(device)).toBe('connected');
      device.close();
    } finally {
      await system.simulator.setSoftphoneRunning('1003', true);
    }
  });

  it('logs a refusal with the origin and nothing secret', async () => {
    const logged: { fields: Record<string, unknown>; message: string }[] = [];
    const logger: ServerLogger = {
      info() {},
      warn: (fields, message) => logged.push({ fields, message }),
      error: (fields, message) => logged.push({ fields, message }),
    };
    const { url, stop } = await bareEventServer(logger);
    try {
      const forged = open('/panel', { ...withOrigin(FORGED), auth: { password: 'secret-pw' } }, url);
      expect(await outcome(forged)).toMatch(/^refused/);
      const missing = open('/panel', { auth: { token: 'secret-token' } }, url);
      expect(await outcome(missing)).toBe('refused: ORIGIN_NOT_ALLOWED');
      expect(logged.map((l) => l.fields['event'])).toEqual(['panel.originRefused', 'panel.originRefused']);
      expect(logged[0]!.fields).toMatchObject({ origin: FORGED });
      expect(logged[1]!.fields).toMatchObject({ origin: null });
      expect(JSON.stringify(logged)).not.toMatch(/secret-/);
    } finally {
      await stop();
    }
  });

  it('refuses to start with an invalid allowed origin, naming it', () => {
    expect(() => createEventServer({ directory: demoDirectory, allowedOrigins: ['https://*'], logger: silent })).toThrow('"https://*"');
  });
});

describe('message size limit (64 KB)', () => {
  it.each([['websocket'], ['polling']] as const)('over %s, an oversized message disconnects only its sender', async (transport) => {
    const sender = open('/panel', { transports: [transport], ...withOrigin(TEST_PANEL_ORIGIN) });
    const bystander = open('/panel', withOrigin(TEST_PANEL_ORIGIN));
    expect(await Promise.all([outcome(sender), outcome(bystander)])).toEqual(['connected', 'connected']);

    // Just under the limit: an ordinary invalid payload, answered; the sender stays.
    const large: unknown = await sender.timeout(2000).emitWithAck('agent:viewing', { screen: { recordId: 'x'.repeat(60 * 1024) } });
    expect(large).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(sender.connected).toBe(true);

    const gone = disconnected(sender);
    sender.emit('agent:viewing', { screen: { recordId: 'x'.repeat(70 * 1024) } }, () => undefined);
    expect(await gone).toMatch(/transport (close|error)/);
    expect(await ping(bystander)).toEqual({ ok: true });
  });
});

describe('health endpoints', () => {
  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await fetch(`${system.eventServerUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 while the server accepts connections', async () => {
    const res = await fetch(`${system.eventServerUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
    expect(system.eventServer.readiness).toBe('ready');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await fetch(`${system.eventServerUrl}/nope`)).status).toBe(404);
    expect((await fetch(`${system.eventServerUrl}/readyz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('graceful shutdown', () => {
  it('turns /readyz 503 first, then tells panels, then closes connections', async () => {
    const stopping = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', shutdownDrainMs: 400 });
    const panel = open('/panel', withOrigin(TEST_PANEL_ORIGIN), stopping.eventServerUrl);
    expect(await outcome(panel)).toBe('connected');
    const events: string[] = [];
    panel.on('server:shutdown', () => events.push('server:shutdown'));
    const gone = disconnected(panel).then(() => events.push('disconnect'));

    const stopped = stopping.stop();
    const ready = await fetch(`${stopping.eventServerUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'shutting-down' });
    const health = await fetch(`${stopping.eventServerUrl}/healthz`);
    expect(health.status).toBe(200);
    await health.text();
    expect(panel.connected).toBe(true);
    expect(events).toEqual([]);

    await stopped;
    await gone;
    expect(events).toEqual(['server:shutdown', 'disconnect']);
  });
});

const silent: ServerLogger = { info() {}, warn() {}, error() {} };

/** An event server alone (no simulator) with the given logger, on a free port. */
async function bareEventServer(logger: ServerLogger): Promise<{ url: string; server: EventServer; stop: () => Promise<void> }> {
  const server = createEventServer({ directory: demoDirectory, allowedOrigins: [TEST_PANEL_ORIGIN], logger });
  const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    server,
    async stop() {
      await server.close();
      http.closeAllConnections();
    },
  };
}

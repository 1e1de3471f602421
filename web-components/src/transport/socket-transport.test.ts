/**
 * The panel transport against a real socket.io server on a free port that misbehaves on purpose:
 * no hello, a wrong hello, invalid snapshots and replies, silence, and dropped connections.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { PANEL_PROTOCOL_VERSION, type Snapshot } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS, sleep, until } from '@biztel/testing';
import type { Logger } from '../log.js';
import { QUICK_ATTEMPTS, ServerUnreachableError, SocketTransport, backoffCeilingMs } from './socket-transport.js';

const statuses = [{ id: 'available', label: '受付可' }];
const snapshot: Snapshot = {
  revision: 1,
  serverTime: 1_700_000_000_000,
  agent: { account: 'agent01', extension: '1001', statusId: 'available', hardphone: false },
  statuses,
  softphone: { running: true, state: 'running' },
  calls: [],
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
};

let http: HttpServer;
let io: Server;
let url: string;
let transport: SocketTransport;
let warnings: unknown[][];

function logger(): Logger {
  return { debug() {}, info() {}, warn: (...args) => warnings.push(args), error: (...args) => warnings.push(args) };
}

beforeEach(async () => {
  warnings = [];
  http = createServer();
  io = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // Generous: a slow answer on a busy machine must never read as none. Silence is tested with `impatient`.
  transport = new SocketTransport({ logger: logger(), connectTimeoutMs: WAIT_TIMEOUT_MS, ackTimeoutMs: WAIT_TIMEOUT_MS });
});

/** A transport that gives up after 300 ms, for the tests of a silent server (closed by the test). */
const impatient = () => new SocketTransport({ logger: logger(), connectTimeoutMs: 300, ackTimeoutMs: 300 });

afterEach(async () => {
  transport.close();
  await io.close();
});

const greet = () => io.of('/panel').on('connection', (s) => s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses }));

describe('connecting (start-up check 2)', () => {
  it('resolves with the statuses of a valid hello', async () => {
    greet();
    await expect(transport.connect(url)).resolves.toEqual({ statuses });
  });

  it('fails fast when nothing listens at the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(transport.connect(`http://127.0.0.1:${port}`)).rejects.toBeInstanceOf(ServerUnreachableError);
  });

  it('fails when the server never says hello', async () => {
    const t = impatient();
    await expect(t.connect(url)).rejects.toThrow(/no answer/);
    t.close();
  });

  it('fails when the hello is not our protocol', async () => {
    io.of('/panel').on('connection', (s) => s.emit('server:hello', { protocol: 99, statuses }));
    await expect(transport.connect(url)).rejects.toThrow(/unexpected hello/);
  });

  it.each([
    [2, 'no one-agent-per-line answers'],
    [3, 'no caller-ID choice kept with the session'],
  ])('fails when the server speaks panel protocol %d (%s)', async (protocol) => {
    io.of('/panel').on('connection', (s) => s.emit('server:hello', { protocol, statuses }));
    await expect(transport.connect(url)).rejects.toThrow(new RegExp(`unexpected hello.*expected ${PANEL_PROTOCOL_VERSION}`));
  });

  it('hands the reason of a session:ended to its listeners, and drops one it does not know', async () => {
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.emit('session:ended', { reason: 'kicked' });
      s.emit('session:ended', { reason: 'lineTakenOver', by: { account: 'agent02', name: '佐藤 太郎' } });
    });
    const ended: unknown[] = [];
    const got = new Promise<void>((resolve) =>
      transport.onSessionEnded((e) => {
        ended.push(e);
        resolve();
      }),
    );
    await transport.connect(url);
    await got;
    expect(ended).toEqual([{ reason: 'lineTakenOver', by: { account: 'agent02', name: '佐藤 太郎' } }]);
  });
});

describe('messages from the server', () => {
  it('drops and logs an invalid snapshot, then delivers the next valid one', async () => {
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('session:signIn', (_req: unknown, ack: (r: unknown) => void) => {
        s.emit('state:snapshot', { ...snapshot, calls: [{ id: '<img src=x onerror=alert(1)>', state: 'boom' }] });
        s.emit('state:snapshot', snapshot);
        ack({ ok: true, snapshot });
      });
    });
    const received: Snapshot[] = [];
    transport.onSnapshot((s) => received.push(s));
    await transport.connect(url);
    await transport.signIn({ account: 'agent01', password: 'x', extension: '1001', initialStatusId: 'available', hardphone: false });
    await until(() => received.length > 0, 'a snapshot'); // the server sent them before its reply
    expect(received).toEqual([snapshot]);
    expect(warnings.some(([m]) => m === 'dropped invalid message')).toBe(true);
  });

  it('turns an invalid reply into INVALID_PAYLOAD and silence into TIMEOUT', async () => {
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('call:dial', (_req: unknown, ack: (r: unknown) => void) => ack({ ok: 'maybe' }));
      s.on('call:answer', () => undefined);
    });
    await transport.connect(url);
    await expect(transport.send('dial', '0312345678')).resolves.toEqual({ ok: false, code: 'INVALID_PAYLOAD' });
    const t = impatient();
    await t.connect(url);
    await expect(t.send('answer', 'c1')).resolves.toEqual({ ok: false, code: 'TIMEOUT' });
    t.close();
  });
});

describe('losing the server', () => {
  it('reports the loss and refuses commands at once instead of queueing them', async () => {
    const dials = jest.fn();
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('call:dial', dials);
    });
    const lost = new Promise((resolve) => transport.onConnection(resolve));
    await transport.connect(url);
    io.of('/panel').disconnectSockets(true);
    await expect(lost).resolves.toMatchObject({ kind: 'lost' });
    await expect(transport.send('dial', '0312345678')).resolves.toEqual({ ok: false, code: 'DISCONNECTED' });
    await sleep(100); // a window for a dial that must never reach the server
    expect(dials).not.toHaveBeenCalled();
  });
});

describe('the network comes back (online, the page visible again)', () => {
  it('reconnects at once instead of waiting out its back-off, and only while it is trying', async () => {
    greet();
    let wake: () => void = () => undefined;
    let subscribed = 0;
    transport.close();
    transport = new SocketTransport({
      logger: logger(),
      connectTimeoutMs: WAIT_TIMEOUT_MS,
      ackTimeoutMs: WAIT_TIMEOUT_MS,
      // A back-off far longer than the wait below: only the wake can bring the connection back in time.
      reconnectionDelayMs: 10 * WAIT_TIMEOUT_MS,
      wakeSignals: (w) => {
        wake = w;
        subscribed += 1;
        return () => (subscribed -= 1);
      },
    });
    const events: string[] = [];
    transport.onConnection((e) => events.push(e.kind));
    await transport.connect(url);
    wake(); // connected: nothing to do
    expect(events).toEqual([]);

    // The connection breaks (not a server-side disconnect, which the transport answers at once).
    for (const socket of io.of('/panel').sockets.values()) socket.conn.close();
    await until(() => events.includes('lost'), 'the loss');
    wake();
    await until(() => events.includes('restored'), 'the connection back without waiting out the back-off');

    expect(events.filter((e) => e === 'restored')).toHaveLength(1);
    transport.close();
    expect(subscribed).toBe(0);
  });

  it('does not reconnect on a wake once it gave up (the panel shows the reload message)', async () => {
    greet();
    let wake: () => void = () => undefined;
    let attempts = 0;
    transport.close();
    transport = new SocketTransport({
      logger: logger(),
      connectTimeoutMs: WAIT_TIMEOUT_MS,
      reconnectionAttempts: 1,
      reconnectionDelayMs: 10,
      wakeSignals: (w) => {
        wake = w;
        return () => undefined;
      },
    });
    const events: string[] = [];
    transport.onConnection((e) => events.push(e.kind));
    await transport.connect(url);
    // The server refuses every new connection from now on (as a down balancer would).
    io.engine.opts.allowRequest = (_req, answer) => {
      attempts += 1;
      answer('refused', false);
    };
    for (const socket of io.of('/panel').sockets.values()) socket.conn.close();
    await until(() => events.includes('failed'), 'giving up');
    const before = attempts;
    wake();
    await sleep(300); // a window for an attempt that must not happen
    expect(attempts).toBe(before);
    expect(events.filter((e) => e === 'restored')).toHaveLength(0);
  });
});

describe('screen transfer (seed 001 §9)', () => {
  const screen = { recordId: '0035g00000AbCdEAAZ', recordName: '田中 様', objectType: 'Contact', note: '折り返し済み' };

  it('reports the record the agent views, and null when none, as agent:viewing', async () => {
    const received: unknown[] = [];
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('agent:viewing', (req: unknown, ack: (r: unknown) => void) => {
        received.push(req);
        ack({ ok: true });
      });
    });
    await transport.connect(url);

    await expect(transport.send('viewing', screen)).resolves.toEqual({ ok: true });
    await expect(transport.send('viewing', null)).resolves.toEqual({ ok: true });
    expect(received).toEqual([
      { screen, commandId: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { screen: null, commandId: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
  });

  it('delivers a transferred screen and drops a snapshot whose screen is a URL', async () => {
    const call = { id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1_700_000_000_000, transferredBy: '1001' };
    const good: Snapshot = {
      ...snapshot,
      revision: 3,
      calls: [{ ...call, direction: 'inbound', state: 'ringing', screen: { ...screen, fromExtension: '1001', fromName: '山田 花子' } }],
    };
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('session:signIn', (_req: unknown, ack: (r: unknown) => void) => {
        s.emit('state:snapshot', { ...snapshot, revision: 2, calls: [{ ...call, screen: { recordId: 'javascript:alert(1)', fromExtension: '1001' } }] });
        s.emit('state:snapshot', good);
        ack({ ok: true, snapshot });
      });
    });
    const received: Snapshot[] = [];
    transport.onSnapshot((s) => received.push(s));
    await transport.connect(url);
    await transport.signIn({ account: 'agent02', password: 'x', extension: '1002', initialStatusId: 'available', hardphone: false });
    await until(() => received.length > 0, 'a snapshot'); // the server sent them before its reply

    expect(received).toEqual([good]);
  });

  it('neutralises bidirectional overrides in labels, notes and names from the server (issue 14 §8)', async () => {
    const RLO = '\u202e';
    const call = { id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1_700_000_000_000, transferredBy: '1001' } as const;
    const spoofed: Snapshot = {
      ...snapshot,
      revision: 2,
      statuses: [{ id: 'available', label: `受付可${RLO}gnp.exe` }],
      calls: [
        {
          ...call,
          businessLabel: `サポート\u2066窓口\u2069`,
          screen: { ...screen, note: `${RLO}0120-000-000`, fromExtension: '1001', fromName: `山田${RLO}花子` },
        },
      ],
    };
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses: [{ id: 'available', label: `${RLO}可付受` }] });
      s.on('session:signIn', (_req: unknown, ack: (r: unknown) => void) => {
        s.emit('state:snapshot', spoofed);
        ack({ ok: true, snapshot: spoofed });
      });
    });
    const received: Snapshot[] = [];
    transport.onSnapshot((s) => received.push(s));

    const hello = await transport.connect(url);
    const reply = await transport.signIn({ account: 'agent02', password: 'x', extension: '1002', initialStatusId: 'available', hardphone: false });
    await until(() => received.length > 0, 'a snapshot');

    expect(hello.statuses).toEqual([{ id: 'available', label: '可付受' }]);
    for (const shown of [received[0], reply.ok ? reply.snapshot : undefined]) {
      expect(shown?.statuses[0]?.label).toBe('受付可gnp.exe');
      expect(shown?.calls[0]).toMatchObject({ businessLabel: 'サポート窓口', screen: { note: '0120-000-000', fromName: '山田花子' } });
    }
  });

  it('neutralises them in who took the line over, too', async () => {
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses: [] });
      s.on('session:signIn', (_req: unknown, ack: (r: unknown) => void) => {
        ack({ ok: true, snapshot });
        s.emit('session:ended', { reason: 'lineTakenOver', by: { account: 'agent03', name: '\u202e子花 田山\u200f' } });
      });
    });
    const ended: unknown[] = [];
    transport.onSessionEnded((e) => ended.push(e));
    await transport.connect(url);
    await transport.signIn({ account: 'agent02', password: 'x', extension: '1002', initialStatusId: 'available', hardphone: false });
    await until(() => ended.length > 0, 'session:ended');

    expect(ended).toEqual([{ reason: 'lineTakenOver', by: { account: 'agent03', name: '子花 田山' } }]);
  });

  it('fails at once when offline', async () => {
    await expect(transport.send('viewing', screen)).resolves.toEqual({ ok: false, code: 'DISCONNECTED' });
  });
});

describe('a command whose answer was lost with the connection', () => {
  it('is sent once more with the same id when the session is back in time', async () => {
    const seen: string[] = [];
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('session:resume', (_req: unknown, ack: (r: unknown) => void) => ack({ ok: true, snapshot }));
      s.on('call:hold', (req: { commandId: string }, ack: (r: unknown) => void) => {
        seen.push(req.commandId);
        if (seen.length === 1)
          s.disconnect(true); // the answer is lost with the connection
        else ack({ ok: true });
      });
    });
    await transport.connect(url);
    transport.onConnection((e) => {
      if (e.kind === 'restored') void transport.resume('t'.repeat(43));
    });

    const reply = await transport.send('hold', 'c1');

    expect(reply).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });

  it('fails as disconnected when the session is not back within the retry window', async () => {
    const short = new SocketTransport({ logger: logger(), connectTimeoutMs: 1500, ackTimeoutMs: 300, retryWindowMs: 50 });
    let holds = 0;
    io.of('/panel').on('connection', (s) => {
      s.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses });
      s.on('call:hold', () => {
        holds += 1;
        s.disconnect(true);
      });
    });
    await short.connect(url);

    const reply = await short.send('hold', 'c1');
    short.close();

    expect(reply).toEqual({ ok: false, code: 'DISCONNECTED' });
    expect(holds).toBe(1);
  });
});

describe('reconnect back-off', () => {
  it('waits at most 1 s between the first attempts, then up to 5 s, and is quick again after a connection', () => {
    const top = () => 1;
    const ceilings = Array.from({ length: QUICK_ATTEMPTS + 2 }, (_, attempts) => backoffCeilingMs(attempts, 250, top));
    expect(ceilings.slice(0, QUICK_ATTEMPTS)).toEqual(Array.from({ length: QUICK_ATTEMPTS }, () => 1000));
    expect(ceilings.slice(QUICK_ATTEMPTS)).toEqual([5000, 5000]);
    // A first delay above the ceilings (tests, tools) is never cut short.
    expect(backoffCeilingMs(0, 7000, top)).toBe(7000);
    expect(backoffCeilingMs(QUICK_ATTEMPTS, 7000, top)).toBe(7000);
  });

  it('draws each ceiling between half the phase ceiling and the ceiling, so panels that lost the server together spread out', () => {
    expect(backoffCeilingMs(1, 250, () => 0)).toBe(500);
    expect(backoffCeilingMs(QUICK_ATTEMPTS, 250, () => 0)).toBe(2500);
    expect(backoffCeilingMs(QUICK_ATTEMPTS, 250, () => 0.5)).toBe(3750);
    // Past the doubling, socket.io's wait is the ceiling itself: 1,000 panels must not wait alike.
    const waits = new Set(Array.from({ length: 1000 }, () => backoffCeilingMs(QUICK_ATTEMPTS + 3, 250)));
    expect(waits.size).toBeGreaterThan(500);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2500);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5000);
  });
});

/**
 * Scale-out with Redis, with real processes: event-server nodes run as `npm run start:event-server`
 * does (the built entry; `npm test` builds first), behind a small TCP load balancer that sends
 * each connection to the first node alive. A node is killed with SIGKILL (no goodbye, no clean-up)
 * and its panels carry on through another node. Runs in the `cluster` project (TEST_REDIS_URL).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { sleep, until } from '@biztel/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { Simulator } from './simulator/simulator.js';
import { OffsetClock } from './simulator/clock.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn, noCalls } from './testing/panel-probe.js';
import { startEventNode } from './event-node.js';
import { TEST_REDIS_URL } from './testing/test-state.js';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';

const ENTRY = join(process.cwd(), 'dist/server/event-server-main.js');

interface Node {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
}

let prefix: string;
const children: ChildProcess[] = [];
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(() => {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} missing: run npm run build:server first`);
  if (!TEST_REDIS_URL) throw new Error('needs TEST_REDIS_URL');
  prefix = `test-${randomUUID()}`;
});

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Starts a node of the deployment `prefix`; resolves once it listens. */
/** Heartbeats every 200 ms: a killed node counts as dead after 600 ms. */
const HEARTBEAT_MS = 200;

async function startNode(): Promise<Node> {
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      ...process.env,
      CONFIG_FILE: join(process.cwd(), 'server/config/demo.json'),
      EVENT_PORT: '0',
      HOST: '127.0.0.1',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      NODE_HEARTBEAT_MS: String(HEARTBEAT_MS),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => line.startsWith('listening ') && resolve(line.slice('listening '.length)));
    child.once('exit', (code) => reject(new Error(`node exited with ${code} before listening`)));
  });
  return { url, port: Number(new URL(url).port), child };
}

function kill(node: Node): Promise<void> {
  return new Promise((resolve) => {
    node.child.once('exit', () => resolve());
    node.child.kill('SIGKILL');
  });
}

/** A TCP load balancer: each new connection goes to the first of `targets()` that accepts it. */
async function loadBalancer(targets: () => number[]): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.pause();
    const tryNext = (ports: number[]) => {
      const port = ports[0];
      if (port === undefined) return client.destroy();
      const upstream = connect(port, '127.0.0.1');
      sockets.add(upstream);
      upstream.once('error', () => tryNext(ports.slice(1)));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        client.pipe(upstream).pipe(client);
        client.resume();
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
    };
    tryNext(targets());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

async function simulatorOn(node: Node): Promise<Simulator> {
  const simulator = new Simulator({
    serverUrl: node.url,
    devices: [{ account: 'agent01', extension: '1001', password: DEMO_PASSWORD }],
    clock: new OffsetClock(),
    autoAnswerMs: null,
    tenant: demoDirectory.tenants[0]!,
  });
  await simulator.start();
  cleanups.push(() => simulator.stop());
  return simulator;
}

async function panelVia(url: string): Promise<{ probe: PanelProbe; token: string }> {
  const probe = new PanelProbe();
  cleanups.push(() => probe.close());
  await probe.transport.connect(url);
  const reply = await probe.transport.signIn({
    account: 'agent01',
    password: DEMO_PASSWORD,
    extension: '1001',
    initialStatusId: 'available',
    hardphone: false,
  });
  if (!reply.ok) throw new Error(`sign-in refused: ${reply.code}`);
  return { probe, token: reply.resumeToken! };
}

const restored = (probe: PanelProbe) => new Promise<void>((resolve) => probe.transport.onConnection((e) => e.kind === 'restored' && resolve()));

describe('scale-out on Redis (real processes)', () => {
  it('relays between nodes, and a panel whose node is killed resumes on another with its call', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const alive = new Set([a.port, b.port]);
    const lb = await loadBalancer(() => [a.port, b.port].filter((p) => alive.has(p)));
    const simulator = await simulatorOn(b); // the softphone is on node B, the panel (first alive) on A
    const { probe, token } = await panelVia(lb);
    await probe.next((s) => s.softphone.running);

    simulator.pbx.inbound('1001', '0312345678');
    const ringing = await probe.next(callIn('ringing'));
    expect(await probe.transport.send('answer', ringing.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(callIn('talking'));

    const back = restored(probe);
    alive.delete(a.port);
    await kill(a);
    await back;
    const resumed = await probe.transport.resume(token);

    expect(resumed).toMatchObject({
      ok: true,
      snapshot: {
        agent: { account: 'agent01', statusId: 'available' },
        softphone: { running: true, state: 'running' },
        calls: [{ state: 'talking', remoteNumber: '0312345678' }],
      },
    });
    expect(await probe.transport.send('hangup', ringing.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(noCalls);
  });

  it('keeps sessions through a restart of every node, and shows the softphone of the dead node reconnecting (its grace)', async () => {
    const a = await startNode();
    let ports = [a.port];
    const lb = await loadBalancer(() => ports);
    await simulatorOn(a);
    const { probe, token } = await panelVia(lb);
    await probe.next((s) => s.softphone.running);

    const back = restored(probe);
    await kill(a);
    await sleep(4 * HEARTBEAT_MS); // A has missed 3 beats (time that must pass: at least, never at most)
    const c = await startNode();
    ports = [c.port];
    await back;
    const resumed = await probe.transport.resume(token);

    expect(resumed).toMatchObject({
      ok: true,
      snapshot: { agent: { account: 'agent01', statusId: 'available' }, softphone: { running: false, state: 'reconnecting' } },
    });
    expect(await probe.transport.send('dial', '0312345678')).toMatchObject({ ok: false, code: 'SOFTPHONE_RECONNECTING' });
  });

  it('finds a softphone gone at the first command when its node died moments ago, and waits for it to reconnect', async () => {
    const [a, b] = [await startNode(), await startNode()];
    const lb = await loadBalancer(() => [b.port]);
    await simulatorOn(a);
    const { probe } = await panelVia(lb); // panel on B, softphone on A
    await probe.next((s) => s.softphone.running);

    await kill(a);

    expect(await probe.transport.send('dial', '0312345678')).toMatchObject({ ok: false, code: 'SOFTPHONE_RECONNECTING' });
    await probe.next((s) => s.softphone.state === 'reconnecting');
  });
});

describe('two nodes in one process: what panels of one agent on different nodes share', () => {
  // `./local-system.js` is the two-node system in this project: panels on node A unless told otherwise.
  let system: LocalSystem;
  beforeEach(async () => {
    system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
    cleanups.push(() => system.stop());
  });
  const onNode = async (index: number, account = 'agent01', extension = '1001', seatId?: string) => {
    const probe = new PanelProbe();
    cleanups.push(() => probe.close());
    await probe.transport.connect(system.eventNodes[index]!.url);
    const reply = await probe.transport.signIn({
      account,
      password: DEMO_PASSWORD,
      extension,
      initialStatusId: 'available',
      hardphone: false,
      ...(seatId ? { seatId } : {}),
    });
    return { probe, reply };
  };

  it('shows the same snapshots on both nodes, resumes on one a token issued on the other, and signs out everywhere', async () => {
    const a = await onNode(0);
    if (!a.reply.ok) throw new Error('sign-in failed');
    // The agent's other tab, on the other node, joins the session with a token (a password sign-in
    // would start a fresh session and end this one).
    const b = { probe: new PanelProbe() };
    cleanups.push(() => b.probe.close());
    await b.probe.transport.connect(system.eventNodes[1]!.url);
    const minted = await a.probe.transport.sessionToken();
    if (!minted.ok) throw new Error('no token');
    expect(await b.probe.transport.resume(minted.token)).toMatchObject({ ok: true });

    system.simulator.pbx.inbound('1001', '0312345678');
    const [onA, onB] = await Promise.all([a.probe.next(callIn('ringing')), b.probe.next(callIn('ringing'))]);
    expect(onB.revision).toBe(onA.revision);
    expect(await b.probe.transport.send('answer', onB.calls[0]!.id)).toEqual({ ok: true });
    await a.probe.next(callIn('talking'));

    const third = new PanelProbe();
    cleanups.push(() => third.close());
    await third.transport.connect(system.eventNodes[1]!.url);
    expect(await third.transport.resume(a.reply.resumeToken!)).toMatchObject({ ok: true, snapshot: { calls: [{ state: 'talking' }] } });

    // No sign-out during a call (seed 002): refused on either node until the call ends.
    expect(await third.transport.send('signOut')).toMatchObject({ ok: false, code: 'BUSY' });
    expect(await a.probe.transport.send('hangup', onA.calls[0]!.id)).toEqual({ ok: true });
    await Promise.all([a.probe.next(noCalls), b.probe.next(noCalls)]);
    const ended = new Promise<void>((resolve) => b.probe.transport.onSessionEnded(() => resolve()));
    expect(await a.probe.transport.send('signOut')).toEqual({ ok: true });
    await ended;
    expect(await third.transport.send('setStatus', 'available')).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
  });

  it('keeps one seat map and one failure count for both nodes', async () => {
    expect((await onNode(0, 'agent01', '1001', 'S-1')).reply.ok).toBe(true);
    expect((await onNode(1, 'agent02', '1002', 'S-1')).reply).toMatchObject({ ok: false, code: 'SEAT_TAKEN', seat: { account: 'agent01' } });

    const guess = async (node: number, i: number) => {
      const probe = new PanelProbe();
      cleanups.push(() => probe.close());
      await probe.transport.connect(system.eventNodes[node]!.url);
      return probe.transport.signIn({ account: 'agent03', password: `guess${i}`, extension: '1003', initialStatusId: 'available', hardphone: false });
    };
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => guess(i % 2, i)));
    expect(replies.filter((r) => !r.ok && r.code === 'AUTH_FAILED')).toHaveLength(5);
    expect(replies.filter((r) => !r.ok && r.code === 'RATE_LIMITED')).toHaveLength(3);
  });
});

describe('when Redis goes away', () => {
  it('says unavailable on /readyz while Redis is down, and ready again when it is back', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const startRedis = async () => {
      const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      children.push(redis);
      const up = () =>
        new Promise<boolean>((resolve) =>
          connect(port, '127.0.0.1')
            .once('connect', function (this: Socket) {
              this.destroy();
              resolve(true);
            })
            .once('error', () => resolve(false)),
        );
      await until(up, 'redis-server to listen');
      return redis;
    };
    let redis = await startRedis();
    const node = await startEventNode({
      host: '127.0.0.1',
      port: 0,
      directory: demoDirectory,
      allowedOrigins: [TEST_PANEL_ORIGIN],
      logger: { info() {}, warn() {}, error() {} },
      redisUrl: `redis://127.0.0.1:${port}`,
      redisPrefix: prefix,
    });
    cleanups.push(() => node.stop());
    const ready = async () => (await (await fetch(`${node.url}/readyz`)).json()) as { status: string };
    expect(await ready()).toEqual({ status: 'ready' });

    redis.kill('SIGKILL');
    await until(async () => (await ready()).status === 'unavailable', '/readyz to say unavailable');
    redis = await startRedis();
    await until(async () => (await ready()).status === 'ready', '/readyz to say ready');
  });
});

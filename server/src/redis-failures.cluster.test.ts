/**
 * Redis failing under the event server (issue 14 §7), each with a redis-server of the test's own
 * (./testing/own-redis.ts): hung (SIGSTOP) — `/readyz` says so, and a panel command sent meanwhile
 * is answered TIMEOUT and never carried out afterwards; flushed — the nodes notice, register their
 * softphones again (their calls included) and let their panels sign in again.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { sleep, until } from '@biztel/testing';
import { PROTOCOL_VERSION, type Snapshot } from '@biztel/protocol';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { startEventNode, type EventNode, type EventNodeOptions } from './event-node.js';
import { OffsetClock } from './simulator/clock.js';
import { Simulator } from './simulator/simulator.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn, noCalls } from './testing/panel-probe.js';
import { startOwnRedis, type OwnRedis } from './testing/own-redis.js';
import { createClient } from 'redis';
import { redisState } from './state/redis-state.js';
import { DeadlineExceeded, underGuard } from './state/command-deadline.js';

const cleanups: (() => unknown)[] = [];
const redises: OwnRedis[] = [];
afterEach(async () => {
  for (const redis of redises.splice(0)) redis.resume(); // a test that failed while Redis hung: the nodes can stop
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const silent = { info() {}, warn() {}, error() {} };
const TENANT = demoDirectory.tenants[0]!.id;

async function ownRedis(): Promise<OwnRedis> {
  const redis = await startOwnRedis();
  redises.push(redis);
  cleanups.push(() => redis.stop());
  return redis;
}

/** A node on `redis` with short probe, time-out and heartbeat (each test's own prefix). */
async function nodeOn(redis: OwnRedis, prefix: string, options: Partial<EventNodeOptions> = {}): Promise<EventNode> {
  const node = await startEventNode({
    host: '127.0.0.1',
    port: 0,
    directory: demoDirectory,
    allowedOrigins: [TEST_PANEL_ORIGIN],
    logger: silent,
    redisUrl: redis.url,
    redisPrefix: prefix,
    redisProbeMs: 100,
    redisProbeTimeoutMs: 1000,
    redisCommandTimeoutMs: 2000,
    heartbeatMs: 100,
    ...options,
  });
  cleanups.push(() => node.stop());
  return node;
}

const readiness = async (node: EventNode) => ((await (await fetch(`${node.url}/readyz`)).json()) as { status: string }).status;

async function signedIn(url: string): Promise<{ probe: PanelProbe; token: string }> {
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

/** A bare softphone for 1001 that reports no calls and records every command it is sent (answering ok). */
async function recordingSoftphone(url: string): Promise<{ commands: unknown[] }> {
  const commands: unknown[] = [];
  const socket: Socket = io(`${url}/softphone`, {
    auth: { protocol: PROTOCOL_VERSION, account: 'agent01', password: DEMO_PASSWORD, extension: '1001' },
    transports: ['websocket'],
    forceNew: true,
  });
  cleanups.push(() => socket.disconnect());
  socket.on('device:command', (command: unknown, ack: (reply: unknown) => void) => {
    commands.push(command);
    ack({ ok: true });
  });
  await new Promise<void>((resolve) => socket.once('server:hello', () => resolve()));
  socket.emit('device:state', { calls: [], parked: [] });
  return { commands };
}

describe('a hung Redis', () => {
  it('makes /readyz say unavailable within the probe time-out, and ready again once Redis answers', async () => {
    const redis = await ownRedis();
    const node = await nodeOn(redis, `test-${randomUUID()}`);
    expect(await readiness(node)).toBe('ready');

    redis.pause();
    await until(async () => (await readiness(node)) === 'unavailable', '/readyz to say unavailable');
    redis.resume();
    await until(async () => (await readiness(node)) === 'ready', '/readyz to say ready again');
  });

  it('answers a command sent meanwhile TIMEOUT, and never carries it out once Redis is back', async () => {
    const redis = await ownRedis();
    const prefix = `test-${randomUUID()}`;
    const node = await nodeOn(redis, prefix);
    const phone = await recordingSoftphone(node.url);
    const { probe } = await signedIn(node.url);
    await probe.next((s) => s.softphone.running);

    redis.pause();
    const sent = [probe.transport.send('dial', '0312345678'), probe.transport.send('setStatus', 'break')];
    // Our server answers within its Redis time-out; one that waits for Redis answers only once it is back.
    await Promise.race([Promise.all(sent), sleep(20_000)]);
    redis.resume();

    expect(await Promise.all(sent)).toEqual([expect.objectContaining({ ok: false, code: 'TIMEOUT' }), expect.objectContaining({ ok: false, code: 'TIMEOUT' })]);
    // A later command through the same Redis connection: everything queued before it has been answered.
    expect(await probe.transport.send('hangup', 'no-such-call')).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
    await sleep(500); // a late dial or status change would come now
    expect(phone.commands).toEqual([]);
    const line = JSON.parse(String(await redis.command(['GET', `${prefix}:line:${TENANT}:1001`]))) as { agent: { statusId: string }; calls: unknown[] };
    expect(line).toMatchObject({ agent: { statusId: 'available' }, calls: [] });
  });
});

describe('a write queued behind a hung Redis', () => {
  it('is refused by Redis itself when it runs after the command deadline, and lands before it', async () => {
    const redis = await ownRedis();
    const client = createClient({ url: redis.url });
    await client.connect();
    cleanups.push(() => client.destroy());
    const state = redisState(client, `test-${randomUUID()}`, undefined, { commandTimeoutMs: 60_000 });
    const underDeadline = <T>(ms: number, work: () => Promise<T>) => underGuard({ deadline: Date.now() + ms, active: true, acted: false }, work);

    redis.pause();
    const deadline = Date.now() + 300;
    // Sent at once (before the deadline), it waits in the hung Redis until after it.
    const set = underDeadline(300, () => state.set('status', 'break', 60_000));
    set.catch(() => undefined);
    await until(() => Date.now() > deadline + 200, 'the deadline to pass');
    redis.resume();

    await expect(set).rejects.toBeInstanceOf(DeadlineExceeded);
    expect(await state.get('status')).toBeUndefined();
    await underDeadline(60_000, () => state.set('status', 'available', 60_000));
    await underDeadline(60_000, () => state.update('status', () => 'talking', 60_000));
    expect(await state.get('status')).toBe('talking');
  });
});

describe('a Redis that lost everything (FLUSHALL)', () => {
  it('gets the softphone of each node back on its line with its calls, without it reconnecting, and lets panels sign in again', async () => {
    const redis = await ownRedis();
    const prefix = `test-${randomUUID()}`;
    const [a, b] = [await nodeOn(redis, prefix), await nodeOn(redis, prefix)];
    const simulator = new Simulator({
      serverUrl: b.url,
      devices: [{ account: 'agent01', extension: '1001', password: DEMO_PASSWORD }],
      clock: new OffsetClock(),
      autoAnswerMs: null,
      tenant: demoDirectory.tenants[0]!,
    });
    await simulator.start();
    cleanups.push(() => simulator.stop());
    const { probe, token } = await signedIn(a.url); // the panel on A, the softphone on B
    await probe.next((s) => s.softphone.running);
    simulator.pbx.inbound('1001', '0312345678');
    const ringing = await probe.next(callIn('ringing'));
    expect(await probe.transport.send('answer', ringing.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(callIn('talking'));
    const softphoneConnections = () => [...b.eventServer.io.of('/softphone').sockets.keys()];
    const before = softphoneConnections();
    let reconnected = false;
    probe.transport.onConnection((e) => {
      if (e.kind === 'restored') reconnected = true;
    });

    await redis.command(['FLUSHALL']);

    // The panel is let go: it reconnects and finds its session gone.
    await until(() => reconnected, 'the panel to be let go and reconnect');
    expect(await probe.transport.resume(token)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    const seen = probe.snapshots.length;
    const again = await probe.transport.signIn({
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
    expect(again.ok).toBe(true);
    // Pushed once both the agent and the softphone are on the line again (in either order).
    const back = await until(
      () => probe.snapshots.slice(seen).find((s: Snapshot) => s.softphone.running && s.calls.some((c) => c.state === 'talking')),
      'a snapshot with the softphone running and its call',
    );
    expect(back.calls).toEqual([expect.objectContaining({ state: 'talking', remoteNumber: '0312345678' })]);
    expect(softphoneConnections()).toEqual(before);

    expect(await probe.transport.send('hangup', back.calls[0]!.id)).toEqual({ ok: true });
    await probe.next(noCalls);
    simulator.pbx.inbound('1001', '0398765432');
    expect((await probe.next(callIn('ringing'))).calls[0]).toMatchObject({ remoteNumber: '0398765432' });
    expect(softphoneConnections()).toEqual(before);
  });

  it('takes the line back from a stale record when Redis comes back with an older copy', async () => {
    const redis = await ownRedis();
    const prefix = `test-${randomUUID()}`;
    const node = await nodeOn(redis, prefix);
    const simulator = new Simulator({
      serverUrl: node.url,
      devices: [{ account: 'agent01', extension: '1001', password: DEMO_PASSWORD }],
      clock: new OffsetClock(),
      autoAnswerMs: null,
    });
    await simulator.start();
    cleanups.push(() => simulator.stop());
    const key = `${prefix}:line:${TENANT}:1001`;
    const device = async () => (JSON.parse(String(await redis.command(['GET', key]))) as { device: string | null } | null)?.device;
    const current = await until(device, 'the softphone on its line');
    const old = JSON.parse(String(await redis.command(['GET', key]))) as Record<string, unknown>;

    // The copy Redis restarts with: the line held by a connection long gone, no heartbeat of this node.
    await redis.command(['FLUSHALL']);
    await redis.command(['SET', key, JSON.stringify({ ...old, device: 'a-connection-long-gone' })]);

    await until(async () => (await device()) === current, 'the softphone to take its line back');
    expect([...node.eventServer.io.of('/softphone').sockets.keys()]).toEqual([current]);
  });
});

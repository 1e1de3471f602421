/**
 * Integration: per-connection floods (issue 14 §6) against a real event server on a free port,
 * with raw socket.io panels and softphones. The budgets' clock is frozen, so the counts are exact
 * whatever the machine's speed: no assertion here depends on timing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type DeviceState, type Snapshot } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS, until } from '@biztel/testing';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { createEventServer, type EventServer } from './event-server.js';
import { DEFAULT_FLOOD_LIMITS } from './flood-limits.js';
import { TEST_PANEL_ORIGIN } from './testing/panel-probe.js';
import type { ServerLogger } from './logger.js';

const { panel: PANEL, anonymousPanel: ANONYMOUS, deviceState: STATES, packets: MESSAGES } = DEFAULT_FLOOD_LIMITS;

let url: string;
let server: EventServer;
let http: HttpServer;
const warnings: Record<string, unknown>[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  const logger: ServerLogger = { info() {}, warn: (fields) => warnings.push(fields), error: (fields) => warnings.push({ ...fields, error: true }) };
  // Frozen: no bucket refills during a test, so each budget is exactly its burst.
  const noLockout = { freeFailures: Number.MAX_SAFE_INTEGER, quietMs: 1 };
  server = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [TEST_PANEL_ORIGIN],
    logger,
    floodClock: () => 0,
    // Wrong passwords on purpose: the sign-in limits are sign-in-limits.test.ts's.
    signInLimits: { pair: noLockout, account: noLockout, address: noLockout },
  });
  http = createServer((_req, res) => res.writeHead(404).end());
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  http.closeAllConnections();
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
  warnings.length = 0;
});

async function opened(namespace: string, auth?: Record<string, unknown>, listen?: (socket: Socket) => void): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: TEST_PANEL_ORIGIN },
    ...(auth ? { auth } : {}),
  });
  sockets.push(socket);
  listen?.(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

type Answer = { ok: boolean; code?: string };
const ask = async (socket: Socket, event: string, payload: object): Promise<Answer> =>
  (await socket.timeout(WAIT_TIMEOUT_MS).emitWithAck(event, payload)) as Answer;

/** A signed-in raw panel (its sign-in took one request of its budget) and the snapshots it was pushed. */
async function signedIn(account: string, extension: string): Promise<{ socket: Socket; snapshots: Snapshot[] }> {
  const socket = await opened('/panel');
  const snapshots: Snapshot[] = [];
  socket.on('state:snapshot', (s: Snapshot) => snapshots.push(s));
  const reply = await ask(socket, 'session:signIn', { account, password: DEMO_PASSWORD, extension, initialStatusId: 'available', hardphone: false });
  expect(reply.ok).toBe(true);
  return { socket, snapshots };
}

const disconnected = (socket: Socket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
/** How many answers were ok (`code` 'ok') or refused with `code`. */
const count = (answers: Answer[], code: string) => answers.filter((a) => (code === 'ok' ? a.ok : a.code === code)).length;

describe('a panel flooding requests', () => {
  it('gets RATE_LIMITED past its budget, without the work being done, while another agent’s commands all succeed', async () => {
    const flooder = await signedIn('agent01', '1001');
    const polite = await signedIn('agent02', '1002');
    const extra = 60; // within what is tolerated before a disconnect
    const flood = Promise.all(
      Array.from({ length: PANEL.allowed.burst - 1 + extra }, (_, i) => ask(flooder.socket, 'agent:setStatus', { statusId: i % 2 ? 'away' : 'available' })),
    );
    const calm = Promise.all(Array.from({ length: 20 }, (_, i) => ask(polite.socket, 'agent:setStatus', { statusId: i % 2 ? 'available' : 'away' })));
    const [flooded, answered] = await Promise.all([flood, calm]);

    expect(count(flooded, 'ok')).toBe(PANEL.allowed.burst - 1);
    expect(count(flooded, 'RATE_LIMITED')).toBe(extra);
    expect(answered.every((a) => a.ok)).toBe(true);
    // A refused command changed nothing: one snapshot per admitted command (plus the sign-in's).
    await until(() => flooder.snapshots.length >= PANEL.allowed.burst, { what: 'the admitted commands’ snapshots' });
    expect(flooder.socket.connected).toBe(true);
    expect(warnings.filter((w) => w['event'] === 'panel.flooding')).toEqual([]);
  });

  it('refuses an anonymous connection sooner, sign-in included', async () => {
    const socket = await opened('/panel');
    const answers = await Promise.all(
      Array.from({ length: ANONYMOUS.allowed.burst + 5 }, () =>
        ask(socket, 'session:signIn', { account: 'agent03', password: 'wrong', extension: '1003', initialStatusId: 'available', hardphone: false }),
      ),
    );
    expect(count(answers, 'AUTH_FAILED')).toBe(ANONYMOUS.allowed.burst);
    expect(count(answers, 'RATE_LIMITED')).toBe(5);
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').every((a) => typeof (a as { retryAfterMs?: unknown }).retryAfterMs === 'number')).toBe(true);
  });

  it('is no longer read, then disconnected, when it keeps on far past its budget (pings count too), with one log line', async () => {
    const socket = await opened('/panel');
    const gone = disconnected(socket);
    let pongs = 0;
    for (let i = 0; i < 1000; i++) socket.emit('server:ping', {}, () => (pongs += 1));

    // Cut without a closing handshake: the DISCONNECT packet may not get through first.
    expect(['io server disconnect', 'transport close']).toContain(await gone);
    // The tolerated ones are answered at once (a ping's answer is always `{ ok: true }`); admitted
    // ones still running when it was let go may not be; nothing after it.
    expect(pongs).toBeGreaterThanOrEqual(ANONYMOUS.tolerated.burst);
    expect(pongs).toBeLessThanOrEqual(ANONYMOUS.allowed.burst + ANONYMOUS.tolerated.burst);
    expect(warnings.filter((w) => w['event'] === 'panel.flooding')).toEqual([
      expect.objectContaining({ signedIn: false, refused: ANONYMOUS.tolerated.burst + 1 }),
    ]);

    const other = await signedIn('agent02', '1002');
    expect(await ask(other.socket, 'agent:setStatus', { statusId: 'away' })).toEqual({ ok: true });
  });
});

const state = (id: string): DeviceState => ({
  calls: [{ id, direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1_767_225_600_000 }],
  parked: [],
});

async function softphone(account: string, extension: string): Promise<Socket> {
  let hello = false;
  const socket = await opened('/softphone', { protocol: PROTOCOL_VERSION, account, password: DEMO_PASSWORD, extension }, (s) =>
    s.once('server:hello', () => (hello = true)),
  );
  await until(() => hello, { what: 'the hello' });
  return socket;
}

describe('a softphone flooding states', () => {
  it('has states past its budget coalesced: far fewer line updates, and the last state sent wins', async () => {
    const panel = await signedIn('agent03', '1003');
    const phone = await softphone('agent03', '1003');
    const before = panel.snapshots.length;
    const sent = 1000;
    for (let i = 0; i < sent; i++) phone.emit('device:state', state(`flood-${i}`));

    await until(() => panel.snapshots.at(-1)?.calls[0]?.id === `flood-${sent - 1}`, { what: 'the last state' });
    const pushed = panel.snapshots.slice(before).filter((s) => s.calls[0]?.id.startsWith('flood-'));
    expect(pushed.length).toBeGreaterThanOrEqual(STATES.allowed.burst);
    expect(pushed.length).toBeLessThan(sent / 2);
    // Within budget every state is applied, in order.
    expect(pushed.slice(0, STATES.allowed.burst).map((s) => s.calls[0]!.id)).toEqual(Array.from({ length: STATES.allowed.burst }, (_, i) => `flood-${i}`));
    expect(phone.connected).toBe(true);
  });

  it('is disconnected far past its budget (like a drop: the line keeps its calls for the grace), with one log line', async () => {
    const panel = await signedIn('agent02', '1002');
    const phone = await softphone('agent02', '1002');
    const gone = disconnected(phone);
    const sent = STATES.allowed.burst + STATES.tolerated.burst + 500;
    for (let i = 0; i < sent; i++) phone.emit('device:state', state(`burst-${i}`));

    expect(await gone).toBe('transport close');
    await until(() => panel.snapshots.at(-1)?.softphone.state === 'reconnecting', { what: 'the softphone shown reconnecting' });
    expect(panel.snapshots.at(-1)?.calls.map((c) => c.id)).toEqual([expect.stringMatching(/^burst-/)]);
    expect(warnings.filter((w) => w['event'] === 'device.flooding')).toEqual([expect.objectContaining({ extension: '1002' })]);
  });
});

/** Messages past which any connection is let go, whatever they are (the clock is frozen: no refill). */
const MESSAGE_LIMIT = MESSAGES.allowed.burst + MESSAGES.tolerated.burst;
/** A raw engine.io message on `socket`'s connection (socket.io's client never sends an ack nobody asked for). */
const raw = (socket: Socket, packet: string) => (socket.io.engine as unknown as { send(data: string): void }).send(packet);

describe('a connection flooding what no namespace budget counts', () => {
  it('acks nobody asked for, from a panel not signed in: let go, with one log line; others are served', async () => {
    const socket = await opened('/panel');
    const gone = disconnected(socket);
    const payload = `[${Array(2000).fill(0).join(',')}]`;
    for (let i = 0; i < MESSAGE_LIMIT + 300; i++) raw(socket, `3/panel,${i}${payload}`);

    expect(['io server disconnect', 'transport close']).toContain(await gone);
    expect(warnings.filter((w) => w['event'] === 'connection.flooding')).toEqual([
      expect.objectContaining({ address: '127.0.0.1', refused: MESSAGES.tolerated.burst + 1 }),
    ]);
    const other = await signedIn('agent02', '1002');
    expect(await ask(other.socket, 'agent:setStatus', { statusId: 'away' })).toEqual({ ok: true });
  });

  it('events a softphone has no use for: let go like a drop (the line keeps its calls for the grace)', async () => {
    const panel = await signedIn('agent03', '1003');
    const phone = await softphone('agent03', '1003');
    phone.emit('device:state', state('kept'));
    await until(() => panel.snapshots.at(-1)?.calls[0]?.id === 'kept', { what: 'the call' });
    const gone = disconnected(phone);
    const junk = 'x'.repeat(2000);
    for (let i = 0; i < MESSAGE_LIMIT + 300; i++) phone.emit('junk', junk);

    expect(await gone).toBe('transport close');
    await until(() => panel.snapshots.at(-1)?.softphone.state === 'reconnecting', { what: 'the softphone shown reconnecting' });
    expect(panel.snapshots.at(-1)?.calls.map((c) => c.id)).toEqual(['kept']);
    expect(warnings.filter((w) => w['event'] === 'connection.flooding')).toHaveLength(1);
  });

  it('a softphone within its state budget and answering commands is never let go by it', async () => {
    const phone = await softphone('agent01', '1001');
    for (let i = 0; i < STATES.allowed.burst + STATES.tolerated.burst; i++) phone.emit('device:state', state(`ok-${i}`));
    const panel = await signedIn('agent01', '1001');
    await until(() => panel.snapshots.at(-1)?.calls[0]?.id === `ok-${STATES.allowed.burst + STATES.tolerated.burst - 1}`, { what: 'the last state' });
    expect(phone.connected).toBe(true);
    expect(warnings.filter((w) => w['event'] === 'connection.flooding' || w['event'] === 'device.flooding')).toEqual([]);
  });
});

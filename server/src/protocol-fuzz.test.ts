/**
 * Protocol fuzzer against the real event server (socket.io on a free port): thousands of malformed
 * and hostile messages from panels and softphones — wrong types, huge strings, unknown events,
 * prototype-pollution keys, script payloads, mutated valid messages — and hostile handshakes.
 * Every acknowledged command must get a typed reply, nothing may crash or pollute prototypes,
 * every snapshot stays valid, and afterwards a normal panel still signs in and dials.
 * Deterministic per seed; reproduce a failure with `FUZZ_SEED=<seed shown in the test name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import {
  ERROR_CODES,
  callRefSchema,
  deviceAuthSchema,
  deviceStateSchema,
  dialRequestSchema,
  dtmfRequestSchema,
  errorReplySchema,
  okReplySchema,
  parse,
  resumeRequestSchema,
  setStatusRequestSchema,
  signInReplySchema,
  signInRequestSchema,
  snapshotSchema,
  union,
  viewingRequestSchema,
  type DeviceState,
  type Schema,
  type Snapshot,
} from '@biztel/protocol';
import {
  BIG_OVER_LIMIT,
  encodedBytes,
  fuzzSeed,
  hostileString,
  hostileValue,
  mutate,
  pollutionProbe,
  rng,
  jsonForm,
  wireArgs,
  type Rng,
} from '@biztel/protocol/testing';
import { authenticate, DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { createEventServer, type EventServer } from './event-server.js';
import type { ServerLogger } from './logger.js';
import { OffsetClock } from './simulator/clock.js';
import { Simulator } from './simulator/simulator.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn } from './testing/panel-probe.js';

const SEED = fuzzSeed(0x5eed_0005);
/** Panel messages on long-lived sockets (plus unknown events and over-limit messages below). */
const PANEL_MESSAGES = 3600;
const UNKNOWN_EVENT_MESSAGES = 360;
const OVER_LIMIT_MESSAGES = 24;
const DEVICE_STATES = 1500;
const DEVICE_COMMAND_BATCHES = 20;
const HANDSHAKES = 240;
/** Messages below this size go over long-lived sockets; the server's limit is 64 KiB. */
const UNDER_LIMIT_BYTES = 60_000;
const OVER_LIMIT_BYTES = 70_000;
/** Long enough that a loaded machine never turns a prompt answer into TIMEOUT; silence is tested in one batch. */
const DEVICE_ACK_TIMEOUT_MS = 1000;
const TEST_TIMEOUT_MS = 30_000;

const PANEL_EVENTS = [
  'session:signIn',
  'session:resume',
  'session:signOut',
  'agent:setStatus',
  'agent:viewing',
  'call:dial',
  'call:answer',
  'call:hangup',
  'call:hold',
  'call:unhold',
  'call:park',
  'call:transfer',
  'call:dtmf',
] as const;
type PanelEvent = (typeof PANEL_EVENTS)[number];
const SESSION_EVENTS: readonly PanelEvent[] = ['session:signIn', 'session:resume'];

/** What the server validates each event's payload with (`null`: no payload). */
const REQUEST_SCHEMAS: Record<PanelEvent, Schema<unknown> | null> = {
  'session:signIn': signInRequestSchema,
  'session:resume': resumeRequestSchema,
  'session:signOut': null,
  'agent:setStatus': setStatusRequestSchema,
  'agent:viewing': viewingRequestSchema,
  'call:dial': dialRequestSchema,
  'call:answer': callRefSchema,
  'call:hangup': callRefSchema,
  'call:hold': callRefSchema,
  'call:unhold': callRefSchema,
  'call:park': callRefSchema,
  'call:transfer': callRefSchema,
  'call:dtmf': dtmfRequestSchema,
};

const FUZZ_ACCOUNT = { account: 'agent02', extension: '1002' } as const;
const NO_LOCKOUT = { maxFailures: Number.MAX_SAFE_INTEGER, windowMs: 1, lockoutMs: 0 };
const SIGN_IN = { ...FUZZ_ACCOUNT, password: DEMO_PASSWORD, initialStatusId: 'available', hardphone: false };

/** A valid payload of every panel event: the fuzzer corrupts these one field at a time. */
const VALID_REQUESTS: Record<PanelEvent, unknown> = {
  'session:signIn': { ...SIGN_IN, seatId: 'S-2', overwriteSeat: true },
  'session:resume': { token: 'A'.repeat(43) },
  'session:signOut': {},
  'agent:setStatus': { statusId: 'break' },
  'agent:viewing': { screen: { recordId: '0035g00000AbCdEAAZ', recordName: '田中 様', objectType: 'Contact', note: '折り返し済み' } },
  'call:dial': { number: '0312345678', callerId: { kind: 'window', id: 'sales' } },
  'call:answer': { callId: 'c-1' },
  'call:hangup': { callId: 'c-1' },
  'call:hold': { callId: 'c-1' },
  'call:unhold': { callId: 'c-1' },
  'call:park': { callId: 'c-1' },
  'call:transfer': { callId: 'c-1' },
  'call:dtmf': { callId: 'c-1', digits: '12#' },
};

/** Event names the server does not handle on /panel: every one must be ignored (no reply). */
const UNKNOWN_EVENTS: readonly (string | number)[] = [
  'no:such:event',
  '',
  ' ',
  'call:dial ',
  'CALL:DIAL',
  'session:signin',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'error',
  'connection',
  'state:snapshot',
  'server:hello',
  'device:state',
  'device:command',
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  'x'.repeat(2000),
  42,
  0,
];

const commandReplySchema = union('ok', { true: okReplySchema, false: errorReplySchema });

// ---- the server under test -------------------------------------------------------------------

let http: HttpServer;
let eventServer: EventServer;
let url: string;
const logged = { warn: 0, error: [] as string[] };
const crashes: string[] = [];
const onCrash = (error: unknown) => crashes.push(String(error instanceof Error ? error.stack : error));
const pollution = pollutionProbe();
const sockets: Socket[] = [];

const recordingLogger: ServerLogger = {
  info() {},
  warn() {
    logged.warn += 1;
  },
  error(fields, message) {
    logged.error.push(`${message} ${JSON.stringify(fields)}`);
  },
};

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  eventServer = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [TEST_PANEL_ORIGIN],
    logger: recordingLogger,
    deviceAckTimeoutMs: DEVICE_ACK_TIMEOUT_MS,
    // The fuzz sends many wrong passwords on purpose; lockouts are tested in sign-in-limits.test.ts.
    signInLimits: { account: NO_LOCKOUT, address: NO_LOCKOUT },
  });
  http = createServer((_req, res) => res.writeHead(404).end());
  eventServer.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets.splice(0)) s.close();
  await eventServer.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

// ---- helpers -----------------------------------------------------------------------------------

type Outcome = { replied: true; reply: unknown } | { replied: false; error: string };

function open(namespace: string, auth?: unknown): Socket {
  const socket = connect(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: TEST_PANEL_ORIGIN },
    ...(auth === undefined ? {} : { auth: auth as Record<string, unknown> }),
  });
  sockets.push(socket);
  return socket;
}

/** A connected socket (rejects on a refused handshake). */
function connected(namespace: string, auth?: unknown): Promise<Socket> {
  const socket = open(namespace, auth);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function ask(socket: Socket, event: string | number, args: readonly unknown[], timeoutMs: number): Promise<Outcome> {
  const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(ev: string | number, ...a: unknown[]): Promise<unknown> };
  try {
    return { replied: true, reply: await timed.emitWithAck(event, ...args) };
  } catch (error) {
    return { replied: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function send(socket: Socket, event: string | number, args: readonly unknown[]): void {
  (socket.emit as (ev: string | number, ...a: unknown[]) => unknown).call(socket, event, ...args);
}

/** A short, printable description of a message, to reproduce a failure. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** The size of a handshake's auth as sent (a CONNECT packet is plain JSON, binary or not). */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify([value]));
}

function isErrorCode(code: unknown): boolean {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** A payload for `event` that encodes under the limit: mostly mutated valid ones. */
function panelPayload(r: Rng, event: PanelEvent): unknown {
  for (;;) {
    const roll = r.next();
    // Panels may tag a command with an id the server uses to answer a retry without running it twice.
    const valid = !SESSION_EVENTS.includes(event) && r.chance(0.5) ? { ...(VALID_REQUESTS[event] as object), commandId: `fuzz-${r.int(2 ** 30).toString(36).padStart(6, '0')}` } : VALID_REQUESTS[event];
    const payload = roll < 0.62 ? mutate(r, valid) : roll < 0.72 ? structuredClone(valid) : hostileValue(r);
    if (encodedBytes([event, payload]) < UNDER_LIMIT_BYTES) return payload;
  }
}

function until(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

async function signedInPanel(account: string, extension: string): Promise<{ socket: Socket; snapshots: unknown[] }> {
  const socket = await connected('/panel');
  const snapshots: unknown[] = [];
  socket.on('state:snapshot', (s: unknown) => snapshots.push(s));
  const outcome = await ask(socket, 'session:signIn', [{ account, extension, password: DEMO_PASSWORD, initialStatusId: 'available', hardphone: false }], 3000);
  if (!outcome.replied || (outcome.reply as { ok?: unknown }).ok !== true) throw new Error(`sign-in of ${account} failed: ${preview(outcome)}`);
  return { socket, snapshots };
}

// ---- the fuzz ----------------------------------------------------------------------------------

describe(`protocol fuzz against the event server (seed ${SEED})`, () => {
  it(`answers ${PANEL_MESSAGES} hostile panel commands with typed replies, signed in or not, and ignores unknown events (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const problems: string[] = [];
    const codes = new Map<string, number>();

    // A well-behaved softphone on the fuzzed line, with one held call, so valid commands are relayed.
    const device = await connected('/softphone', { account: 'agent02', password: DEMO_PASSWORD, extension: '1002' });
    device.on('device:command', (_command: unknown, ack: unknown) => typeof ack === 'function' && (ack as (r: unknown) => void)({ ok: true }));
    const now = Date.now();
    device.emit('device:state', {
      calls: [{ id: 'c-1', direction: 'inbound', state: 'held', remoteNumber: '0312345678', startedAt: now - 9000, answeredAt: now - 8000, heldAt: now - 1000 }],
      parked: [],
    } satisfies DeviceState);

    const anon = await Promise.all([0, 1, 2, 3].map(() => connected('/panel')));
    const signed = await Promise.all([0, 1, 2, 3].map(() => connected('/panel')));
    const login = await Promise.all([0, 1, 2].map(() => connected('/panel')));
    // Every snapshot the fuzzed line pushes to its panels must stay valid.
    let snapshots = 0;
    for (const s of [...signed, ...login]) {
      s.on('state:snapshot', (raw: unknown) => {
        snapshots += 1;
        const v = snapshotSchema.check(raw, 'snapshot');
        if (!v.ok) problems.push(`snapshot invalid: ${v.error}`);
      });
    }
    const signInAll = () => Promise.all(signed.map((s) => ask(s, 'session:signIn', [SIGN_IN], 3000)));
    expect((await signInAll()).every((o) => o.replied && (o.reply as { ok: boolean }).ok)).toBe(true);

    interface Message {
      readonly index: number;
      readonly event: PanelEvent;
      readonly args: unknown[];
      readonly ack: boolean;
      readonly group: 'anon' | 'signed' | 'login';
    }
    const messages: Message[] = [];
    for (let index = 0; index < PANEL_MESSAGES; index++) {
      const event = r.pick(PANEL_EVENTS);
      const session = SESSION_EVENTS.includes(event);
      const group = session ? 'login' : r.chance(0.5) ? 'anon' : 'signed';
      // Now and then no payload at all, or extra arguments before the ack.
      const shape = r.int(10);
      const args = shape === 0 && r.chance(0.3) ? [] : [panelPayload(r, event)];
      if (shape >= 8) for (let i = 0, n = 1 + r.int(3); i < n; i++) args.push(hostileValue(r));
      if (encodedBytes(args) >= UNDER_LIMIT_BYTES) args.splice(1);
      messages.push({ index, event, args, ack: r.chance(0.88), group });
    }

    const check = (m: Message, outcome: Outcome) => {
      const where = `#${m.index} ${m.group} ${m.event} ${preview(m.args)}`;
      if (!outcome.replied) return problems.push(`${where}: no reply (${outcome.error})`);
      const reply = outcome.reply as { ok?: unknown; code?: unknown };
      codes.set(String(reply.code ?? 'ok'), (codes.get(String(reply.code ?? 'ok')) ?? 0) + 1);
      const typed = (SESSION_EVENTS.includes(m.event) ? signInReplySchema : commandReplySchema).check(reply, 'reply');
      if (!typed.ok) return problems.push(`${where}: untyped reply ${preview(reply)} (${typed.error})`);
      const schema = REQUEST_SCHEMAS[m.event];
      const valid = schema === null || (m.args.length > 0 && schema.check(wireArgs(m.args)[0], 'payload').ok);
      if (!valid && reply.code !== 'INVALID_PAYLOAD') return problems.push(`${where}: invalid payload answered ${preview(reply)}`);
      if (valid && m.group === 'anon' && reply.code !== 'NOT_SIGNED_IN') return problems.push(`${where}: not signed in, answered ${preview(reply)}`);
      if (valid && reply.code === 'INVALID_PAYLOAD' && m.event !== 'agent:setStatus') return problems.push(`${where}: valid payload refused ${preview(reply)}`);
      if (reply.code === 'INTERNAL') problems.push(`${where}: INTERNAL`);
      return undefined;
    };

    const pools = { anon, signed, login };
    for (let start = 0; start < messages.length; start += 64) {
      await signInAll();
      await Promise.all(
        messages.slice(start, start + 64).map(async (m) => {
          const pool = pools[m.group];
          const socket = pool[m.index % pool.length]!;
          if (!m.ack) return send(socket, m.event, m.args);
          check(m, await ask(socket, m.event, m.args, 3000));
        }),
      );
    }

    // Unknown events: never answered, never fatal (a short wait proves the silence).
    const unknown = Array.from({ length: UNKNOWN_EVENT_MESSAGES }, (_, i) => ({
      index: i,
      event: i < UNKNOWN_EVENTS.length ? UNKNOWN_EVENTS[i]! : r.chance(0.7) ? r.pick(UNKNOWN_EVENTS) : hostileString(r).slice(0, 200),
      args: r.chance(0.2) ? [] : [hostileValue(r)].filter((a) => encodedBytes([a]) < UNDER_LIMIT_BYTES),
      ack: r.chance(0.7),
      socket: r.pick([...anon, ...signed]),
    }));
    const known = new Set<string | number>([...PANEL_EVENTS, 'session:token']);
    await Promise.all(
      unknown.map(async (u) => {
        if (!u.ack) return send(u.socket, u.event, u.args);
        const outcome = await ask(u.socket, u.event, u.args, 400);
        if (!outcome.replied) return;
        const reply = outcome.reply as { ok?: unknown; code?: unknown } | null;
        const typed = reply?.ok === true || (reply?.ok === false && isErrorCode(reply.code));
        if (!known.has(u.event) || !typed) problems.push(`unknown #${u.index} ${preview(u.event)}: answered ${preview(outcome.reply)}`);
      }),
    );

    // Every long-lived socket is still connected: nothing above made the server drop it.
    const dropped = [...anon, ...signed, ...login].filter((s) => !s.connected).length;
    for (const s of [...anon, ...signed, ...login, device]) s.close();

    if (process.env['FUZZ_VERBOSE']) console.info(`panel fuzz: ${messages.length} + ${unknown.length} messages, ${snapshots} snapshots`, Object.fromEntries(codes));
    expect(snapshots).toBeGreaterThan(0);
    expect(problems.slice(0, 15)).toEqual([]);
    expect(dropped).toBe(0);
    expect(logged.error).toEqual([]);
    expect(pollution.check()).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, TEST_TIMEOUT_MS);

  it(`closes only the connection that sends a message over the size limit (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0x0b16);
    const problems: string[] = [];
    for (let i = 0; i < OVER_LIMIT_MESSAGES; i++) {
      const event = r.pick(PANEL_EVENTS);
      let payload: unknown;
      do payload = mutate(r, VALID_REQUESTS[event], { overLimit: true });
      while (encodedBytes([event, payload]) < OVER_LIMIT_BYTES);

      const socket = await connected('/panel');
      const outcome = await ask(socket, event, [payload], 3000);
      if (outcome.replied) problems.push(`#${i} ${event} (${encodedBytes([payload])} bytes): answered ${preview(outcome.reply)}`);
      if (socket.connected) problems.push(`#${i} ${event}: connection kept`);
      socket.close();
    }
    const healthy = await connected('/panel');
    expect(await ask(healthy, 'call:dial', [{ number: '0312345678' }], 3000)).toEqual({ replied: true, reply: { ok: false, code: 'NOT_SIGNED_IN' } });
    healthy.close();
    expect(problems).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it(`drops ${DEVICE_STATES} hostile device states, keeps every snapshot valid and turns hostile softphone replies into typed errors (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0xde71ce);
    const problems: string[] = [];
    const observer = await signedInPanel('agent03', '1003');
    const device = await connected('/softphone', { account: 'agent03', password: DEMO_PASSWORD, extension: '1003' });

    const now = Date.now();
    const validState = parse(
      deviceStateSchema,
      {
        calls: [
          {
            id: 'call-a',
            direction: 'inbound',
            state: 'talking',
            remoteNumber: '0312345678',
            startedAt: now - 60_000,
            answeredAt: now - 50_000,
            businessLabel: 'サポート窓口',
            callerIdNumber: '0312345000',
            transferredBy: '1001',
            chat: {
              status: 'ok',
              messages: [
                { from: 'customer', kind: 'text', text: 'こんにちは', at: now - 70_000 },
                { from: 'bot', kind: 'url', text: '', url: 'https://chat.example.com/a', at: now - 69_000 },
              ],
            },
          },
          {
            id: 'call-b',
            direction: 'outbound',
            state: 'held',
            remoteNumber: '2002',
            startedAt: now - 5000,
            heldAt: now - 1000,
            transfer: { kind: 'attended', of: 'call-a' },
            collecting: { kind: 'star', digits: '12' },
            recall: { slot: '701' },
          },
        ],
        parked: [{ slot: '701', remoteNumber: '0312345678', parkedAt: now - 20_000, recallAt: now + 280_000 }],
      },
      'device state',
    );

    // Every snapshot the line's panel receives must be valid, and a device can never forge a screen.
    let checked = 0;
    const checkSnapshots = () => {
      for (; checked < observer.snapshots.length; checked++) {
        const raw = observer.snapshots[checked];
        const v = snapshotSchema.check(raw, 'snapshot');
        if (!v.ok) problems.push(`snapshot #${checked} invalid: ${v.error}`);
        else for (const c of v.value.calls) if (c.screen && c.screen.fromExtension !== c.transferredBy) problems.push(`snapshot #${checked}: forged screen ${preview(c)}`);
      }
    };
    const marker = async (id: string, calls: DeviceState['calls'] = []) => {
      device.emit('device:state', { calls: [{ id, direction: 'inbound', state: 'held', remoteNumber: '1', startedAt: now }, ...calls], parked: [] });
      await until(() => observer.snapshots.some((s) => (s as Snapshot).calls?.[0]?.id === id), `snapshot with ${id}`);
      checkSnapshots();
      return observer.snapshots.findIndex((s) => (s as Snapshot).calls?.[0]?.id === id);
    };

    // 1. Hostile device:state messages: the valid ones (as they arrive) become snapshots, in order; the rest are dropped.
    const from = await marker('marker-0');
    const expected: DeviceState[] = [];
    const unknownEvents: Promise<unknown>[] = [];
    for (let i = 0; i < DEVICE_STATES; i++) {
      let payload: unknown;
      do {
        const roll = r.next();
        payload = roll < 0.72 ? mutate(r, validState) : roll < 0.8 ? structuredClone(validState) : hostileValue(r);
      } while (encodedBytes([payload]) >= UNDER_LIMIT_BYTES);
      const args: unknown[] = [payload];
      if (r.chance(0.1)) args.push(hostileValue(r, {}, 2));
      const v = deviceStateSchema.check(wireArgs(args)[0], 'state');
      if (r.chance(0.1)) args.push(() => undefined); // an ack the server must simply ignore
      send(device, 'device:state', args);
      if (v.ok) expected.push(v.value);
      if (r.chance(0.05)) {
        const ev = r.pick(['device:command', 'device:State', '__proto__', 'error', 'call:dial', hostileString(r).slice(0, 50)]);
        const extra = [hostileValue(r, {}, 2)].filter((a) => encodedBytes([a]) < UNDER_LIMIT_BYTES);
        unknownEvents.push(ask(device, ev, extra, 300).then((o) => o.replied && problems.push(`device event ${preview(ev)} answered ${preview(o.reply)}`)));
      }
    }
    await Promise.all(unknownEvents);
    const to = await marker('marker-1');
    const produced = observer.snapshots.slice(from + 1, to) as Snapshot[];
    const strip = (s: Snapshot) => ({ calls: s.calls.map(({ screen: _screen, ...c }) => c), parked: s.parked });
    expect(produced.length).toBe(expected.length);
    produced.forEach((s, i) => {
      if (JSON.stringify(strip(s)) !== JSON.stringify(expected[i])) problems.push(`state #${i}: snapshot ${preview(strip(s))} differs from ${preview(expected[i])}`);
    });

    // 2. Hostile replies to relayed commands: the panel gets the valid reply as it is, INTERNAL for an invalid one, TIMEOUT for none.
    type ReplySpec = { kind: 'reply' | 'twice' | 'late'; args: unknown[] } | { kind: 'silent' };
    const table = new Map<string, ReplySpec>();
    device.on('device:command', (command: { type: string; number?: string; callId?: string; digits?: string }, ...rest: unknown[]) => {
      const ack = rest.at(-1) as ((...a: unknown[]) => void) | undefined;
      const key = `${command.type}:${command.callId ?? ''}:${command.number ?? ''}:${command.digits ?? ''}`;
      const spec = table.get(key);
      if (typeof ack !== 'function') return problems.push(`command without ack ${preview(command)}`);
      if (!spec) return problems.push(`unexpected command ${preview(command)}`);
      if (spec.kind === 'silent') return undefined;
      if (spec.kind === 'late') return setTimeout(() => ack(...spec.args), DEVICE_ACK_TIMEOUT_MS + 100);
      ack(...spec.args);
      if (spec.kind === 'twice') ack({ ok: true });
      return undefined;
    });
    const held = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, direction: 'inbound' as const, state: 'held' as const, remoteNumber: '0312345678', startedAt: now - 9000, heldAt: now - 1000 }));
    await marker('c7', held);

    const validReplies = [{ ok: true }, { ok: false, code: 'BUSY' }, { ok: false, code: 'NO_SUCH_CALL', message: 'no such call' }];
    /** Silent and late answers (which cost a time-out each) only in the last batch. */
    const replySpec = (silences: boolean): ReplySpec => {
      const roll = silences ? 0.6 + 0.4 * r.next() : 0.9 * r.next();
      const small = (v: unknown) => (encodedBytes([v]) < UNDER_LIMIT_BYTES ? v : { ok: 'too big' });
      if (roll < 0.5) return { kind: 'reply', args: [small(mutate(r, r.pick(validReplies)))] };
      if (roll < 0.6) return { kind: 'reply', args: [r.pick(validReplies)] };
      if (roll < 0.74) return { kind: 'reply', args: [small(hostileValue(r))] };
      if (roll < 0.8) return { kind: 'reply', args: [small(hostileValue(r, {}, 2)), { ok: true }] };
      if (roll < 0.84) return { kind: 'reply', args: [] };
      if (roll < 0.9) return { kind: 'twice', args: [small(mutate(r, r.pick(validReplies)))] };
      if (roll < 0.95) return { kind: 'silent' };
      return { kind: 'late', args: [{ ok: true }] };
    };
    const deviceReply = commandReplySchema;
    let commands = 0;
    const types = ['answer', 'hangup', 'hold', 'unhold', 'park', 'transfer'] as const;
    for (let batch = 0; batch < DEVICE_COMMAND_BATCHES; batch++) {
      const silences = batch === DEVICE_COMMAND_BATCHES - 1;
      table.clear();
      const items: { event: string; payload: Record<string, string>; key: string; spec: ReplySpec }[] = [];
      for (const [t, c] of r.shuffle(types.flatMap((t) => held.map((c) => [t, c.id] as const))).slice(0, 24)) {
        items.push({ event: `call:${t}`, payload: { callId: c }, key: `${t}:${c}::`, spec: replySpec(silences) });
      }
      for (let j = 0; j < 6; j++) {
        const number = `9${batch}0${j}`;
        items.push({ event: 'call:dial', payload: { number }, key: `dial::${number}:`, spec: replySpec(silences) });
        const digits = `${batch}${j}#`;
        items.push({ event: 'call:dtmf', payload: { callId: `c${j}`, digits }, key: `dtmf:c${j}::${digits}`, spec: replySpec(silences) });
      }
      for (const item of items) table.set(item.key, item.spec);
      await Promise.all(
        items.map(async (item) => {
          commands += 1;
          const outcome = await ask(observer.socket, item.event, [item.payload], 3000);
          const where = `${item.event} ${preview(item.payload)} device replied ${preview(item.spec)}`;
          if (!outcome.replied) return problems.push(`${where}: no reply`);
          const answered = item.spec.kind === 'reply' || item.spec.kind === 'twice';
          const v = answered && 'args' in item.spec ? deviceReply.check(wireArgs(item.spec.args)[0] ?? null, 'device reply') : null;
          const want: { ok: boolean; code?: string } = v === null ? { ok: false, code: 'TIMEOUT' } : v.ok ? v.value : { ok: false, code: 'INTERNAL' };
          const got = outcome.reply as Record<string, unknown>;
          if (!commandReplySchema.check(got, 'reply').ok) return problems.push(`${where}: untyped ${preview(got)}`);
          const same = v?.ok ? JSON.stringify(got) === JSON.stringify(want) : got['ok'] === false && got['code'] === want.code;
          if (!same) problems.push(`${where}: got ${preview(got)}, want ${preview(want)}`);
          return undefined;
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // late acks arrive after their time-out
    await marker('marker-2');

    // 3. A device message over the size limit closes that softphone's connection; the line shows it stopped.
    const rogue = await connected('/softphone', { account: 'agent03', password: DEMO_PASSWORD, extension: '1003' });
    await until(() => !device.connected, 'the replaced softphone to be let go');
    send(rogue, 'device:state', [{ calls: [{ ...held[0], remoteNumber: 'Z'.repeat(BIG_OVER_LIMIT) }], parked: [] }]);
    await until(() => !rogue.connected, 'the over-limit softphone to be disconnected');
    await until(() => (observer.snapshots.at(-1) as Snapshot).softphone?.running === false, 'a snapshot without a softphone');
    checkSnapshots();
    observer.socket.close();

    if (process.env['FUZZ_VERBOSE']) console.info(`device fuzz: ${DEVICE_STATES} states (${expected.length} valid), ${commands} commands, ${observer.snapshots.length} snapshots`);
    expect(problems.slice(0, 15)).toEqual([]);
    expect(logged.error).toEqual([]);
    expect(pollution.check()).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it(`refuses ${HANDSHAKES} hostile handshakes with a typed error or a closed connection (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0x4a5e);
    const problems: string[] = [];
    const validAuth = { account: 'agent03', password: DEMO_PASSWORD, extension: '1003' };
    const attempts = Array.from({ length: HANDSHAKES }, (_, i) => {
      const namespace = i % 3 === 0 ? '/panel' : '/softphone';
      const roll = r.next();
      let auth: unknown = roll < 0.55 ? mutate(r, validAuth, { overLimit: true }) : roll < 0.6 ? { ...validAuth } : hostileValue(r, { overLimit: true });
      if (jsonBytes(auth) > UNDER_LIMIT_BYTES && jsonBytes(auth) < OVER_LIMIT_BYTES) auth = { account: 'x'.repeat(OVER_LIMIT_BYTES) };
      return { i, namespace, auth };
    });

    /**
     * The outcomes allowed for an auth value (the client drops a falsy one). Anything but an object
     * must never open a connection for a softphone: socket.io's parser closes it, or (a bare
     * integer is read as a packet id) the server sees no auth at all.
     */
    const allowed = async (namespace: string, auth: unknown): Promise<readonly string[]> => {
      if (jsonBytes(auth) > OVER_LIMIT_BYTES) return ['closed', 'websocket error'];
      const wire = auth ? jsonForm(auth) : {};
      if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return namespace === '/panel' ? ['closed', 'connect'] : ['closed', 'INVALID_PAYLOAD'];
      if (namespace === '/panel') return ['connect'];
      const v = deviceAuthSchema.check(wire, 'auth');
      if (!v.ok) return ['INVALID_PAYLOAD'];
      const credential = await authenticate(demoDirectory, v.value.account, v.value.password);
      return [credential?.tenant.extensions.includes(v.value.extension) ? 'connect' : 'AUTH_FAILED'];
    };

    const attempt = (namespace: string, auth: unknown) =>
      new Promise<string>((resolve) => {
        const socket = open(namespace, auth);
        let settled = false;
        const done = (outcome: string) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(outcome);
          socket.close();
        };
        const timer = setTimeout(() => done('nothing'), 3000);
        if (namespace === '/panel') socket.once('server:hello', () => done('connect'));
        else socket.once('connect', () => done('connect'));
        socket.once('connect_error', (error: Error) => done(error.message));
        socket.once('disconnect', () => done('closed'));
      });

    for (let start = 0; start < attempts.length; start += 16) {
      await Promise.all(
        attempts.slice(start, start + 16).map(async ({ i, namespace, auth }) => {
          const want = await allowed(namespace, auth);
          const got = await attempt(namespace, auth);
          if (!want.includes(got)) problems.push(`#${i} ${namespace} auth ${preview(auth)}: ${got}, want ${want.join(' or ')}`);
        }),
      );
    }
    expect(problems.slice(0, 15)).toEqual([]);
    expect(logged.error).toEqual([]);
    expect(pollution.check()).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('lets a normal panel sign in and dial afterwards; nothing crashed and no prototype was polluted', async () => {
    const simulator = new Simulator({
      serverUrl: url,
      devices: [{ account: 'agent01', password: DEMO_PASSWORD, extension: '1001' }],
      clock: new OffsetClock(),
      autoAnswerMs: null,
    });
    await simulator.start();
    const probe = new PanelProbe();
    try {
      await probe.transport.connect(url);
      const signedIn = await probe.transport.signIn({ account: 'agent01', password: DEMO_PASSWORD, extension: '1001', initialStatusId: 'available', hardphone: false });
      expect(signedIn.ok).toBe(true);
      expect(await probe.transport.dial('0312345678')).toEqual({ ok: true });
      const dialing = await probe.next(callIn('dialing'));
      expect(dialing.calls[0]).toMatchObject({ direction: 'outbound', remoteNumber: '0312345678' });
      expect(await probe.transport.hangup(dialing.calls[0]!.id)).toEqual({ ok: true });
    } finally {
      probe.close();
      simulator.stop();
    }
    expect(crashes).toEqual([]);
    expect(logged.error).toEqual([]);
    expect(pollution.check()).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, TEST_TIMEOUT_MS);
});

describe('session commands with an unexpected number of arguments', () => {
  // Every command finds its ack as the last argument and validates the first, so a missing payload
  // is answered INVALID_PAYLOAD and extra arguments are ignored; otherwise the panel would hear
  // nothing until its own time-out.
  it.each([
    ['session:signIn', 'no payload', []],
    ['session:signIn', 'an extra argument before the ack', [SIGN_IN, 'extra']],
    ['session:resume', 'no payload', []],
    ['session:resume', 'an extra argument before the ack', [{ token: 'A'.repeat(43) }, 42]],
  ])('answers %s with %s, as every other command does', async (event, _what, args) => {
    const socket = await connected('/panel');
    const outcome = await ask(socket, event, args, 1000);
    socket.close();

    expect(outcome).toMatchObject({ replied: true });
    if (outcome.replied) expect(signInReplySchema.check(outcome.reply, 'reply')).toMatchObject({ ok: true });
  });
});

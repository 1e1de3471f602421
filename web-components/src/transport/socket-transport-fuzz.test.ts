/**
 * Protocol fuzzer for the panel transport: a rogue socket.io server on a free port sends hostile
 * `server:hello`s, thousands of mutated and hostile `state:snapshot`s and unknown events, and
 * answers every command with hostile acks (wrong types, huge strings, polluting keys, silence,
 * late or double answers). The transport must never throw, every command must resolve with a typed
 * Reply (INVALID_PAYLOAD for a bad reply, TIMEOUT for none), only valid snapshots may reach the
 * listeners, and no prototype may be polluted.
 * Deterministic per seed; reproduce a failure with `FUZZ_SEED=<seed shown in the test name>`.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import {
  PROTOCOL_VERSION,
  errorReplySchema,
  helloSchema,
  okReplySchema,
  parse,
  signInReplySchema,
  snapshotSchema,
  union,
  type Schema,
  type Snapshot,
} from '@biztel/protocol';
import { silentLogger } from '../log.js';
import { fuzzSeed, hostileString, hostileValue, mutate, pollutionProbe, rng, wireArgs, type Rng } from '@biztel/protocol/testing';
import { FUZZ_TEST_TIMEOUT_MS, WAIT_TIMEOUT_MS, until } from '@biztel/testing';
import { ServerUnreachableError, SocketTransport } from './socket-transport.js';

const SEED = fuzzSeed(0x5eed_0002);
const HELLOS = 150;
const SNAPSHOTS = 1500;
const COMMAND_BATCHES = 16;
/** Long enough that a loaded machine never turns a prompt answer into TIMEOUT; silence is tested in one batch. */
const ACK_TIMEOUT_MS = 5000;

const plainReply = union('ok', { true: okReplySchema, false: errorReplySchema });

const STATUSES = [
  { id: 'available', label: '受付可' },
  { id: 'break', label: '休憩' },
  { id: 'logoff', label: 'ログオフ' },
];
const T0 = Date.UTC(2025, 3, 1);

/** A rich, valid snapshot: the fuzzer corrupts it one field at a time. */
const VALID_SNAPSHOT: Snapshot = parse(
  snapshotSchema,
  {
    revision: 7,
    serverTime: T0,
    agent: { account: 'agent01', extension: '1001', statusId: 'available', hardphone: false },
    statuses: STATUSES,
    softphone: { running: true },
    calls: [
      {
        id: 'call-1',
        direction: 'inbound',
        state: 'held',
        remoteNumber: '0312345678',
        startedAt: T0 - 60_000,
        answeredAt: T0 - 50_000,
        heldAt: T0 - 5000,
        businessLabel: 'サポート窓口',
        chat: {
          status: 'ok',
          messages: [
            { from: 'customer', kind: 'text', text: '配送について', at: T0 - 90_000 },
            { from: 'customer', kind: 'upload', text: '', url: 'https://chat.example.com/u/1.png', at: T0 - 80_000 },
          ],
        },
        transferredBy: '1002',
        screen: { recordId: '0035g00000AbCdEAAZ', recordName: '田中 様', objectType: 'Contact', note: '折り返し', fromExtension: '1002', fromName: '佐藤 太郎' },
      },
      {
        id: 'call-2',
        direction: 'outbound',
        state: 'talking',
        remoteNumber: '2002',
        startedAt: T0 - 8000,
        answeredAt: T0 - 5000,
        callerIdNumber: '0312345000',
        transfer: { kind: 'attended', of: 'call-1' },
        collecting: { kind: 'hash', digits: '20' },
        recall: { slot: '701' },
      },
    ],
    parked: [{ slot: '702', remoteNumber: 'anonymous', parkedAt: T0 - 20_000, recallAt: T0 + 280_000 }],
    callerIds: {
      mode: 'switchable',
      restricted: true,
      numbers: [{ number: '0312345000', label: '代表' }],
      windows: [{ id: 'support', name: 'サポート窓口', number: '0312345001' }],
    },
  },
  'snapshot',
);

const VALID_HELLO = { protocol: PROTOCOL_VERSION, statuses: STATUSES };

let http: HttpServer;
let io: Server;
let url: string;
/** What the rogue server does with each new panel connection. */
let onConnection: (socket: ServerSocket) => void = () => undefined;
let transport: SocketTransport;
const crashes: string[] = [];
const onCrash = (error: unknown) => crashes.push(String(error instanceof Error ? error.stack : error));
const pollution = pollutionProbe();

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  http = createServer();
  io = new Server(http);
  io.of('/panel').on('connection', (socket) => onConnection(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(() => {
  transport?.close();
});

afterAll(async () => {
  await new Promise<void>((resolve) => io.close(() => resolve()));
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

function newTransport(connectTimeoutMs = WAIT_TIMEOUT_MS): SocketTransport {
  transport = new SocketTransport({ logger: silentLogger, connectTimeoutMs, ackTimeoutMs: ACK_TIMEOUT_MS, reconnectionAttempts: 0 });
  return transport;
}

function emit(socket: ServerSocket, event: string, args: readonly unknown[]): void {
  (socket.emit as (ev: string, ...a: unknown[]) => boolean).call(socket, event, ...args);
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v)) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Event names a server could push that the transport does not expect (or expects once). */
const OTHER_EVENTS = ['server:hello', 'session:ended', 'server:shutdown', 'no:such:event', '__proto__', 'constructor', 'toString', 'error', 'hasOwnProperty', 'state:Snapshot', '<img src=x onerror=alert(1)>'];

/** Arguments of one hostile server push: mostly a mutated valid payload, sometimes junk or extra args. */
function hostileArgs(r: Rng, valid: unknown): unknown[] {
  const roll = r.next();
  const payload = roll < 0.72 ? mutate(r, valid, { overLimit: true }) : roll < 0.8 ? structuredClone(valid) : roll < 0.95 ? hostileValue(r, { overLimit: true }) : undefined;
  const args = roll >= 0.98 ? [] : [payload];
  if (r.chance(0.08)) args.push(hostileValue(r, {}, 2));
  return args;
}

describe(`protocol fuzz against the panel transport (seed ${SEED})`, () => {
  it(`accepts only a valid hello among ${HELLOS} hostile ones and otherwise fails with ServerUnreachableError (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const problems: string[] = [];
    let delivered = 0;
    let deliverable = 0;
    for (let i = 0; i < HELLOS; i++) {
      const silent = r.chance(0.03);
      const args = hostileArgs(r, VALID_HELLO);
      // Now and then something else comes first: only a valid snapshot may get through.
      const junkEvent = r.chance(0.25) ? r.pick(['state:snapshot', ...OTHER_EVENTS.filter((e) => e !== 'server:hello')]) : null;
      const junkFirst = junkEvent === null ? null : ([junkEvent, junkEvent === 'state:snapshot' ? mutate(r, VALID_SNAPSHOT) : hostileValue(r)] as const);
      if (junkFirst?.[0] === 'state:snapshot' && snapshotSchema.check(wireArgs([junkFirst[1]])[0] ?? null, 'snapshot').ok) deliverable += 1;
      onConnection = (socket) => {
        if (junkFirst) emit(socket, junkFirst[0], [junkFirst[1]]);
        if (silent) return void socket.disconnect(true);
        emit(socket, 'server:hello', args);
        if (r.chance(0.3)) emit(socket, 'server:hello', [VALID_HELLO]); // a second hello changes nothing
      };
      const t = newTransport(silent ? 300 : WAIT_TIMEOUT_MS); // a valid hello is never too slow
      t.onSnapshot(() => (delivered += 1));
      const want = silent ? null : helloSchema.check(wireArgs(args)[0] ?? null, 'hello');
      const where = `#${i} hello ${silent ? '(none)' : preview(args)}`;
      try {
        const got = await t.connect(url);
        if (!want?.ok) problems.push(`${where}: accepted ${preview(got)}`);
        else if (JSON.stringify(got) !== JSON.stringify({ statuses: want.value.statuses })) problems.push(`${where}: resolved ${preview(got)}`);
      } catch (error) {
        if (!(error instanceof ServerUnreachableError)) problems.push(`${where}: rejected with ${String(error)}`);
        else if (want?.ok) problems.push(`${where}: valid hello refused (${error.message})`);
      }
      t.close();
    }
    expect(problems.slice(0, 15)).toEqual([]);
    expect(delivered).toBe(deliverable);
    expect(crashes).toEqual([]);
    expect(pollution.check()).toEqual([]);
  }, FUZZ_TEST_TIMEOUT_MS);

  it(`delivers exactly the valid ones of ${SNAPSHOTS} hostile pushes, in order, and nothing else (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0x5a5);
    const problems: string[] = [];
    let server: ServerSocket | undefined;
    onConnection = (socket) => {
      server = socket;
      emit(socket, 'server:hello', [VALID_HELLO]);
    };
    const t = newTransport();
    const received: Snapshot[] = [];
    t.onSnapshot((s) => received.push(s));
    await t.connect(url);

    const expected: Snapshot[] = [];
    for (let i = 0; i < SNAPSHOTS; i++) {
      const event = r.chance(0.9) ? 'state:snapshot' : r.pick(OTHER_EVENTS);
      const args = hostileArgs(r, VALID_SNAPSHOT);
      if (event === 'state:snapshot') {
        const v = snapshotSchema.check(wireArgs(args)[0] ?? null, 'snapshot');
        if (v.ok) expected.push(v.value);
      }
      if (r.chance(0.05)) server!.timeout(50).emit(event, ...args, () => undefined); // an ack the panel must simply ignore
      else emit(server!, event, args);
    }
    const marker = { ...VALID_SNAPSHOT, revision: Number.MAX_SAFE_INTEGER, agent: { ...VALID_SNAPSHOT.agent, account: 'marker' } };
    emit(server!, 'state:snapshot', [marker]);
    expected.push(marker);
    await until(() => received.at(-1)?.agent.account === 'marker', { what: `the marker (${received.length} snapshots so far)` });

    for (const [i, s] of received.entries()) {
      const v = snapshotSchema.check(s, 'delivered');
      if (!v.ok) problems.push(`delivered #${i} is invalid: ${v.error}`);
      if (JSON.stringify(s) !== JSON.stringify(expected[i])) problems.push(`delivered #${i} ${preview(s)}, want ${preview(expected[i])}`);
    }
    if (process.env['FUZZ_VERBOSE']) console.info(`transport fuzz: ${SNAPSHOTS} pushes, ${expected.length} valid snapshots delivered`);
    expect(received.length).toBe(expected.length);
    expect(problems.slice(0, 15)).toEqual([]);
    expect(crashes).toEqual([]);
    expect(pollution.check()).toEqual([]);
  }, FUZZ_TEST_TIMEOUT_MS);

  it(`resolves every command with a typed Reply whatever the server acks (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0xac4);
    const problems: string[] = [];
    type Spec = { kind: 'reply' | 'twice' | 'late'; args: unknown[] } | { kind: 'silent' };
    const table = new Map<string, Spec>();
    const late = { due: 0, sent: 0 };
    const keyOf = (event: string, payload: Record<string, unknown> | undefined): string => {
      if (event === 'session:signIn') return `${event}:${String(payload?.['account'])}`;
      if (event === 'session:resume') return `${event}:${String(payload?.['token'])}`;
      if (event === 'agent:setStatus') return `${event}:${String(payload?.['statusId'])}`;
      if (event === 'agent:viewing') return `${event}:${String((payload?.['screen'] as { recordName?: string } | null)?.recordName)}`;
      if (event === 'call:dial') return `${event}:${String(payload?.['number'])}`;
      if (event === 'call:dtmf') return `${event}:${String(payload?.['callId'])}:${String(payload?.['digits'])}`;
      if (event.startsWith('call:')) return `${event}:${String(payload?.['callId'])}`;
      return event;
    };
    onConnection = (socket) => {
      emit(socket, 'server:hello', [VALID_HELLO]);
      socket.onAny((event: string, ...args: unknown[]) => {
        const ack = args.at(-1);
        if (typeof ack !== 'function') return void problems.push(`${event} sent without an ack`);
        const payload = args.length > 1 && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : undefined;
        const spec = table.get(keyOf(event, payload));
        if (!spec) return void problems.push(`unexpected ${event} ${preview(payload)}`);
        if (spec.kind === 'silent') return;
        const answer = ack as (...a: unknown[]) => void;
        if (spec.kind === 'late') {
          late.due += 1;
          return void setTimeout(() => {
            answer(...spec.args);
            late.sent += 1;
          }, ACK_TIMEOUT_MS + 100);
        }
        answer(...spec.args);
        if (spec.kind === 'twice') answer({ ok: true });
      });
    };
    const t = newTransport();
    await t.connect(url);

    const signInReplies = [
      { ok: true, snapshot: VALID_SNAPSHOT, resumeToken: 'R'.repeat(43) },
      { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-1', account: 'agent02', name: '<img src=x onerror=alert(1)>', since: T0 } },
      { ok: false, code: 'AUTH_FAILED', message: 'no' },
    ];
    const plainReplies = [{ ok: true }, { ok: false, code: 'BUSY', message: '<script>alert(1)</script>' }, { ok: false, code: 'NO_SUCH_CALL' }];
    /** Silent and late answers (which cost a time-out each) only in the last batch. */
    const spec = (valid: readonly unknown[], silences: boolean): Spec => {
      const roll = silences ? 0.6 + 0.4 * r.next() : 0.9 * r.next();
      if (roll < 0.5) return { kind: 'reply', args: [mutate(r, r.pick(valid), { overLimit: true })] };
      if (roll < 0.6) return { kind: 'reply', args: [r.pick(valid)] };
      if (roll < 0.74) return { kind: 'reply', args: [hostileValue(r, { overLimit: true })] };
      if (roll < 0.8) return { kind: 'reply', args: [hostileValue(r, {}, 2), r.pick(valid)] };
      if (roll < 0.84) return { kind: 'reply', args: [] };
      if (roll < 0.9) return { kind: 'twice', args: [mutate(r, r.pick(valid))] };
      if (roll < 0.95) return { kind: 'silent' };
      return { kind: 'late', args: [r.pick(valid)] };
    };

    let commands = 0;
    for (let batch = 0; batch < COMMAND_BATCHES; batch++) {
      const silences = batch === COMMAND_BATCHES - 1;
      table.clear();
      const calls: { event: string; key: string; schema: Schema<unknown>; send: () => Promise<unknown> }[] = [];
      const add = (event: string, payload: Record<string, unknown> | undefined, schema: Schema<unknown>, send: () => Promise<unknown>) => {
        const key = keyOf(event, payload);
        table.set(key, spec(schema === signInReplySchema ? signInReplies : plainReplies, silences));
        calls.push({ event, key, schema, send });
      };
      for (let j = 0; j < 4; j++) {
        const n = `${batch}x${j}`;
        const account = `agent${n}`;
        const request = { account, password: 'x', extension: '1001', initialStatusId: 'available', hardphone: false };
        add('session:signIn', { account }, signInReplySchema, () => t.signIn(request));
        const token = `T${n}`.padEnd(43, 'x');
        add('session:resume', { token }, signInReplySchema, () => t.resume(token));
        add('agent:setStatus', { statusId: `s${n}` }, plainReply, () => t.setStatus(`s${n}`));
        add('agent:viewing', { screen: { recordName: `r${n}` } }, plainReply, () => t.viewing({ recordId: '0035g00000AbCdEAAZ', recordName: `r${n}` }));
        add('call:dial', { number: `9${batch}0${j}` }, plainReply, () => t.dial(`9${batch}0${j}`));
        add('call:dtmf', { callId: `c${n}`, digits: '1' }, plainReply, () => t.dtmf(`c${n}`, '1'));
        for (const [event, command] of [
          ['call:answer', (id: string) => t.answer(id)],
          ['call:hangup', (id: string) => t.hangup(id)],
          ['call:hold', (id: string) => t.hold(id)],
          ['call:unhold', (id: string) => t.unhold(id)],
          ['call:park', (id: string) => t.park(id)],
          ['call:transfer', (id: string) => t.transfer(id)],
        ] as const) {
          add(event, { callId: `c${n}` }, plainReply, () => command(`c${n}`));
        }
      }
      add('session:signOut', undefined, plainReply, () => t.signOut());

      await Promise.all(
        calls.map(async (c) => {
          commands += 1;
          const s = table.get(c.key)!;
          const where = `${c.key} server acked ${preview(s)}`;
          let got: unknown;
          try {
            got = await c.send();
          } catch (error) {
            return void problems.push(`${where}: rejected ${String(error)}`);
          }
          const answered = s.kind === 'reply' || s.kind === 'twice';
          const v = answered && 'args' in s ? c.schema.check(wireArgs(s.args)[0] ?? null, 'reply') : null;
          const want = v === null ? { ok: false, code: 'TIMEOUT' } : v.ok ? v.value : { ok: false, code: 'INVALID_PAYLOAD' };
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${where}: got ${preview(got)}, want ${preview(want)}`);
          if (!c.schema.check(got, 'reply').ok) problems.push(`${where}: untyped ${preview(got)}`);
        }),
      );
    }
    await until(() => late.sent === late.due, 'the late acks'); // they arrive after their time-out

    if (process.env['FUZZ_VERBOSE']) console.info(`transport fuzz: ${commands} commands`);
    expect(problems.slice(0, 15)).toEqual([]);
    expect(crashes).toEqual([]);
    expect(pollution.check()).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  }, FUZZ_TEST_TIMEOUT_MS);

  it('keeps no listener per finished command (a long shift must not leak)', async () => {
    onConnection = (socket) => {
      emit(socket, 'server:hello', [VALID_HELLO]);
      socket.onAny((...args: unknown[]) => (args.at(-1) as (reply: unknown) => void)({ ok: true }));
    };
    const t = newTransport();
    await t.connect(url);
    // White-box: the socket is private, but a leak is only visible there.
    const socket = (t as unknown as { socket: { listeners(event: string): unknown[] } }).socket;
    const events = ['disconnect', 'connect', 'connect_error', 'state:snapshot'];
    const count = () => events.map((e) => socket.listeners(e).length);
    const before = count();

    for (let i = 0; i < 200; i++) expect(await (i % 2 ? t.dial('0312345678') : t.hangup(`c${i}`))).toEqual({ ok: true });

    expect(count()).toEqual(before);
  }, FUZZ_TEST_TIMEOUT_MS);

  it(`keeps working after hostile event names and payloads pushed in bulk (seed ${SEED})`, async () => {
    const r = rng(SEED ^ 0x0e7);
    let server: ServerSocket | undefined;
    onConnection = (socket) => {
      server = socket;
      emit(socket, 'server:hello', [VALID_HELLO]);
      socket.on('call:dial', (_req: unknown, ack: (reply: unknown) => void) => ack({ ok: true }));
    };
    const t = newTransport();
    const received: Snapshot[] = [];
    t.onSnapshot((s) => received.push(s));
    await t.connect(url);

    for (let i = 0; i < 300; i++) emit(server!, hostileString(r).slice(0, 100) || 'x', [hostileValue(r, { overLimit: true })]);
    emit(server!, 'state:snapshot', [VALID_SNAPSHOT]);

    expect(await t.dial('0312345678')).toEqual({ ok: true });
    expect(received).toEqual([VALID_SNAPSHOT]);
    expect(crashes).toEqual([]);
    expect(pollution.check()).toEqual([]);
  }, FUZZ_TEST_TIMEOUT_MS);
});

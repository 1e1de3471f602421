/**
 * Protocol fuzzer, panel side, against the real event server: thousands of malformed and hostile
 * panel commands — wrong types, huge strings, prototype-pollution keys, script payloads, mutated
 * valid messages — signed in or not, unknown events, messages over the size limit and commands
 * with the wrong number of arguments. Every acknowledged command must get a typed reply, nothing may
 * crash or pollute prototypes, every snapshot stays valid, and afterwards a normal panel still
 * signs in and dials. Bounded by message counts, never by time. Deterministic per seed; reproduce
 * a failure with `FUZZ_SEED=<seed shown in the test name>`. The softphone side is
 * protocol-fuzz-device.test.ts, handshakes protocol-fuzz-handshake.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FUZZ_TEST_TIMEOUT_MS } from '@biztel/testing';
import {
  ERROR_CODES,
  PROTOCOL_VERSION,
  callRefSchema,
  dialRequestSchema,
  dtmfRequestSchema,
  resumeRequestSchema,
  setStatusRequestSchema,
  signInReplySchema,
  signInRequestSchema,
  snapshotSchema,
  viewingRequestSchema,
  type DeviceState,
  type Schema,
} from '@biztel/protocol';
import { encodedBytes, fuzzSeed, hostileString, hostileValue, mutate, rng, wireArgs, type Rng } from '@biztel/protocol/testing';
import { DEMO_PASSWORD } from './config/directory.js';
import {
  OVER_LIMIT_BYTES,
  SILENCE_MS,
  UNDER_LIMIT_BYTES,
  ask,
  commandReplySchema,
  normalPanelProblems,
  preview,
  send,
  startFuzzServer,
  type FuzzServer,
  type Outcome,
} from './testing/fuzz-server.js';

const SEED = fuzzSeed(0x5eed_0005);
/** Panel messages on long-lived sockets (plus unknown events and over-limit messages below). */
const PANEL_MESSAGES = 3600;
const UNKNOWN_EVENT_MESSAGES = 360;
const OVER_LIMIT_MESSAGES = 24;

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

let server: FuzzServer;
beforeAll(async () => {
  server = await startFuzzServer();
});
afterAll(() => server.stop());

function isErrorCode(code: unknown): boolean {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/** A payload for `event` that encodes under the limit: mostly mutated valid ones. */
function panelPayload(r: Rng, event: PanelEvent): unknown {
  for (;;) {
    const roll = r.next();
    // Panels may tag a command with an id the server uses to answer a retry without running it twice.
    const valid =
      !SESSION_EVENTS.includes(event) && r.chance(0.5)
        ? {
            ...(VALID_REQUESTS[event] as object),
            commandId: `fuzz-${r
              .int(2 ** 30)
              .toString(36)
              .padStart(6, '0')}`,
          }
        : VALID_REQUESTS[event];
    const payload = roll < 0.62 ? mutate(r, valid) : roll < 0.72 ? structuredClone(valid) : hostileValue(r);
    if (encodedBytes([event, payload]) < UNDER_LIMIT_BYTES) return payload;
  }
}

describe(`panel protocol fuzz against the event server (seed ${SEED})`, () => {
  it(
    `answers ${PANEL_MESSAGES} hostile panel commands with typed replies, signed in or not, and ignores unknown events (seed ${SEED})`,
    async () => {
      const r = rng(SEED);
      const problems: string[] = [];
      const codes = new Map<string, number>();

      // A well-behaved softphone on the fuzzed line, with one held call, so valid commands are relayed.
      const device = await server.connected('/softphone', { protocol: PROTOCOL_VERSION, account: 'agent02', password: DEMO_PASSWORD, extension: '1002' });
      device.on('device:command', (_command: unknown, ack: unknown) => typeof ack === 'function' && (ack as (r: unknown) => void)({ ok: true }));
      const now = Date.now();
      device.emit('device:state', {
        calls: [
          { id: 'c-1', direction: 'inbound', state: 'held', remoteNumber: '0312345678', startedAt: now - 9000, answeredAt: now - 8000, heldAt: now - 1000 },
        ],
        parked: [],
      } satisfies DeviceState);

      const anon = await Promise.all([0, 1, 2, 3].map(() => server.connected('/panel')));
      const signed = await Promise.all([0, 1, 2, 3].map(() => server.connected('/panel')));
      const login = await Promise.all([0, 1, 2].map(() => server.connected('/panel')));
      // Every snapshot the fuzzed line pushes to its panels must stay valid.
      let snapshots = 0;
      for (const s of [...signed, ...login]) {
        s.on('state:snapshot', (raw: unknown) => {
          snapshots += 1;
          const v = snapshotSchema.check(raw, 'snapshot');
          if (!v.ok) problems.push(`snapshot invalid: ${v.error}`);
        });
      }
      const signInAll = () => Promise.all(signed.map((s) => ask(s, 'session:signIn', [SIGN_IN])));
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
        const code = reply.code === undefined ? 'ok' : typeof reply.code === 'string' ? reply.code : JSON.stringify(reply.code);
        codes.set(code, (codes.get(code) ?? 0) + 1);
        const typed = (SESSION_EVENTS.includes(m.event) ? signInReplySchema : commandReplySchema).check(reply, 'reply');
        if (!typed.ok) return problems.push(`${where}: untyped reply ${preview(reply)} (${typed.error})`);
        const schema = REQUEST_SCHEMAS[m.event];
        const valid = schema === null || (m.args.length > 0 && schema.check(wireArgs(m.args)[0], 'payload').ok);
        if (!valid && reply.code !== 'INVALID_PAYLOAD') return problems.push(`${where}: invalid payload answered ${preview(reply)}`);
        if (valid && m.group === 'anon' && reply.code !== 'NOT_SIGNED_IN') return problems.push(`${where}: not signed in, answered ${preview(reply)}`);
        if (valid && reply.code === 'INVALID_PAYLOAD' && m.event !== 'agent:setStatus')
          return problems.push(`${where}: valid payload refused ${preview(reply)}`);
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
            check(m, await ask(socket, m.event, m.args));
          }),
        );
      }

      // Unknown events: never answered, never fatal (a short window for the wrong answer).
      const unknown = Array.from({ length: UNKNOWN_EVENT_MESSAGES }, (_, i) => ({
        index: i,
        event: i < UNKNOWN_EVENTS.length ? UNKNOWN_EVENTS[i]! : r.chance(0.7) ? r.pick(UNKNOWN_EVENTS) : hostileString(r).slice(0, 200),
        args: r.chance(0.2) ? [] : [hostileValue(r)].filter((a) => encodedBytes([a]) < UNDER_LIMIT_BYTES),
        ack: r.chance(0.7),
        socket: r.pick([...anon, ...signed]),
      }));
      const known = new Set<string | number>([...PANEL_EVENTS, 'session:token', 'directory:list']);
      await Promise.all(
        unknown.map(async (u) => {
          if (!u.ack) return send(u.socket, u.event, u.args);
          const outcome = await ask(u.socket, u.event, u.args, SILENCE_MS);
          if (!outcome.replied) return;
          const reply = outcome.reply as { ok?: unknown; code?: unknown } | null;
          const typed = reply?.ok === true || (reply?.ok === false && isErrorCode(reply.code));
          if (!known.has(u.event) || !typed) problems.push(`unknown #${u.index} ${preview(u.event)}: answered ${preview(outcome.reply)}`);
        }),
      );

      // Every long-lived socket is still connected: nothing above made the server drop it.
      const dropped = [...anon, ...signed, ...login].filter((s) => !s.connected).length;
      for (const s of [...anon, ...signed, ...login, device]) s.close();

      if (process.env['FUZZ_VERBOSE'])
        console.info(`panel fuzz: ${messages.length} + ${unknown.length} messages, ${snapshots} snapshots`, Object.fromEntries(codes));
      expect(snapshots).toBeGreaterThan(0);
      expect(problems.slice(0, 15)).toEqual([]);
      expect(dropped).toBe(0);
      expect(server.logged.error).toEqual([]);
      expect(server.pollution()).toEqual([]);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    `closes only the connection that sends a message over the size limit (seed ${SEED})`,
    async () => {
      const r = rng(SEED ^ 0x0b16);
      const problems: string[] = [];
      for (let i = 0; i < OVER_LIMIT_MESSAGES; i++) {
        const event = r.pick(PANEL_EVENTS);
        let payload: unknown;
        do payload = mutate(r, VALID_REQUESTS[event], { overLimit: true });
        while (encodedBytes([event, payload]) < OVER_LIMIT_BYTES);

        const socket = await server.connected('/panel');
        const outcome = await ask(socket, event, [payload]);
        if (outcome.replied) problems.push(`#${i} ${event} (${encodedBytes([payload])} bytes): answered ${preview(outcome.reply)}`);
        if (socket.connected) problems.push(`#${i} ${event}: connection kept`);
        socket.close();
      }
      const healthy = await server.connected('/panel');
      expect(await ask(healthy, 'call:dial', [{ number: '0312345678' }])).toEqual({ replied: true, reply: { ok: false, code: 'NOT_SIGNED_IN' } });
      healthy.close();
      expect(problems).toEqual([]);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it('lets a normal panel sign in and dial afterwards; nothing crashed and no prototype was polluted', async () => {
    expect(await normalPanelProblems(server)).toEqual([]);
    expect(server.crashes).toEqual([]);
    expect(server.logged.error).toEqual([]);
    expect(server.pollution()).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
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
    const socket = await server.connected('/panel');
    const outcome = await ask(socket, event, args);
    socket.close();

    expect(outcome).toMatchObject({ replied: true });
    if (outcome.replied) expect(signInReplySchema.check(outcome.reply, 'reply')).toMatchObject({ ok: true });
  });
});

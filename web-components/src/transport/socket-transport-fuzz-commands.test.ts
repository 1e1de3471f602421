/**
 * Protocol fuzzer for the panel transport, commands: a rogue socket.io server answers every
 * command with hostile acks (wrong types, huge strings, polluting keys, silence, late or double
 * answers). Every command must resolve with a typed Reply (INVALID_PAYLOAD for a bad reply,
 * TIMEOUT for none), the transport must never throw, keep no listener per finished command, and
 * no prototype may be polluted. Pushes: `socket-transport-fuzz.test.ts`.
 * Deterministic per seed; reproduce a failure with `FUZZ_SEED=<seed shown in the test name>`.
 */
import { describe, expect, it } from '@jest/globals';
import type { Socket as ServerSocket } from 'socket.io';
import { errorReplySchema, okReplySchema, signInReplySchema, union, type Schema } from '@biztel/protocol';
import { hostileValue, mutate, rng, wireArgs } from '@biztel/protocol/testing';
import { FUZZ_TEST_TIMEOUT_MS, until } from '@biztel/testing';
import {
  ACK_TIMEOUT_MS,
  SEED,
  T0,
  VALID_HELLO,
  VALID_SNAPSHOT,
  crashes,
  emit,
  newTransport,
  pollution,
  preview,
  url,
  useRogueServer,
} from './socket-transport-fuzz-test-helpers.js';

/** What the rogue server does with each new panel connection. */
let onConnection: (socket: ServerSocket) => void = () => undefined;
useRogueServer((socket) => onConnection(socket));

const COMMAND_BATCHES = 16;

const plainReply = union('ok', { true: okReplySchema, false: errorReplySchema });

describe(`protocol fuzz against the panel transport (seed ${SEED})`, () => {
  it(
    `resolves every command with a typed Reply whatever the server acks (seed ${SEED})`,
    async () => {
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
          add('agent:setStatus', { statusId: `s${n}` }, plainReply, () => t.send('setStatus', `s${n}`));
          add('agent:viewing', { screen: { recordName: `r${n}` } }, plainReply, () =>
            t.send('viewing', { recordId: '0035g00000AbCdEAAZ', recordName: `r${n}` }),
          );
          add('call:dial', { number: `9${batch}0${j}` }, plainReply, () => t.send('dial', `9${batch}0${j}`));
          add('call:dtmf', { callId: `c${n}`, digits: '1' }, plainReply, () => t.send('dtmf', `c${n}`, '1'));
          for (const [event, command] of [
            ['call:answer', (id: string) => t.send('answer', id)],
            ['call:hangup', (id: string) => t.send('hangup', id)],
            ['call:hold', (id: string) => t.send('hold', id)],
            ['call:unhold', (id: string) => t.send('unhold', id)],
            ['call:park', (id: string) => t.send('park', id)],
            ['call:transfer', (id: string) => t.send('transfer', id)],
          ] as const) {
            add(event, { callId: `c${n}` }, plainReply, () => command(`c${n}`));
          }
        }
        add('session:signOut', undefined, plainReply, () => t.send('signOut'));

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
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'keeps no listener per finished command (a long shift must not leak)',
    async () => {
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

      for (let i = 0; i < 200; i++) expect(await (i % 2 ? t.send('dial', '0312345678') : t.send('hangup', `c${i}`))).toEqual({ ok: true });

      expect(count()).toEqual(before);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

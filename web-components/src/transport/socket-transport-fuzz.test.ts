/**
 * Protocol fuzzer for the panel transport, pushes: a rogue socket.io server on a free port sends
 * hostile `server:hello`s, thousands of mutated and hostile `state:snapshot`s and unknown events.
 * The transport must never throw, only valid snapshots may reach the listeners, and no prototype
 * may be polluted. Commands and their hostile acks: `socket-transport-fuzz-commands.test.ts`.
 * Deterministic per seed; reproduce a failure with `FUZZ_SEED=<seed shown in the test name>`.
 */
import { describe, expect, it } from '@jest/globals';
import type { Socket as ServerSocket } from 'socket.io';
import { helloSchema, snapshotSchema, type Snapshot } from '@biztel/protocol';
import { hostileString, hostileValue, mutate, rng, wireArgs } from '@biztel/protocol/testing';
import { FUZZ_TEST_TIMEOUT_MS, WAIT_TIMEOUT_MS, until } from '@biztel/testing';
import { deepWithoutBidiControls } from '../core/bidi.js';
import { ServerUnreachableError } from './socket-transport.js';
import {
  OTHER_EVENTS,
  SEED,
  VALID_HELLO,
  VALID_SNAPSHOT,
  crashes,
  emit,
  hostileArgs,
  newTransport,
  pollution,
  preview,
  url,
  useRogueServer,
} from './socket-transport-fuzz-test-helpers.js';

/** What the rogue server does with each new panel connection. */
let onConnection: (socket: ServerSocket) => void = () => undefined;
useRogueServer((socket) => onConnection(socket));

const HELLOS = 150;
const SNAPSHOTS = 1500;

describe(`protocol fuzz against the panel transport (seed ${SEED})`, () => {
  it(
    `accepts only a valid hello among ${HELLOS} hostile ones and otherwise fails with ServerUnreachableError (seed ${SEED})`,
    async () => {
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
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    `delivers exactly the valid ones of ${SNAPSHOTS} hostile pushes, in order, and nothing else (seed ${SEED})`,
    async () => {
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
          // The transport strips bidi controls from what it receives (core/bidi.ts).
          if (v.ok) expected.push(deepWithoutBidiControls(v.value));
        }
        if (r.chance(0.05))
          server!.timeout(50).emit(event, ...args, () => undefined); // an ack the panel must simply ignore
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
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    `keeps working after hostile event names and payloads pushed in bulk (seed ${SEED})`,
    async () => {
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

      expect(await t.send('dial', '0312345678')).toEqual({ ok: true });
      expect(received).toEqual([VALID_SNAPSHOT]);
      expect(crashes).toEqual([]);
      expect(pollution.check()).toEqual([]);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});

/**
 * Protocol fuzzer, softphone side, against the real event server: hostile device states (the valid
 * ones become snapshots, in order; the rest are dropped), unknown device events, hostile replies to
 * relayed commands (the panel gets a typed reply: the valid one, INTERNAL or TIMEOUT) and a device
 * message over the size limit. Every snapshot the line's panel receives stays valid and a device
 * can never forge a screen transfer. Bounded by counts, never by time; the only time-out that must
 * pass (a silent softphone) passes once, in the last batch. Deterministic per seed; reproduce a
 * failure with `FUZZ_SEED=<seed shown in the test name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROTOCOL_VERSION, deviceStateSchema, parse, snapshotSchema, type DeviceState, type Snapshot } from '@biztel/protocol';
import { BIG_OVER_LIMIT, encodedBytes, fuzzSeed, hostileString, hostileValue, mutate, rng, wireArgs } from '@biztel/protocol/testing';
import { FUZZ_TEST_TIMEOUT_MS, until } from '@biztel/testing';
import { DEMO_PASSWORD } from './config/directory.js';
import {
  DEVICE_ACK_TIMEOUT_MS,
  SILENCE_MS,
  UNDER_LIMIT_BYTES,
  ask,
  commandReplySchema,
  normalPanelProblems,
  preview,
  send,
  startFuzzServer,
  type FuzzServer,
} from './testing/fuzz-server.js';

const SEED = fuzzSeed(0x5eed_0005);
const DEVICE_STATES = 1500;
const DEVICE_COMMAND_BATCHES = 20;

let server: FuzzServer;
beforeAll(async () => {
  server = await startFuzzServer();
});
afterAll(() => server.stop());

describe(`softphone protocol fuzz against the event server (seed ${SEED})`, () => {
  it(
    `drops ${DEVICE_STATES} hostile device states, keeps every snapshot valid and turns hostile softphone replies into typed errors (seed ${SEED})`,
    async () => {
      const r = rng(SEED ^ 0xde71ce);
      const problems: string[] = [];
      const observer = await server.signedInPanel('agent03', '1003');
      const device = await server.connected('/softphone', { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' });

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
          else
            for (const c of v.value.calls)
              if (c.screen && c.screen.fromExtension !== c.transferredBy) problems.push(`snapshot #${checked}: forged screen ${preview(c)}`);
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
          unknownEvents.push(
            ask(device, ev, extra, SILENCE_MS).then((o) => o.replied && problems.push(`device event ${preview(ev)} answered ${preview(o.reply)}`)),
          );
        }
      }
      await Promise.all(unknownEvents);
      const to = await marker('marker-1');
      const produced = observer.snapshots.slice(from + 1, to) as Snapshot[];
      const strip = (s: Snapshot) => ({ calls: s.calls.map(({ screen: _screen, ...c }) => c), parked: s.parked });
      expect(produced.length).toBe(expected.length);
      produced.forEach((s, i) => {
        if (JSON.stringify(strip(s)) !== JSON.stringify(expected[i]))
          problems.push(`state #${i}: snapshot ${preview(strip(s))} differs from ${preview(expected[i])}`);
      });

      // 2. Hostile replies to relayed commands: the panel gets the valid reply as it is, INTERNAL for an invalid one, RESULT_UNKNOWN for none.
      type ReplySpec = { kind: 'reply' | 'twice' | 'late'; args: unknown[] } | { kind: 'silent' };
      const table = new Map<string, ReplySpec>();
      const late = { due: 0, sent: 0 };
      device.on('device:command', (command: { type: string; number?: string; callId?: string; digits?: string }, ...rest: unknown[]) => {
        const ack = rest.at(-1) as ((...a: unknown[]) => void) | undefined;
        const key = `${command.type}:${command.callId ?? ''}:${command.number ?? ''}:${command.digits ?? ''}`;
        const spec = table.get(key);
        if (typeof ack !== 'function') return problems.push(`command without ack ${preview(command)}`);
        if (!spec) return problems.push(`unexpected command ${preview(command)}`);
        if (spec.kind === 'silent') return undefined;
        if (spec.kind === 'late') {
          late.due += 1;
          return setTimeout(() => {
            ack(...spec.args);
            late.sent += 1;
          }, DEVICE_ACK_TIMEOUT_MS + 100);
        }
        ack(...spec.args);
        if (spec.kind === 'twice') ack({ ok: true });
        return undefined;
      });
      const held = Array.from({ length: 7 }, (_, i) => ({
        id: `c${i}`,
        direction: 'inbound' as const,
        state: 'held' as const,
        remoteNumber: '0312345678',
        startedAt: now - 9000,
        heldAt: now - 1000,
      }));
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
            const outcome = await ask(observer.socket, item.event, [item.payload]);
            const where = `${item.event} ${preview(item.payload)} device replied ${preview(item.spec)}`;
            if (!outcome.replied) return problems.push(`${where}: no reply`);
            const answered = item.spec.kind === 'reply' || item.spec.kind === 'twice';
            const v = answered && 'args' in item.spec ? deviceReply.check(wireArgs(item.spec.args)[0] ?? null, 'device reply') : null;
            const want: { ok: boolean; code?: string } = v === null ? { ok: false, code: 'RESULT_UNKNOWN' } : v.ok ? v.value : { ok: false, code: 'INTERNAL' };
            const got = outcome.reply as Record<string, unknown>;
            if (!commandReplySchema.check(got, 'reply').ok) return problems.push(`${where}: untyped ${preview(got)}`);
            const same = v?.ok ? JSON.stringify(got) === JSON.stringify(want) : got['ok'] === false && got['code'] === want.code;
            if (!same) problems.push(`${where}: got ${preview(got)}, want ${preview(want)}`);
            return undefined;
          }),
        );
      }
      await until(() => late.sent === late.due, 'the late acks'); // they arrive after their time-out
      await marker('marker-2');

      // 3. A device message over the size limit closes that softphone's connection; the line shows it stopped.
      const rogue = await server.connected('/softphone', { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' });
      await until(() => !device.connected, 'the replaced softphone to be let go');
      send(rogue, 'device:state', [{ calls: [{ ...held[0], remoteNumber: 'Z'.repeat(BIG_OVER_LIMIT) }], parked: [] }]);
      await until(() => !rogue.connected, 'the over-limit softphone to be disconnected');
      await until(() => (observer.snapshots.at(-1) as Snapshot).softphone?.running === false, 'a snapshot without a softphone');
      checkSnapshots();
      observer.socket.close();

      if (process.env['FUZZ_VERBOSE'])
        console.info(`device fuzz: ${DEVICE_STATES} states (${expected.length} valid), ${commands} commands, ${observer.snapshots.length} snapshots`);
      expect(problems.slice(0, 15)).toEqual([]);
      expect(server.logged.error).toEqual([]);
      expect(server.pollution()).toEqual([]);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it('lets a normal panel sign in and dial afterwards; nothing crashed and no prototype was polluted', async () => {
    expect(await normalPanelProblems(server)).toEqual([]);
    expect(server.crashes).toEqual([]);
    expect(server.logged.error).toEqual([]);
    expect(server.pollution()).toEqual([]);
  });
});

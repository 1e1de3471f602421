/**
 * Test support for the PBX tests: a hand-advanced clock, a PBX with the demo tenant's shape
 * (extensions 1001–1003, ring group 2000, park slots 701–703) and command builders.
 */
import type { Call, ParkedCall } from '@biztel/protocol';
import type { SimClock } from './clock.js';
import { Pbx, type PbxCommand, type PbxOptions } from './pbx.js';

export const T0 = 1_717_000_000_000;
export const EXTENSIONS = ['1001', '1002', '1003'] as const;
export const RING_GROUP = '2000';
export const PARK_DELAY_MS = 1500;
export const RECALL_MS = 300_000;
export const PAUSE_MS = 3000;

/** A clock advanced by hand: timers fire only inside `advance`, in due order. */
export function fakeClock() {
  let t = T0;
  let seq = 0;
  const timers = new Set<{ at: number; seq: number; fn: () => void }>();
  const clock: SimClock = {
    now: () => t,
    after(ms, fn) {
      const timer = { at: t + ms, seq: ++seq, fn };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
  };
  return {
    clock,
    advance(ms: number) {
      const until = t + ms;
      for (;;) {
        const due = [...timers].filter((x) => x.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!due) break;
        timers.delete(due);
        t = due.at;
        due.fn();
      }
      t = until;
    },
    pending: () => timers.size,
  };
}

export interface Change {
  extension: string;
  calls: Call[];
  parked: ParkedCall[];
}

export interface SetupOptions {
  autoAnswerMs?: number | null;
  running?: readonly string[];
  /** Default 701–703; null = the tenant has no park slots. */
  parkSlots?: PbxOptions['parkSlots'] | null;
}

export function setup(options: SetupOptions = {}) {
  const time = fakeClock();
  const changes: Change[] = [];
  const pbx = new Pbx({
    clock: time.clock,
    extensions: EXTENSIONS,
    autoAnswerMs: options.autoAnswerMs === undefined ? 3000 : options.autoAnswerMs,
    onChange: (extension, state) => changes.push({ extension, calls: state.calls, parked: state.parked }),
    ringGroups: [{ extension: RING_GROUP, name: 'サポートグループ', members: [...EXTENSIONS] }],
    ...(options.parkSlots === null ? {} : { parkSlots: options.parkSlots ?? { first: 701, last: 703 } }),
    parkRecallSeconds: RECALL_MS / 1000,
    parkDelayMs: PARK_DELAY_MS,
    transferDialPauseMs: PAUSE_MS,
  });
  for (const extension of options.running ?? ['1001', '1002']) pbx.attach(extension);
  changes.length = 0;
  return { pbx, time, changes };
}

let commandSeq = 0;
const cmd = () => `cmd-${++commandSeq}`;
export const dial = (number: string, callerIdNumber?: string): PbxCommand => ({
  type: 'dial',
  id: cmd(),
  number,
  ...(callerIdNumber ? { callerIdNumber } : {}),
});
export const answer = (callId: string): PbxCommand => ({ type: 'answer', id: cmd(), callId });
export const hangup = (callId: string): PbxCommand => ({ type: 'hangup', id: cmd(), callId });
export const hold = (callId: string): PbxCommand => ({ type: 'hold', id: cmd(), callId });
export const unhold = (callId: string): PbxCommand => ({ type: 'unhold', id: cmd(), callId });
export const park = (callId: string): PbxCommand => ({ type: 'park', id: cmd(), callId });
export const dtmf = (callId: string, digits: string): PbxCommand => ({ type: 'dtmf', id: cmd(), callId, digits });
export const transfer = (callId: string): PbxCommand => ({ type: 'transfer', id: cmd(), callId });

/** The only call of `extension`; throws unless there is exactly one. */
export function only(pbx: Pbx, extension: string): Call {
  const calls = pbx.callsOf(extension);
  if (calls.length !== 1) throw new Error(`${extension} has ${calls.length} calls: ${JSON.stringify(calls)}`);
  return calls[0]!;
}

/** The ID of the only call of `extension`. */
export const onlyCallId = (pbx: Pbx, extension: string): string => only(pbx, extension).id;

/** The calls each extension was last told about, after the changes recorded so far. */
export function lastSeen(changes: readonly Change[]): Record<string, Call[]> {
  return Object.fromEntries(changes.map((c) => [c.extension, c.calls]));
}

/** An answered inbound call from `from` on `extension`; returns its ID. */
export function talkingInbound(pbx: Pbx, extension = '1001', from = '0312345678', businessLabel?: string): string {
  const r = pbx.inbound(extension, from, businessLabel);
  if (!r.ok) throw new Error(`inbound refused: ${r.code}`);
  const reply = pbx.command(extension, answer(r.callId));
  if (!reply.ok) throw new Error(`answer refused: ${reply.code}`);
  return r.callId;
}

/**
 * What the fault e2e tests compare against: `PbxTruth`, every state the simulated softphone of one
 * extension reported to the event server (the PBX's truth, independent of the panel) and what the
 * CRM must therefore have seen; `checkStream`, the live-call messages the CRM received against
 * that truth.
 */
import { NAMESPACE, type Call, type ParkedCall } from '@biztel/protocol';
import type { EventServer } from '../server/src/event-server.js';

export interface TruthEvent {
  readonly at: number;
  readonly calls: readonly Call[];
  readonly parked: readonly ParkedCall[];
}

/** The call the panel shows and publishes: talking/dialling first, then ringing, else the first. */
export function mainCall(calls: readonly Call[]): Call | undefined {
  return calls.find((c) => c.state === 'talking' || c.state === 'dialing') ?? calls.find((c) => c.state === 'ringing') ?? calls[0];
}

/** `<call id>:<state>` of the main call, or `idle`: the unit of the live-call event stream. */
export function callKey(calls: readonly Call[]): string {
  const call = mainCall(calls);
  return call ? `${call.id}:${call.state}` : 'idle';
}

/** Seed 001 §4/§6: a call is looked up (screen pop) when it starts ringing in or being dialled out. */
function shouldPop(call: Call): boolean {
  if (call.transfer || call.recall) return false;
  const starts = (call.direction === 'inbound' && call.state === 'ringing') || (call.direction === 'outbound' && call.state === 'dialing');
  const digits = /^anonymous$/i.test(call.remoteNumber.trim()) ? '' : call.remoteNumber.replace(/\D/g, '');
  return starts && digits.length >= 6;
}

/** A Task per call the agent answered or dialled; not the internal consultation leg of a transfer. */
function shouldLog(call: Call): boolean {
  return !call.transfer && (call.direction === 'outbound' || call.answeredAt !== undefined);
}

/**
 * Every state one extension's softphone reported to the event server: listens beside the event
 * server on the softphone namespace, so it sees what the PBX says, not what the panel makes of it.
 */
export class PbxTruth {
  readonly events: TruthEvent[] = [];
  private readonly disposers: (() => void)[] = [];

  constructor(readonly extension: string) {}

  /** Follows `eventServer` (call again after a restart). */
  watch(eventServer: EventServer): void {
    const ns = eventServer.io.of(NAMESPACE.softphone);
    const hook = (socket: {
      data: unknown;
      on(event: string, fn: (raw: unknown) => void): unknown;
      off(event: string, fn: (raw: unknown) => void): unknown;
    }) => {
      if ((socket.data as { extension?: string } | undefined)?.extension !== this.extension) return;
      const onState = (raw: unknown) => {
        const r = raw as { calls?: Call[]; parked?: ParkedCall[] };
        this.events.push({ at: Date.now(), calls: r.calls ?? [], parked: r.parked ?? [] });
      };
      socket.on('device:state', onState);
      this.disposers.push(() => socket.off('device:state', onState));
    };
    for (const socket of ns.sockets.values()) hook(socket);
    ns.on('connection', hook);
    this.disposers.push(() => ns.off('connection', hook));
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Every call id seen, with its first and last reported version. */
  calls(): Map<string, { first: Call; last: Call }> {
    const out = new Map<string, { first: Call; last: Call }>();
    for (const e of this.events) {
      for (const call of e.calls) {
        const known = out.get(call.id);
        out.set(call.id, { first: known?.first ?? call, last: call });
      }
    }
    return out;
  }

  /** How many screen pops the CRM must have seen for this extension. */
  expectedPops(): number {
    return [...this.calls().values()].filter((c) => shouldPop(c.first)).length;
  }

  /** The call ids that must each have exactly one Task: logged calls that have ended. */
  expectedTasks(current: readonly Call[]): string[] {
    const open = new Set(current.map((c) => c.id));
    return [...this.calls().entries()]
      .filter(([id, c]) => !open.has(id) && shouldLog(c.last))
      .map(([id]) => id)
      .sort();
  }

  /**
   * The live-call stream the PBX went through (consecutive repeats collapsed), with times, ending
   * with `current` (the PBX now: a restarted softphone may report before it is watched).
   */
  keys(current: readonly Call[]): { key: string; at: number }[] {
    const out: { key: string; at: number }[] = [{ key: 'idle', at: 0 }];
    for (const e of [...this.events, { at: Date.now(), calls: current }]) {
      const key = callKey(e.calls);
      if (out.at(-1)!.key !== key) out.push({ key, at: e.at });
    }
    return out;
  }
}

// ---- the live-call stream check ----------------------------------------------------------------

export interface StreamCheck {
  /** Truth states (outside fault windows) the CRM never heard about. */
  readonly lost: string[];
  /** The same message published twice in a row (beyond the allowed republishes). */
  readonly duplicates: number;
  /** The same message published twice in a row, all of them. */
  readonly repeats: number;
  /** The CRM heard a state out of the truth's order (e.g. a stale snapshot applied). */
  readonly outOfOrder: string[];
  /** What the CRM heard, consecutive repeats collapsed. */
  readonly published: string[];
  readonly truth: string[];
}

/**
 * Compares the live-call messages the CRM received with the PBX's stream: every truth state
 * outside a fault window (where the panel may legitimately heal over a missed state) must have
 * been published; the published stream, repeats collapsed, must follow the truth's order
 * (`strictOrder`); a message repeated back to back is a duplicate, except at most
 * `allowedRepublishes` (a new page of the panel announces the current state once).
 */
export function checkStream(
  truth: { key: string; at: number }[],
  published: { keys: string[]; raw: string[] },
  windows: readonly { from: number; to: number }[],
  options: { allowedRepublishes: number; strictOrder: boolean },
): StreamCheck {
  const inWindow = (at: number) => windows.some((w) => at > w.from && at < w.to);
  const collapsed = published.keys.filter((k, i) => i === 0 || published.keys[i - 1] !== k);
  const repeats = published.raw.filter((m, i) => i > 0 && published.raw[i - 1] === m).length;
  const lost = truth.filter((t) => t.key !== 'idle' && !inWindow(t.at) && !collapsed.includes(t.key)).map((t) => t.key);
  const outOfOrder: string[] = [];
  if (options.strictOrder) {
    let i = 0;
    for (const key of collapsed) {
      const at = truth.findIndex((t, j) => j >= i && t.key === key);
      if (at < 0) outOfOrder.push(key);
      else i = at;
    }
  }
  return {
    lost,
    duplicates: Math.max(0, repeats - options.allowedRepublishes),
    repeats,
    outOfOrder,
    published: collapsed,
    truth: truth.map((t) => t.key),
  };
}

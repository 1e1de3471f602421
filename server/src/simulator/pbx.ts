/**
 * A small PBX model: extensions with softphones, external (PSTN) parties, calls as legs. Each
 * extension's softphone sees its own legs as protocol `Call`s. No I/O: the softphone clients and
 * the control API drive it; every change is reported per extension through `onChange`.
 */
import type { Call, Command, DeviceState, Reply } from '../../../web-components/src/protocol/index.js';
import type { SimClock } from './clock.js';

type Peer = { kind: 'external'; number: string } | { kind: 'leg'; legId: string };

interface Leg {
  readonly id: string;
  readonly extension: string;
  readonly direction: 'inbound' | 'outbound';
  state: Call['state'];
  readonly remoteNumber: string;
  readonly startedAt: number;
  answeredAt?: number;
  readonly businessLabel?: string;
  readonly peer: Peer;
  cancelTimer?: () => void;
}

export interface PbxOptions {
  readonly clock: SimClock;
  readonly extensions: readonly string[];
  /** External parties answer outbound calls after this delay; null = only by a control. */
  autoAnswerMs: number | null;
  readonly onChange: (extension: string, state: DeviceState) => void;
}

export interface ExtensionView {
  readonly extension: string;
  readonly running: boolean;
  readonly calls: Call[];
}

export class Pbx {
  private readonly legs = new Map<string, Leg>();
  private readonly running = new Set<string>();
  private seq = 0;

  constructor(private readonly options: PbxOptions) {}

  get autoAnswerMs(): number | null {
    return this.options.autoAnswerMs;
  }

  set autoAnswerMs(ms: number | null) {
    this.options.autoAnswerMs = ms;
  }

  hasExtension(extension: string): boolean {
    return this.options.extensions.includes(extension);
  }

  isRunning(extension: string): boolean {
    return this.running.has(extension);
  }

  /** The extension's softphone started. */
  attach(extension: string): void {
    this.running.add(extension);
    this.notify(extension);
  }

  /** The extension's softphone stopped: its calls drop, and so do internal peers. */
  detach(extension: string): void {
    this.running.delete(extension);
    for (const leg of [...this.legs.values()]) if (leg.extension === extension) this.drop(leg, true);
    this.notify(extension);
  }

  /** Everything the extension's softphone reports: its calls and the calls it parked. */
  stateOf(extension: string): DeviceState {
    return { calls: this.callsOf(extension), parked: [] };
  }

  callsOf(extension: string): Call[] {
    return [...this.legs.values()].filter((l) => l.extension === extension).map(toCall);
  }

  view(): ExtensionView[] {
    return this.options.extensions.map((extension) => ({
      extension,
      running: this.running.has(extension),
      calls: this.callsOf(extension),
    }));
  }

  // ---- the softphone's commands (relayed from the panel) ---------------------------------

  command(extension: string, command: Command): Reply {
    if (!this.running.has(extension)) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    switch (command.type) {
      case 'dial':
        return this.dial(extension, command.number);
      case 'answer':
        return this.answer(extension, command.callId);
      case 'hangup':
        return this.hangup(extension, command.callId);
      case 'hold':
      case 'unhold':
      case 'park':
      case 'dtmf':
      case 'transfer':
        return { ok: false, code: 'NOT_ALLOWED', message: `${command.type} is not simulated yet` };
    }
  }

  private dial(extension: string, number: string): Reply {
    if ([...this.legs.values()].some((l) => l.extension === extension && l.state !== 'held')) {
      return { ok: false, code: 'BUSY' };
    }
    const now = this.options.clock.now();
    if (this.hasExtension(number) && number !== extension && this.running.has(number)) {
      const outId = this.nextId();
      const inId = this.nextId();
      this.add({ id: outId, extension, direction: 'outbound', state: 'dialing', remoteNumber: number, startedAt: now, peer: { kind: 'leg', legId: inId } });
      this.add({ id: inId, extension: number, direction: 'inbound', state: 'ringing', remoteNumber: extension, startedAt: now, peer: { kind: 'leg', legId: outId } });
      this.notify(extension, number);
      return { ok: true };
    }
    const leg: Leg = { id: this.nextId(), extension, direction: 'outbound', state: 'dialing', remoteNumber: number, startedAt: now, peer: { kind: 'external', number } };
    this.add(leg);
    // A colleague whose softphone is stopped cannot answer: the call rings out until hung up.
    const unreachable = this.hasExtension(number);
    const delay = this.options.autoAnswerMs;
    if (delay !== null && !unreachable) leg.cancelTimer = this.options.clock.after(delay, () => this.remoteAnswer(leg.id));
    this.notify(extension);
    return { ok: true };
  }

  private answer(extension: string, callId: string): Reply {
    const leg = this.legs.get(callId);
    if (!leg || leg.extension !== extension) return { ok: false, code: 'NO_SUCH_CALL' };
    if (leg.state !== 'ringing') return { ok: false, code: 'BUSY', message: `call is ${leg.state}` };
    const now = this.options.clock.now();
    leg.state = 'talking';
    leg.answeredAt = now;
    const affected = [extension];
    if (leg.peer.kind === 'leg') {
      const peer = this.legs.get(leg.peer.legId);
      if (peer) {
        peer.state = 'talking';
        peer.answeredAt = now;
        affected.push(peer.extension);
      }
    }
    this.notify(...affected);
    return { ok: true };
  }

  private hangup(extension: string, callId: string): Reply {
    const leg = this.legs.get(callId);
    if (!leg || leg.extension !== extension) return { ok: false, code: 'NO_SUCH_CALL' };
    this.drop(leg, true);
    return { ok: true };
  }

  // ---- the outside world (simulator controls) ---------------------------------------------

  /** A PSTN caller rings an extension. Anonymous callers have the number `anonymous`. */
  inbound(to: string, from: string, businessLabel?: string): Reply<{ callId: string }> {
    if (!this.hasExtension(to)) return { ok: false, code: 'NO_SUCH_CALL', message: `no extension ${to}` };
    if (!this.running.has(to)) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    const leg: Leg = {
      id: this.nextId(),
      extension: to,
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: from,
      startedAt: this.options.clock.now(),
      ...(businessLabel ? { businessLabel } : {}),
      peer: { kind: 'external', number: from },
    };
    this.add(leg);
    this.notify(to);
    return { ok: true, callId: leg.id };
  }

  /** The external party answers an outbound call. */
  remoteAnswer(callId: string): Reply {
    const leg = this.legs.get(callId);
    if (!leg || leg.peer.kind !== 'external' || leg.state !== 'dialing') return { ok: false, code: 'NO_SUCH_CALL' };
    leg.cancelTimer?.();
    leg.state = 'talking';
    leg.answeredAt = this.options.clock.now();
    this.notify(leg.extension);
    return { ok: true };
  }

  /** The external party hangs up (or gives up ringing). */
  remoteHangup(callId: string): Reply {
    const leg = this.legs.get(callId);
    if (!leg || leg.peer.kind !== 'external') return { ok: false, code: 'NO_SUCH_CALL' };
    this.drop(leg, true);
    return { ok: true };
  }

  dispose(): void {
    for (const leg of this.legs.values()) leg.cancelTimer?.();
    this.legs.clear();
  }

  // ---- internals ----------------------------------------------------------------------------

  private add(leg: Leg): void {
    this.legs.set(leg.id, leg);
  }

  /** Ends a leg (and its internal peer's leg) and tells each affected softphone once. */
  private drop(leg: Leg, withPeer: boolean): void {
    const ended = [leg];
    if (withPeer && leg.peer.kind === 'leg') {
      const peer = this.legs.get(leg.peer.legId);
      if (peer) ended.push(peer);
    }
    for (const l of ended) {
      l.cancelTimer?.();
      this.legs.delete(l.id);
    }
    this.notify(...ended.map((l) => l.extension));
  }

  private nextId(): string {
    this.seq += 1;
    return `c${this.options.clock.now().toString(36)}-${this.seq}`;
  }

  private notify(...extensions: string[]): void {
    for (const extension of new Set(extensions)) {
      if (this.running.has(extension)) this.options.onChange(extension, this.stateOf(extension));
    }
  }
}

function toCall(leg: Leg): Call {
  return {
    id: leg.id,
    direction: leg.direction,
    state: leg.state,
    remoteNumber: leg.remoteNumber,
    startedAt: leg.startedAt,
    ...(leg.answeredAt !== undefined ? { answeredAt: leg.answeredAt } : {}),
    ...(leg.businessLabel ? { businessLabel: leg.businessLabel } : {}),
  };
}

/**
 * The PBX's shared state and primitives: call legs, parked calls, running softphones, timers and
 * change notification. `Pbx` (commands), `park.ts` and `transfer.ts` build on it. Pure: no I/O.
 *
 * Model: every extension's softphone sees its own legs. A leg's `peer` is the other end of the
 * conversation — an outside (PSTN) party, another extension's leg, the ringing legs of a ring
 * group (`fanout`), a park slot (an internal caller waiting while parked) or nobody (a phone that
 * cannot answer). Peers point both ways, except that every ringing member of a fan-out points to
 * the caller while the caller points to the fan-out.
 */
import type { Call, CallState, Chat, DeviceState, ParkedCall, TransferKind } from '@biztel/protocol';
import type { SimClock } from './clock.js';

export type Peer =
  | { readonly kind: 'external'; readonly number: string }
  | { readonly kind: 'leg'; readonly legId: string }
  | { readonly kind: 'fanout'; readonly id: string }
  | { readonly kind: 'parked'; readonly slot: string }
  /** A stopped colleague's phone, or a ring group nobody can take: it rings until hung up. */
  | { readonly kind: 'nobody' };

/** What travels with the customer's call to whoever takes it next. */
export interface CallExtras {
  businessLabel?: string;
  chat?: Chat;
}

export interface Leg extends CallExtras {
  readonly id: string;
  readonly extension: string;
  readonly direction: 'inbound' | 'outbound';
  state: CallState;
  remoteNumber: string;
  readonly startedAt: number;
  answeredAt?: number;
  heldAt?: number;
  callerIdNumber?: string;
  transfer?: { kind: TransferKind; of: string };
  collecting?: { kind: 'star' | 'hash'; digits: string };
  recall?: { slot: string };
  /**
   * The extension whose transfer created this leg here (screen transfer, seed 001 §9). Not one of
   * the `CallExtras`: it belongs to this leg, not to the customer's call, and never moves with it.
   */
  transferredBy?: string;
  peer: Peer;
  /** Set while ringing as one member of a ring-group call: the first member to answer wins. */
  fanout?: string;
  /** The slot this leg is being parked on (state `parking`). */
  parkSlot?: string;
  /** The leg's pending timer (auto-answer, park delay or transfer-digit pause). */
  cancelTimer?: () => void;
}

export interface ParkedEntry extends CallExtras {
  readonly slot: string;
  /** The extension that parked the call; the recall rings it. */
  readonly parker: string;
  /** The waiting customer: an outside party, or an internal caller's leg. */
  readonly customer: Peer;
  readonly remoteNumber: string;
  readonly parkedAt: number;
  readonly recallAt: number;
  cancelRecall: () => void;
}

export interface RingGroupConfig {
  readonly extension: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface SwitchboardConfig {
  readonly clock: SimClock;
  readonly extensions: readonly string[];
  readonly ringGroups: readonly RingGroupConfig[];
  /** Park slots (seed 001 §7: e.g. 701–720); null = parking is not available. */
  readonly parkSlots: { readonly first: number; readonly last: number } | null;
  readonly parkRecallSeconds: number;
  /** How long the PBX takes to move a call onto its park slot (state `parking`). */
  readonly parkDelayMs: number;
  /** The pause after the last digit of a `*`/`#` transfer target before it is dialled. */
  readonly transferDialPauseMs: number;
  /** External parties answer outbound calls after this delay; null = only by a control. */
  autoAnswerMs: number | null;
  readonly onChange: (extension: string, state: DeviceState) => void;
}

/** Protocol limits of one device state. */
export const MAX_CALLS = 8;
export const MAX_PARKED = 20;

export class Switchboard {
  readonly legs = new Map<string, Leg>();
  /** Parked calls by slot. */
  readonly parked = new Map<string, ParkedEntry>();
  readonly running = new Set<string>();
  /** The last state each running softphone was told (so every change is told exactly once). */
  private readonly told = new Map<string, string>();
  private seq = 0;

  constructor(readonly config: SwitchboardConfig) {}

  now(): number {
    return this.config.clock.now();
  }

  nextId(): string {
    this.seq += 1;
    return `c${this.now().toString(36)}-${this.seq}`;
  }

  hasExtension(extension: string): boolean {
    return this.config.extensions.includes(extension);
  }

  ringGroup(number: string): RingGroupConfig | undefined {
    return this.config.ringGroups.find((g) => g.extension === number);
  }

  isParkSlot(number: string): boolean {
    const slots = this.config.parkSlots;
    return slots !== null && /^[0-9]+$/.test(number) && Number(number) >= slots.first && Number(number) <= slots.last;
  }

  legsOf(extension: string): Leg[] {
    return [...this.legs.values()].filter((l) => l.extension === extension);
  }

  /** The extension's own leg `callId`, if it has one. */
  ownLeg(extension: string, callId: string): Leg | undefined {
    const leg = this.legs.get(callId);
    return leg?.extension === extension ? leg : undefined;
  }

  /** A phone is busy while it has any leg that is not on hold. */
  isBusy(extension: string): boolean {
    return this.legsOf(extension).some((l) => l.state !== 'held');
  }

  /** Whether a new call can ring this phone now (running, not busy, room for one more call). */
  canRing(extension: string): boolean {
    return this.running.has(extension) && !this.isBusy(extension) && this.legsOf(extension).length < MAX_CALLS;
  }

  fanoutMembers(id: string): Leg[] {
    return [...this.legs.values()].filter((l) => l.fanout === id);
  }

  /** The consultation call made from `legId` (the held customer), if any. */
  consultOf(legId: string): Leg | undefined {
    return [...this.legs.values()].find((l) => l.transfer?.of === legId);
  }

  add(leg: Leg): Leg {
    this.legs.set(leg.id, leg);
    return leg;
  }

  /** Starts the leg's timer (replacing any it had); the change it makes is told afterwards. */
  setTimer(leg: Leg, ms: number, fn: () => void): void {
    leg.cancelTimer?.();
    leg.cancelTimer = this.config.clock.after(ms, () => {
      leg.cancelTimer = undefined;
      fn();
      this.flush();
    });
  }

  clearTimer(leg: Leg): void {
    leg.cancelTimer?.();
    leg.cancelTimer = undefined;
  }

  /** Runs `fn` after `ms` on the PBX clock and tells the softphones what changed. */
  after(ms: number, fn: () => void): () => void {
    return this.config.clock.after(ms, () => {
      fn();
      this.flush();
    });
  }

  /** An outbound leg to an outside number is answered after `autoAnswerMs` (when set). */
  autoAnswer(leg: Leg): void {
    const delay = this.config.autoAnswerMs;
    if (leg.peer.kind === 'external' && delay !== null) this.setTimer(leg, delay, () => this.answeredRemotely(leg));
  }

  /** The outside party answered the outbound leg. */
  answeredRemotely(leg: Leg): void {
    this.clearTimer(leg);
    leg.state = 'talking';
    leg.answeredAt = this.now();
  }

  /**
   * Rings `target` for a caller whose end is `callerEnd`, showing `display` as the caller's number.
   * An extension rings (call waiting included); a ring group rings every member that can take a call
   * except `exclude` (the agent placing the call); anything else is an outside number.
   * `transferredBy`: the extension transferring the call; marks the leg ringing at a target
   * extension (never ring-group members: a ring group gets no screen transfer, seed 001 §9).
   * Returns the target's end as the caller sees it.
   */
  ring(target: string, display: string, callerEnd: Peer, extras: CallExtras, exclude: string, transferredBy?: string): Peer {
    const group = this.ringGroup(target);
    if (group) {
      const members = group.members.filter((m) => m !== exclude && this.hasExtension(m) && this.canRing(m));
      if (members.length === 0) return { kind: 'nobody' };
      const id = this.nextId();
      for (const member of members) this.add(this.ringingLeg(member, display, callerEnd, extras, id));
      return { kind: 'fanout', id };
    }
    if (this.hasExtension(target)) {
      const reachable = target !== exclude && this.running.has(target) && this.legsOf(target).length < MAX_CALLS;
      if (!reachable) return { kind: 'nobody' };
      const leg = this.ringingLeg(target, display, callerEnd, extras);
      if (transferredBy) leg.transferredBy = transferredBy;
      return { kind: 'leg', legId: this.add(leg).id };
    }
    return { kind: 'external', number: target };
  }

  private ringingLeg(extension: string, display: string, peer: Peer, extras: CallExtras, fanout?: string): Leg {
    return {
      id: this.nextId(),
      extension,
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: display,
      startedAt: this.now(),
      ...copyExtras(extras),
      peer,
      ...(fanout ? { fanout } : {}),
    };
  }

  /** Makes the legs at `end` talk to `to` (shown as `number`), e.g. when a transfer completes. */
  retarget(end: Peer, to: Peer, number: string, extras: CallExtras = {}): void {
    const legs = end.kind === 'leg' ? [this.legs.get(end.legId)] : end.kind === 'fanout' ? this.fanoutMembers(end.id) : [];
    for (const leg of legs) {
      if (!leg) continue;
      leg.peer = to;
      leg.remoteNumber = number;
      Object.assign(leg, copyExtras(extras));
    }
  }

  /** The conversation `leg` is part of ends: the leg, its ring-group siblings and the other end. */
  endCall(leg: Leg): void {
    const ended = new Set<Leg>([leg]);
    if (leg.fanout) for (const m of this.fanoutMembers(leg.fanout)) ended.add(m);
    this.endOf(leg.peer, ended);
    this.remove([...ended]);
  }

  /** Adds the legs at `end` to `ended`; a parked caller's slot is emptied. */
  endOf(end: Peer, ended: Set<Leg>): void {
    if (end.kind === 'leg') {
      const peer = this.legs.get(end.legId);
      if (peer) ended.add(peer);
    } else if (end.kind === 'fanout') {
      for (const m of this.fanoutMembers(end.id)) ended.add(m);
    } else if (end.kind === 'parked') {
      this.unpark(end.slot);
    }
  }

  /** Ends just this leg when it is one of several ring-group members ringing; else the call. */
  decline(leg: Leg): void {
    const siblings = leg.fanout ? this.fanoutMembers(leg.fanout).filter((m) => m !== leg) : [];
    if (siblings.length > 0) this.remove([leg]);
    else this.endCall(leg);
  }

  /** Removes legs (no peers), cancels their timers and forgets transfers that pointed at them. */
  remove(legs: readonly Leg[]): void {
    const ids = new Set(legs.map((l) => l.id));
    for (const leg of legs) {
      this.clearTimer(leg);
      this.legs.delete(leg.id);
    }
    for (const leg of this.legs.values()) if (leg.transfer && ids.has(leg.transfer.of)) delete leg.transfer;
  }

  /** Takes the call off its slot (no recall any more); returns it. */
  unpark(slot: string): ParkedEntry | undefined {
    const entry = this.parked.get(slot);
    if (!entry) return undefined;
    entry.cancelRecall();
    this.parked.delete(slot);
    return entry;
  }

  stateOf(extension: string): DeviceState {
    const parked: ParkedCall[] = [...this.parked.values()]
      .filter((p) => p.parker === extension)
      .sort((a, b) => Number(a.slot) - Number(b.slot))
      .map((p) => ({ slot: p.slot, remoteNumber: p.remoteNumber, parkedAt: p.parkedAt, recallAt: p.recallAt }));
    return { calls: this.legsOf(extension).map(toCall), parked };
  }

  /** Forgets what the softphone was told, so the next flush tells it everything. */
  forget(extension: string): void {
    this.told.delete(extension);
  }

  /** Tells every running softphone whose state changed since it was last told, once. */
  flush(): void {
    for (const extension of this.config.extensions) {
      if (!this.running.has(extension)) continue;
      const state = this.stateOf(extension);
      const json = JSON.stringify(state);
      if (this.told.get(extension) === json) continue;
      this.told.set(extension, json);
      this.config.onChange(extension, state);
    }
  }
}

export function copyExtras(from: CallExtras): CallExtras {
  return {
    ...(from.businessLabel ? { businessLabel: from.businessLabel } : {}),
    ...(from.chat ? { chat: from.chat } : {}),
  };
}

/** The leg as its softphone reports it. */
export function toCall(leg: Leg): Call {
  return {
    id: leg.id,
    direction: leg.direction,
    state: leg.state,
    remoteNumber: leg.remoteNumber,
    startedAt: leg.startedAt,
    ...(leg.answeredAt !== undefined ? { answeredAt: leg.answeredAt } : {}),
    ...(leg.heldAt !== undefined ? { heldAt: leg.heldAt } : {}),
    ...(leg.businessLabel ? { businessLabel: leg.businessLabel } : {}),
    ...(leg.callerIdNumber ? { callerIdNumber: leg.callerIdNumber } : {}),
    ...(leg.transfer ? { transfer: { ...leg.transfer } } : {}),
    ...(leg.collecting ? { collecting: { ...leg.collecting } } : {}),
    ...(leg.recall ? { recall: { ...leg.recall } } : {}),
    ...(leg.chat ? { chat: leg.chat } : {}),
    ...(leg.transferredBy ? { transferredBy: leg.transferredBy } : {}),
  };
}

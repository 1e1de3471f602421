/**
 * A small PBX model: extensions with softphones, external (PSTN) parties, ring groups, park slots,
 * calls as legs. Each extension's softphone sees its own legs as protocol `Call`s and the calls it
 * parked. No I/O: the softphone clients and the control API drive it; every change is reported
 * once per affected extension through `onChange`. Time (auto-answer, park delay and recall,
 * transfer-digit pause) runs on the injected `SimClock`.
 */
import type { Call, Chat, Command, DeviceState, ParkedCall, Reply } from '@biztel/protocol';

/** A softphone command as the PBX runs it (the softphone has checked its deadline). */
export type PbxCommand = Command extends infer C ? (C extends unknown ? Omit<C, 'deadline'> : never) : never;
import type { SimClock } from './clock.js';
import { park, parkedHangup, pickUp } from './park.js';
import { MAX_CALLS, Switchboard, type Leg, type RingGroupConfig } from './switchboard.js';
import { completeTransfer, dtmf, hangupCompletesStar, unholdCustomer } from './transfer.js';

export interface PbxOptions {
  readonly clock: SimClock;
  readonly extensions: readonly string[];
  /** External parties answer outbound calls after this delay; null = only by a control. */
  autoAnswerMs: number | null;
  readonly onChange: (extension: string, state: DeviceState) => void;
  readonly ringGroups?: readonly RingGroupConfig[];
  /** Park slots, e.g. {first: 701, last: 720}; absent = parking is refused. */
  readonly parkSlots?: { readonly first: number; readonly last: number };
  /** Seconds before a parked call rings the parking phone back (default 300, seed 001 §7). */
  readonly parkRecallSeconds?: number;
  /** How long a leg stays `parking` before the customer is on the slot (default 1500 ms). */
  readonly parkDelayMs?: number;
  /** Pause after the last digit of a `*`/`#` transfer target before it is dialled (default 3000 ms). */
  readonly transferDialPauseMs?: number;
}

export interface ExtensionView {
  readonly extension: string;
  readonly running: boolean;
  readonly calls: Call[];
  readonly parked: ParkedCall[];
}

export class Pbx {
  private readonly sb: Switchboard;

  constructor(options: PbxOptions) {
    this.sb = new Switchboard({
      clock: options.clock,
      extensions: options.extensions,
      ringGroups: options.ringGroups ?? [],
      parkSlots: options.parkSlots ?? null,
      parkRecallSeconds: options.parkRecallSeconds ?? 300,
      parkDelayMs: options.parkDelayMs ?? 1500,
      transferDialPauseMs: options.transferDialPauseMs ?? 3000,
      autoAnswerMs: options.autoAnswerMs,
      onChange: options.onChange,
    });
  }

  get autoAnswerMs(): number | null {
    return this.sb.config.autoAnswerMs;
  }

  set autoAnswerMs(ms: number | null) {
    this.sb.config.autoAnswerMs = ms;
  }

  get ringGroups(): readonly RingGroupConfig[] {
    return this.sb.config.ringGroups;
  }

  get parkSlots(): { readonly first: number; readonly last: number } | null {
    return this.sb.config.parkSlots;
  }

  get parkRecallSeconds(): number {
    return this.sb.config.parkRecallSeconds;
  }

  now(): number {
    return this.sb.now();
  }

  hasExtension(extension: string): boolean {
    return this.sb.hasExtension(extension);
  }

  isRunning(extension: string): boolean {
    return this.sb.running.has(extension);
  }

  /** The extension's softphone started: it is told its state (calls none, parked calls kept). */
  attach(extension: string): void {
    this.sb.running.add(extension);
    this.sb.forget(extension);
    this.sb.flush();
  }

  /** The extension's softphone stopped: its calls drop, and so do their other ends. */
  detach(extension: string): void {
    this.sb.running.delete(extension);
    for (const leg of this.sb.legsOf(extension)) if (this.sb.legs.has(leg.id)) this.sb.decline(leg);
    this.sb.flush();
  }

  /** Everything the extension's softphone reports: its calls and the calls it parked. */
  stateOf(extension: string): DeviceState {
    return this.sb.stateOf(extension);
  }

  callsOf(extension: string): Call[] {
    return this.sb.stateOf(extension).calls;
  }

  parkedBy(extension: string): ParkedCall[] {
    return this.sb.stateOf(extension).parked;
  }

  view(): ExtensionView[] {
    return this.sb.config.extensions.map((extension) => ({
      extension,
      running: this.sb.running.has(extension),
      ...this.sb.stateOf(extension),
    }));
  }

  // ---- the softphone's commands (relayed from the panel) ---------------------------------

  command(extension: string, command: PbxCommand): Reply {
    if (!this.sb.running.has(extension)) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    const reply = this.execute(extension, command);
    this.sb.flush();
    return reply;
  }

  private execute(extension: string, command: PbxCommand): Reply {
    if (command.type === 'dial') return this.dial(extension, command.number, command.callerIdNumber);
    const leg = this.sb.ownLeg(extension, command.callId);
    if (!leg) return { ok: false, code: 'NO_SUCH_CALL' };
    switch (command.type) {
      case 'answer':
        return this.answer(leg);
      case 'hangup':
        return this.hangup(leg);
      case 'hold':
        return this.hold(leg);
      case 'unhold':
        return unholdCustomer(this.sb, leg);
      case 'park':
        return park(this.sb, leg);
      case 'dtmf':
        return dtmf(this.sb, leg, command.digits);
      case 'transfer':
        return completeTransfer(this.sb, leg);
    }
  }

  /**
   * Dials an extension, a ring group, a park slot (pick-up) or an outside number. Allowed while
   * every other leg is held; with exactly one held call the new one is its attended consultation.
   */
  private dial(extension: string, number: string, callerIdNumber?: string): Reply {
    const mine = this.sb.legsOf(extension);
    if (mine.some((l) => l.collecting)) return { ok: false, code: 'BUSY', message: 'a transfer target is being entered' };
    if (mine.some((l) => l.state !== 'held')) return { ok: false, code: 'BUSY' };
    if (mine.length >= MAX_CALLS) return { ok: false, code: 'BUSY', message: `at most ${MAX_CALLS} calls` };
    if (this.sb.isParkSlot(number)) return pickUp(this.sb, extension, number, callerIdNumber);
    const held = mine.length === 1 ? mine[0] : undefined;
    const id = this.sb.nextId();
    // An attended consultation rings a colleague with the agent's screen (seed 001 §9).
    const peer = this.sb.ring(number, extension, { kind: 'leg', legId: id }, {}, extension, held ? extension : undefined);
    const leg = this.sb.add({
      id,
      extension,
      direction: 'outbound',
      state: 'dialing',
      remoteNumber: number,
      startedAt: this.sb.now(),
      ...(callerIdNumber ? { callerIdNumber } : {}),
      ...(held ? { transfer: { kind: 'attended' as const, of: held.id } } : {}),
      peer,
    });
    this.sb.autoAnswer(leg);
    return { ok: true };
  }

  private answer(leg: Leg): Reply {
    if (leg.state !== 'ringing') return { ok: false, code: 'BUSY', message: `call is ${leg.state}` };
    const now = this.sb.now();
    leg.state = 'talking';
    leg.answeredAt = now;
    if (leg.fanout) {
      // The first ring-group member to answer takes the call; the others stop ringing.
      this.sb.remove(this.sb.fanoutMembers(leg.fanout).filter((m) => m !== leg));
      const fanout = leg.fanout;
      delete leg.fanout;
      const caller = leg.peer.kind === 'leg' ? this.sb.legs.get(leg.peer.legId) : undefined;
      if (caller?.peer.kind === 'fanout' && caller.peer.id === fanout) caller.peer = { kind: 'leg', legId: leg.id };
    }
    const peer = leg.peer.kind === 'leg' ? this.sb.legs.get(leg.peer.legId) : undefined;
    if (peer?.state === 'dialing') {
      this.sb.clearTimer(peer);
      peer.state = 'talking';
      peer.answeredAt = now;
    }
    return { ok: true };
  }

  /**
   * Ends the leg. Special cases: a ring-group member declining leaves the others ringing; either
   * leg of a `*` transfer completes it; a leg in `parking` drops the customer (seed 001 §7 warns).
   */
  private hangup(leg: Leg): Reply {
    if (hangupCompletesStar(this.sb, leg)) return { ok: true };
    this.sb.decline(leg);
    return { ok: true };
  }

  private hold(leg: Leg): Reply {
    if (leg.state !== 'talking') return { ok: false, code: 'BUSY', message: `cannot hold a call that is ${leg.state}` };
    leg.state = 'held';
    leg.heldAt = this.sb.now();
    return { ok: true };
  }

  // ---- the outside world (simulator controls) ---------------------------------------------

  /**
   * A PSTN caller rings an extension or a ring group. An empty number is an anonymous caller
   * (`anonymous`). A ring group rings every member that can take a call (running, not busy);
   * when none can, the call is refused with BUSY. The reply names the (first) ringing leg.
   */
  inbound(to: string, from: string, businessLabel?: string, chat?: Chat): Reply<{ callId: string }> {
    const number = from === '' ? 'anonymous' : from;
    const extras = { ...(businessLabel ? { businessLabel } : {}), ...(chat ? { chat } : {}) };
    const customer = { kind: 'external', number } as const;
    const group = this.sb.ringGroup(to);
    if (!group && !this.sb.hasExtension(to)) return { ok: false, code: 'NO_SUCH_CALL', message: `no extension ${to}` };
    if (!group && !this.sb.running.has(to)) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    if (!group && this.sb.legsOf(to).length >= MAX_CALLS) return { ok: false, code: 'BUSY', message: `${to} has ${MAX_CALLS} calls` };
    const end = this.sb.ring(to, number, customer, extras, '');
    const first = end.kind === 'leg' ? this.sb.legs.get(end.legId) : end.kind === 'fanout' ? this.sb.fanoutMembers(end.id)[0] : undefined;
    if (!first) return { ok: false, code: 'BUSY', message: `no member of ring group ${to} can take a call` };
    this.sb.flush();
    return { ok: true, callId: first.id };
  }

  /** The external party answers an outbound call. */
  remoteAnswer(callId: string): Reply {
    const leg = this.sb.legs.get(callId);
    if (!leg || leg.peer.kind !== 'external' || leg.state !== 'dialing') return { ok: false, code: 'NO_SUCH_CALL' };
    this.sb.answeredRemotely(leg);
    this.sb.flush();
    return { ok: true };
  }

  /** The external party hangs up (or gives up ringing): every leg of that call ends. */
  remoteHangup(callId: string): Reply {
    const leg = this.sb.legs.get(callId);
    if (!leg || leg.peer.kind !== 'external') return { ok: false, code: 'NO_SUCH_CALL' };
    this.sb.endCall(leg);
    this.sb.flush();
    return { ok: true };
  }

  /** The customer waiting on park slot `slot` hangs up. */
  remoteHangupParked(slot: string): Reply {
    const reply = parkedHangup(this.sb, slot);
    this.sb.flush();
    return reply;
  }

  /** Ends every call and empties every park slot (between tests); softphones stay as they are. */
  reset(): void {
    for (const slot of [...this.sb.parked.keys()]) this.sb.unpark(slot);
    this.sb.remove([...this.sb.legs.values()]);
    this.sb.flush();
  }

  dispose(): void {
    for (const slot of [...this.sb.parked.keys()]) this.sb.unpark(slot);
    this.sb.remove([...this.sb.legs.values()]);
  }
}

/**
 * What the panel's call controls show and do, derived from the server's snapshot alone (seed 001
 * §1, §7, §8, §10), including the softphone's state: while its connection is down or another
 * account's softphone holds the line nothing can be operated, and the calls are shown stale. Pure:
 * no DOM, no clock; the view renders the result and turns clicks into requests carrying the call ids
 * chosen here.
 */
import type { Call, CallState, ParkedCall, Snapshot, SoftphoneStatus, TransferKind } from '@biztel/protocol';
import { currentCall } from './panel-state.js';

/** 発信/応答 is one button: it answers an inbound call that rings, otherwise it dials. */
export type PrimaryAction =
  { readonly mode: 'answer'; readonly callId: string; readonly enabled: boolean } | { readonly mode: 'dial'; readonly enabled: boolean };

/**
 * 切断 acts on the current call. While a park is completing it is disabled: hanging up before the
 * park number shows drops the customer (seed 001 §7, パーク保留の注意事項). So it is while `*`/`#`
 * transfer digits are typed: the call is still the customer's, and 保留 (pressed again) is the way
 * back to them (seed 001 §8).
 */
export interface HangUpControl {
  readonly callId: string | null;
  readonly enabled: boolean;
  readonly blockedBy: 'parking' | 'collecting' | null;
}

/** パーク: shown only during a call (talking or held). */
export type ParkControl = { readonly shown: false } | { readonly shown: true; readonly enabled: boolean; readonly callId: string };

/**
 * 保留: a toggle on the customer's call; pressed while the customer is held. Pressed again it
 * returns to the customer, dropping a consultation or the `*`/`#` digits collected (seed 001 §8).
 */
export type HoldControl = { readonly shown: false } | { readonly shown: true; readonly pressed: boolean; readonly enabled: boolean; readonly callId: string };

/**
 * 転送: shown only during a call, active only while an attended consultation is answered; it
 * completes the transfer on that consultation leg (`callId`).
 */
export type TransferControl =
  | { readonly shown: false }
  | { readonly shown: true; readonly active: false; readonly callId: null }
  | { readonly shown: true; readonly active: true; readonly callId: string };

/**
 * Where a dial-pad key (or a key typed into the number field) goes: to a call as DTMF, into the
 * number field, or nowhere (hardphone mode has neither pad nor number field).
 */
export type PadTarget = { readonly kind: 'dtmf'; readonly callId: string } | { readonly kind: 'number' } | { readonly kind: 'none' };

/** The message area (メッセージ画面). Each kind has catalogue text; `slot`/`digits` fill it in. */
export type PanelMessage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'call'; readonly state: CallState }
  | { readonly kind: 'recall'; readonly slot: string }
  | { readonly kind: 'parked'; readonly slot: string }
  | { readonly kind: 'collecting'; readonly transfer: 'star' | 'hash'; readonly digits: string };

/**
 * Why no command can be relayed whatever the calls (the server would refuse each one): the
 * softphone's connection dropped at `since` and the line waits for it until `until` (server times;
 * the calls and parked calls are its last report, stale), or the softphone is signed in with another
 * `account` than the agent's. A softphone that is simply stopped locks nothing: dialling is refused
 * per command with its own notice, as before.
 */
export type SoftphoneLock =
  | { readonly kind: 'reconnecting'; readonly since: number | null; readonly until: number | null }
  | { readonly kind: 'mismatch'; readonly account: string | null }
  /** The panel's own connection to the event server dropped at `since` (server time): the calls are the last known. */
  | { readonly kind: 'offline'; readonly since: number | null };

export interface CallControls {
  /** Null while the softphone runs (or is stopped); otherwise every control below is disabled. */
  readonly locked: SoftphoneLock | null;
  /** The call the message and info area describe (see `currentCall`). */
  readonly current: Call | null;
  /** How the current call relates to a transfer: the consultation leg carries the kind. */
  readonly consultation: TransferKind | null;
  /** The customer held while the agent consults a transfer target (not the current call). */
  readonly heldCustomer: Call | null;
  readonly primary: PrimaryAction;
  readonly hangUp: HangUpControl;
  readonly park: ParkControl;
  readonly hold: HoldControl;
  readonly transfer: TransferControl;
  readonly pad: PadTarget;
  /** Number field, dial pad and caller-ID selector exist only with a softphone (not a hardphone). */
  readonly dialling: boolean;
  /**
   * 画面転送メモ is offered only while a transfer of the customer's call is possible (talking, held,
   * consulting, `*`/`#` digits), and never in hardphone mode, whose transfers the panel does not see.
   */
  readonly transferNote: boolean;
  readonly message: PanelMessage;
  /** Server time the call timer counts from (answer time), or null. */
  readonly callTimerFrom: number | null;
  /** Server time the hold timer counts from (when the customer was held), or null. */
  readonly holdTimerFrom: number | null;
  /** Server time the timers stand still at (the softphone's connection dropped), or null: they run. */
  readonly timersStoppedAt: number | null;
  /** Calls this extension parked, oldest first. */
  readonly parked: readonly ParkedCall[];
}

const inCall = (call: Call | undefined): call is Call => call !== undefined && (call.state === 'talking' || call.state === 'held');

/** Derives every control of the signed-in panel from one snapshot. */
export function callControls(snapshot: Snapshot): CallControls {
  const live = liveControls(snapshot);
  const lock = softphoneLock(snapshot.softphone);
  return lock ? locked(live, lock) : live;
}

/** What a softphone in this state locks (see `SoftphoneLock`); null: nothing. */
export function softphoneLock(softphone: SoftphoneStatus): SoftphoneLock | null {
  switch (softphone.state) {
    case 'reconnecting':
      return { kind: 'reconnecting', since: softphone.since ?? null, until: softphone.until ?? null };
    case 'mismatch':
      return { kind: 'mismatch', account: softphone.account ?? null };
    default:
      return null;
  }
}

/** The controls as they would be, all disabled; the pad sends nothing; timers stop when the line dropped. */
function locked(live: CallControls, lock: SoftphoneLock): CallControls {
  return {
    ...live,
    locked: lock,
    primary: { ...live.primary, enabled: false },
    hangUp: { ...live.hangUp, enabled: false },
    park: live.park.shown ? { ...live.park, enabled: false } : live.park,
    hold: live.hold.shown ? { ...live.hold, enabled: false } : live.hold,
    transfer: live.transfer.shown ? { shown: true, active: false, callId: null } : live.transfer,
    pad: { kind: 'none' },
    timersStoppedAt: lock.kind === 'mismatch' ? null : lock.since,
  };
}

/**
 * The controls while the panel's connection to the event server is down (it reconnects by itself):
 * nothing can be sent, the calls are shown as last known, timers stop at `since` (server time).
 */
export function offlineControls(view: CallControls, since: number | null): CallControls {
  return locked(view, { kind: 'offline', since });
}

function hangUpControl(current: Call | null, collecting: Call | undefined): HangUpControl {
  const blockedBy = current?.state === 'parking' ? 'parking' : collecting !== undefined && current === collecting ? 'collecting' : null;
  return { callId: current?.id ?? null, enabled: current !== null && blockedBy === null, blockedBy };
}

/** The controls of a running softphone's snapshot. */
function liveControls(snapshot: Snapshot): CallControls {
  const { calls } = snapshot;
  const hardphone = snapshot.agent.hardphone;
  const current = currentCall(snapshot) ?? null;
  const consultationLeg = calls.find((c) => c.transfer !== undefined);
  const customerOfConsultation = consultationLeg && calls.find((c) => c.id === consultationLeg.transfer?.of);
  const collecting = calls.find((c) => c.collecting !== undefined);
  // The customer's call: the one a consultation would be transferred from, else the current call.
  const customer = customerOfConsultation ?? (inCall(current ?? undefined) ? current : null);
  const transferBusy = consultationLeg !== undefined || collecting !== undefined;

  const parked = [...snapshot.parked].sort((a, b) => a.parkedAt - b.parkedAt);
  const customerHeld = customer !== null && (customer.state === 'held' || customer.collecting !== undefined);

  return {
    locked: null,
    current,
    consultation: current !== null && current === consultationLeg ? (current.transfer?.kind ?? null) : null,
    heldCustomer: customer !== null && customer !== current ? customer : null,
    primary: primaryAction(current, calls, hardphone || collecting !== undefined),
    hangUp: hangUpControl(current, collecting),
    park: customer ? { shown: true, enabled: !transferBusy, callId: customer.id } : { shown: false },
    hold: customer ? { shown: true, pressed: customerHeld, enabled: true, callId: customer.id } : { shown: false },
    transfer: !customer
      ? { shown: false }
      : consultationLeg?.transfer?.kind === 'attended' && consultationLeg.state === 'talking'
        ? { shown: true, active: true, callId: consultationLeg.id }
        : { shown: true, active: false, callId: null },
    pad: hardphone ? { kind: 'none' } : padTarget(calls, collecting),
    dialling: !hardphone,
    transferNote: customer !== null && !hardphone,
    message: panelMessage(current, collecting, parked),
    callTimerFrom: current?.answeredAt ?? null,
    holdTimerFrom: customerHeld ? (customer.heldAt ?? null) : null,
    timersStoppedAt: null,
    parked,
  };
}

/**
 * `cannotDial`: a hardphone cannot be dialled remotely, and while `*`/`#` digits are collected the
 * PBX dials by itself (転送待ちの状態で通話ボタンの操作などは行わないでください, seed 001 §10).
 */
function primaryAction(current: Call | null, calls: readonly Call[], cannotDial: boolean): PrimaryAction {
  if (current?.state === 'ringing' && current.direction === 'inbound') return { mode: 'answer', callId: current.id, enabled: true };
  // A held customer does not block dialling: that is how an attended transfer consults (seed 001 §8).
  return { mode: 'dial', enabled: !cannotDial && calls.every((c) => c.state === 'held') };
}

/**
 * DTMF goes to the call collecting `*`/`#` transfer digits, else to the talking call, else to a
 * `*`/`#` consultation still ringing (where `*` cancels, seed 001 §10). Otherwise, including while
 * the customer is held for an attended transfer, keys fill the number field.
 */
function padTarget(calls: readonly Call[], collecting: Call | undefined): PadTarget {
  const target =
    collecting ??
    calls.find((c) => c.state === 'talking') ??
    calls.find((c) => c.state === 'dialing' && c.transfer !== undefined && c.transfer.kind !== 'attended');
  return target ? { kind: 'dtmf', callId: target.id } : { kind: 'number' };
}

function panelMessage(current: Call | null, collecting: Call | undefined, parked: readonly ParkedCall[]): PanelMessage {
  if (collecting?.collecting) {
    return { kind: 'collecting', transfer: collecting.collecting.kind, digits: collecting.collecting.digits };
  }
  if (current) {
    return current.recall && current.state === 'ringing' ? { kind: 'recall', slot: current.recall.slot } : { kind: 'call', state: current.state };
  }
  const latest = parked[parked.length - 1];
  return latest ? { kind: 'parked', slot: latest.slot } : { kind: 'idle' };
}

/**
 * Typed DOM events of the panel's views: requests are imperative, fired only on user action.
 * `detail` holds primitives or frozen copies. Requests bubble and compose so the shell hears them
 * across shadow roots; `biztel-dial-pad-press` stays inside the panel (not composed).
 */
import type { CallCommand, CallerIdChoice } from '@biztel/protocol';
import { callRequestType, type CallRequestType } from './request-types.js';
import { init, SeatTakeoverCancelEvent, SeatTakeoverRequestEvent, SignInRequestEvent, StartupRetryRequestEvent } from './sign-in-events.js';

// The sign-in form's events live in their own module, which the page starts with; the rest load
// with the signed-in views.
export { SeatTakeoverCancelEvent, SeatTakeoverRequestEvent, SignInRequestEvent, StartupRetryRequestEvent };

/** What the agent typed (the shell normalises it) and, when picked, the caller ID to present. */
export interface DialRequestDetail {
  readonly input: string;
  readonly callerId?: Readonly<CallerIdChoice>;
}

export class DialRequestEvent extends CustomEvent<DialRequestDetail> {
  static readonly type = 'biztel-dial-request';
  constructor(input: string, callerId?: CallerIdChoice) {
    super(DialRequestEvent.type, init(Object.freeze(callerId ? { input, callerId: Object.freeze({ ...callerId }) } : { input })));
  }
}

export class StatusChangeRequestEvent extends CustomEvent<{ statusId: string }> {
  static readonly type = 'biztel-status-change-request';
  constructor(statusId: string) {
    super(StatusChangeRequestEvent.type, init({ statusId }));
  }
}

export class SignOutRequestEvent extends CustomEvent<null> {
  static readonly type = 'biztel-sign-out-request';
  constructor() {
    super(SignOutRequestEvent.type, init(null));
  }
}

export class NoticeDismissRequestEvent extends CustomEvent<null> {
  static readonly type = 'biztel-notice-dismiss-request';
  constructor() {
    super(NoticeDismissRequestEvent.type, init(null));
  }
}

/**
 * A call button's request class, one per command of the table (`CALL_COMMANDS`): fires
 * `biztel-<command>-request` with the call id.
 */
function callRequest<C extends CallCommand>(command: C) {
  return class CallRequestEvent extends CustomEvent<{ callId: string }> {
    static readonly type = callRequestType(command);
    static readonly command = command;
    constructor(callId: string) {
      super(callRequestType(command), init({ callId }));
    }
  };
}

/**
 * What every call button's request event is. Written out: inferred from the generic `callRequest`
 * (`InstanceType<ReturnType<…>>`) it came out as `any`, which untyped the shell's listeners.
 */
export type CallRequestEvent = CustomEvent<{ callId: string }>;
/** 応答: answer the ringing call `callId`. */
export const AnswerRequestEvent = callRequest('answer');
/** 終話: hang up the call `callId`. */
export const HangupRequestEvent = callRequest('hangup');
/** 保留 pressed while the customer is on the line: hold the call `callId`. */
export const HoldRequestEvent = callRequest('hold');
/** 保留 pressed again: take the customer off hold (also cancels an attended transfer, seed 001 §8). */
export const UnholdRequestEvent = callRequest('unhold');
/** パーク: park the call `callId` on a park number. */
export const ParkRequestEvent = callRequest('park');
/** 転送: complete the attended transfer; `callId` is the consultation leg (the target's call). */
export const TransferRequestEvent = callRequest('transfer');

/** Keys pressed during a call: sent to call `callId` as DTMF (`*`/`#` start those transfers). */
export class DtmfRequestEvent extends CustomEvent<{ callId: string; digits: string }> {
  static readonly type = 'biztel-dtmf-request';
  constructor(callId: string, digits: string) {
    super(DtmfRequestEvent.type, init({ callId, digits }));
  }
}

/** A key of `<biztel-dial-pad>` was pressed. Internal to the panel: bubbles, does not compose. */
export class DialPadPressEvent extends CustomEvent<{ key: string }> {
  static readonly type = 'biztel-dial-pad-press';
  constructor(key: string) {
    super(DialPadPressEvent.type, { detail: { key }, bubbles: true, composed: false });
  }
}

/** Open a CRM record the info area found (screen pop to it). */
export class RecordOpenRequestEvent extends CustomEvent<{ recordId: string }> {
  static readonly type = 'biztel-record-open-request';
  constructor(recordId: string) {
    super(RecordOpenRequestEvent.type, init({ recordId }));
  }
}

/** Create a CRM record for a number nothing matched (new-record pop, phone prefilled). */
export class RecordCreateRequestEvent extends CustomEvent<{ number: string }> {
  static readonly type = 'biztel-record-create-request';
  constructor(number: string) {
    super(RecordCreateRequestEvent.type, init({ number }));
  }
}

/** The caller ID chosen in 通知番号選択欄 (null: 指定なし), kept with the session on the server. */
export class CallerIdChangeRequestEvent extends CustomEvent<{ callerId: CallerIdChoice | null }> {
  static readonly type = 'biztel-caller-id-change-request';
  constructor(callerId: CallerIdChoice | null) {
    super(CallerIdChangeRequestEvent.type, init({ callerId }));
  }
}

/** The agent's one-line note for the transfer target, sent with the screen (画面転送). */
export class TransferNoteChangeEvent extends CustomEvent<{ note: string; callId: string }> {
  static readonly type = 'biztel-transfer-note-change';
  /** `callId`: the customer's call the note is for; it is dropped once that call is over. */
  constructor(note: string, callId: string) {
    super(TransferNoteChangeEvent.type, init({ note, callId }));
  }
}

/**
 * 閉じる in the diagnostics view. Heard by the shell on the element itself: neither bubbles nor
 * composes.
 */
export class DiagnosticsCloseEvent extends CustomEvent<null> {
  static readonly type = 'biztel-diagnostics-close';
  constructor() {
    super(DiagnosticsCloseEvent.type, { detail: null, bubbles: false, composed: false });
  }
}

/** The call buttons' requests, one per command of the table. */
type CallRequestEventMap = { [C in CallCommand as CallRequestType<C>]: CallRequestEvent };

declare global {
  interface HTMLElementEventMap extends CallRequestEventMap {
    'biztel-sign-in-request': SignInRequestEvent;
    'biztel-dial-request': DialRequestEvent;
    'biztel-status-change-request': StatusChangeRequestEvent;
    'biztel-sign-out-request': SignOutRequestEvent;
    'biztel-notice-dismiss-request': NoticeDismissRequestEvent;
    'biztel-startup-retry-request': StartupRetryRequestEvent;
    'biztel-dtmf-request': DtmfRequestEvent;
    'biztel-dial-pad-press': DialPadPressEvent;
    'biztel-seat-takeover-request': SeatTakeoverRequestEvent;
    'biztel-seat-takeover-cancel': SeatTakeoverCancelEvent;
    'biztel-record-open-request': RecordOpenRequestEvent;
    'biztel-record-create-request': RecordCreateRequestEvent;
    'biztel-transfer-note-change': TransferNoteChangeEvent;
    'biztel-caller-id-change-request': CallerIdChangeRequestEvent;
    'biztel-diagnostics-close': DiagnosticsCloseEvent;
  }
}

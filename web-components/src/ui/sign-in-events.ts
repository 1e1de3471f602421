/**
 * The events of the views the page starts with — the sign-in form and the start-up error's 再試行
 * (see events.ts, which re-exports them with the other events of the panel's views, loaded later):
 * requests are imperative, fired only on user action, and bubble and compose so the shell hears
 * them across shadow roots.
 */
import type { SignInForm } from '../core/sign-in.js';

export function init<T>(detail: T): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true };
}

export class SignInRequestEvent extends CustomEvent<Readonly<SignInForm>> {
  static readonly type = 'biztel-sign-in-request';
  constructor(form: SignInForm) {
    super(SignInRequestEvent.type, init(Object.freeze({ ...form })));
  }
}

/** The agent confirmed taking over a seat another agent occupies (OK in the seat dialog). */
export class SeatTakeoverRequestEvent extends CustomEvent<null> {
  static readonly type = 'biztel-seat-takeover-request';
  constructor() {
    super(SeatTakeoverRequestEvent.type, init(null));
  }
}

/** The agent declined taking over the seat (キャンセル or Escape in the seat dialog). */
export class SeatTakeoverCancelEvent extends CustomEvent<null> {
  static readonly type = 'biztel-seat-takeover-cancel';
  constructor() {
    super(SeatTakeoverCancelEvent.type, init(null));
  }
}

/** 再試行 on the start-up error: connect to the event server now. */
export class StartupRetryRequestEvent extends CustomEvent<null> {
  static readonly type = 'biztel-startup-retry-request';
  constructor() {
    super(StartupRetryRequestEvent.type, init(null));
  }
}

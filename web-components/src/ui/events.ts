/**
 * Typed DOM events of the panel's views: requests are imperative, fired only on user action.
 * `detail` holds primitives. They bubble and compose so the shell hears them across shadow roots.
 */
import type { SignInForm } from '../core/sign-in.js';

function init<T>(detail: T): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true };
}

export class SignInRequestEvent extends CustomEvent<Readonly<SignInForm>> {
  static readonly type = 'biztel-sign-in-request';
  constructor(form: SignInForm) {
    super(SignInRequestEvent.type, init(Object.freeze({ ...form })));
  }
}

export class DialRequestEvent extends CustomEvent<{ input: string }> {
  static readonly type = 'biztel-dial-request';
  constructor(input: string) {
    super(DialRequestEvent.type, init({ input }));
  }
}

export class AnswerRequestEvent extends CustomEvent<{ callId: string }> {
  static readonly type = 'biztel-answer-request';
  constructor(callId: string) {
    super(AnswerRequestEvent.type, init({ callId }));
  }
}

export class HangupRequestEvent extends CustomEvent<{ callId: string }> {
  static readonly type = 'biztel-hangup-request';
  constructor(callId: string) {
    super(HangupRequestEvent.type, init({ callId }));
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

declare global {
  interface HTMLElementEventMap {
    'biztel-sign-in-request': SignInRequestEvent;
    'biztel-dial-request': DialRequestEvent;
    'biztel-answer-request': AnswerRequestEvent;
    'biztel-hangup-request': HangupRequestEvent;
    'biztel-status-change-request': StatusChangeRequestEvent;
    'biztel-sign-out-request': SignOutRequestEvent;
    'biztel-notice-dismiss-request': NoticeDismissRequestEvent;
  }
}

/**
 * What the panel tells the agent when something fails: the notice after a command, the error on
 * the sign-in form, and why the server ended a session — each by the server's error code or reason.
 */
import type { ErrorCode, SessionEndReason } from '@biztel/protocol';
import { assertNever } from './assert.js';

/** What a failed command or refused input tells the agent; each has a catalogue entry. */
export type NoticeCode =
  | 'softphoneNotRunning'
  | 'softphoneReconnecting'
  | 'softphoneMismatch'
  | 'resultUnknown'
  | 'commandExpired'
  | 'noSuchCall'
  | 'busy'
  | 'timeout'
  | 'disconnected'
  | 'rejected'
  | 'rateLimited'
  | 'notAllowed'
  | 'clickToDialOnCall'
  | 'clickToDialHardphone'
  | 'crmFailed'
  | 'dialEmpty'
  | 'dialInvalidCharacters'
  | 'dialTooLong';

export type SignInError =
  | 'authFailed'
  | 'rateLimited'
  | 'timeout'
  | 'disconnected'
  | 'rejected'
  | 'signInFirst'
  | 'sessionExpired'
  | 'signedOutElsewhere'
  /** Another agent confirmed signing in on this extension (`by` says who). */
  | 'lineTakenOver'
  /** The agent signed in with the password again (another browser, or someone who has the password). */
  | 'signedInElsewhere';

/** What the panel tells the agent when the server ended its session, by the server's reason. */
export const SESSION_END_ERRORS: Readonly<Record<SessionEndReason, SignInError>> = {
  signedOut: 'signedOutElsewhere',
  lineTakenOver: 'lineTakenOver',
  signedInElsewhere: 'signedInElsewhere',
};

/** Maps a server error code to what the agent is told after a command. */
export function noticeForError(code: ErrorCode): NoticeCode {
  switch (code) {
    case 'SOFTPHONE_NOT_RUNNING':
      return 'softphoneNotRunning';
    case 'SOFTPHONE_RECONNECTING':
      return 'softphoneReconnecting';
    case 'SOFTPHONE_MISMATCH':
      return 'softphoneMismatch';
    case 'RESULT_UNKNOWN':
      return 'resultUnknown';
    case 'EXPIRED':
      return 'commandExpired';
    case 'NO_SUCH_CALL':
      return 'noSuchCall';
    case 'BUSY':
      return 'busy';
    case 'TIMEOUT':
      return 'timeout';
    case 'DISCONNECTED':
      return 'disconnected';
    case 'NOT_ALLOWED':
      return 'notAllowed';
    case 'RATE_LIMITED':
      return 'rateLimited';
    case 'SEAT_TAKEN':
    case 'LINE_TAKEN':
    case 'INVALID_PAYLOAD':
    case 'AUTH_FAILED':
    case 'NOT_SIGNED_IN':
    case 'SESSION_EXPIRED':
    case 'INTERNAL':
    case 'EXTENSION_IN_USE':
    case 'UNSUPPORTED_PROTOCOL':
      return 'rejected';
    default:
      return assertNever(code);
  }
}

export function signInErrorFor(code: ErrorCode): SignInError {
  switch (code) {
    case 'AUTH_FAILED':
      return 'authFailed';
    case 'RATE_LIMITED':
      return 'rateLimited';
    case 'TIMEOUT':
      return 'timeout';
    case 'DISCONNECTED':
      return 'disconnected';
    case 'SESSION_EXPIRED':
      return 'sessionExpired';
    default:
      return 'rejected';
  }
}

/**
 * What every error code means and who answers it, for the AsyncAPI document and docs/protocol.md.
 * Keyed by `ErrorCode`: a code added to ERROR_CODES without a meaning here does not compile. Also
 * the one refusal outside `ErrorCode`: the transport's `ORIGIN_NOT_ALLOWED` on `/panel`.
 */
import type { ErrorCode } from '../messages.js';

export interface ErrorMeaning {
  /** Who sends it: the server to a panel, the server in a softphone's handshake, a softphone in a command's reply, or the panel's own transport. */
  readonly from: readonly ('panel reply' | 'handshake' | 'softphone reply' | 'panel transport')[];
  readonly meaning: string;
  /** What the client should do. */
  readonly action: string;
}

export const ERROR_MEANINGS: { readonly [C in ErrorCode]: ErrorMeaning } = {
  INVALID_PAYLOAD: {
    from: ['panel reply', 'handshake', 'softphone reply'],
    meaning:
      'The message failed its schema (the `message` names the first faulty field). A softphone answers it to a command it cannot read, an unknown `type` among them.',
    action: 'Fix the client; do not retry the same message.',
  },
  AUTH_FAILED: {
    from: ['panel reply', 'handshake'],
    meaning: 'Account, password or extension not accepted (which one is never said). Counts towards the attempt limits.',
    action: 'Ask the user for other credentials; do not retry automatically.',
  },
  NOT_SIGNED_IN: {
    from: ['panel reply'],
    meaning: 'A command or `session:token` on a connection without a current session (never signed in, signed out, or the session ended).',
    action: 'Sign in (or resume) first.',
  },
  SOFTPHONE_NOT_RUNNING: {
    from: ['panel reply'],
    meaning: 'A call command while no softphone is connected for the line.',
    action: 'Start the softphone; the snapshot shows `softphone.state`.',
  },
  NO_SUCH_CALL: {
    from: ['panel reply', 'softphone reply'],
    meaning: 'The `callId` is not one of the line’s (or the device’s) calls.',
    action: 'Refresh from the latest state; the call has probably ended.',
  },
  BUSY: {
    from: ['panel reply', 'softphone reply'],
    meaning: 'The command conflicts with the calls there are (e.g. dialling while a call is not on hold, answering a call that is not ringing).',
    action: 'Act on the current calls first.',
  },
  TIMEOUT: {
    from: ['panel transport'],
    meaning: 'Never sent by the server: the panel’s transport uses it when an acknowledgement did not arrive in time.',
    action: 'Retry with the same `commandId`.',
  },
  DISCONNECTED: {
    from: ['panel transport'],
    meaning: 'Never sent by the server: the panel’s transport uses it when the connection was down.',
    action: 'Retry with the same `commandId` after reconnecting.',
  },
  SEAT_TAKEN: {
    from: ['panel reply'],
    meaning: 'Sign-in to a seat another agent holds; `seat` says who, when known.',
    action: 'Ask the agent; sign in again with `overwriteSeat: true` to take the seat over.',
  },
  LINE_TAKEN: {
    from: ['panel reply'],
    meaning: 'Panel sign-in on an extension another account is signed in on (status not `logoff`); `line` says who and since when (panel protocol 3).',
    action:
      'Ask the agent; sign in again with `overwriteLine: true` to take the extension over (the other agent’s panels get `session:ended { reason: "lineTakenOver" }`).',
  },
  NOT_ALLOWED: {
    from: ['panel reply', 'handshake', 'softphone reply'],
    meaning:
      'Refused by policy: dialling from a hardphone, a caller ID the account may not use, `agent:viewing` while another agent is signed in on the line; a `/softphone` handshake from a browser whose origin is not allowed; a softphone refuses a step its state forbids.',
    action: 'Do not retry unchanged.',
  },
  SESSION_EXPIRED: {
    from: ['panel reply'],
    meaning: 'The resume token is unknown, used or too old, or the agent signed out meanwhile.',
    action: 'Sign in with the password.',
  },
  INTERNAL: {
    from: ['panel reply', 'handshake'],
    meaning: 'The server failed (logged on its side); also the answer to a panel when a softphone’s reply did not match `DeviceReply`.',
    action: 'Retry later (with the same `commandId` for a command).',
  },
  RATE_LIMITED: {
    from: ['panel reply', 'handshake'],
    meaning:
      'Over a budget: failed sign-ins for the account, the address or the pair (the server slows further attempts down, it never locks), or — on a connection — too many requests in a short time. `retryAfterMs` says how long to wait.',
    action: 'Wait `retryAfterMs` before the next attempt.',
  },
  SOFTPHONE_RECONNECTING: {
    from: ['panel reply'],
    meaning: 'The line’s softphone dropped and is within its reconnect grace (or back but has not reported yet): nothing can be relayed now.',
    action: 'Wait for the next snapshot (`softphone.state`).',
  },
  SOFTPHONE_MISMATCH: {
    from: ['panel reply'],
    meaning: 'The line’s softphone is signed in with another account than the panel’s agent.',
    action: 'Sign the softphone in with the agent’s account.',
  },
  RESULT_UNKNOWN: {
    from: ['panel reply'],
    meaning:
      'The softphone did not answer before the command’s deadline: it may or may not have run it. A later answer replaces the stored one, so a retry with the same `commandId` learns the outcome and never runs twice.',
    action: 'Watch the next snapshot, or retry with the same `commandId`.',
  },
  EXPIRED: {
    from: ['softphone reply'],
    meaning: 'The command reached the softphone after its `deadline` (server clock); the softphone did not run it.',
    action: 'Softphone: answer it without running the command. Server: passes it to the panel.',
  },
  EXTENSION_IN_USE: {
    from: ['handshake'],
    meaning: 'Another account’s softphone holds the extension (connected, or dropped within its grace).',
    action: 'Do not retry until that softphone is gone; check the account.',
  },
  UNSUPPORTED_PROTOCOL: {
    from: ['handshake'],
    meaning: 'The handshake’s `protocol` is missing or not one the server speaks; `supported` lists those it does.',
    action: 'Upgrade the client to a supported version.',
  },
};

/**
 * Refusals that are not protocol messages, so not `ErrorCode`s: a Socket.IO `connect_error` whose
 * message is the code and which carries no `data`.
 */
export const TRANSPORT_REFUSALS = {
  ORIGIN_NOT_ALLOWED: {
    from: ['/panel handshake'],
    meaning: 'The `/panel` handshake had no allowed `Origin` header (none, one not in ALLOWED_ORIGINS, or two). `/softphone` never gets it.',
    action: 'Open the panel from an allowed origin (an operator adds it to ALLOWED_ORIGINS); do not retry unchanged.',
  },
} as const satisfies Record<string, { readonly from: readonly string[]; readonly meaning: string; readonly action: string }>;

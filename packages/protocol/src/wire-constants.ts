/** The wire contract's constants: both namespaces' versions, their names, and the error codes. */

/**
 * The softphone protocol's version (`/softphone`; docs/protocol.md, docs/protocol/asyncapi.json).
 * 1: the unpublished protocol before the spec (softphones sent no version). 2: the first published
 * contract — softphones send `protocol` in their handshake and get `server:hello`; commands carry
 * a deadline; a softphone is bound to its account; a dropped softphone has a reconnect grace.
 * 3: the chat error `wrongNumber` (seed 004's 「お客様が誤った電話番号をチャット入力したか、…」).
 */
export const PROTOCOL_VERSION = 3;

/**
 * The softphone protocol versions the server accepts, oldest first: a softphone built for 2 keeps
 * working (it never sends what 3 added); the server's hello answers in the softphone's version.
 */
export const SUPPORTED_PROTOCOL_VERSIONS = [2, 3] as const;
export type SoftphoneProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/**
 * The panel protocol's version (`/panel`, its `server:hello`): the namespaces are versioned apart
 * since 3 (docs/decisions/0010-one-agent-per-line.md). 2: as the softphone's. 3: one agent per line —
 * `LINE_TAKEN` and `overwriteLine`; `session:ended` reasons `lineTakenOver` and `signedInElsewhere`.
 * 4: the caller ID the agent chose is kept with the session — `agent:setCallerId`, and the
 * snapshot's `callerIdChoice` — so every page of the agent shows it, after a reload or a pop-out too.
 * 5: `directory:list` — the agent's transfer targets (the tenant's extensions with who is signed in,
 * and its ring groups), for the Service Cloud Voice connector's transfer dialog.
 */
export const PANEL_PROTOCOL_VERSION = 5;

/** Socket.IO namespaces: one per client role. */
export const NAMESPACE = { panel: '/panel', softphone: '/softphone' } as const;

export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'AUTH_FAILED',
  'NOT_SIGNED_IN',
  'SOFTPHONE_NOT_RUNNING',
  'NO_SUCH_CALL',
  'BUSY',
  'TIMEOUT',
  'DISCONNECTED',
  'SEAT_TAKEN',
  /** Panel sign-in on an extension another account is signed in on: `line` says who (panel protocol 3). */
  'LINE_TAKEN',
  'NOT_ALLOWED',
  /** The session is gone: signed out elsewhere, timed out, or lost when the server restarted. */
  'SESSION_EXPIRED',
  'INTERNAL',
  /** Over a sign-in budget (slowed down, never locked) or a connection's request budget: wait `retryAfterMs`. */
  'RATE_LIMITED',
  /** The line's softphone dropped and may come back (reconnect grace): nothing can be relayed now. */
  'SOFTPHONE_RECONNECTING',
  /** The line's softphone is signed in with another account than the panel's agent (seed 001 §2). */
  'SOFTPHONE_MISMATCH',
  /** The softphone did not answer before the command's deadline: it may or may not have run it. */
  'RESULT_UNKNOWN',
  /** Softphone → server: the command arrived after its deadline and was not run. */
  'EXPIRED',
  /** Softphone handshake: another account's softphone holds the extension. */
  'EXTENSION_IN_USE',
  /** Handshake: the client's protocol version is not one the server speaks. */
  'UNSUPPORTED_PROTOCOL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
/**
 * The codes of `/softphone` (handshake refusals, softphone replies): all but the panel's `LINE_TAKEN`,
 * so the softphone protocol's closed enumerations stay those of version 2.
 */
export const SOFTPHONE_ERROR_CODES = ERROR_CODES.filter((c): c is Exclude<ErrorCode, 'LINE_TAKEN'> => c !== 'LINE_TAKEN');

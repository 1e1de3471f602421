/**
 * Softphone ⇄ event server (`/softphone`): what a BIZTEL softphone sends and receives. This is the
 * contract another team's softphone implements (docs/protocol.md): handshake auth, the server's
 * hello, the softphone's complete state, relayed commands with their deadline, the server's reason
 * before it lets a softphone go, and why a handshake was refused.
 */
import { array, int, literal, object, oneOf, optional, str, union, type Infer } from './schema.js';
import {
  PROTOCOL_VERSION,
  SOFTPHONE_ERROR_CODES,
  SUPPORTED_PROTOCOL_VERSIONS,
  account,
  deviceCallSchema,
  dialNumber,
  epochMsSchema,
  extension,
  parkedCallSchema,
  password,
  wireIdSchema as id,
  type Ack,
} from './messages.js';

/**
 * Handshake `auth` of a softphone connection. `account` must be the account the agent signs in with
 * on the panel (seed 001 §2: 「OpenCTI のアカウントは、ソフトフォンのアカウントと一致する必要があります。」).
 * The server checks `protocol` first: a version it does not speak (or none) is refused
 * `UNSUPPORTED_PROTOCOL` (see `SUPPORTED_PROTOCOL_VERSIONS`).
 */
export const deviceAuthSchema = object({ protocol: int({ min: SUPPORTED_PROTOCOL_VERSIONS[0], max: PROTOCOL_VERSION }), account, password, extension });
export type DeviceAuth = Infer<typeof deviceAuthSchema>;

/** The limits a softphone must keep to, sent in its hello. */
export const deviceLimitsSchema = object({
  /** Largest message (bytes, as encoded) the server accepts; a larger one closes the connection. */
  maxMessageBytes: int({ min: 1024, max: 100_000_000 }),
  /** Most calls / parked calls one `device:state` may list. */
  maxCalls: int({ min: 1, max: 1000 }),
  maxParked: int({ min: 0, max: 1000 }),
  /** How long after sending a command the server waits for its ack (its `deadline` − send time). */
  commandTimeoutMs: int({ min: 1, max: 600_000 }),
  /** How long a line keeps a dropped softphone's calls while it reconnects. */
  reconnectGraceMs: int({ min: 0, max: 3_600_000 }),
  /** How long the softphone must remember a command id to answer a repeat with its first answer. */
  commandIdRetentionMs: int({ min: 1, max: 3_600_000 }),
});
export type DeviceLimits = Infer<typeof deviceLimitsSchema>;

/** `server:hello` on `/softphone`: sent once, right after the handshake is accepted. */
export const deviceHelloSchema = object({
  /** The version the softphone's handshake named (the server answers in it). */
  protocol: int({ min: SUPPORTED_PROTOCOL_VERSIONS[0], max: PROTOCOL_VERSION }),
  /** The event server's release, for the vendor's logs. */
  serverVersion: str({ min: 1, max: 64 }),
  /** The server's clock when it sent the hello: a softphone estimates command deadlines from it. */
  serverTime: epochMsSchema,
  /** Whom the softphone is registered as. */
  account,
  extension,
  limits: deviceLimitsSchema,
});
export type DeviceHello = Infer<typeof deviceHelloSchema>;

/** The device's complete call list, sent after every change (state sync, not deltas). */
export const deviceStateSchema = object({ calls: array(deviceCallSchema, { max: 8 }), parked: array(parkedCallSchema, { max: 20 }) });
export type DeviceState = Infer<typeof deviceStateSchema>;

/**
 * Every command has an `id` (run at most once: a repeated id gets the first answer) and a
 * `deadline` (server clock, ms): a softphone that gets it later refuses it `EXPIRED` without
 * running it. The caller ID is resolved by the server (a number) and sent with a dial.
 */
const meta = { id, deadline: epochMsSchema };
export const commandSchema = union('type', {
  dial: object({ type: literal('dial'), ...meta, number: dialNumber, callerIdNumber: optional(str({ min: 1, max: 32 })) }),
  answer: object({ type: literal('answer'), ...meta, callId: id }),
  hangup: object({ type: literal('hangup'), ...meta, callId: id }),
  hold: object({ type: literal('hold'), ...meta, callId: id }),
  unhold: object({ type: literal('unhold'), ...meta, callId: id }),
  park: object({ type: literal('park'), ...meta, callId: id }),
  dtmf: object({ type: literal('dtmf'), ...meta, callId: id, digits: str({ min: 1, max: 32, pattern: /^[0-9*#]+$/ }) }),
  /** Completes an attended transfer: connects the held call with the consultation call `callId`. */
  transfer: object({ type: literal('transfer'), ...meta, callId: id }),
});
export type Command = Infer<typeof commandSchema>;
export const COMMAND_TYPES = ['dial', 'answer', 'hangup', 'hold', 'unhold', 'park', 'dtmf', 'transfer'] as const satisfies readonly Command['type'][];

/** `server:bye`: why the server is letting this softphone go, sent just before it disconnects it. */
export const BYE_REASONS = ['replaced', 'inUse', 'shutdown'] as const;
export const deviceByeSchema = object({
  /**
   * `replaced`: the same account's softphone connected again (do not reconnect); `inUse`: another
   * account's softphone took the extension first; `shutdown`: the server stops (reconnect).
   */
  reason: oneOf(BYE_REASONS),
  message: optional(str({ min: 0, max: 500 })),
  /** With `shutdown`: reconnect after about this long. */
  reconnectAfterMs: optional(int({ min: 0, max: 600_000 })),
});
export type DeviceBye = Infer<typeof deviceByeSchema>;

/** The `data` of a refused handshake's `connect_error` (its `message` is the same `code`). */
export const handshakeRefusalSchema = object({
  code: oneOf(SOFTPHONE_ERROR_CODES),
  message: str({ min: 0, max: 500 }),
  /** With `RATE_LIMITED`: how long until the next attempt may be made. */
  retryAfterMs: optional(int({ min: 0, max: 24 * 60 * 60_000 })),
  /** With `UNSUPPORTED_PROTOCOL`: the versions the server speaks. */
  supported: optional(array(int({ min: 1, max: 1000 }), { max: 10 })),
});
export type HandshakeRefusal = Infer<typeof handshakeRefusalSchema>;

/** A softphone's answer to a command: `{ ok: true }` or an error (`EXPIRED`, `NO_SUCH_CALL`, …). */
export const deviceReplySchema = union('ok', {
  true: object({ ok: literal(true) }),
  false: object({ ok: literal(false), code: oneOf(SOFTPHONE_ERROR_CODES), message: optional(str({ min: 0, max: 500 })) }),
});
export type DeviceReply = Infer<typeof deviceReplySchema>;

export interface SoftphoneClientToServer {
  'device:state': (state: DeviceState) => void;
}
export interface SoftphoneServerToClient {
  'server:hello': (hello: DeviceHello) => void;
  'server:bye': (bye: DeviceBye) => void;
  'device:command': (command: Command, ack: Ack) => void;
}

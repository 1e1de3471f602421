/**
 * Wire messages between panel ⇄ event server ⇄ softphone, as runtime schemas. The TypeScript
 * types are derived from the schemas, so the validator and the type can never drift apart.
 */
import { array, bool, int, literal, object, oneOf, optional, str, union, type Infer } from './schema.js';

export const PROTOCOL_VERSION = 1;

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
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const MAX_TIME = 8_640_000_000_000_000; // largest valid Date value in ms
const time = int({ min: 0, max: MAX_TIME });
const id = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ });

export const account = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.@-]+$/ });
export const extension = str({ min: 1, max: 16, pattern: /^[0-9]+$/ });
export const password = str({ min: 1, max: 128 });
/** A number as the PBX reports it: digits, `*`, `#`, `+`, or a word such as `anonymous`. */
export const remoteNumber = str({ min: 0, max: 64 });
/** A number the panel asks to dial, already normalised by the core. */
export const dialNumber = str({ min: 1, max: 32, pattern: /^[0-9*#]+$/ });

export const statusSchema = object({
  id: str({ min: 1, max: 32, pattern: /^[A-Za-z0-9_-]+$/ }),
  label: str({ min: 1, max: 40 }),
});
export type AgentStatus = Infer<typeof statusSchema>;
/** The built-in status every tenant has: signed out / not shown in Seat View. */
export const LOGOFF_STATUS_ID = 'logoff';

export const CALL_STATES = ['ringing', 'dialing', 'talking', 'held'] as const;
export type CallState = (typeof CALL_STATES)[number];

export const callSchema = object({
  id,
  direction: oneOf(['inbound', 'outbound'] as const),
  state: oneOf(CALL_STATES),
  remoteNumber,
  startedAt: time,
  answeredAt: optional(time),
  businessLabel: optional(str({ min: 1, max: 64 })),
});
export type Call = Infer<typeof callSchema>;

// ---- panel ⇄ server ---------------------------------------------------------------------

export const helloSchema = object({
  protocol: literal(PROTOCOL_VERSION),
  statuses: array(statusSchema, { max: 50 }),
});
export type Hello = Infer<typeof helloSchema>;

export const signInRequestSchema = object({
  account,
  password,
  extension,
  seatId: optional(str({ min: 0, max: 32, pattern: /^[A-Za-z0-9_-]*$/ })),
  initialStatusId: str({ min: 1, max: 32 }),
  hardphone: bool(),
});
export type SignInRequest = Infer<typeof signInRequestSchema>;

export const snapshotSchema = object({
  revision: int({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  serverTime: time,
  agent: object({
    account,
    extension,
    statusId: str({ min: 1, max: 32 }),
    hardphone: bool(),
  }),
  statuses: array(statusSchema, { max: 50 }),
  softphone: object({ running: bool() }),
  calls: array(callSchema, { max: 8 }),
});
export type Snapshot = Infer<typeof snapshotSchema>;

export const setStatusRequestSchema = object({ statusId: str({ min: 1, max: 32 }) });
export const dialRequestSchema = object({ number: dialNumber });
export const callRefSchema = object({ callId: id });
export type DialRequest = Infer<typeof dialRequestSchema>;
export type CallRef = Infer<typeof callRefSchema>;

export const errorReplySchema = object({
  ok: literal(false),
  code: oneOf(ERROR_CODES),
  message: optional(str({ min: 0, max: 500 })),
});
export type ErrorReply = Infer<typeof errorReplySchema>;
export type Reply<T = object> = ({ ok: true } & T) | ErrorReply;

export const okReplySchema = object({ ok: literal(true) });
export const signInReplySchema = union('ok', {
  true: object({ ok: literal(true), snapshot: snapshotSchema }),
  false: errorReplySchema,
});

// ---- softphone ⇄ server -----------------------------------------------------------------

/** Handshake `auth` of a softphone (device) connection: the same account as the agent's panel. */
export const deviceAuthSchema = object({ account, password, extension });
export type DeviceAuth = Infer<typeof deviceAuthSchema>;

/** The device's complete call list, sent after every change (state sync, not deltas). */
export const deviceStateSchema = object({ calls: array(callSchema, { max: 8 }) });
export type DeviceState = Infer<typeof deviceStateSchema>;

export const commandSchema = union('type', {
  dial: object({ type: literal('dial'), id, number: dialNumber }),
  answer: object({ type: literal('answer'), id, callId: id }),
  hangup: object({ type: literal('hangup'), id, callId: id }),
});
export type Command = Infer<typeof commandSchema>;

// ---- typed event maps (socket.io generics) ------------------------------------------------

export type Ack<T = object> = (reply: Reply<T>) => void;

export interface PanelClientToServer {
  'session:signIn': (req: SignInRequest, ack: Ack<{ snapshot: Snapshot }>) => void;
  'session:signOut': (ack: Ack) => void;
  'agent:setStatus': (req: { statusId: string }, ack: Ack) => void;
  'call:dial': (req: DialRequest, ack: Ack) => void;
  'call:answer': (req: CallRef, ack: Ack) => void;
  'call:hangup': (req: CallRef, ack: Ack) => void;
}
export interface PanelServerToClient {
  'server:hello': (hello: Hello) => void;
  'state:snapshot': (snapshot: Snapshot) => void;
}
export interface SoftphoneClientToServer {
  'device:state': (state: DeviceState) => void;
}
export interface SoftphoneServerToClient {
  'device:command': (command: Command, ack: Ack) => void;
}

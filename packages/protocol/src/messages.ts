/**
 * Wire messages between panel ⇄ event server ⇄ softphone, as runtime schemas. The TypeScript
 * types are derived from the schemas, so the validator and the type can never drift apart.
 */
import { array, bool, int, literal, nullable, object, oneOf, optional, str, union, type Infer } from './schema.js';
import type { PanelCommandEvents } from './commands.js';
import { SALESFORCE_ID_SHAPE } from './salesforce-id.js';
import { ERROR_CODES, PANEL_PROTOCOL_VERSION } from './wire-constants.js';

export * from './wire-constants.js';

const MAX_TIME = 8_640_000_000_000_000; // largest valid Date value in ms
const time = int({ min: 0, max: MAX_TIME });
const id = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ });
/** Milliseconds since the epoch, in the server's clock; an id of a call or command. */
export { time as epochMsSchema, id as wireIdSchema };

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

/**
 * A call leg as the agent's softphone sees it. `parking`: the park command was accepted and the
 * PBX is moving the customer to a park slot — hanging up now would drop the customer (seed 001 §7).
 */
export const CALL_STATES = ['ringing', 'dialing', 'talking', 'held', 'parking'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** How a transfer was started (seed 001 §8, §10): 保留 + dial, `*` + target, `#` + target. */
export const TRANSFER_KINDS = ['attended', 'star', 'hash'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * Why the chat could not be shown (seed 004 §5): `connect` チャット接続に失敗しました, `wrongNumber`
 * お客様が誤った電話番号をチャット入力したか、… (softphone protocol 3), `fetch` チャットを取得できませんでした,
 * `server` サーバ接続に失敗しました.
 */
export const CHAT_ERRORS = ['connect', 'wrongNumber', 'fetch', 'server'] as const;
export type ChatError = (typeof CHAT_ERRORS)[number];

/** One chatbot message (seed 004): customer on the left, bot on the right, oldest first. */
export const chatMessageSchema = object({
  from: oneOf(['customer', 'bot'] as const),
  /** `url`: the message is only a link; `upload`: a file the customer uploaded (a link to it). */
  kind: oneOf(['text', 'url', 'upload'] as const),
  text: str({ min: 0, max: 1000 }),
  url: optional(str({ min: 1, max: 2000 })),
  at: time,
});
export type ChatMessage = Infer<typeof chatMessageSchema>;

export const chatSchema = union('status', {
  ok: object({ status: literal('ok'), messages: array(chatMessageSchema, { max: 50 }) }),
  error: object({ status: literal('error'), error: oneOf(CHAT_ERRORS) }),
});
export type Chat = Infer<typeof chatSchema>;

/** The caller ID an outbound call presents: a number, or a window (窓口) with its number. */
export const callerIdChoiceSchema = union('kind', {
  number: object({ kind: literal('number'), number: str({ min: 1, max: 32, pattern: /^[0-9]+$/ }) }),
  window: object({ kind: literal('window'), id: str({ min: 1, max: 32, pattern: /^[A-Za-z0-9_-]+$/ }) }),
});
export type CallerIdChoice = Infer<typeof callerIdChoiceSchema>;

/**
 * Screen transfer (画面転送, seed 001 §9): the Salesforce record an agent is viewing. Only a
 * validated record id travels, never a URL; the receiving panel builds the link itself.
 * `note`: beyond the manual, a one-line note from the transferring agent (no control characters).
 */
const screenInfoShape = {
  /** A Salesforce record id: 15 (case-sensitive) or 18 (case-safe) alphanumeric characters. */
  recordId: str({ min: 15, max: 18, pattern: SALESFORCE_ID_SHAPE }),
  recordName: optional(str({ min: 0, max: 255 })),
  /** The record's sObject API name, e.g. `Contact`, `Case`, `My_Object__c`. */
  objectType: optional(str({ min: 1, max: 80, pattern: /^[A-Za-z0-9_]+$/ })),
  note: optional(str({ min: 0, max: 140, pattern: /^[^\u0000-\u001f\u007f]*$/ })),
};
export const screenInfoSchema = object(screenInfoShape);
export type ScreenInfo = Infer<typeof screenInfoSchema>;

/** The screen that came with a transferred call, and who sent it. Set by the event server only. */
export const transferredScreenSchema = object({
  ...screenInfoShape,
  fromExtension: extension,
  /** The transferring agent's display name, when the server knows it. */
  fromName: optional(str({ min: 1, max: 64 })),
});
export type TransferredScreen = Infer<typeof transferredScreenSchema>;

/** A call leg as a softphone reports it (`device:state`): everything but the server's `screen`. */
const deviceCallShape = {
  id,
  direction: oneOf(['inbound', 'outbound'] as const),
  state: oneOf(CALL_STATES),
  remoteNumber,
  startedAt: time,
  answeredAt: optional(time),
  /** When the call was put on hold (for the hold timer); absent unless held. */
  heldAt: optional(time),
  businessLabel: optional(str({ min: 1, max: 64 })),
  /** The number presented to the callee on an outbound call. */
  callerIdNumber: optional(str({ min: 1, max: 32 })),
  /** Set on a consultation call: which held call it would be transferred to, and how. */
  transfer: optional(object({ kind: oneOf(TRANSFER_KINDS), of: id })),
  /** `*`/`#` typed on this call: the customer is held while the target's digits are collected. */
  collecting: optional(object({ kind: oneOf(['star', 'hash'] as const), digits: str({ min: 0, max: 32, pattern: /^[0-9]*$/ }) })),
  /** A parked call ringing back to the phone that parked it (after 300 s). */
  recall: optional(object({ slot: str({ min: 1, max: 8, pattern: /^[0-9]+$/ }) })),
  /** Chat history of a call that came through the chatbot IVR (seed 004). */
  chat: optional(chatSchema),
  /**
   * Set by the PBX on a leg a transfer created at this extension: the extension that transferred
   * it (the consultation ringing here, then the customer's call after completion; `*`, `#` and
   * attended alike). Never set when the target was a ring group (seed 001 §9).
   */
  transferredBy: optional(extension),
};
/** A device's call: unknown keys — a `screen` among them — are dropped when it is validated. */
export const deviceCallSchema = object(deviceCallShape);

export const callSchema = object({
  ...deviceCallShape,
  /**
   * Screen transfer: the record the transferring agent (`transferredBy`) was viewing when the
   * transfer started. Attached by the event server, only for a transfer it saw start on that
   * agent's own softphone; frozen for the life of the call.
   */
  screen: optional(transferredScreenSchema),
});
export type Call = Infer<typeof callSchema>;

/** A call this extension parked: the customer waits on `slot` until someone dials it. */
export const parkedCallSchema = object({
  slot: str({ min: 1, max: 8, pattern: /^[0-9]+$/ }),
  remoteNumber,
  parkedAt: time,
  /** When the PBX rings the parking phone back (seed 001 §7: after 300 s). */
  recallAt: time,
});
export type ParkedCall = Infer<typeof parkedCallSchema>;

/** Caller-ID settings distributed to the account (seed 003). */
export const CALLER_ID_MODES = ['switchable', 'numbersOnly', 'windowsOnly'] as const;
export const callerIdsSchema = object({
  mode: oneOf(CALLER_ID_MODES),
  /** An administrator restricted the lists: the panel shows 管理者により一部設定が制御されています。 */
  restricted: bool(),
  numbers: array(object({ number: str({ min: 1, max: 32, pattern: /^[0-9]+$/ }), label: str({ min: 0, max: 64 }) }), { max: 200 }),
  windows: array(object({ id: str({ min: 1, max: 32, pattern: /^[A-Za-z0-9_-]+$/ }), name: str({ min: 1, max: 64 }), number: str({ min: 1, max: 32 }) }), {
    max: 200,
  }),
});
export type CallerIds = Infer<typeof callerIdsSchema>;

/**
 * The line's softphone as its panel sees it. `running`: commands can be relayed (state `running`).
 * `reconnecting`: its connection dropped at `since`; calls are shown as last reported (stale) until
 * it reports again or `until` passes. `mismatch`: it is signed in with `account`, not the agent's.
 */
export const SOFTPHONE_STATES = ['running', 'reconnecting', 'stopped', 'mismatch'] as const;
export type SoftphoneState = (typeof SOFTPHONE_STATES)[number];
export const softphoneStatusSchema = object({
  running: bool(),
  state: oneOf(SOFTPHONE_STATES),
  /** With `mismatch`: the account the softphone is signed in with. */
  account: optional(account),
  /** With `reconnecting`: when the connection dropped, and when the line gives up waiting. */
  since: optional(time),
  until: optional(time),
});
export type SoftphoneStatus = Infer<typeof softphoneStatusSchema>;

// ---- panel ⇄ server ---------------------------------------------------------------------

export const helloSchema = object({
  protocol: literal(PANEL_PROTOCOL_VERSION),
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
  /** The agent confirmed taking over a seat that another agent occupies (seed 001 §2). */
  overwriteSeat: optional(bool()),
  /** The agent confirmed taking over the extension from the agent signed in on it (after `LINE_TAKEN`). */
  overwriteLine: optional(bool()),
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
  softphone: softphoneStatusSchema,
  calls: array(callSchema, { max: 8 }),
  parked: array(parkedCallSchema, { max: 20 }),
  callerIds: callerIdsSchema,
  /**
   * The caller ID the agent chose for this session (`agent:setCallerId`, panel protocol 4), while
   * `callerIds` still offers it; absent: 指定なし (the tenant's default rule). A new sign-in starts
   * without one.
   */
  callerIdChoice: optional(callerIdChoiceSchema),
});
export type Snapshot = Infer<typeof snapshotSchema>;

export const setStatusRequestSchema = object({ statusId: str({ min: 1, max: 32 }) });
export const dialRequestSchema = object({ number: dialNumber, callerId: optional(callerIdChoiceSchema) });
/** Keys pressed during a call: digits, `*` (transfer keeping the caller's number) and `#` (blind). */
export const dtmfRequestSchema = object({ callId: id, digits: str({ min: 1, max: 32, pattern: /^[0-9*#]+$/ }) });
export const callRefSchema = object({ callId: id });
/** `agent:setCallerId`: the caller ID the agent chose for the session's calls, or null for 指定なし. */
export const callerIdRequestSchema = object({ callerId: nullable(callerIdChoiceSchema) });
/** `agent:viewing`: the record the panel's agent is viewing (and the note), or null for none. */
export const viewingRequestSchema = object({ screen: nullable(screenInfoSchema) });

export const errorReplySchema = object({
  ok: literal(false),
  code: oneOf(ERROR_CODES),
  message: optional(str({ min: 0, max: 500 })),
});
export type ErrorReply = Infer<typeof errorReplySchema>;
export type Reply<T = object> = ({ ok: true } & T) | ErrorReply;

export const okReplySchema = object({ ok: literal(true) });
/** Who holds a seat in Seat View, when the server knows (beyond the manual: by whom and since when). */
export const seatHolderSchema = object({
  seatId: str({ min: 1, max: 32 }),
  account: optional(str({ min: 1, max: 64 })),
  name: optional(str({ min: 1, max: 64 })),
  since: optional(time),
});
export type SeatHolder = Infer<typeof seatHolderSchema>;

/** Who is signed in on an extension another agent asked for (`LINE_TAKEN`): account, name, since when. */
export const lineHolderSchema = object({
  extension,
  account,
  name: optional(str({ min: 1, max: 64 })),
  since: optional(time),
});
export type LineHolder = Infer<typeof lineHolderSchema>;

/** A short-lived secret that lets the same panel page take its session back after a reconnect. */
export const resumeTokenSchema = str({ min: 32, max: 128, pattern: /^[A-Za-z0-9_-]+$/ });
export const resumeRequestSchema = object({ token: resumeTokenSchema });
export type ResumeRequest = Infer<typeof resumeRequestSchema>;

export const signInReplySchema = union('ok', {
  true: object({ ok: literal(true), snapshot: snapshotSchema, resumeToken: optional(resumeTokenSchema) }),
  false: object({
    ok: literal(false),
    code: oneOf(ERROR_CODES),
    message: optional(str({ min: 0, max: 500 })),
    seat: optional(seatHolderSchema),
    /** With `LINE_TAKEN`: who is signed in on the extension. */
    line: optional(lineHolderSchema),
    /** With `RATE_LIMITED`: how long until the next attempt may be made. */
    retryAfterMs: optional(int({ min: 0, max: 24 * 60 * 60_000 })),
  }),
});
export type SignInReply = Infer<typeof signInReplySchema>;

/** `session:token`: a fresh resume token for the same session (for a reload or another tab). */
export const tokenReplySchema = union('ok', {
  true: object({ ok: literal(true), token: resumeTokenSchema }),
  false: errorReplySchema,
});
export type TokenReply = Infer<typeof tokenReplySchema>;

/**
 * `directory:list` (panel protocol 5): the signed-in agent's transfer targets — each extension of the
 * tenant with the agent signed in on it (account, display name, status), and the ring groups. The
 * agent's own extension is left out. Read when asked (a transfer dialog opens), never pushed.
 */
export const directoryEntrySchema = union('kind', {
  extension: object({
    kind: literal('extension'),
    extension,
    /** The agent signed in on it, if any, and their status id. */
    agent: optional(object({ account, name: optional(str({ min: 1, max: 64 })), statusId: str({ min: 1, max: 32 }) })),
  }),
  ringGroup: object({ kind: literal('ringGroup'), extension, name: str({ min: 1, max: 64 }) }),
});
export type DirectoryEntry = Infer<typeof directoryEntrySchema>;
export const directoryReplySchema = union('ok', {
  true: object({ ok: literal(true), entries: array(directoryEntrySchema, { max: 500 }) }),
  false: errorReplySchema,
});
export type DirectoryReply = Infer<typeof directoryReplySchema>;

/**
 * Every command may carry an id chosen by the panel; the server answers a repeated id (a command
 * retried after a reconnect) with the first answer instead of executing it again.
 */
export const commandIdSchema = str({ min: 8, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
export const commandMetaSchema = object({ commandId: optional(commandIdSchema) });
export type CommandMeta = Infer<typeof commandMetaSchema>;
/** `directory:list` carries nothing but the optional command id (a schema of its own for the spec). */
export const directoryRequestSchema = object({ commandId: optional(commandIdSchema) });

/**
 * Why the server ended a panel's session: `signedOut` — another panel of the session signed out;
 * `lineTakenOver` — another agent (`by`) signed in on the extension; `signedInElsewhere` — the agent
 * signed in with the password again (a fresh session), so this panel's session is over.
 */
export const SESSION_END_REASONS = ['signedOut', 'lineTakenOver', 'signedInElsewhere'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export const sessionEndedSchema = object({
  reason: oneOf(SESSION_END_REASONS),
  /** With `lineTakenOver`: the agent who took the extension over (a colleague of the same tenant). */
  by: optional(object({ account, name: optional(str({ min: 1, max: 64 })) })),
});
export type SessionEnded = Infer<typeof sessionEndedSchema>;

/** Sent to every panel before the server stops: reconnect (after about this long). */
export const shutdownNoticeSchema = object({ reconnectAfterMs: int({ min: 0, max: 600_000 }) });
export type ShutdownNotice = Infer<typeof shutdownNoticeSchema>;

// ---- typed event maps (socket.io generics) ------------------------------------------------

export type Ack<T = object> = (reply: Reply<T>) => void;

/** Panel → server: the commands of the command table (commands.ts), and the session requests. */
export interface PanelClientToServer extends PanelCommandEvents {
  'session:signIn': (req: SignInRequest, ack: (reply: SignInReply) => void) => void;
  /** Takes a signed-in session back after the connection dropped (never with the password). */
  'session:resume': (req: ResumeRequest, ack: (reply: SignInReply) => void) => void;
  /** A fresh resume token for this session (the panel keeps one for reload, pop-out, new tabs). */
  'session:token': (req: CommandMeta, ack: (reply: TokenReply) => void) => void;
  /** The signed-in agent's transfer targets (panel protocol 5); `NOT_SIGNED_IN` otherwise. */
  'directory:list': (req: CommandMeta, ack: (reply: DirectoryReply) => void) => void;
  /** Measures the round trip (diagnostics); answers `{ ok: true }`, signed in or not. */
  'server:ping': (req: object, ack: (reply: { ok: true }) => void) => void;
}
export interface PanelServerToClient {
  'server:hello': (hello: Hello) => void;
  'state:snapshot': (snapshot: Snapshot) => void;
  'session:ended': (event: SessionEnded) => void;
  'server:shutdown': (notice: ShutdownNotice) => void;
}

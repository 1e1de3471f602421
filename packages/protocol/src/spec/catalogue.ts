/**
 * Every message of both namespaces as data: its event, who sends it, its payload schema, its
 * acknowledgement (reply) and examples. The AsyncAPI document (./asyncapi.ts) and
 * docs/protocol.md (./markdown.ts) are both rendered from this list. Each namespace's table is
 * keyed by the events of its typed event map (messages.ts, device-messages.ts, commands.ts): an
 * event added there without an entry here does not compile.
 */
import { PANEL_COMMANDS, type PanelCommand } from '../commands.js';
import {
  commandSchema,
  deviceAuthSchema,
  deviceByeSchema,
  deviceHelloSchema,
  deviceReplySchema,
  deviceStateSchema,
  handshakeRefusalSchema,
} from '../device-messages.js';
import type { SoftphoneClientToServer, SoftphoneServerToClient } from '../device-messages.js';
import {
  commandIdSchema,
  commandMetaSchema,
  errorReplySchema,
  helloSchema,
  okReplySchema,
  PANEL_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  resumeRequestSchema,
  sessionEndedSchema,
  shutdownNoticeSchema,
  signInReplySchema,
  signInRequestSchema,
  snapshotSchema,
  tokenReplySchema,
  directoryReplySchema,
  directoryRequestSchema,
  type PanelClientToServer,
  type PanelServerToClient,
} from '../messages.js';
import { object, optional, union, type Schema } from '../schema.js';
import { specOf } from '../json-schema.js';
import * as ex from './examples.js';

export interface Payload {
  /** Its name among the document's schemas (`components.schemas`). */
  readonly name: string;
  readonly schema: Schema<unknown>;
  readonly examples: readonly unknown[];
}

export interface MessageEntry {
  /** The socket.io event name. */
  readonly event: string;
  /** `server`: the event server emits it; `client`: the panel or softphone does. */
  readonly from: 'server' | 'client';
  readonly summary: string;
  readonly description?: string;
  readonly payload: Payload;
  /** The acknowledgement the sender must ask for (socket.io ack callback), and what it carries. */
  readonly reply?: Payload;
}

type Entry = Omit<MessageEntry, 'event'>;
const entries = (table: Record<string, Entry>): MessageEntry[] => Object.entries(table).map(([event, e]) => ({ event, ...e }));

/** `{ ok: true }` or an error: the answer to every panel command. */
export const replySchema = union('ok', { true: okReplySchema, false: errorReplySchema });
const commandReply: Payload = { name: 'Reply', schema: replySchema, examples: ex.commandReplies };

const COMMAND_DOCS: { readonly [C in PanelCommand]: { readonly summary: string; readonly description?: string } } = {
  signOut: {
    summary: 'Sign the agent out.',
    description:
      'Sets the agent’s status to `logoff`, releases their seat, ends the session (its resume tokens stop working) and sends `session:ended` to the agent’s other panels. Refused `BUSY` while the line has a call (seed 002: no sign-out during a call — the call would go on with no panel following it). The payload is not checked: only `commandId` is read.',
  },
  setStatus: { summary: 'Change the agent’s status.', description: 'An id the tenant does not have is refused `INVALID_PAYLOAD`.' },
  setCallerId: {
    summary: 'Choose the caller ID of the agent’s calls for the session (通知番号選択欄), or `null` for 指定なし.',
    description:
      'Kept with the session and pushed in a new snapshot (`callerIdChoice`) to every panel of the agent, so a reload, a pop-out or a second tab shows the same choice; a new sign-in starts without one. A caller ID the account may not use is refused `NOT_ALLOWED`, and so is the request of a session that no longer acts for the line’s agent. A `call:dial` without `callerId` uses it. One the administrator withdraws later is left out of the snapshot and not used while withdrawn.',
  },
  dial: {
    summary: 'Place an outbound call from the line’s softphone.',
    description:
      'Refused `NOT_ALLOWED` for a hardphone or a caller ID the account may not use, `BUSY` while a call is not on hold; otherwise relayed to the softphone as `dial` with the caller ID resolved to a number. Without `callerId` the call presents the one chosen for the session (`agent:setCallerId`) while the account may use it, else the tenant’s default rule.',
  },
  answer: { summary: 'Answer a ringing call.' },
  hangup: { summary: 'Hang up a call.' },
  hold: { summary: 'Put a call on hold.' },
  unhold: { summary: 'Take a call off hold.' },
  park: { summary: 'Park a call (the customer waits on a park slot).' },
  transfer: { summary: 'Complete an attended transfer: connect the held call with consultation call `callId`.' },
  dtmf: { summary: 'Send keys during a call (`*`/`#` start the PBX’s transfers).' },
  viewing: {
    summary: 'Tell the server which record the agent is viewing (screen transfer), or `null`.',
    description:
      'Nothing is pushed to other panels: the record travels with a call this agent transfers. Refused `NOT_ALLOWED` if another agent is signed in on the line.',
  },
};

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A panel command's payload: its request and the optional `commandId`. */
function commandPayload(command: PanelCommand): Payload {
  const spec = specOf(PANEL_COMMANDS[command].request);
  if (spec.kind !== 'object') throw new TypeError(`${command}: a command request must be an object`);
  return { name: `${pascal(command)}Request`, schema: object({ ...spec.of, commandId: optional(commandIdSchema) }), examples: ex.commandRequests[command] };
}

const panelCommandEntries = (Object.keys(PANEL_COMMANDS) as PanelCommand[]).map((command): MessageEntry => ({
  event: PANEL_COMMANDS[command].event,
  from: 'client',
  ...COMMAND_DOCS[command],
  payload: commandPayload(command),
  reply: commandReply,
}));

type SessionEvent = Exclude<keyof PanelClientToServer, (typeof PANEL_COMMANDS)[PanelCommand]['event']>;

const panelRequests: { readonly [E in SessionEvent]: Entry } = {
  'session:signIn': {
    from: 'client',
    summary: 'Sign an agent in on an extension (and a seat).',
    description:
      'Answers the first snapshot and a resume token. An unknown `initialStatusId` falls back to the tenant’s first status. One agent per extension: another account signed in there (status not `logoff`) refuses it `LINE_TAKEN` with `line` (who, since when) unless `overwriteLine` is true; then that agent’s session ends and its panels get `session:ended { reason: "lineTakenOver", by }`. Every sign-in with the password starts a fresh session, and an agent has one, on one extension: the panels of the agent’s session before it — on this extension or another, where the agent is then `logoff` — get `session:ended { reason: "signedInElsewhere" }` and its tokens stop working (the agent’s other tabs join with `session:token` and `session:resume`, never the password).',
    payload: { name: 'SignInRequest', schema: signInRequestSchema, examples: ex.signInRequests },
    reply: { name: 'SignInReply', schema: signInReplySchema, examples: ex.signInReplies },
  },
  'session:resume': {
    from: 'client',
    summary: 'Take a signed-in session back after a reconnect, a reload or in another tab (never with the password).',
    description: 'Tokens are single-use: each use answers a fresh one.',
    payload: { name: 'ResumeRequest', schema: resumeRequestSchema, examples: ex.resumeRequests },
    reply: { name: 'SignInReply', schema: signInReplySchema, examples: ex.resumeReplies },
  },
  'session:token': {
    from: 'client',
    summary: 'Get a fresh resume token for this session (for a reload, a pop-out or another tab).',
    payload: { name: 'TokenRequest', schema: commandMetaSchema, examples: ex.tokenRequests },
    reply: { name: 'TokenReply', schema: tokenReplySchema, examples: ex.tokenReplies },
  },
  'directory:list': {
    from: 'client',
    summary:
      'The signed-in agent’s transfer targets (panel protocol 5): the tenant’s other extensions, with the agent signed in on each (account, name, status), and its ring groups.',
    description:
      'Read when asked (a transfer dialog opens), never pushed; at most 30 a minute per connection (`RATE_LIMITED`). Refused `NOT_SIGNED_IN` without a session. Only the agent’s own tenant is listed.',
    payload: { name: 'DirectoryRequest', schema: directoryRequestSchema, examples: ex.directoryRequests },
    reply: { name: 'DirectoryReply', schema: directoryReplySchema, examples: ex.directoryReplies },
  },
  'server:ping': {
    from: 'client',
    summary: 'Measure the round trip (diagnostics); answered `{ ok: true }`, signed in or not. The payload is not read.',
    payload: { name: 'PingRequest', schema: object({}), examples: ex.pingRequests },
    reply: { name: 'OkReply', schema: okReplySchema, examples: ex.pingReplies },
  },
};

const panelEvents: { readonly [E in keyof PanelServerToClient]: Entry } = {
  'server:hello': {
    from: 'server',
    summary: `Greets every panel connection: the panel protocol version (${PANEL_PROTOCOL_VERSION}) and the default statuses. A panel refuses a hello of another version.`,
    payload: { name: 'PanelHello', schema: helloSchema, examples: ex.panelHello },
  },
  'state:snapshot': {
    from: 'server',
    summary: 'The line’s complete state after every change (to every panel signed in on the line).',
    description:
      '`revision` grows with each change of the line: ignore a snapshot whose revision is not above the last one applied (after a reconnect, the snapshot in the sign-in or resume reply is the truth).',
    payload: { name: 'Snapshot', schema: snapshotSchema, examples: ex.snapshots },
  },
  'session:ended': {
    from: 'server',
    summary:
      'This panel’s session is over, and why: another panel of it signed out (`signedOut`), another agent took the extension over (`lineTakenOver`, `by` names them), or the agent signed in with the password again (`signedInElsewhere`).',
    description:
      'The panel is out of the line’s rooms; its commands are refused `NOT_SIGNED_IN` and its tokens `SESSION_EXPIRED`. Show the sign-in form with the reason.',
    payload: { name: 'SessionEnded', schema: sessionEndedSchema, examples: ex.sessionEnded },
  },
  'server:shutdown': {
    from: 'server',
    summary: 'The server is stopping: reconnect after about `reconnectAfterMs` and resume.',
    payload: { name: 'ShutdownNotice', schema: shutdownNoticeSchema, examples: ex.shutdownNotice },
  },
};

const softphoneEvents: { readonly [E in keyof SoftphoneServerToClient | keyof SoftphoneClientToServer]: Entry } = {
  'server:hello': {
    from: 'server',
    summary: 'Sent once, right after the handshake is accepted: whom the softphone is registered as, the server clock and the limits.',
    description: 'Estimate the server clock from it: offset = `serverTime` − local time at receipt.',
    payload: { name: 'DeviceHello', schema: deviceHelloSchema, examples: ex.deviceHello },
  },
  'device:state': {
    from: 'client',
    summary: 'The softphone’s complete call list: sent on connect and after every change (state sync, not deltas).',
    description:
      'An invalid state is dropped whole (logged by the server, not answered); the line keeps what it had. After a reconnect, the first `device:state` replaces the calls kept during the grace.',
    payload: { name: 'DeviceState', schema: deviceStateSchema, examples: ex.deviceStates },
  },
  'device:command': {
    from: 'server',
    summary: 'A command relayed from the agent’s panel, with an `id` (run at most once) and a `deadline` (server clock, ms).',
    description:
      'Handle it in this order: an invalid payload (an unknown `type`, a bad field) is answered `INVALID_PAYLOAD`; a repeated `id` (kept `limits.commandIdRetentionMs`) gets its first answer; past the deadline (by the estimated server clock) answer `EXPIRED` without running it; else run it. The `EXPIRED` or run answer is the id’s first answer.',
    payload: { name: 'DeviceCommand', schema: commandSchema, examples: ex.deviceCommands },
    reply: { name: 'DeviceReply', schema: deviceReplySchema, examples: ex.deviceReplies },
  },
  'server:bye': {
    from: 'server',
    summary: 'Why the server lets this softphone go, sent just before it disconnects it.',
    description:
      '`replaced` and `inUse`: the server then disconnects the namespace (Socket.IO clients do not reconnect): do not reconnect (`inUse`: not until the other softphone is gone). `shutdown`: the transport closes when the server stops (Socket.IO clients reconnect): reconnect after about `reconnectAfterMs`.',
    payload: { name: 'DeviceBye', schema: deviceByeSchema, examples: ex.deviceBye },
  },
};

export interface NamespaceEntry {
  readonly key: 'panel' | 'softphone';
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly messages: readonly MessageEntry[];
}

export const PANEL: NamespaceEntry = {
  key: 'panel',
  path: '/panel',
  title: 'Panel (browsers)',
  description:
    'The agent’s panel in Salesforce. The handshake carries no auth; its Origin must be allowed. A panel signs in with `session:signIn` (or resumes), then receives the line’s snapshots and sends commands.',
  messages: [...entries(panelEvents), ...entries(panelRequests), ...panelCommandEntries],
};

export const SOFTPHONE: NamespaceEntry = {
  key: 'softphone',
  path: '/softphone',
  title: 'Softphone (native clients)',
  description:
    'The BIZTEL softphone of one extension. The handshake `auth` signs it in (a native client’s Origin is not checked). It reports its complete state and runs the commands relayed from the agent’s panel.',
  messages: entries(softphoneEvents),
};

/** The handshake of `/softphone`: its `auth` and the `data` of a refusal. */
export const HANDSHAKE = {
  auth: { name: 'DeviceAuth', schema: deviceAuthSchema, examples: ex.deviceAuth } satisfies Payload,
  refusal: { name: 'HandshakeRefusal', schema: handshakeRefusalSchema, examples: ex.handshakeRefusals } satisfies Payload,
  /** The order the server checks a handshake in: the first failing check is the refusal. */
  order: [
    ['UNSUPPORTED_PROTOCOL', `\`auth.protocol\` is not ${PROTOCOL_VERSION} (or missing); \`data.supported\` lists the versions the server speaks.`],
    ['NOT_ALLOWED', 'A browser (it sends `Sec-Fetch-*` headers) from an origin not in the server’s ALLOWED_ORIGINS. Native clients are not checked.'],
    ['INVALID_PAYLOAD', '`auth` fails its schema.'],
    ['RATE_LIMITED', 'Too many failed sign-ins for the account, the address or the pair: slowed down, never locked; `data.retryAfterMs`.'],
    ['AUTH_FAILED', 'Password wrong, account unknown, or the extension is not the tenant’s.'],
    ['EXTENSION_IN_USE', 'Another account’s softphone holds the extension.'],
    ['INTERNAL', 'The server could not check the sign-in.'],
  ] as const,
};

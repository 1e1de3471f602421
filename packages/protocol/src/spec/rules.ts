/**
 * The protocol's rules that are not a message — transport, Origin, size, handshake, binding,
 * state sync, commands, reconnect grace, goodbyes, versions; the client-library notes, the
 * walkthrough and the softphone's behaviour per command (./client-notes.ts, ./behaviour.ts) — as Markdown prose for the AsyncAPI
 * document (`x-rules`) and docs/protocol.md. Numbers come from the code (the protocol version) or
 * from the hello example (the server's defaults, which every hello states for its own server).
 */
import { NAMESPACE, PANEL_PROTOCOL_VERSION, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '../messages.js';
import { SOFTPHONE_BEHAVIOUR } from './behaviour.js';
import { CLIENT_LIBRARIES, WALKTHROUGH } from './client-notes.js';
import { deviceHello } from './examples.js';

const L = deviceHello[0]!.limits;
const s = (ms: number) => `${ms / 1000} s`;

export const INTRO = [
  `The wire protocol between the BIZTEL event server, the agents' panels in Salesforce (namespace \`${NAMESPACE.panel}\`) and the BIZTEL softphones (namespace \`${NAMESPACE.softphone}\`). Each namespace has its own protocol version: \`${NAMESPACE.softphone}\` ${PROTOCOL_VERSION}, \`${NAMESPACE.panel}\` ${PANEL_PROTOCOL_VERSION} (see [Version policy](#version-policy)).`,
  'Every payload is JSON. Objects ignore (drop) keys they do not know, so a receiver accepts a newer sender’s additions; the keys `__proto__`, `constructor` and `prototype` are refused anywhere. String lengths are counted in UTF-16 code units (JavaScript’s `length`), patterns are JavaScript regular expressions.',
].join('\n\n');

export const RULES = {
  transport: [
    'Socket.IO v4 (Engine.IO protocol 4) over WebSocket (`wss://host/socket.io/?EIO=4&transport=websocket`); HTTP long-polling is served too, the panel uses WebSocket only.',
    `One namespace per role: \`${NAMESPACE.panel}\` for panels, \`${NAMESPACE.softphone}\` for softphones. Use a connection of its own (no multiplexing with another namespace). The URL is the server's origin, the Engine.IO path \`/socket.io\`, the namespace a Socket.IO one (not a URL path for every library: see [Client libraries](#client-libraries)); the default namespace \`/\` is refused (\`connect_error\` \`INVALID_PAYLOAD\`).`,
    `A message larger than ${L.maxMessageBytes} bytes as encoded (\`limits.maxMessageBytes\`) closes the sender's connection (WebSocket close 1009, polling 413).`,
  ].join('\n\n'),
  origin:
    'A `/panel` handshake must carry exactly one `Origin` header, an allowed one (the server’s ALLOWED_ORIGINS; a missing Origin is refused too, and two arrive as one value `a, b` that matches nothing): otherwise `connect_error` with message `ORIGIN_NOT_ALLOWED` and no `data`. That is the one refusal whose code is not an `ErrorCode`: the transport’s, before any protocol message. `/softphone` is authenticated by its `auth`: a native client may send any Origin, or none, and need not set one at all; a browser (it sends `Sec-Fetch-*` headers) must come from an allowed origin, else it is refused `NOT_ALLOWED` before its password is checked.',
  handshake:
    'A softphone connects to `/softphone` with the Socket.IO handshake `auth` `{ protocol, account, password, extension }`. `account` must be the account the agent signs in with on the panel (「OpenCTI のアカウントは、ソフトフォンのアカウントと一致する必要があります。」). A refused handshake is a Socket.IO `connect_error` whose `message` is the error code and whose `data` is `{ code, message, retryAfterMs?, supported? }` (`HandshakeRefusal`). The server checks in this order and refuses with the first failing check:',
  hello: `On acceptance the server emits \`server:hello\` once: \`protocol\`, \`serverVersion\`, \`serverTime\` (server clock, ms since the epoch), the \`account\` and \`extension\` the softphone is registered as, and \`limits\`. Keep to the limits of the hello you got, not to the defaults printed here (an operator sets the command timeout and the grace with COMMAND_TIMEOUT_MS and SOFTPHONE_GRACE_MS). Estimate the server clock: offset = \`serverTime\` − local time when the hello arrived.

The hello is sent once the server has recorded the connection, so it may arrive after the softphone's first \`device:state\` (sent on \`connect\`); the server applies that state all the same. Times are server clock: the call times a softphone puts in \`device:state\` (\`startedAt\`, \`answeredAt\`, \`heldAt\`, \`parkedAt\`, \`recallAt\`) are local time + the latest hello's offset, and a command's \`deadline\` is compared with local now + that offset. Before the first hello of a connection, keep the previous connection's offset (before any hello at all: 0, the local clock).`,
  binding: [
    'A line (extension) is held by one account’s softphone: connected, or dropped within its reconnect grace.',
    '',
    '- Another account’s softphone is refused `EXTENSION_IN_USE` in its handshake. If it races past that check, it gets `server:bye { reason: "inUse" }` and is disconnected.',
    '- The same account’s new softphone takes the line over: the older connection gets `server:bye { reason: "replaced" }` and is disconnected. It must not reconnect (it would take the line back from the new one).',
    '- A panel whose agent’s account differs from the softphone’s sees `snapshot.softphone = { running: false, state: "mismatch", account }`, no calls and no parked calls, and its call commands are refused `SOFTPHONE_MISMATCH`.',
  ].join('\n'),
  stateSync: `The softphone sends its complete state \`device:state { calls, parked }\` on every connect (also after a reconnect) and after every change: the whole list each time, never a delta. At most \`limits.maxCalls\` (${L.maxCalls}) calls and \`limits.maxParked\` (${L.maxParked}) parked calls. An invalid \`device:state\` is dropped whole and not answered (the server logs it); the line keeps its last valid state. The server sends each line's panels \`state:snapshot\` after every change, with a \`revision\` that grows; a panel ignores a snapshot whose revision is not above the last one it applied.`,
  commands: [
    `A panel's command is relayed to the softphone as \`device:command { type, id, deadline, … }\` with an acknowledgement. \`deadline\` is server clock (ms): the send time + \`limits.commandTimeoutMs\` (${L.commandTimeoutMs} ms).`,
    '',
    'The softphone handles each command in this order (our simulated softphone, server/src/simulator/softphone-client.ts, does exactly this):',
    '',
    '1. Validate the payload (`DeviceCommand`): an unknown `type` or a bad field is answered `{ ok: false, code: "INVALID_PAYLOAD" }`, not run and not recorded (a repeat is invalid again and gets the same answer).',
    `2. A repeated \`id\` (seen within \`limits.commandIdRetentionMs\`, ${s(L.commandIdRetentionMs)}) gets the id's first answer again, and is not run again.`,
    '3. Past its `deadline` (by the estimated server clock) it is answered `{ ok: false, code: "EXPIRED" }` and NOT run.',
    '4. Otherwise it is run and answered `{ ok: true }` or `{ ok: false, code, message? }`.',
    '',
    'The answer of step 3 or 4 is recorded as the id’s first answer: an id answered `EXPIRED` stays `EXPIRED`.',
    '',
    `- Each \`id\` is run at most once. The server derives the id from the panel's \`commandId\` (\`c-<hash>\`), so a panel's retry is always the same softphone id; commands without a \`commandId\` get \`s-<uuid>\`.`,
    '- Answer every command: `{ ok: true }` or `{ ok: false, code, message? }` (`DeviceReply`). An answer that does not match `DeviceReply` reaches the panel as `INTERNAL`.',
    `- No answer by the deadline: the panel gets \`RESULT_UNKNOWN\`. An answer up to 60 s later is still taken (logged \`device.lateAnswer\`) and replaces the stored answer of the panel's command id, so a retry with the same \`commandId\` learns the true outcome and never runs the command again. A softphone that disconnects before answering leaves the outcome unknown too: the panel gets \`RESULT_UNKNOWN\` at once.`,
  ].join('\n'),
  panelCommands: [
    'Every panel request is sent with a Socket.IO acknowledgement and answered exactly once through it; a request sent without one is ignored.',
    `Commands may carry a \`commandId\` (8–64 of \`A-Z a-z 0-9 _ -\`): the server keeps the first answer of each id for ${s(L.commandIdRetentionMs)} (per session and event) and answers a repeat with it instead of running the command again — also while the first is still running, and on another node. Retry a command whose answer was lost with the same \`commandId\`. A \`commandId\` that does not match its pattern is ignored (the command runs, without de-duplication).`,
    'Commands need a signed-in session (`NOT_SIGNED_IN`). Call commands are refused without asking the softphone when it cannot be reached: `SOFTPHONE_NOT_RUNNING`, `SOFTPHONE_RECONNECTING`, `SOFTPHONE_MISMATCH`; and `NO_SUCH_CALL` for a call that is not on the line.',
  ].join('\n\n'),
  reconnect: [
    `A softphone whose connection drops (transport close, ping timeout, server shutdown — not a deliberate disconnect) leaves the line \`reconnecting\` for \`limits.reconnectGraceMs\` (${s(L.reconnectGraceMs)}): \`snapshot.softphone = { running: false, state: "reconnecting", since, until }\`, calls and parked calls kept as last reported (stale), commands refused \`SOFTPHONE_RECONNECTING\`.`,
    '- When the same account’s softphone reconnects, the line stays `reconnecting` until its first `device:state`, which replaces the calls. If that state has not come when the grace ends, the stale calls are cleared and the line shows `stopped` until it does.',
    '- If the grace ends first, the line forgets the softphone: `state: "stopped"`, calls and parked calls cleared.',
    '- A deliberate quit is a namespace disconnect: the client sends the Socket.IO DISCONNECT packet for `/softphone` (`socket.disconnect()` in JavaScript) before the transport closes. The line is `stopped` at once, its calls cleared. A transport that closes without that packet (a crash, a network drop, or a library that closes the WebSocket before flushing it — see [Client libraries](#client-libraries)) is a drop: the grace applies.',
    '- Either way the panel never learns a real end time for those calls.',
    '',
    'Panels reconnect by themselves (Socket.IO) and take their session back with `session:resume` and their resume token; a token is single-use (each use answers a fresh one) and works while any panel of the session is connected, and for 10 minutes after the last one left (12 hours at most).',
  ].join('\n'),
  disconnect: [
    '`server:bye { reason }` is sent to a softphone just before the server lets it go. How the connection then ends, and what the softphone does:',
    '',
    '| Reason | The connection ends with | Socket.IO clients | The softphone |',
    '| --- | --- | --- | --- |',
    '| `replaced` (the same account connected another softphone for this extension) | a namespace disconnect by the server (DISCONNECT packet, then the transport closes; JavaScript reason `io server disconnect`) | do not reconnect (JavaScript, python-socketio) | Stops and does not reconnect: it would take the line back from the new one. Tells the user. |',
    '| `inUse` (another account’s softphone holds the extension) | a namespace disconnect by the server, as `replaced` | do not reconnect | Stops and tells the user; connects again only when the user asks. |',
    '| `shutdown` (with `reconnectAfterMs`; the server stops) | a transport close when the server closes (no DISCONNECT packet; JavaScript reason `transport close`) | reconnect by themselves | Lets the client reconnect, after about `reconnectAfterMs`, and sends `device:state` on connect as always. The line is `reconnecting` meanwhile. |',
    '',
    'A server that stops without a goodbye (a crash) is a transport close too: reconnect.',
    '',
    'Panels get `server:shutdown { reconnectAfterMs }` before the server stops, and `session:ended { reason }` when their session is over: `signedOut` (another panel of the session signed out), `lineTakenOver` (another agent confirmed taking the extension over; `by` names them) or `signedInElsewhere` (the agent signed in with the password again: a fresh session). The panel is let go: it must not resume, and shows the sign-in form with the reason.',
  ].join('\n'),
  ordering:
    'Socket.IO keeps the order of one connection’s messages. The server applies a softphone’s messages one after another in the order sent; each `device:state` replaces the one before. Acknowledgements may come in any order: match them by their callback, not by position.',
  versions: [
    `The namespaces are versioned separately (docs/decisions/0010-one-agent-per-line.md): a change only one kind of client sees moves only its namespace's version.`,
    '',
    `- \`${NAMESPACE.softphone}\`: \`protocol\` is ${PROTOCOL_VERSION}, sent in the handshake \`auth\`; the server also speaks ${SUPPORTED_PROTOCOL_VERSIONS.filter((v) => v !== PROTOCOL_VERSION).join(', ')}, and its \`server:hello\` answers in the version the handshake named. 1 was the unpublished protocol before this spec (softphones sent no version); 3 added the chat error \`wrongNumber\` (seed 004): a \`device:state\` carrying it from a softphone that spoke 2 is dropped as invalid. The server names the versions it speaks in an \`UNSUPPORTED_PROTOCOL\` refusal (\`supported\`).`,
    `- \`${NAMESPACE.panel}\`: \`server:hello\` says \`protocol\` ${PANEL_PROTOCOL_VERSION}; a panel refuses a hello of another version (it cannot start). 2 was shared with the softphone; 3 added one agent per extension (\`LINE_TAKEN\`, \`overwriteLine\`, \`SignInReply.line\`) and the \`session:ended\` reasons \`lineTakenOver\` and \`signedInElsewhere\`; 4 keeps the caller ID the agent chose with the session (\`agent:setCallerId\`, \`Snapshot.callerIdChoice\`, used by a \`call:dial\` that names none) and carries the chat error \`wrongNumber\` of softphone protocol 3. Panels and server ship together.`,
    '- `ErrorCode` lists the codes of both namespaces; `/softphone` messages (`HandshakeRefusal`, `DeviceReply`) take all but the panel’s `LINE_TAKEN`, so the softphone protocol is unchanged by panels 3 and 4.',
    '- Within a version, the server may add optional fields and new events: ignore what you do not know (objects drop unknown keys; an event without a listener is dropped).',
    '- Enumerations are closed: a receiver refuses a value it does not know (our schemas do). A new value of an enumeration (an error code, a call state, a reason), a field removed, renamed or made required, a limit narrowed or a meaning changed is a new protocol version.',
    '- A softphone answers only codes of `ErrorCode`; another code reaches the panel as `INTERNAL`.',
    '- The one code outside `ErrorCode` is `ORIGIN_NOT_ALLOWED`, the transport’s refusal of a `/panel` handshake (see [Connection](#connection)).',
  ].join('\n'),
  clients: CLIENT_LIBRARIES,
  walkthrough: WALKTHROUGH,
  behaviour: SOFTPHONE_BEHAVIOUR,
} as const;

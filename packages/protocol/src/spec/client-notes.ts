/**
 * What a softphone's author needs beyond the messages, as Markdown prose for docs/protocol.md and
 * the AsyncAPI document (`x-rules`): where to connect and how the common Socket.IO client libraries
 * (JavaScript's socket.io-client, Python's python-socketio) differ — namespaces, refused
 * handshakes, acknowledgements, quitting, Origin — and the step-by-step client walkthrough.
 */
import { NAMESPACE, PROTOCOL_VERSION } from '../messages.js';

const SP = NAMESPACE.softphone;

/** The codes of a refused handshake after which a client must not try again by itself. */
const FINAL_REFUSALS = '`UNSUPPORTED_PROTOCOL`, `NOT_ALLOWED`, `INVALID_PAYLOAD`, `AUTH_FAILED`, `EXTENSION_IN_USE`';

export const CLIENT_LIBRARIES = [
  `**Where to connect.** Three separate things: the URL is the server's origin (\`https://host:port\`, no path); the Engine.IO path is \`/socket.io\` (every client's default); the Socket.IO namespace is \`${SP}\` (or \`${NAMESPACE.panel}\`). The namespace is not part of the HTTP request: it travels in the Socket.IO CONNECT packet (\`40${SP},{…auth}\`). The server refuses the default namespace \`/\` (\`connect_error\` with message \`INVALID_PAYLOAD\`, "connect to the /panel or /softphone namespace").`,
  '',
  `- **JavaScript** (\`socket.io-client\`): the URL's path is the namespace: \`io(origin + "${SP}", { auth, transports: ["websocket"], forceNew: true })\`. A refusal is \`connect_error\` with \`err.message\` (the code) and \`err.data\`; an acknowledgement is the listener's last argument, a function to call with the answer.`,
  `- **Python** (\`python-socketio\`): the URL's path is ignored — \`http://host:port${SP}\` joins namespace \`/\` and is refused. Name the namespace: \`sio.connect(origin, namespaces=["${SP}"], auth=auth, transports=["websocket"])\`, and pass \`namespace="${SP}"\` to every \`sio.on\` and \`sio.emit\`. The \`connect_error\` handler gets \`{ "message": code, "data": HandshakeRefusal }\`; a \`device:command\` handler's return value is its acknowledgement.`,
  `- **Refused handshakes.** The JavaScript client does not retry a refused handshake by itself; python-socketio's reconnect loop does (until \`reconnection_attempts\`). Whatever the library: stop on ${FINAL_REFUSALS} and tell the user; on \`RATE_LIMITED\` wait \`data.retryAfterMs\` before the next attempt. With python-socketio that means \`reconnection=False\` and a reconnect loop of your own.`,
  `- **Quitting** is a namespace disconnect: the client sends the Socket.IO DISCONNECT packet for \`${SP}\` (\`41${SP},\`) before the transport closes (the server logs \`device.disconnected\` with reason \`client namespace disconnect\`), and the line is free at once. JavaScript's \`socket.disconnect()\` does. python-socketio 5.7's \`sio.disconnect()\` can close the WebSocket before that packet is flushed: the server then sees a transport close and holds the line \`reconnecting\` for the grace. Workaround: send the packet, let it flush, then close — \`sio._send_packet(sio.packet_class(socketio.packet.DISCONNECT, namespace="${SP}"))\`, \`time.sleep(0.2)\`, \`sio.disconnect()\`.`,
  '- **Origin.** A native softphone need not send an `Origin` header (`/softphone` checks it only for browsers). Do not add one through the library’s headers: some libraries (Python’s websocket-client) send their own, and two Origin headers are one invalid value.',
].join('\n');

export const WALKTHROUGH = [
  'What a softphone does, in order:',
  '',
  `1. Connect a Socket.IO v4 client, on a connection of its own, to the server's origin (Engine.IO path \`/socket.io\`) and namespace \`${SP}\`, with \`auth: { protocol: ${PROTOCOL_VERSION}, account, password, extension }\` (see [Client libraries](#client-libraries) for how your library takes the namespace).`,
  `2. On \`connect_error\`: read \`data.code\`. ${FINAL_REFUSALS}: stop and tell the user — do not retry (python-socketio's reconnect loop would: turn it off). \`RATE_LIMITED\`: wait \`data.retryAfterMs\`, then try again. \`INTERNAL\`: retry later.`,
  '3. On `connect`: send `device:state` with the complete call list (also after every reconnect). Its times are server clock: use the offset of the latest hello (on a reconnect, the previous connection’s until the new hello arrives).',
  '4. On `server:hello` (it may come after your first `device:state`): keep `limits`, and the clock offset = `serverTime` − local now.',
  '5. After every change of a call or a parked call: send `device:state` with the complete lists again (see [Softphone behaviour](#softphone-behaviour) for what each command must show).',
  '6. On `device:command` (with an acknowledgement), in this order: invalid payload (unknown `type`, bad field) → `INVALID_PAYLOAD`; an `id` seen within `limits.commandIdRetentionMs` → its first answer again; local now + offset > `deadline` → `{ ok: false, code: "EXPIRED" }`; else run it and answer `{ ok: true }` or `{ ok: false, code, message? }`. Record the answer of the last two steps as the id’s first answer.',
  '7. On `server:bye`: `replaced` or `inUse`: stop and do not reconnect (the server disconnects the namespace; Socket.IO clients do not reconnect from that). `shutdown`: let the client reconnect (the transport closes; after about `reconnectAfterMs`).',
  '8. Connection lost without a goodbye: let the client reconnect; the line keeps the calls for `limits.reconnectGraceMs`. Quitting: a namespace disconnect (`socket.disconnect()`; see [Client libraries](#client-libraries) for python-socketio) frees the line at once.',
].join('\n');

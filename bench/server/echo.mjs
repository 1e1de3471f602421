// The baseline of `npm run bench:server`: a raw socket.io server (the same socket.io as the event
// server) that relays exactly the bench's traffic with nothing else — no validation, no state, no
// sessions, no Origin check, no rooms. A panel "signs in" by naming its extension; a softphone
// connects with its extension in `auth`. The softphone's `device:state` goes to its panel as
// `state:snapshot`; a panel's `call:*` command goes to the softphone with `emitWithAck` and the
// answer comes back as the panel's ack. Prints `listening <url>`; exits when its parent goes.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((req, res) => res.writeHead(404).end());
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
/** extension → { panel, phone, revision } */
const lines = new Map();
const lineOf = (extension) => {
  let line = lines.get(extension);
  if (!line) lines.set(extension, (line = { panel: null, phone: null, revision: 0 }));
  return line;
};
const push = (line, state) => {
  line.revision += 1;
  line.panel?.emit('state:snapshot', { revision: line.revision, softphone: { running: line.phone !== null }, calls: state.calls, parked: state.parked });
};

io.of('/panel').on('connection', (socket) => {
  let line = null;
  socket.on('session:signIn', (req, ack) => {
    line = lineOf(String(req?.extension));
    line.panel = socket;
    ack({ ok: true, snapshot: { revision: line.revision, softphone: { running: line.phone !== null }, calls: [], parked: [] } });
  });
  for (const event of ['call:answer', 'call:hangup']) {
    socket.on(event, (req, ack) => {
      if (!line?.phone) return ack({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' });
      line.phone
        .timeout(5000)
        .emitWithAck('device:command', { type: event.slice(5), id: String(req?.commandId), callId: req?.callId })
        .then(ack, () => ack({ ok: false, code: 'TIMEOUT' }));
    });
  }
  socket.on('disconnect', () => {
    if (line?.panel === socket) line.panel = null;
  });
});

io.of('/softphone').on('connection', (socket) => {
  const line = lineOf(String(socket.handshake.auth?.extension));
  line.phone = socket;
  socket.on('device:state', (state) => push(line, state));
  socket.on('disconnect', () => {
    if (line.phone === socket) line.phone = null;
  });
});

http.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${http.address().port}\n`));

const quit = () => process.exit(0);
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.on('disconnect', quit);

// The attacker of `npm run bench:server`'s abuse rows (./abuse.mjs), a child process driven over
// IPC: one client floods one event-server node for `ms` milliseconds, as fast as its socket takes
// the messages, and starts over whenever the server lets its connection go (an attacker would).
//
// Floods (`kind`):
//   ping      `server:ping` from a panel connection that never signs in
//   setStatus `agent:setStatus` from a signed-in panel (each admitted one pushes a snapshot)
//   state     48 KB `device:state` from the agent's own softphone (its panel signed in, watching)
//   ack       60 KB acknowledgements nobody asked for, from a panel connection that never signs in
//   junk      60 KB events with an invented name from the agent's own softphone
//
// Message from the parent: flood {kind, url, origin, password, account, extension, ms};
// answers: flooded {sent, answered, limited, disconnects, snapshots}.
import { io } from 'socket.io-client';

/** Pauses the pump while this much is still unsent on the socket (the client's own memory). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const BATCH = 200;

const stats = { sent: 0, answered: 0, limited: 0, disconnects: 0, snapshots: 0 };

function connect(url, namespace, origin, auth) {
  return io(`${url}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin },
    ...(auth ? { auth } : {}),
  });
}

const buffered = (socket) => socket.io.engine?.transport?.ws?.bufferedAmount ?? 0;
const onAnswer = (reply) => {
  stats.answered += 1;
  if (reply?.code === 'RATE_LIMITED') stats.limited += 1;
};

/** A 48 KB state: one ringing call with 46 chat messages of 1,000 characters (within the 64 KiB limit). */
function bigState(n) {
  const text = 'x'.repeat(1000);
  const messages = Array.from({ length: 46 }, (_, i) => ({
    from: 'customer',
    kind: 'text',
    text: i === 0 ? `${n} ${text}`.slice(0, 1000) : text,
    at: 1_767_225_600_000,
  }));
  return {
    calls: [
      { id: `flood-${n}`, direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1_767_225_600_000, chat: { status: 'ok', messages } },
    ],
    parked: [],
  };
}

/** Sends `one()` in batches while the socket is connected and the deadline not passed. */
function pump(socket, deadline, one) {
  const step = () => {
    if (!socket.connected || performance.now() >= deadline) return;
    if (buffered(socket) < MAX_BUFFERED_BYTES) {
      for (let i = 0; i < BATCH; i++) one();
      stats.sent += BATCH;
    }
    setImmediate(step);
  };
  step();
}

const signIn = (panel, p) =>
  panel
    .timeout(10_000)
    .emitWithAck('session:signIn', { account: p.account, password: p.password, extension: p.extension, initialStatusId: 'available', hardphone: false });

/** One connection's flood; resolves when it is let go (or the deadline passed). */
async function round(p, deadline) {
  const sockets = [];
  const closed = new Promise((resolve) => {
    const open = (namespace, auth) => {
      const s = connect(p.url, namespace, p.origin, auth);
      sockets.push(s);
      s.on('disconnect', resolve);
      s.on('connect_error', resolve);
      return s;
    };
    if (p.kind === 'ping') {
      const panel = open('/panel');
      panel.on('connect', () => pump(panel, deadline, () => panel.emit('server:ping', {}, onAnswer)));
    } else if (p.kind === 'ack') {
      const panel = open('/panel');
      // Encoded once, written raw: socket.io's client never sends an ack nobody asked for.
      const ack = `3/panel,7[${Array(30_000).fill(0).join(',')}]`;
      panel.on('connect', () => pump(panel, deadline, () => panel.io.engine.write(ack)));
    } else if (p.kind === 'junk') {
      const phone = open('/softphone', { protocol: 2, account: p.account, password: p.password, extension: p.extension });
      const junk = `2/softphone,${JSON.stringify(['junk', 'x'.repeat(60_000)])}`;
      phone.on('server:hello', () => pump(phone, deadline, () => phone.io.engine.write(junk)));
    } else if (p.kind === 'setStatus') {
      const panel = open('/panel');
      let flip = false;
      panel.on('connect', async () => {
        const reply = await signIn(panel, p).catch(() => undefined);
        if (!reply?.ok) return resolve();
        pump(panel, deadline, () => {
          flip = !flip;
          panel.emit('agent:setStatus', { statusId: flip ? 'away' : 'available' }, onAnswer);
        });
      });
    } else {
      const panel = open('/panel');
      panel.on('state:snapshot', () => (stats.snapshots += 1));
      panel.on('connect', async () => {
        await signIn(panel, p).catch(() => undefined);
        const phone = open('/softphone', { protocol: 2, account: p.account, password: p.password, extension: p.extension });
        let n = 0;
        // Encoded once: the attacker's own JSON.stringify must not eat the machine's CPU.
        const states = [bigState(0), bigState(1)].map((s) => `2/softphone,${JSON.stringify(['device:state', s])}`);
        phone.on('server:hello', () => pump(phone, deadline, () => phone.io.engine.write(states[n++ % 2])));
      });
    }
    setTimeout(resolve, Math.max(0, deadline - performance.now()));
  });
  await closed;
  if (performance.now() < deadline) stats.disconnects += 1;
  for (const s of sockets) s.close();
}

process.on('message', async (message) => {
  if (message.type !== 'flood') return;
  const deadline = performance.now() + message.ms;
  while (performance.now() < deadline) {
    await round(message, deadline);
    await new Promise((resolve) => setTimeout(resolve, 10)); // a refused handshake must not spin
  }
  process.send?.({ type: 'flooded', ...stats });
});
process.on('disconnect', () => process.exit(0));

// A load generator of `npm run bench:server` (a child process driven over IPC by ./run.mjs).
// It plays agents `from`…`to`-1, each one panel connection (namespace /panel, signed in with
// `session:signIn`) and one softphone connection (/softphone, auth in the handshake), with raw
// socket.io-client over WebSocket only — no panel code, so the generator stays cheap.
//
// A call is ring → answer → hang up:
//   softphone emits device:state (ringing)      → panel gets state:snapshot with it   [fan-out]
//   panel emits call:answer (ack)               → softphone gets device:command, acks [command]
//   softphone emits device:state (talking)      → panel gets the snapshot             [fan-out]
//   panel emits call:hangup (ack)               → softphone acks                      [command]
//   softphone emits device:state (no calls)     → panel gets the snapshot             [fan-out]
// Three call events (fan-outs) and two commands per call. Both ends of an agent live in this
// process, so one clock (performance.now) times both kinds of relay.
//
// Messages from the parent: connect {panelUrl, phoneUrl, from, to, batch, origin, password},
// run {callEventsPerSec, warmupMs, windowMs, drainMs, ringMs, talkMs}, close.
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { accountOf, extensionOf } from './directory.mjs';

const send = (message) => process.send?.(message);
const agents = [];
let idle = [];
const counts = { disconnects: 0, commandErrors: {}, skippedStarts: 0 };
/** [start, latency] pairs, start on performance.now(). */
const fanout = [];
const command = [];
let running = false;
let commandSeq = 0;
let ringMs = 500;
let talkMs = 1000;

const later = (maxMs, fn) => setTimeout(fn, Math.random() * maxMs);

function onSnapshot(a, s) {
  if (a.ready && s?.softphone?.running) {
    const ready = a.ready;
    a.ready = null;
    ready();
  }
  const e = a.expect;
  if (!e || !Array.isArray(s?.calls)) return;
  const c = s.calls.find((x) => x.id === e.callId);
  if (e.state === 'ended' ? c !== undefined : c?.state !== e.state) return;
  a.expect = null;
  fanout.push(e.t, performance.now() - e.t);
  if (e.state === 'ringing') later(ringMs, () => sendCommand(a, 'answer'));
  else if (e.state === 'talking') later(talkMs, () => sendCommand(a, 'hangup'));
  else {
    a.call = null;
    idle.push(a);
  }
}

function report(a, state, calls) {
  a.expect = { state, callId: a.call.id, t: performance.now() };
  a.phone.emit('device:state', { calls, parked: [] });
}

function startCall(a) {
  a.seq += 1;
  a.call = { id: `c${a.i}x${a.seq}`, direction: 'inbound', state: 'ringing', remoteNumber: '09012345678', startedAt: Date.now() };
  report(a, 'ringing', [a.call]);
}

/** A failed command ends the call on the softphone, and the agent is free again afterwards. */
function abandon(a) {
  if (!a.call) return;
  report(a, 'ended', []);
}

function sendCommand(a, type) {
  if (!a.call) return;
  const t = performance.now();
  const commandId = `b${process.pid}_${(commandSeq += 1).toString(36).padStart(8, '0')}`;
  a.panel
    .timeout(10_000)
    .emitWithAck(`call:${type}`, { callId: a.call.id, commandId })
    .then(
      (reply) => {
        command.push(t, performance.now() - t);
        if (!reply?.ok) {
          const code = reply?.code ?? 'INVALID_REPLY';
          counts.commandErrors[code] = (counts.commandErrors[code] ?? 0) + 1;
          abandon(a);
        }
      },
      () => {
        counts.commandErrors.ACK_TIMEOUT = (counts.commandErrors.ACK_TIMEOUT ?? 0) + 1;
        abandon(a);
      },
    );
}

function onCommand(a, cmd, ack) {
  if (typeof ack !== 'function') return;
  if (!a.call || cmd?.callId !== a.call.id) return ack({ ok: false, code: 'NO_SUCH_CALL' });
  ack({ ok: true });
  if (cmd.type === 'answer') {
    a.call = { ...a.call, state: 'talking', answeredAt: Date.now() };
    report(a, 'talking', [a.call]);
  } else if (cmd.type === 'hangup') {
    report(a, 'ended', []);
  }
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', (error) => reject(new Error(`${socket.nsp} connect: ${error.message}`)));
  });
}

function within(ms, promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(
    () => clearTimeout(timer),
  );
}

async function connectAgent(i, { panelUrl, phoneUrl, origin, password }) {
  const a = { i, panel: null, phone: null, call: null, expect: null, seq: 0, ready: null };
  const account = accountOf(i);
  const extension = extensionOf(i);
  const options = { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 };
  a.panel = io(`${panelUrl}/panel`, { ...options, extraHeaders: { origin } });
  agents.push(a);
  const softphoneRunning = new Promise((resolve) => (a.ready = resolve));
  a.panel.on('state:snapshot', (s) => onSnapshot(a, s));
  await connected(a.panel);
  const reply = await a.panel.timeout(60_000).emitWithAck('session:signIn', { account, password, extension, initialStatusId: 'available', hardphone: false });
  if (!reply?.ok) throw new Error(`sign-in of ${account} refused: ${reply?.code}`);
  a.phone = io(`${phoneUrl}/softphone`, { ...options, auth: { protocol: 2, account, password, extension } });
  a.phone.on('connect', () => a.phone.emit('device:state', { calls: [], parked: [] }));
  a.phone.on('device:command', (cmd, ack) => onCommand(a, cmd, ack));
  await connected(a.phone);
  await within(60_000, softphoneRunning, `panel of ${account} never saw its softphone running`);
  for (const socket of [a.panel, a.phone]) socket.on('disconnect', () => running && (counts.disconnects += 1));
  idle.push(a);
}

async function connectAll(options) {
  const started = performance.now();
  const errors = [];
  for (let from = options.from; from < options.to; from += options.batch) {
    const batch = [];
    for (let i = from; i < Math.min(options.to, from + options.batch); i++)
      batch.push(connectAgent(i, options).catch((error) => errors.push(String(error.message ?? error))));
    await Promise.all(batch);
    send({ type: 'progress', connected: idle.length });
  }
  send({ type: 'connected', agents: idle.length, failed: errors.length, errors: [...new Set(errors)].slice(0, 5), ms: performance.now() - started });
}

async function run({ callEventsPerSec, warmupMs, windowMs, drainMs, ...delays }) {
  ringMs = delays.ringMs;
  talkMs = delays.talkMs;
  idle.sort(() => Math.random() - 0.5);
  const lag = monitorEventLoopDelay({ resolution: 5 });
  running = true;
  // A call carries three call events: starting calls at a third of the event rate gives the rate.
  const interval = 3000 / callEventsPerSec;
  const begin = performance.now();
  const windowStart = begin + warmupMs;
  const windowEnd = windowStart + windowMs;
  let next = begin;
  let offered = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= windowEnd) return resolve();
      if (now >= windowStart && !lag.enabled) lag.enable();
      while (next <= now) {
        const a = idle.pop();
        if (a) {
          startCall(a);
          if (next >= windowStart) offered += 1;
        } else if (next >= windowStart) counts.skippedStarts += 1;
        next += interval * (0.5 + Math.random()); // evenly spread, ±50 % jitter
      }
      setTimeout(tick, Math.max(0, Math.min(next, windowEnd) - performance.now()));
    };
    tick();
  });
  lag.disable();
  await new Promise((resolve) => setTimeout(resolve, drainMs));
  running = false;
  const inWindow = (pairs) => {
    const out = [];
    for (let k = 0; k < pairs.length; k += 2) if (pairs[k] >= windowStart && pairs[k] < windowEnd) out.push(pairs[k + 1]);
    return out;
  };
  /** The slowest relays with when they started (ms into the window): stalls show as clusters. */
  const slowest = (pairs, kind) => {
    const out = [];
    for (let k = 0; k < pairs.length; k += 2)
      if (pairs[k] >= windowStart && pairs[k] < windowEnd) out.push([Math.round(pairs[k] - windowStart), Math.round(pairs[k + 1] * 10) / 10, kind]);
    return out.sort((x, y) => y[1] - x[1]).slice(0, 10);
  };
  /** The worst relay (either kind) of each second of the window: a backlog shows as a slope. */
  const perSecond = Array.from({ length: Math.ceil((windowEnd - windowStart) / 1000) }, () => 0);
  for (const pairs of [fanout, command]) {
    for (let k = 0; k < pairs.length; k += 2) {
      if (pairs[k] < windowStart || pairs[k] >= windowEnd) continue;
      const sec = Math.floor((pairs[k] - windowStart) / 1000);
      perSecond[sec] = Math.max(perSecond[sec], Math.round(pairs[k + 1]));
    }
  }
  const lost = agents.filter((a) => a.expect && a.expect.t >= windowStart && a.expect.t < windowEnd).length;
  send({
    type: 'result',
    fanout: inWindow(fanout),
    command: inWindow(command),
    slowest: [...slowest(fanout, 'fan-out'), ...slowest(command, 'command')].sort((x, y) => y[1] - x[1]).slice(0, 10),
    worstPerSecond: perSecond,
    callsStarted: offered,
    lostFanouts: lost,
    ...counts,
    loopDelayP99Ms: lag.count > 0 ? lag.percentile(99) / 1e6 : 0,
    loopDelayMaxMs: lag.count > 0 ? lag.max / 1e6 : 0,
  });
}

process.on('message', (message) => {
  if (message.type === 'connect')
    connectAll(message).catch((error) => send({ type: 'connected', agents: idle.length, failed: -1, errors: [String(error)], ms: 0 }));
  else if (message.type === 'run') run(message).catch((error) => send({ type: 'result', error: String(error) }));
  else if (message.type === 'close') process.exit(0);
});
process.on('disconnect', () => process.exit(0));

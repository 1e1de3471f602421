// Abuse row of `npm run bench:server` (issue 14 §6), also runnable alone after `npm run build:server`:
//   node bench/server/abuse-sign-in.mjs
// A well-behaved agent's sign-in latency (panel connect excluded: `session:signIn` sent → reply)
// p50/p99, first on an idle node, then while 40 addresses send invented-account sign-ins as fast as
// they are answered. The node runs in a child process with real scrypt hashes (the demo directory)
// and the default sign-in limits and password-check queue; clients name their address through a
// trusted proxy's X-Forwarded-For. Figures are printed, never asserted.
//
// Environment: BENCH_ABUSE_ADDRESSES (40), BENCH_ABUSE_IN_FLIGHT (attempts in flight per address, 4),
// BENCH_ABUSE_SAMPLES (agent sign-ins per phase, 30).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { summary } from './summary.mjs';

const ORIGIN = 'https://bench--c.vf.force.com';
const ADDRESSES = Number(process.env.BENCH_ABUSE_ADDRESSES ?? '40');
const IN_FLIGHT = Number(process.env.BENCH_ABUSE_IN_FLIGHT ?? '4');
const SAMPLES = Number(process.env.BENCH_ABUSE_SAMPLES ?? '30');

/** The child: one event-server node on a free port; prints `listening <url>`. */
async function serveNode() {
  const { startEventNode } = await import('../../dist/server/event-node.js');
  const { demoDirectory } = await import('../../dist/server/config/directory.js');
  const node = await startEventNode({
    host: '127.0.0.1',
    port: 0,
    directory: demoDirectory,
    allowedOrigins: [ORIGIN],
    logger: { info() {}, warn() {}, error() {} },
    trustProxyHops: 1,
  });
  process.stdout.write(`listening ${node.url}\n`);
  process.on('disconnect', () => process.exit(0));
}

function startNode() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--node'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the node exited (${code})`)));
    child.stdout.on('data', (chunk) => {
      const url = /listening (\S+)/.exec(String(chunk))?.[1];
      if (url) resolve({ url, child });
    });
  });
}

function panel(url, address) {
  const socket = io(`${url}/panel`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin: ORIGIN, 'x-forwarded-for': address } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const signIn = (socket, account, password, extension) =>
  socket.timeout(60_000).emitWithAck('session:signIn', { account, password, extension, initialStatusId: 'available', hardphone: false });

/** The agent's sign-ins from its own address, one after another: each on a fresh panel, signed out after. */
async function agentSamples(url) {
  const samples = [];
  const refusals = {};
  for (let i = 0; i < SAMPLES; i++) {
    const socket = await panel(url, '198.51.100.200');
    const started = performance.now();
    const reply = await signIn(socket, 'agent01', 'biztel-demo', '1001').catch((e) => ({ ok: false, code: String(e.message) }));
    samples.push(performance.now() - started);
    if (!reply.ok) refusals[reply.code] = (refusals[reply.code] ?? 0) + 1;
    else await socket.timeout(10_000).emitWithAck('session:signOut', {}).catch(() => undefined);
    socket.close();
  }
  return { ...summary(samples), refusals };
}

/** Invented-account sign-ins from `ADDRESSES` addresses until `stop()`; counts the answers. */
async function attack(url) {
  const answers = {};
  let running = true;
  const sockets = await Promise.all(Array.from({ length: ADDRESSES }, (_, a) => panel(url, `10.66.${a >> 8}.${a & 255}`)));
  let n = 0;
  const loops = sockets.flatMap((socket) =>
    Array.from({ length: IN_FLIGHT }, async () => {
      while (running) {
        const k = n++;
        const reply = await signIn(socket, `ghost-${k}`, `guess-${k}`, '1001').catch(() => ({ ok: false, code: 'TIMEOUT' }));
        const code = reply.ok ? 'ok' : reply.code;
        answers[code] = (answers[code] ?? 0) + 1;
        // A refused attempt is answered at once: wait a little, like a client that honours retryAfterMs briefly.
        if (code === 'RATE_LIMITED') await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
      for (const s of sockets) s.close();
    },
  };
}

/** Runs both phases; resolves with the figures. */
export async function abuseSignIn() {
  const { url, child } = await startNode();
  try {
    const idle = await agentSamples(url);
    const flood = await attack(url);
    const started = performance.now();
    const underAbuse = await agentSamples(url);
    const seconds = (performance.now() - started) / 1000;
    await flood.stop();
    return { addresses: ADDRESSES, inFlightPerAddress: IN_FLIGHT, idle, underAbuse, attackAnswersPerSec: rates(flood.answers, seconds) };
  } finally {
    child.disconnect();
    child.kill('SIGTERM');
  }
}

const rates = (counts, seconds) => Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Math.round(v / seconds)]));

/** The row's lines for the report. */
export function abuseSignInLines(r) {
  const fmt = (s) => `p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms${Object.keys(s.refusals).length ? `, refused ${JSON.stringify(s.refusals)}` : ''}`;
  return [
    `abuse: sign-in flood — agent sign-in (${r.idle.n} samples) idle: ${fmt(r.idle)}`,
    `abuse: sign-in flood — the same while ${r.addresses} addresses × ${r.inFlightPerAddress} in flight send invented-account sign-ins: ${fmt(r.underAbuse)}; attackers answered per s ${JSON.stringify(r.attackAnswersPerSec)}`,
  ];
}

if (process.argv[2] === '--node') {
  await serveNode();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await abuseSignIn();
  for (const line of abuseSignInLines(result)) console.log(line);
  process.exit(0);
}

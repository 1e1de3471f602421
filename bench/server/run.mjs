// `npm run bench:server`: load benchmark of the event server (issue 6). Starts the built server
// as child processes — 1 node, then 2 nodes sharing Redis — next to a raw socket.io echo relay
// (the baseline), connects N agents (a panel and a softphone each) from two load-generator
// processes, places and answers calls at a fixed rate of call events for a fixed window, and prints
// one table: agents, achieved rates, relay latency p50/p95/p99 (fan-out and command round trip),
// CPU and RSS per node, the ratio against the echo relay, and the targets. Writes the run to
// bench/results/server-latest.json (full) or bench/results/server-quick.json (BENCH_QUICK=1).
//
// A benchmark, never a test: it asserts nothing about timings and exits 0 unless something broke.
// Loopback only; every child process is stopped on exit, errors and Ctrl-C.
//
// Environment: BENCH_QUICK=1 (200 and 1,000 agents, 5 s windows), BENCH_AGENTS=1000,10000 (the
// agent counts), BENCH_RATE (call events/s, default 200), BENCH_WINDOW_S, REDIS_URL (default
// redis://127.0.0.1:6379; started on a free port when none answers, skipped when that fails),
// BENCH_SETUPS=echo,1,2 (which setups: the echo relay, 1 node, 2 nodes + Redis), BENCH_CPU_PROF=<dir>
// (each server node writes a V8 CPU profile there: open it in Chrome DevTools or speedscope).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const QUICK = process.env.BENCH_QUICK === '1';
const RATE = Number(process.env.BENCH_RATE ?? 200);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? (QUICK ? 5 : 20)) * 1000;
const WARMUP_MS = QUICK ? 1500 : 3000;
const DRAIN_MS = 2000;
const RING_MS = 600; // the panel answers 0–600 ms after the ringing snapshot
const TALK_MS = 1200; // and hangs up 0–1,200 ms after the talking one
const ORIGIN = 'https://bench--c.vf.force.com';
const PASSWORD = `bench-${randomBytes(6).toString('hex')}`;
const LOADGENS = 2;
const CONNECT_BATCH = 250; // agents connecting at once, per load generator
const TARGET_P99_MS = 50;
const TARGET_RATIO = 1.5;
const TARGET_AGENTS = 10_000;
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const progress = (message) => process.stderr.write(`${message}\n`);
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const ms = (n) => (!Number.isFinite(n) ? '–' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));

// ---- child processes -------------------------------------------------------------------------

const children = new Set();

function spawnChild(file, env = {}) {
  // BENCH_CPU_PROF=<dir>: every server node writes a V8 CPU profile there when it stops.
  const prof = process.env.BENCH_CPU_PROF && file === 'node.mjs' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, join(HERE, file)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

function killAll() {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    progress(`\n${signal}: stopping the bench's processes`);
    killAll();
    process.exit(130);
  });
}

/** Starts a server child and resolves with its URL once it prints `listening <url>`. */
function startServer(file, env, name) {
  const child = spawnChild(file, env);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s`)), 30_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ name, child, url: m[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before listening`));
    });
  });
}

/** The next IPC message of `type` from a child (rejects if it exits first). */
function nextMessage(child, type, onOther = () => {}) {
  return new Promise((resolve, reject) => {
    const onMessage = (message) => {
      if (message.type !== type) return onOther(message);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code) => reject(new Error(`load generator exited (${code}) while waiting for "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

// ---- /proc -----------------------------------------------------------------------------------

function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return NaN;
  }
}

/** Busy jiffies of the whole machine (all cores): everything but idle and iowait. */
function machineBusyTicks() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = f.map(Number);
    return user + nice + system + irq + softirq + steal;
  } catch {
    return NaN;
  }
}

function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function openFilesLimit() {
  try {
    const m = /Max open files\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m && m[1] !== 'unlimited' ? Number(m[1]) : Infinity;
  } catch {
    return Infinity;
  }
}

/**
 * Machine stalls during `ms`: an idle 2 ms interval timer in this (otherwise idle) process; a late
 * tick means no core ran it (other load, the VM paused…), which delays every relay hop alike.
 */
function idleProbe(ms) {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    let maxMs = 0;
    let over10 = 0;
    let lostMs = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      const late = now - last - 2;
      last = now;
      if (late > maxMs) maxMs = late;
      if (late > 10) {
        over10 += 1;
        lostMs += late;
      }
      if (now - start >= ms) {
        clearInterval(timer);
        resolve({ maxMs: Math.round(maxMs), pausesOver10Ms: over10, lostMs: Math.round(lostMs) });
      }
    }, 2);
  });
}

// ---- statistics ------------------------------------------------------------------------------

const HISTOGRAM_MS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, Infinity];

function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
  const histogram = {};
  let k = 0;
  for (const bound of HISTOGRAM_MS) {
    let count = 0;
    while (k < sorted.length && sorted[k] <= bound) {
      count += 1;
      k += 1;
    }
    histogram[bound === Infinity ? '>5000' : `≤${bound}`] = count;
  }
  const round = (x) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(at(100)), histogramMs: histogram };
}

// ---- Redis -----------------------------------------------------------------------------------

async function redisPing(url) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    const version = /redis_version:(\S+)/.exec(info)?.[1];
    await client.close();
    return { pid: existsSync(`/proc/${pid}/stat`) ? pid : undefined, version };
  } catch {
    try {
      client.destroy();
    } catch {
      // never connected
    }
    return undefined;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** A Redis to use: REDIS_URL or the local one, else one started here; undefined when neither works. */
async function findRedis() {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const found = await redisPing(url);
  if (found) return { url, ...found, started: false };
  try {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.once('error', () => children.delete(child));
    const own = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = await redisPing(own);
      if (started) return { url: own, ...started, started: true, child };
    }
  } catch {
    // no redis-server
  }
  return undefined;
}

async function dropKeys(url, prefix) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    let cursor = '0';
    let dropped = 0;
    do {
      const [next, keys] = await client.sendCommand(['SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000']);
      cursor = String(next);
      if (keys.length) dropped += Number(await client.sendCommand(['UNLINK', ...keys]));
    } while (cursor !== '0');
    await client.close();
    return dropped;
  } catch {
    return 0;
  }
}

// ---- one scenario ----------------------------------------------------------------------------

async function scenario(setup, agents, redis) {
  const started = performance.now();
  const label = `${setup}, ${fmt(agents)} agents`;
  progress(`▸ ${label}: starting`);
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const servers = [];
  const gens = [];
  try {
    if (setup === 'echo') servers.push(await startServer('echo.mjs', {}, 'echo'));
    else if (setup === '1 node') servers.push(await startServer('node.mjs', { AGENTS: String(agents), BENCH_ORIGIN: ORIGIN, BENCH_PASSWORD: PASSWORD }, 'node'));
    else {
      const env = { AGENTS: String(agents), BENCH_ORIGIN: ORIGIN, BENCH_PASSWORD: PASSWORD, REDIS_URL: redis.url, REDIS_PREFIX: prefix };
      servers.push(...(await Promise.all([startServer('node.mjs', env, 'A'), startServer('node.mjs', env, 'B')])));
    }
    // 2 nodes: panels on A, softphones on B, so every command and every snapshot crosses Redis.
    const panelUrl = servers[0].url;
    const phoneUrl = servers.at(-1).url;

    for (let g = 0; g < LOADGENS; g++) gens.push(spawnChild('loadgen.mjs'));
    const share = Math.ceil(agents / LOADGENS);
    const connectedCounts = new Array(LOADGENS).fill(0);
    let lastShown = 0;
    const onProgress = (g) => (message) => {
      if (message.type !== 'progress') return;
      connectedCounts[g] = message.connected;
      const total = connectedCounts.reduce((a, b) => a + b, 0);
      if (total - lastShown >= 2000) {
        lastShown = total;
        progress(`  connected ${fmt(total)} / ${fmt(agents)}`);
      }
    };
    const rampStart = performance.now();
    const connects = gens.map((gen, g) => {
      const from = g * share;
      const to = Math.min(agents, from + share);
      const reply = nextMessage(gen, 'connected', onProgress(g));
      gen.send({ type: 'connect', panelUrl, phoneUrl, from, to, batch: CONNECT_BATCH, origin: ORIGIN, password: PASSWORD });
      return reply;
    });
    const connected = await Promise.all(connects);
    const rampMs = performance.now() - rampStart;
    const connectedAgents = connected.reduce((n, c) => n + c.agents, 0);
    const connectErrors = [...new Set(connected.flatMap((c) => c.errors))];
    progress(`  ${fmt(connectedAgents)} agents connected and signed in in ${(rampMs / 1000).toFixed(1)} s${connectErrors.length ? `; failures: ${connectErrors.join(' | ')}` : ''}`);
    // Settle: the ramp leaves work behind (disconnect-free, but queued Redis updates, GC of the
    // ramp's garbage); wait until every node is below 15 % of a core for a second (at most 30 s).
    const settleStart = performance.now();
    const settleTrace = [];
    for (let quiet = 0; quiet < 2 && performance.now() - settleStart < 30_000; ) {
      const t = servers.map((s) => cpuTicks(s.child.pid));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pct = servers.map((s, i) => Math.round(((cpuTicks(s.child.pid) - t[i]) / CLK_TCK / 0.5) * 100));
      settleTrace.push(pct);
      quiet = pct.every((p) => p < 15) ? quiet + 1 : 0;
    }
    const settleSeconds = Math.round((performance.now() - settleStart) / 100) / 10;
    progress(`  settled in ${settleSeconds} s (node CPU % per 0.5 s: ${settleTrace.map((p) => p.join('/')).join(' ')})`);
    const rssIdle = servers.map((s) => rssMB(s.child.pid));

    // Measure: CPU ticks of every process over the window (sampled here, on the same schedule).
    const procs = [...servers.map((s) => ({ name: s.name, pid: s.child.pid })), ...gens.map((g, i) => ({ name: `loadgen ${i + 1}`, pid: g.pid }))];
    if (redis?.pid && setup === '2 nodes + Redis') procs.push({ name: 'redis', pid: redis.pid });
    progress(`  running ${RATE} call events/s for ${(WARMUP_MS / 1000).toFixed(1)} s warm-up + ${WINDOW_MS / 1000} s measured`);
    const results = gens.map((gen) => nextMessage(gen, 'result'));
    const perGen = RATE * (connected[0].agents / Math.max(1, connectedAgents));
    gens.forEach((gen, g) =>
      gen.send({ type: 'run', callEventsPerSec: RATE * (connected[g].agents / Math.max(1, connectedAgents)) || perGen, warmupMs: WARMUP_MS, windowMs: WINDOW_MS, drainMs: DRAIN_MS, ringMs: RING_MS, talkMs: TALK_MS }),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const t0 = performance.now();
    const before = procs.map((p) => cpuTicks(p.pid));
    const machineBefore = machineBusyTicks();
    const selfBefore = process.cpuUsage();
    const stalls = await idleProbe(WINDOW_MS);
    const seconds = (performance.now() - t0) / 1000;
    const after = procs.map((p) => cpuTicks(p.pid));
    const machineAfter = machineBusyTicks();
    const self = process.cpuUsage(selfBefore);
    // What the rest of the machine used meanwhile (other people's builds, tests…), % of one core.
    const oursTicks = after.reduce((n, t, i) => n + (t - before[i]), 0) + ((self.user + self.system) / 1e6) * CLK_TCK;
    const otherCpuPct = Math.max(0, Math.round(((machineAfter - machineBefore - oursTicks) / CLK_TCK / seconds) * 10) / 10);
    const cpu = procs.map((p, i) => ({ name: p.name, cpuPct: Math.round(((after[i] - before[i]) / CLK_TCK / seconds) * 1000) / 10, rssMB: Math.round(rssMB(p.pid)) }));
    const measured = await Promise.all(results);
    const failed = measured.find((m) => m.error);
    if (failed) throw new Error(`load generator failed: ${failed.error}`);

    const windowS = WINDOW_MS / 1000;
    const fanout = summary(measured.flatMap((m) => m.fanout));
    const command = summary(measured.flatMap((m) => m.command));
    const commandErrors = {};
    for (const m of measured) for (const [code, n] of Object.entries(m.commandErrors)) commandErrors[code] = (commandErrors[code] ?? 0) + n;
    const result = {
      setup,
      agents: connectedAgents,
      agentsAsked: agents,
      connectFailures: connected.reduce((n, c) => n + Math.max(0, c.failed), 0),
      connectErrors,
      rampSeconds: Math.round(rampMs / 100) / 10,
      settleSeconds,
      callsStarted: measured.reduce((n, m) => n + m.callsStarted, 0),
      callEventsPerSec: Math.round((fanout.n / windowS) * 10) / 10,
      commandsPerSec: Math.round((command.n / windowS) * 10) / 10,
      fanoutMs: fanout,
      commandMs: command,
      lostFanouts: measured.reduce((n, m) => n + m.lostFanouts, 0),
      skippedStarts: measured.reduce((n, m) => n + m.skippedStarts, 0),
      disconnects: measured.reduce((n, m) => n + m.disconnects, 0),
      commandErrors,
      nodes: cpu.filter((c) => servers.some((s) => s.name === c.name)).map((c, i) => ({ ...c, rssAfterRampMB: Math.round(rssIdle[i]) })),
      loadgens: cpu.filter((c) => c.name.startsWith('loadgen')).map((c, i) => ({ ...c, loopDelayP99Ms: Math.round(measured[i].loopDelayP99Ms * 10) / 10, loopDelayMaxMs: Math.round(measured[i].loopDelayMaxMs * 10) / 10 })),
      redis: cpu.find((c) => c.name === 'redis'),
      otherCpuPct,
      stalls,
      worstMsPerSecond: measured[0].worstPerSecond.map((_, k) => Math.max(...measured.map((m) => m.worstPerSecond[k] ?? 0))),
      slowestMs: measured.flatMap((m) => m.slowest).sort((x, y) => y[1] - x[1]).slice(0, 10).map(([atMs, ms, kind]) => ({ atMs, ms, kind })),
      loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    progress(
      `  ${result.callEventsPerSec} call events/s, ${result.commandsPerSec} commands/s; fan-out p50/p99 ${ms(fanout.p50)}/${ms(fanout.p99)} ms, command p50/p99 ${ms(command.p50)}/${ms(command.p99)} ms; ` +
        `CPU ${result.nodes.map((n) => `${n.name} ${n.cpuPct} %`).join(', ')}; loadgens ${result.loadgens.map((l) => `${l.cpuPct} %`).join(', ')}${result.redis ? `; redis ${result.redis.cpuPct} %` : ''} ; other processes ${otherCpuPct} %, longest stall of an idle probe ${stalls.maxMs} ms (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    return result;
  } finally {
    await Promise.all([...gens, ...servers.map((s) => s.child)].map(stop));
    if (setup === '2 nodes + Redis' && redis) await dropKeys(redis.url, prefix);
  }
}

// ---- report ----------------------------------------------------------------------------------

function verdicts(rows, ratioN, p99N) {
  for (const r of rows) {
    const echo = rows.find((e) => e.setup === 'echo' && e.agentsAsked === r.agentsAsked);
    r.ratio = echo && r.setup !== 'echo'
      ? {
          fanoutP50: Math.round((r.fanoutMs.p50 / echo.fanoutMs.p50) * 100) / 100,
          fanoutP99: Math.round((r.fanoutMs.p99 / echo.fanoutMs.p99) * 100) / 100,
          commandP50: Math.round((r.commandMs.p50 / echo.commandMs.p50) * 100) / 100,
          commandP99: Math.round((r.commandMs.p99 / echo.commandMs.p99) * 100) / 100,
        }
      : undefined;
    const rateOk = r.callEventsPerSec >= RATE * 0.95 && r.lostFanouts === 0 && Object.keys(r.commandErrors).length === 0;
    const targets = [];
    r.targetsMet = {};
    if (r.setup === '1 node' && r.agentsAsked === ratioN && r.ratio) {
      const worst = Math.max(...Object.values(r.ratio));
      r.targetsMet.ratioVsEcho = rateOk && worst <= TARGET_RATIO;
      targets.push(`≤ ${TARGET_RATIO}× echo: ${r.targetsMet.ratioVsEcho ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×)${r.agents !== 1000 ? ` at ${fmt(r.agents)}, not 1,000 agents` : ''}`);
    }
    if (r.setup === '1 node' && r.agentsAsked === p99N) {
      r.targetsMet.p99 = rateOk && r.fanoutMs.p99 <= TARGET_P99_MS && r.commandMs.p99 <= TARGET_P99_MS;
      targets.push(`p99 ≤ ${TARGET_P99_MS} ms at ${RATE}/s: ${r.targetsMet.p99 ? 'met' : 'NOT met'}${r.agents < TARGET_AGENTS ? ` at ${fmt(r.agents)}, not ${fmt(TARGET_AGENTS)} agents` : ''}`);
    }
    if (r.setup === 'echo') targets.push('baseline');
    if (targets.length === 0) targets.push(`none (p99 ${Math.max(r.fanoutMs.p99, r.commandMs.p99) <= TARGET_P99_MS ? '≤' : '>'} ${TARGET_P99_MS} ms)`);
    r.target = targets.join('; ');
  }
}

function table(rows) {
  const header = ['setup', 'agents', 'call events/s', 'commands/s', 'fan-out p50 / p95 / p99 ms', 'command p50 / p95 / p99 ms', 'CPU % per node', 'RSS MB per node', 'noise: others CPU % · stall ms', 'vs echo p50 / p99 (fan-out · command)', 'target'];
  const lines = rows.map((r) => [
    r.setup,
    fmt(r.agents),
    fmt(r.callEventsPerSec, 1),
    fmt(r.commandsPerSec, 1),
    `${ms(r.fanoutMs.p50)} / ${ms(r.fanoutMs.p95)} / ${ms(r.fanoutMs.p99)}`,
    `${ms(r.commandMs.p50)} / ${ms(r.commandMs.p95)} / ${ms(r.commandMs.p99)}`,
    r.nodes.map((n) => (r.nodes.length > 1 ? `${n.name} ${fmt(n.cpuPct)}` : fmt(n.cpuPct))).join(' · '),
    r.nodes.map((n) => (r.nodes.length > 1 ? `${n.name} ${fmt(n.rssMB)}` : fmt(n.rssMB))).join(' · '),
    `${fmt(r.otherCpuPct)} · ${fmt(r.stalls.maxMs)}`,
    r.ratio ? `${r.ratio.fanoutP50.toFixed(2)}× / ${r.ratio.fanoutP99.toFixed(2)}× · ${r.ratio.commandP50.toFixed(2)}× / ${r.ratio.commandP99.toFixed(2)}×` : '–',
    r.target,
  ]);
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)];
  return out.join('\n');
}

// ---- main ------------------------------------------------------------------------------------

async function main() {
  const benchStarted = performance.now();
  if (!existsSync(join(ROOT, 'dist/server/event-node.js'))) throw new Error('dist/server is missing: run `npm run build:server` (npm run bench:server does)');
  const fdLimit = openFilesLimit();
  // One node holds two server sockets per agent (panel + softphone), plus its own files.
  const maxOnOneNode = Math.floor((fdLimit - 200) / 2 / 100) * 100;
  const asked = (process.env.BENCH_AGENTS ? process.env.BENCH_AGENTS.split(',').map(Number) : QUICK ? [200, 1000] : [1000, TARGET_AGENTS]).filter((n) => n > 0);
  const counts = asked.map((n) => Math.min(n, maxOnOneNode));
  const notes = [];
  if (counts.some((n, i) => n < asked[i])) {
    notes.push(
      `open-files limit ${fmt(fdLimit)} per process (ulimit -n; the hard limit cannot be raised here): one node serving N agents holds 2N sockets, so N is capped at ${fmt(maxOnOneNode)} (asked ${asked.filter((n) => n > maxOnOneNode).map((n) => fmt(n)).join(', ')}). Raise \`ulimit -n\` to run ${fmt(Math.max(...asked))}.`,
    );
  }
  const redis = await findRedis();
  if (!redis) notes.push('2 nodes + Redis skipped: no Redis answered at REDIS_URL / 127.0.0.1:6379 and redis-server could not be started.');
  progress(`bench:server — ${QUICK ? 'quick' : 'full'} run on ${cpus().length} cores, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; agents ${counts.map((n) => fmt(n)).join(', ')}; ${RATE} call events/s; Redis ${redis ? `${redis.url}${redis.started ? ' (started for this run)' : ''}` : 'unavailable'}`);

  const setups = (process.env.BENCH_SETUPS ?? 'echo,1,2').split(',');
  const rows = [];
  for (const n of counts) {
    if (setups.includes('echo')) rows.push(await scenario('echo', n));
    if (setups.includes('1')) rows.push(await scenario('1 node', n));
    if (setups.includes('2') && redis) rows.push(await scenario('2 nodes + Redis', n, redis));
  }
  // The ratio target is set at 1,000 agents, the p99 target at 10,000 (or the largest count run).
  verdicts(rows, counts.includes(1000) ? 1000 : counts[0], counts.at(-1));

  const seconds = Math.round((performance.now() - benchStarted) / 1000);
  const problems = rows.filter((r) => r.connectFailures || r.lostFanouts || r.disconnects || r.skippedStarts || Object.keys(r.commandErrors).length);
  for (const r of problems) {
    notes.push(
      `${r.setup}, ${fmt(r.agents)} agents: ${[
        r.connectFailures && `${r.connectFailures} agent(s) failed to connect (${r.connectErrors.join(' | ')})`,
        r.lostFanouts && `${r.lostFanouts} call events never reached the panel`,
        r.disconnects && `${r.disconnects} connections dropped during the run`,
        r.skippedStarts && `${r.skippedStarts} calls not started (no idle agent)`,
        Object.keys(r.commandErrors).length && `command errors ${JSON.stringify(r.commandErrors)}`,
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  if (problems.some((r) => r.connectErrors.some((e) => e.includes('INTERNAL')))) notes.push('INTERNAL refusals: rerun with BENCH_NODE_LOG=error to see the nodes\' errors on stderr.');
  const busyGens = rows.filter((r) => r.loadgens.some((l) => l.cpuPct > 80));
  if (busyGens.length) notes.push(`load generators above 80 % CPU in: ${busyGens.map((r) => `${r.setup} ${fmt(r.agents)}`).join(', ')} — their queueing is part of those latencies`);

  console.log(`\nbench:server — ${QUICK ? 'quick' : 'full'} run, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${seconds} s\n`);
  console.log(table(rows));
  console.log(`
call events/s: snapshots reaching the panel (3 per call: ringing, talking, ended) over the ${WINDOW_MS / 1000} s window; commands/s: call:answer + call:hangup acks (2 per call).
fan-out: softphone emits device:state → its panel receives the state:snapshot showing it. command: panel emits call:answer/call:hangup →
  server relays device:command to the softphone → softphone acks → the panel's ack arrives. Both ends in one load-generator process (one clock).
echo: a raw socket.io relay (same socket.io ${socketIoVersion()}, WebSocket) doing only that forwarding — no validation, state, sessions or rooms.
2 nodes + Redis: panels on node A, softphones on node B, so every relay crosses the Redis adapter and every line update is a Redis compare-and-set.
CPU: utime+stime from /proc over the window, % of one core (the machine has ${cpus().length}); RSS: VmRSS at the end of the window.
noise: CPU the rest of the machine used during the window (not the bench's processes or Redis), % of one core, and the longest
  pause an idle timer in the bench's parent process saw (a 2 ms interval; the machine itself stalled). Each relay hop is a process
  wake-up: a busy machine or a stall of 100 ms shows up in p99 whatever the server does, so compare rows with little noise.
Sign-in cost is excluded: the bench nodes check passwords with a plain constant-time compare instead of scrypt (≈ 40 ms each);
  sign-in is measured by \`npm run bench\` (66 ms incl. 40 ms scrypt). Everything runs on loopback on this one machine (load generators included).`);
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);

  const custom = ['BENCH_AGENTS', 'BENCH_RATE', 'BENCH_WINDOW_S', 'BENCH_SETUPS'].some((k) => process.env[k]);
  const file = join(ROOT, 'bench/results', custom ? 'server-custom.json' : QUICK ? 'server-quick.json' : 'server-latest.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        kind: 'bench:server',
        timestamp: new Date().toISOString(),
        quick: QUICK,
        seconds,
        commit: gitCommit(),
        machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim(), memoryMB: Math.round(totalmem() / 2 ** 20), node: process.version, kernel: release(), openFilesLimit: fdLimit, loadavgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100), socketIo: socketIoVersion(), redis: redis?.version },
        config: { callEventsPerSec: RATE, windowMs: WINDOW_MS, warmupMs: WARMUP_MS, drainMs: DRAIN_MS, ringMs: RING_MS, talkMs: TALK_MS, loadGenerators: LOADGENS, connectBatchPerLoadGenerator: CONNECT_BATCH, passwordCheck: 'plain constant-time compare (scrypt excluded)' },
        targets: { oneNodeAgents: TARGET_AGENTS, p99Ms: TARGET_P99_MS, ratioVsEcho: TARGET_RATIO },
        notes,
        scenarios: rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults: ${file.slice(ROOT.length + 1)}`);
}

function socketIoVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules/socket.io/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (error) => {
    progress(`bench:server failed: ${error?.stack ?? error}`);
    killAll();
    process.exit(1);
  },
);

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
// BENCH_SETUPS=echo,1,2,abuse,abuse-sign-in (which setups: the echo relay, 1 node, 2 nodes + Redis,
// the flood rows of ./abuse.mjs — a well-behaved agent's round trip while one client floods a node —
// and the sign-in flood of abuse-sign-in.mjs; BENCH_SETUPS=abuse runs only the flood rows),
// BENCH_ABUSE_LIMITS=off (the flood rows without the per-connection budgets), BENCH_CPU_PROF=<dir>
// (each server node writes a V8 CPU profile there: open it in Chrome DevTools or speedscope).
//
// Modules beside it: config (settings and targets), format (output helpers), processes (child
// processes), proc-stats (/proc readings, stall probe), summary (latency statistics), redis,
// scenario (one setup × agent count), report (verdicts, table, legend), results-file (the JSON).
// abuse (the flood rows). The child scripts: node.mjs (an event-server node), echo.mjs (the echo
// relay), loadgen.mjs, flooder.mjs (the abuse rows' attacker).
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { QUICK, RATE, ROOT, TARGET_AGENTS } from './config.mjs';
import { fmt, progress } from './format.mjs';
import { openFilesLimit } from './proc-stats.mjs';
import { killAll, stopChildrenOnExit } from './processes.mjs';
import { findRedis } from './redis.mjs';
import { addProblemNotes, printReport, verdicts } from './report.mjs';
import { writeResults } from './results-file.mjs';
import { abuseRows, printAbuse } from './abuse.mjs';
import { scenario } from './scenario.mjs';
import { abuseSignIn, abuseSignInLines } from './abuse-sign-in.mjs';

stopChildrenOnExit();

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
      `open-files limit ${fmt(fdLimit)} per process (ulimit -n; the hard limit cannot be raised here): one node serving N agents holds 2N sockets, so N is capped at ${fmt(maxOnOneNode)} (asked ${asked
        .filter((n) => n > maxOnOneNode)
        .map((n) => fmt(n))
        .join(', ')}). Raise \`ulimit -n\` to run ${fmt(Math.max(...asked))}.`,
    );
  }
  const redis = await findRedis();
  if (!redis) notes.push('2 nodes + Redis skipped: no Redis answered at REDIS_URL / 127.0.0.1:6379 and redis-server could not be started.');
  progress(
    `bench:server — ${QUICK ? 'quick' : 'full'} run on ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )}; agents ${counts.map((n) => fmt(n)).join(', ')}; ${RATE} call events/s; Redis ${redis ? `${redis.url}${redis.started ? ' (started for this run)' : ''}` : 'unavailable'}`,
  );

  const setups = (process.env.BENCH_SETUPS ?? 'echo,1,2,abuse,abuse-sign-in').split(',');
  const rows = [];
  for (const n of setups.some((s) => ['echo', '1', '2'].includes(s)) ? counts : []) {
    if (setups.includes('echo')) rows.push(await scenario('echo', n));
    if (setups.includes('1')) rows.push(await scenario('1 node', n));
    if (setups.includes('2') && redis) rows.push(await scenario('2 nodes + Redis', n, redis));
  }
  // Abuse row (issue 14 §6): an agent's sign-in latency while 40 addresses flood sign-ins; figures only.
  if (setups.includes('abuse-sign-in')) {
    progress('▸ abuse: sign-in flood from 40 addresses');
    notes.push(...abuseSignInLines(await abuseSignIn()));
  }
  // The ratio target is set at 1,000 agents, the p99 target at 10,000 (or the largest count run).
  verdicts(rows, counts.includes(1000) ? 1000 : counts[0], counts.at(-1));
  const abuse = setups.includes('abuse') ? await abuseRows() : [];

  const seconds = Math.round((performance.now() - benchStarted) / 1000);
  addProblemNotes(rows, notes);
  if (rows.length > 0) printReport(rows, notes, seconds);
  else for (const note of notes) console.log(note);
  printAbuse(abuse);
  writeResults({ rows, abuse, notes, seconds, fdLimit, redis });
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

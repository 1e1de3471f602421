// The results file of `npm run bench:server`: bench/results/server-latest.json (full run),
// server-quick.json (BENCH_QUICK=1) or server-custom.json (agents, rate, window or setups chosen),
// with the machine, the commit and the configuration beside every scenario's figures.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CONNECT_BATCH,
  DRAIN_MS,
  LOADGENS,
  QUICK,
  RATE,
  RING_MS,
  ROOT,
  TALK_MS,
  TARGET_AGENTS,
  TARGET_P99_MS,
  TARGET_RATIO,
  TARGET_FANOUT_P50_RATIO,
  TARGET_NODES_P99_RATIO,
  WARMUP_MS,
  WINDOW_MS,
} from './config.mjs';

/** Writes the run to its results file and prints where. */
export function writeResults({ rows, abuse = [], notes, seconds, fdLimit, redis }) {
  const custom = ['BENCH_AGENTS', 'BENCH_RATE', 'BENCH_WINDOW_S', 'BENCH_SETUPS', 'BENCH_ABUSE_LIMITS'].some((k) => process.env[k]);
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
        machine: {
          cores: cpus().length,
          cpu: cpus()[0]?.model.trim(),
          memoryMB: Math.round(totalmem() / 2 ** 20),
          node: process.version,
          kernel: release(),
          openFilesLimit: fdLimit,
          loadavgAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
          socketIo: socketIoVersion(),
          redis: redis?.version,
        },
        config: {
          callEventsPerSec: RATE,
          windowMs: WINDOW_MS,
          warmupMs: WARMUP_MS,
          drainMs: DRAIN_MS,
          ringMs: RING_MS,
          talkMs: TALK_MS,
          loadGenerators: LOADGENS,
          connectBatchPerLoadGenerator: CONNECT_BATCH,
          passwordCheck: 'plain constant-time compare (scrypt excluded)',
        },
        targets: {
          oneNodeAgents: TARGET_AGENTS,
          p99Ms: TARGET_P99_MS,
          ratioVsEcho: TARGET_RATIO,
          fanoutP50VsEcho: TARGET_FANOUT_P50_RATIO,
          nodesVsOneP99: TARGET_NODES_P99_RATIO,
        },
        notes,
        scenarios: rows,
        abuse,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nresults: ${file.slice(ROOT.length + 1)}`);
}

/** The version of socket.io installed (the echo relay and the nodes both use it). */
export function socketIoVersion() {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules/socket.io/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** The short commit the bench ran on, if git answers. */
export function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

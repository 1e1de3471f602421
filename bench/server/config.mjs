// Settings of `npm run bench:server`: the paths, what the environment asks for (BENCH_QUICK,
// BENCH_RATE, BENCH_WINDOW_S), the timings of a call, the load generators' shape and the targets.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '../..');
export const QUICK = process.env.BENCH_QUICK === '1';
export const RATE = Number(process.env.BENCH_RATE ?? 200);
export const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? (QUICK ? 5 : 20)) * 1000;
export const WARMUP_MS = QUICK ? 1500 : 3000;
export const DRAIN_MS = 2000;
export const RING_MS = 600; // the panel answers 0–600 ms after the ringing snapshot
export const TALK_MS = 1200; // and hangs up 0–1,200 ms after the talking one
export const ORIGIN = 'https://bench--c.vf.force.com';
export const PASSWORD = `bench-${randomBytes(6).toString('hex')}`;
export const LOADGENS = 2;
export const CONNECT_BATCH = 250; // agents connecting at once, per load generator
export const TARGET_P99_MS = 50;
export const TARGET_RATIO = 1.5;
/** Issue 17: the fan-out p50 within 1.3× the echo relay's (1,000 agents). */
export const TARGET_FANOUT_P50_RATIO = 1.3;
/** Issue 17: 2 nodes + Redis within 3× one node's fan-out p99 (the largest agent count). */
export const TARGET_NODES_P99_RATIO = 3;
export const TARGET_AGENTS = 10_000;

// One event-server node for `npm run bench:server`, as its own process so its CPU and memory can be
// read from /proc. It runs the built server (dist/, `npm run build:server`) with a generated
// directory: one tenant with AGENTS accounts and AGENTS extensions. Passwords are compared as
// plain strings in constant time instead of scrypt (≈ 40 ms per check), so the ramp-up of
// thousands of sign-ins takes seconds; sign-in cost is measured by `npm run bench` instead.
//
// Environment: AGENTS, BENCH_ORIGIN, BENCH_PASSWORD, REDIS_URL and REDIS_PREFIX (scale-out),
// BENCH_NODE_LOG (log level, default silent), BENCH_FLOOD_LIMITS=off (no per-connection budgets:
// how the server behaved before issue 14 §6, for the abuse rows' "before").
// Prints `listening <url>` on stdout once it accepts connections; exits when its parent goes.
import { timingSafeEqual } from 'node:crypto';
import { startEventNode } from '../../dist/server/event-node.js';
import { jsonLogger } from '../../dist/server/logger.js';
import { NO_FLOOD_LIMITS } from '../../dist/server/flood-limits.js';
import { benchDirectory } from './directory.mjs';

const agents = Number(process.env.AGENTS ?? '1000');
const origin = process.env.BENCH_ORIGIN ?? 'https://bench--c.vf.force.com';
const password = process.env.BENCH_PASSWORD ?? 'bench-password';

/** Constant-time compare of the typed password with the stored `plain$<password>` (bench only). */
async function verifyPlain(typed, encoded) {
  const a = Buffer.from(`plain$${typed}`);
  const b = Buffer.from(encoded);
  return a.length === b.length && timingSafeEqual(a, b);
}

const lenient = { freeFailures: 1_000_000 };

const node = await startEventNode({
  host: '127.0.0.1',
  port: 0,
  directory: await benchDirectory(agents, `plain$${password}`),
  allowedOrigins: [origin],
  // BENCH_NODE_LOG=error|warn|info: the node's pino log on stderr (default silent).
  logger: jsonLogger(process.env.BENCH_NODE_LOG ?? 'silent'),
  verifyPassword: verifyPlain,
  // Every agent signs in from 127.0.0.1 within seconds: the per-address limit (attempts under way
  // count too) would refuse most of the ramp-up.
  signInLimits: { pair: lenient, account: lenient, address: lenient, maxEntries: 100_000 },
  // Every agent signs in from loopback, hundreds at once: no per-address or queue bound.
  passwordChecks: { maxPerAddress: 1_000_000, maxQueued: 1_000_000 },
  ...(process.env.BENCH_FLOOD_LIMITS === 'off' ? { floodLimits: NO_FLOOD_LIMITS } : {}),
  ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL, redisPrefix: process.env.REDIS_PREFIX ?? 'bench' } : {}),
});
process.stdout.write(`listening ${node.url}\n`);

const quit = () => process.exit(0);
process.on('SIGTERM', quit);
process.on('SIGINT', quit);
process.on('disconnect', quit);

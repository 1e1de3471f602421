/**
 * `npm run start:event-server`: the event server alone, for production (no simulator, no dev
 * host). One process keeps its state in memory; with `REDIS_URL` any number of these processes
 * behind a load balancer share state and relay commands through Redis (docs/deployment.md).
 *
 * Environment: CONFIG_FILE (required), EVENT_PORT (8787), HOST (0.0.0.0), ALLOWED_ORIGINS,
 * REDIS_URL, REDIS_PREFIX (biztel), REDIS_PROBE_MS (1000), REDIS_TIMEOUT_MS (3000), NODE_HEARTBEAT_MS (5000),
 * LOG_LEVEL (info), SHUTDOWN_DRAIN_MS (0), TRUST_PROXY_HOPS (0), PASSWORD_CHECK_CONCURRENCY (CPU count, at most 4),
 * FLOOD_* (per-connection budgets, ./flood-limits.ts `floodLimitsFromEnv`).
 * Prints `listening <url>` once it accepts connections.
 */
import { ConfigError, loadConfigFile } from './config/load-config.js';
import { startEventNode } from './event-node.js';
import { jsonLogger, type LogLevel } from './logger.js';
import { parseAllowedOrigins } from './origins.js';
import { checkRedisUrl } from './state/redis-cluster.js';
import { MAX_COMMAND_TIMEOUT_MS } from './event-server.js';
import { floodLimitsFromEnv, type FloodLimits } from './flood-limits.js';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function integer(name: string, fallback: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) fail(`${name} must be a whole number 0-${max}, got "${raw.slice(0, 50)}"`);
  return value;
}

const level = (process.env['LOG_LEVEL'] ?? 'info') as LogLevel;
if (!['info', 'warn', 'error', 'silent'].includes(level)) fail('LOG_LEVEL must be one of info, warn, error, silent');
const configFile = process.env['CONFIG_FILE'];
if (!configFile) fail('CONFIG_FILE is required: the tenants, accounts and extensions to serve (docs/server-config.md)');
const origins = parseAllowedOrigins(process.env['ALLOWED_ORIGINS']);
if (!origins.ok) fail(origins.error);
const redisUrl = process.env['REDIS_URL'] || undefined;
const redisProblem = redisUrl === undefined ? undefined : checkRedisUrl(redisUrl);
if (redisProblem) fail(redisProblem);
const redisPrefix = process.env['REDIS_PREFIX'] || 'biztel';
if (!/^[A-Za-z0-9_.-]{1,64}$/.test(redisPrefix)) fail('REDIS_PREFIX may hold letters, digits, "_", "." and "-" (1-64)');
const port = integer('EVENT_PORT', 8787, 65535);
const drainMs = integer('SHUTDOWN_DRAIN_MS', 0, 60_000);
const trustProxyHops = integer('TRUST_PROXY_HOPS', 0, 10);
const heartbeatMs = integer('NODE_HEARTBEAT_MS', 5000, 60_000);
if (heartbeatMs < 100) fail('NODE_HEARTBEAT_MS must be at least 100');
// A hung Redis: /readyz says unavailable once a PING (sent every REDIS_PROBE_MS) is unanswered for
// REDIS_TIMEOUT_MS, and a state command unanswered that long fails (docs/deployment.md, Redis failures).
const redisProbeMs = integer('REDIS_PROBE_MS', 1000, 60_000);
if (redisProbeMs < 100) fail('REDIS_PROBE_MS must be at least 100');
const redisTimeoutMs = integer('REDIS_TIMEOUT_MS', 3000, 60_000);
if (redisTimeoutMs < 100) fail('REDIS_TIMEOUT_MS must be at least 100');
const softphoneGraceMs = integer('SOFTPHONE_GRACE_MS', 30_000, 600_000);
const deviceAckTimeoutMs = integer('COMMAND_TIMEOUT_MS', 5000, MAX_COMMAND_TIMEOUT_MS);
if (deviceAckTimeoutMs < 500) fail('COMMAND_TIMEOUT_MS must be at least 500');
let floodLimits: FloodLimits;
try {
  floodLimits = floodLimitsFromEnv(process.env);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const passwordCheckConcurrency = process.env['PASSWORD_CHECK_CONCURRENCY'] ? integer('PASSWORD_CHECK_CONCURRENCY', 1, 64) : undefined;
if (passwordCheckConcurrency === 0) fail('PASSWORD_CHECK_CONCURRENCY must be at least 1');
const logger = jsonLogger(level);

try {
  const directory = await loadConfigFile(configFile);
  const node = await startEventNode({
    host: process.env['HOST'] ?? '0.0.0.0',
    port,
    directory,
    allowedOrigins: origins.value,
    logger,
    trustProxyHops,
    heartbeatMs,
    softphoneGraceMs,
    deviceAckTimeoutMs,
    ...(passwordCheckConcurrency === undefined ? {} : { passwordChecks: { concurrency: passwordCheckConcurrency } }),
    floodLimits,
    ...(redisUrl ? { redisUrl, redisPrefix, redisProbeMs, redisProbeTimeoutMs: redisTimeoutMs, redisCommandTimeoutMs: redisTimeoutMs } : {}),
  });
  logger.info({ event: 'node.listening', url: node.url, shared: redisUrl ? 'redis' : 'memory' }, 'event server listening');
  console.log(`listening ${node.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'node.stopping', signal }, 'stopping');
    setTimeout(() => process.exit(1), 5000 + drainMs).unref();
    node.stop(drainMs).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  const e = error as NodeJS.ErrnoException;
  console.error(e.code === 'EADDRINUSE' ? `Port already in use (${e.message}). Set EVENT_PORT to a free port.` : String(error));
  process.exit(1);
}

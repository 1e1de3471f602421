/**
 * Scale-out with `REDIS_URL`: one Redis connection for the shared state, two for the socket.io
 * adapter (publishing, subscriptions). Every node of a deployment uses the same Redis and the
 * same `prefix` (default `biztel`); another prefix is another, separate deployment.
 *
 * The state's connection bounds every command (`commandTimeoutMs`: a command not yet written is
 * dropped by node-redis, one written to a hung Redis fails in ./redis-state.ts); the adapter's keep
 * node-redis's defaults (the adapter does not handle a failed publish). `healthy` also needs Redis
 * to answer a PING (./redis-probe.ts): a hung Redis keeps its connections up.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { ServerLogger } from '../logger.js';
import { probeRedis } from './redis-probe.js';
import { redisState } from './redis-state.js';
import type { SharedState } from './shared-state.js';

export interface RedisCluster {
  readonly state: SharedState;
  readonly adapter: ServerOptions['adapter'];
  /** Whether the connections are up and Redis answers its PINGs (`/readyz` says 503 while not). */
  readonly healthy: boolean;
  close(): Promise<void>;
}

/** A `REDIS_URL` that is not a redis:// or rediss:// URL, in words for the operator. */
export function checkRedisUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `REDIS_URL is not a URL: "${raw.slice(0, 100)}" (expected redis://host:6379 or rediss://…)`;
  }
  return url.protocol === 'redis:' || url.protocol === 'rediss:' ? undefined : `REDIS_URL must start with redis:// or rediss://, got "${url.protocol}"`;
}

export interface RedisClusterOptions {
  /** Keys and channels start with it (default `biztel`). */
  readonly prefix?: string;
  /** How often Redis is sent a PING (default 1 s; `REDIS_PROBE_MS`). */
  readonly probeMs?: number;
  /** A PING unanswered this long makes the node unavailable (default 3 s; `REDIS_TIMEOUT_MS`). */
  readonly probeTimeoutMs?: number;
  /** A state command unanswered this long fails (default 3 s; `REDIS_TIMEOUT_MS`). */
  readonly commandTimeoutMs?: number;
}

export async function connectRedisCluster(url: string, logger: ServerLogger, options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const { prefix = 'biztel', probeMs = 1000, probeTimeoutMs = 3000, commandTimeoutMs = 3000 } = options;
  const problem = checkRedisUrl(url);
  if (problem) throw new Error(problem);
  // At start-up a Redis that cannot be reached stops the node (after 3 tries, with the reason);
  // once connected, it reconnects with back-off by itself and commands wait while it is away.
  let connected = false;
  const reconnectStrategy = (retries: number, cause: Error) =>
    !connected && retries >= 3 ? new Error(`cannot reach Redis at ${safe(url)}: ${cause.message}`) : Math.min(100 * 2 ** retries, 3000);
  const pub = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy } });
  const sub = pub.duplicate();
  // Commands time out in ./redis-state.ts (and the probe's PING here), each with one timer cleared
  // by its answer. `timeout: 0` turns off node-redis's own (5 s by default), which leaves an
  // AbortSignal.timeout alive for the whole time-out after every command, answered or not.
  const data = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy }, commandOptions: { timeout: 0 } });
  const clients = [data, pub, sub];
  let reported = false;
  for (const client of clients) {
    client.on('error', (error: unknown) => {
      if (reported) return;
      reported = true;
      logger.error({ event: 'redis.error', error: String(error) }, 'Redis connection failed; retrying');
    });
    client.on('ready', () => {
      if (reported) logger.info({ event: 'redis.ready' }, 'Redis connection back');
      reported = false;
    });
  }
  try {
    await Promise.all(clients.map((c) => c.connect()));
  } catch (error) {
    for (const c of clients) c.destroy();
    throw error;
  }
  connected = true;
  let closed = false;
  const probe = probeRedis(
    // A PING not written by the probe's time-out (Redis away) is dropped, not sent when it is back.
    () => data.sendCommand(['PING'], { abortSignal: AbortSignal.timeout(probeTimeoutMs) }),
    { intervalMs: probeMs, timeoutMs: probeTimeoutMs },
    (responsive) =>
      responsive
        ? logger.info({ event: 'redis.answering' }, 'Redis answers again')
        : logger.error({ event: 'redis.notAnswering', timeoutMs: probeTimeoutMs }, 'Redis does not answer; not ready'),
  );
  return {
    state: redisState(data, prefix, undefined, { commandTimeoutMs }),
    adapter: createAdapter(pub, sub, { key: `${prefix}:socket.io` }),
    get healthy() {
      return !closed && clients.every((c) => c.isReady) && probe.responsive;
    },
    async close() {
      if (closed) return;
      closed = true;
      probe.stop();
      await Promise.allSettled(clients.map((c) => c.close()));
    },
  };
}

/** The URL without its password, for messages and logs. */
function safe(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

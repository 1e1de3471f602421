/**
 * Scale-out with `REDIS_URL`: one Redis connection for the shared state and the adapter's
 * publishing, one for its subscriptions. Every node of a deployment uses the same Redis and the
 * same `prefix` (default `biztel`); another prefix is another, separate deployment.
 */
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { ServerLogger } from '../logger.js';
import { redisState } from './redis-state.js';
import type { SharedState } from './shared-state.js';

export interface RedisCluster {
  readonly state: SharedState;
  readonly adapter: ServerOptions['adapter'];
  /** Whether both connections are up (`/readyz` says 503 while not). */
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

export async function connectRedisCluster(url: string, logger: ServerLogger, prefix = 'biztel'): Promise<RedisCluster> {
  const problem = checkRedisUrl(url);
  if (problem) throw new Error(problem);
  // At start-up a Redis that cannot be reached stops the node (after 3 tries, with the reason);
  // once connected, it reconnects with back-off by itself and commands wait while it is away.
  let connected = false;
  const reconnectStrategy = (retries: number, cause: Error) =>
    !connected && retries >= 3 ? new Error(`cannot reach Redis at ${safe(url)}: ${cause.message}`) : Math.min(100 * 2 ** retries, 3000);
  const pub = createClient({ url, socket: { connectTimeout: 5000, reconnectStrategy } });
  const sub = pub.duplicate();
  let reported = false;
  for (const client of [pub, sub]) {
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
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw error;
  }
  connected = true;
  let closed = false;
  return {
    state: redisState(pub, prefix),
    adapter: createAdapter(pub, sub, { key: `${prefix}:socket.io` }),
    get healthy() {
      return !closed && pub.isReady && sub.isReady;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}

/** The URL without its password, for messages and logs. */
function safe(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

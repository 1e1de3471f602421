/**
 * Shared state in Redis (`REDIS_URL`), for several event-server processes behind one load
 * balancer. Keys are namespaced by `prefix`, so deployments (or test runs) can share one Redis.
 * `update` is a compare-and-set loop: read, compute, write only if nobody wrote in between (a
 * small Lua script), else read again.
 */
import type { SharedState } from './shared-state.js';

/** What is used of a node-redis client (`createClient` from `redis`). */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == 'absent' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == 'delete' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5]) end
return 1`;

/** Compare-and-set attempts before `update` gives up (only under heavy contention on one key). */
const MAX_ATTEMPTS = 50;

/** After a lost compare-and-set, a random pause up to this (doubling per attempt, at most 20 ms), so nodes contending for one key take turns. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, 2 ** attempt)));

export function redisState(client: RedisCommands, prefix: string, close: () => Promise<void> = async () => {}): SharedState {
  const k = (key: string) => `${prefix}:${key}`;
  const ttl = (ms: number) => String(Math.max(1, Math.ceil(ms)));
  /** A Redis string reply (a string, or a number from INCR and friends); anything else is no value. */
  const str = (reply: unknown): string | undefined => (typeof reply === 'string' ? reply : typeof reply === 'number' ? String(reply) : undefined);
  /** Per key, the updates of this process, so they apply in call order. */
  const queues = new Map<string, Promise<unknown>>();

  /** The script runs by its hash (loaded once); Redis answers NOSCRIPT after a restart or flush, then it is sent whole again. */
  let scriptSha: string | undefined;
  async function runCompareAndSet(args: string[]): Promise<unknown> {
    if (scriptSha) {
      try {
        return await client.sendCommand(['EVALSHA', scriptSha, '1', ...args]);
      } catch (error) {
        if (!String(error).includes('NOSCRIPT')) throw error;
      }
    }
    const reply = await client.sendCommand(['EVAL', COMPARE_AND_SET, '1', ...args]);
    scriptSha ??= String(await client.sendCommand(['SCRIPT', 'LOAD', COMPARE_AND_SET]));
    return reply;
  }

  async function compareAndSet(key: string, change: (current: string | undefined) => string | undefined, ttlMs: number): Promise<string | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      const current = str(await client.sendCommand(['GET', k(key)]));
      const next = change(current);
      if (next === current) return current;
      const done = await runCompareAndSet([
        k(key),
        current === undefined ? 'absent' : 'value',
        current ?? '',
        next === undefined ? 'delete' : 'set',
        next ?? '',
        ttl(ttlMs),
      ]);
      if (Number(done) === 1) return next;
    }
    throw new Error(`shared state: ${key} kept changing under ${MAX_ATTEMPTS} attempts to update it`);
  }

  return {
    async get(key) {
      return str(await client.sendCommand(['GET', k(key)]));
    },
    async set(key, value, ttlMs) {
      await client.sendCommand(['SET', k(key), value, 'PX', ttl(ttlMs)]);
    },
    async setIfAbsent(key, value, ttlMs) {
      const previous = str(await client.sendCommand(['SET', k(key), value, 'PX', ttl(ttlMs), 'NX', 'GET']));
      return previous === undefined ? { stored: true, value } : { stored: false, value: previous };
    },
    async take(key) {
      return str(await client.sendCommand(['GETDEL', k(key)]));
    },
    async delete(...keys) {
      if (keys.length > 0) await client.sendCommand(['DEL', ...keys.map(k)]);
    },
    update(key, change, ttlMs) {
      const previous = queues.get(key) ?? Promise.resolve();
      const run = previous.then(
        () => compareAndSet(key, change, ttlMs),
        () => compareAndSet(key, change, ttlMs),
      );
      queues.set(key, run);
      const forget = () => {
        if (queues.get(key) === run) queues.delete(key);
      };
      run.then(forget, forget);
      return run;
    },
    close,
  };
}

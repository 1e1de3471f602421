/**
 * Shared state in Redis (`REDIS_URL`), for several event-server processes behind one load
 * balancer. Keys are namespaced by `prefix`, so deployments (or test runs) can share one Redis.
 * `update` is a compare-and-set loop: read, compute, write only if nobody wrote in between (a
 * small Lua script), else read again.
 *
 * Redis failures (docs/deployment.md "Redis failures"): every command fails with `StateTimeout`
 * when Redis has not answered within `commandTimeoutMs` (a hung Redis never answers; node-redis
 * only times out commands it has not written yet). A write made while a panel command runs
 * (./command-deadline.ts) carries that command's deadline into Redis: a Lua script compares it with
 * Redis's own clock (TIME) and refuses the write when it runs too late — e.g. queued behind a hung
 * Redis — so no write lands after the panel was told its command failed.
 */
import { activeDeadline, DeadlineExceeded, noteActed, StateTimeout } from './command-deadline.js';
import type { SharedState } from './shared-state.js';
import { KnownValues } from './known-values.js';

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** What is used of a node-redis client (`createClient` from `redis`). */
export interface RedisCommands {
  /** `abortSignal`: aborted, a command not written to Redis yet leaves the client's queue (never sent). */
  sendCommand(args: string[], options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Lua: true when the deadline ARGV[n] (wall-clock ms; '' = none) has passed by Redis's clock. */
const LATE = (n: number) => `
local function late()
  if ARGV[${n}] == '' then return false end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) > tonumber(ARGV[${n}])
end`;

/** Compare-and-set; ARGV[6]: the deadline. Answers 1 (written), 0 (changed meanwhile), -1 (too late). */
const COMPARE_AND_SET = `${LATE(6)}
if late() then return -1 end
local current = redis.call('GET', KEYS[1])
if ARGV[1] == 'absent' then
  if current then return 0 end
elseif current ~= ARGV[2] then
  return 0
end
if ARGV[3] == 'delete' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5]) end
return 1`;

/** Runs the command ARGV[2..] (its keys also in KEYS) unless the deadline ARGV[1] has passed. */
const BEFORE_DEADLINE = `${LATE(1)}
if late() then return redis.error_reply('DEADLINE the command deadline passed') end
return redis.call(unpack(ARGV, 2))`;

export interface RedisStateOptions {
  /** How long a command may go unanswered before it fails with `StateTimeout` (default 3 s). */
  readonly commandTimeoutMs?: number;
}

/** Compare-and-set attempts before `update` gives up (only under heavy contention on one key). */
const MAX_ATTEMPTS = 50;

/** Keys whose last value an update remembers (`known` below), and their values' total length (≈ 16 MB at most). */
const MAX_KNOWN = 20_000;
const MAX_KNOWN_CHARS = 8 * 1024 * 1024;

/** After a lost compare-and-set, a random pause up to this (doubling per attempt, at most 20 ms), so nodes contending for one key take turns. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20, 2 ** attempt)));

export function redisState(client: RedisCommands, prefix: string, close: () => Promise<void> = async () => {}, options: RedisStateOptions = {}): SharedState {
  const k = (key: string) => `${prefix}:${key}`;
  const timeoutMs = options.commandTimeoutMs ?? 3000;
  /**
   * One command, failing with `StateTimeout` when Redis does not answer in time (a late answer is
   * dropped). At that time a command still waiting to be written (Redis away) is taken out of the
   * client's queue, so it never runs when Redis is back. One timer per command, cleared by the
   * answer: node-redis's own `timeout` option leaves an `AbortSignal.timeout` (a timer and weak
   * references) alive for the whole time-out after every command — ≈ 40,000 at once on a busy
   * node, a load on every garbage collection (issue 17, 2 nodes vs 1).
   */
  const send = (args: string[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const unsent = new AbortController();
      const timer = setTimeout(() => {
        unsent.abort();
        reject(new StateTimeout(timeoutMs));
      }, timeoutMs);
      timer.unref();
      client.sendCommand(args, { abortSignal: unsent.signal }).then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error && error.message.startsWith('DEADLINE') ? new DeadlineExceeded('a shared-state write') : toError(error));
        },
      );
    });
  /**
   * A write: as it is outside a panel command; within one, only before its deadline (checked
   * here, then by Redis when it runs the write), and noted as the command having acted.
   */
  const write = async (keys: string[], args: string[]): Promise<unknown> => {
    const deadline = activeDeadline();
    if (deadline === undefined) return send(args);
    if (Date.now() >= deadline) throw new DeadlineExceeded('a shared-state write');
    const reply = await runScript(BEFORE_DEADLINE, [String(keys.length), ...keys, String(deadline), ...args]);
    noteActed();
    return reply;
  };
  const ttl = (ms: number) => String(Math.max(1, Math.ceil(ms)));
  /** A Redis string reply (a string, or a number from INCR and friends); anything else is no value. */
  const str = (reply: unknown): string | undefined => (typeof reply === 'string' ? reply : typeof reply === 'number' ? String(reply) : undefined);
  /** Per key, the updates of this process, so they apply in call order. */
  const queues = new Map<string, Promise<unknown>>();

  /** Scripts run by their hash (loaded once); Redis answers NOSCRIPT after a restart or flush, then they are sent whole again. */
  const shas = new Map<string, string>();
  async function runScript(script: string, args: string[]): Promise<unknown> {
    const sha = shas.get(script);
    if (sha) {
      try {
        return await send(['EVALSHA', sha, ...args]);
      } catch (error) {
        if (!String(error).includes('NOSCRIPT')) throw error;
      }
    }
    const reply = await send(['EVAL', script, ...args]);
    if (!shas.has(script)) shas.set(script, String(await send(['SCRIPT', 'LOAD', script])));
    return reply;
  }

  /**
   * What this process last wrote (or read) under each key it updates: the value an update most
   * likely finds, so it is compared-and-set against that without reading it first (one round trip
   * instead of two: issue 17). A guess only — when another node wrote meanwhile, or the key
   * expired, the compare-and-set fails and the key is read; a change that would write nothing is
   * never trusted to a guess. Bounded by count and length: the least recently used keys are forgotten.
   */
  const known = new KnownValues(MAX_KNOWN, MAX_KNOWN_CHARS);
  const remember = (key: string, value: string | undefined) => known.set(key, value);

  async function compareAndSet(key: string, change: (current: string | undefined) => string | undefined, ttlMs: number): Promise<string | undefined> {
    let guessed = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // After a wrong guess the key is read at once; after a lost race, a pause first.
      if (attempt > 0 && !guessed) await backoff(attempt);
      guessed = attempt === 0 && known.has(key);
      const current = guessed ? known.get(key) : str(await send(['GET', k(key)]));
      const next = change(current);
      if (next === current) {
        if (guessed) continue; // nothing to write: what the key holds is read, not guessed
        remember(key, current);
        return current;
      }
      const deadline = activeDeadline();
      if (deadline !== undefined && Date.now() >= deadline) throw new DeadlineExceeded(`the update of ${key}`);
      const done = await runScript(COMPARE_AND_SET, [
        '1',
        k(key),
        current === undefined ? 'absent' : 'value',
        current ?? '',
        next === undefined ? 'delete' : 'set',
        next ?? '',
        ttl(ttlMs),
        deadline === undefined ? '' : String(deadline),
      ]);
      if (Number(done) === -1) throw new DeadlineExceeded(`the update of ${key}`);
      if (Number(done) === 1) {
        if (deadline !== undefined) noteActed();
        remember(key, next);
        return next;
      }
      known.delete(key);
    }
    throw new Error(`shared state: ${key} kept changing under ${MAX_ATTEMPTS} attempts to update it`);
  }

  return {
    async get(key) {
      return str(await send(['GET', k(key)]));
    },
    async set(key, value, ttlMs) {
      known.delete(key);
      await write([k(key)], ['SET', k(key), value, 'PX', ttl(ttlMs)]);
    },
    async setIfAbsent(key, value, ttlMs) {
      known.delete(key);
      const previous = str(await write([k(key)], ['SET', k(key), value, 'PX', ttl(ttlMs), 'NX', 'GET']));
      return previous === undefined ? { stored: true, value } : { stored: false, value: previous };
    },
    async take(key) {
      known.delete(key);
      return str(await write([k(key)], ['GETDEL', k(key)]));
    },
    async delete(...keys) {
      for (const key of keys) known.delete(key);
      if (keys.length > 0) await write(keys.map(k), ['DEL', ...keys.map(k)]);
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

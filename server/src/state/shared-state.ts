/**
 * Where the event server keeps what every node must agree on (lines, sessions, resume tokens,
 * seats, command answers, sign-in failure counts): string values under string keys. One process
 * keeps them in memory (`memoryState`, the default); several processes share them in Redis
 * (`redisState`, with `REDIS_URL`). Everything the server decides is built on these few
 * operations, so both behave alike and the same tests run against either.
 *
 * Expiry (`ttlMs`) only frees memory: rules about time (a token's age, a lockout) are checked by
 * the code that reads the value, with the server's clock.
 *
 * A write made while a panel command runs lands only before that command's deadline, else it
 * rejects with `DeadlineExceeded` (./command-deadline.ts).
 */
import { activeDeadline, DeadlineExceeded, noteActed } from './command-deadline.js';

export interface SharedState {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Stores `value` unless the key holds one already; answers what the key holds afterwards. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<{ stored: boolean; value: string }>;
  /** Reads and deletes in one step (a single-use token cannot be taken twice, by any node). */
  take(key: string): Promise<string | undefined>;
  delete(...keys: string[]): Promise<void>;
  /**
   * Replaces the key's value by `change(current)` atomically: no write of another node or caller
   * is lost in between (`change` may run more than once; keep it pure). Returning `undefined`
   * deletes the key; returning `current` leaves it untouched. Answers the value now stored.
   * Updates of one key by one process apply in call order.
   */
  update(key: string, change: (current: string | undefined) => string | undefined, ttlMs: number): Promise<string | undefined>;
  close(): Promise<void>;
}

/** `update` with JSON values. */
export async function updateJson<T>(state: SharedState, key: string, change: (current: T | undefined) => T | undefined, ttlMs: number): Promise<T | undefined> {
  /** The last value `change` made and the text it was stored as: what is stored is not parsed again. */
  let made: { value: T | undefined; text: string | undefined } | undefined;
  const stored = await state.update(
    key,
    (raw) => {
      const current = raw === undefined ? undefined : (JSON.parse(raw) as T);
      const next = change(current);
      const text = next === current ? raw : next === undefined ? undefined : JSON.stringify(next);
      made = { value: next, text };
      return text;
    },
    ttlMs,
  );
  if (made !== undefined && made.text === stored) return made.value;
  return stored === undefined ? undefined : (JSON.parse(stored) as T);
}

export async function getJson<T>(state: SharedState, key: string): Promise<T | undefined> {
  const raw = await state.get(key);
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

/**
 * The in-process state: a map with expiry, swept as keys are written. `now` is the server's
 * clock, so tests that move time see entries expire.
 */
export function memoryState(now: () => number = Date.now): SharedState {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let writes = 0;
  const read = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e?.value;
  };
  /** Before a write: refused after the running command's deadline (wall clock, like Redis's). */
  const mayWrite = () => {
    const deadline = activeDeadline();
    if (deadline === undefined) return;
    if (Date.now() >= deadline) throw new DeadlineExceeded('a shared-state write');
    noteActed();
  };
  const write = (key: string, value: string, ttlMs: number) => {
    entries.set(key, { value, expiresAt: now() + ttlMs });
    // Every 1,000 writes drop what expired, so memory follows the live keys.
    if (++writes % 1000 === 0) for (const [k, e] of entries) if (e.expiresAt <= now()) entries.delete(k);
  };
  return {
    async get(key) {
      return read(key);
    },
    async set(key, value, ttlMs) {
      mayWrite();
      write(key, value, ttlMs);
    },
    async setIfAbsent(key, value, ttlMs) {
      mayWrite();
      const current = read(key);
      if (current !== undefined) return { stored: false, value: current };
      write(key, value, ttlMs);
      return { stored: true, value };
    },
    async take(key) {
      mayWrite();
      const value = read(key);
      entries.delete(key);
      return value;
    },
    async delete(...keys) {
      mayWrite();
      for (const key of keys) entries.delete(key);
    },
    async update(key, change, ttlMs) {
      const current = read(key);
      const next = change(current);
      if (next !== current) mayWrite();
      if (next === undefined) entries.delete(key);
      else if (next !== current) write(key, next, ttlMs);
      return next;
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * Waiting in tests without racing the CPU: `until` polls a condition (sync or async) and resolves
 * with its first truthy value. Its time-out is only a safety net, generous enough that a busy
 * 2-core machine never reaches it while the awaited thing is merely slow; the test's own Jest
 * time-out is larger still. Uses the environment's real timers: under Jest fake timers advance the
 * fake clock instead.
 */

/**
 * The Jest time-out of a fuzz test: fuzzers are bounded by message counts, never by time, and on a
 * busy 2-core machine thousands of round trips can take minutes. Only a hang should reach this.
 */
export const FUZZ_TEST_TIMEOUT_MS = 600_000;

/** How long `until` waits by default before it gives up with a readable error. */
export const WAIT_TIMEOUT_MS = 30_000;

export interface UntilOptions {
  /** What is awaited, for the error message ("the second snapshot"). */
  readonly what?: string;
  /** The safety net; default `WAIT_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  /** Pause between two looks; default 10 ms. */
  readonly intervalMs?: number;
}

/** A falsy result of a condition: not there yet. */
type Falsy = false | 0 | '' | null | undefined;

/**
 * Resolves with the first truthy result of `condition`, looked at now and then every
 * `intervalMs`; rejects after `timeoutMs` (naming `what`) or when the condition throws.
 */
export async function until<T>(condition: () => T | Promise<T>, options: UntilOptions | string = {}): Promise<Exclude<T, Falsy>> {
  const { what = 'a condition', timeoutMs = WAIT_TIMEOUT_MS, intervalMs = 10 } = typeof options === 'string' ? { what: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as Exclude<T, Falsy>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Lets `ms` pass. Only to give something the chance to happen that must NOT happen (a duplicate,
 * a late reply): never to wait for something to happen — that is `until`'s job.
 */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** Lets the timers and promise callbacks already queued run (one macrotask). */
export function macrotask(): Promise<void> {
  return sleep(0);
}

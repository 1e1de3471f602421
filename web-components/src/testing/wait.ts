/**
 * Waiting in panel tests: `until` and `sleep` are the repository's one pair (`@biztel/testing`:
 * poll a condition with a generous safety net, never a guess of how long the CPU needs); `later`
 * answers on a later task, as real ports do; `settle` lets queued timers and promises run.
 */
import { sleep } from '@biztel/testing';

export { sleep, until } from '@biztel/testing';

/** Resolves (or rejects) on a later task, as real ports answer. */
export async function later<T>(produce: () => T): Promise<T> {
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return produce();
}

/** Lets the timers and promise callbacks queued now (and a few ms after) run. */
export function settle(ms = 5): Promise<void> {
  return sleep(ms);
}

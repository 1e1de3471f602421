/** Waiting in tests: on a later task, for a while, or until something holds (never on a guess alone). */

/** Resolves (or rejects) on a later task, as real ports answer. */
export function later<T>(produce: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(produce());
      } catch (error) {
        reject(error);
      }
    }, 0),
  );
}

/** Lets queued timers and promise callbacks run for `ms`. */
export function sleep(ms = 5): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits (in steps of 5 ms, at most 1 s) until `check` holds; returns whether it did. */
export async function until(check: () => boolean, steps = 200): Promise<boolean> {
  for (let i = 0; i < steps && !check(); i++) await sleep();
  return check();
}

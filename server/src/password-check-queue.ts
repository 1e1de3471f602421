/**
 * The bounded, fair work queue password checks go through (issue 14 §6). A check (scrypt, ~35 ms
 * of CPU on libuv's pool) costs far more than the sign-in request that asks for it, so unbounded
 * they let a burst of invented-account sign-ins delay every real one past the panel's time-out.
 *
 * - At most `concurrency` checks run at once; the rest wait.
 * - Waiting checks are served round-robin across addresses: a new address waits behind at most one
 *   check of each address already waiting, never behind a whole burst; one address's burst waits
 *   behind itself.
 * - At most `maxPerAddress` checks of one address (waiting or running) and `maxQueued` waiting
 *   overall: past either bound a check is refused at once with a suggested wait, never left hanging.
 * - A check whose client went away (its `AbortSignal` aborted) is dropped while it waits.
 */
import { availableParallelism } from 'node:os';

export interface PasswordCheckLimits {
  /** Checks running at once (default: the CPU count, 1–4). */
  readonly concurrency: number;
  /** Checks of one address waiting or running (default 32). */
  readonly maxPerAddress: number;
  /** Checks waiting overall (default 512). */
  readonly maxQueued: number;
}

export const DEFAULT_PASSWORD_CHECK_LIMITS: PasswordCheckLimits = {
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
  maxPerAddress: 32,
  maxQueued: 512,
};

/** A check's outcome: its value, refused at once (`full`), or dropped unrun (`abandoned`). */
export type Queued<T> = { ok: true; value: T } | { ok: false; reason: 'full'; retryAfterMs: number } | { ok: false; reason: 'abandoned' };

interface Job {
  readonly address: string;
  readonly start: () => void;
  readonly drop: () => void;
}

/** The shortest wait suggested to a refused check. */
const MIN_RETRY_MS = 1000;

export class PasswordCheckQueue {
  readonly limits: PasswordCheckLimits;
  /** Waiting checks per address; the map's order is the round-robin ring (served from the front). */
  private readonly waiting = new Map<string, Job[]>();
  /** Checks waiting or running, per address. */
  private readonly perAddress = new Map<string, number>();
  private queued = 0;
  private running = 0;
  /** A moving average of a check's duration, for the suggested wait. */
  private averageMs = 50;

  constructor(limits: Partial<PasswordCheckLimits> = {}) {
    this.limits = { ...DEFAULT_PASSWORD_CHECK_LIMITS, ...limits };
  }

  /** How many checks run and wait (for tests and the bench). */
  get stats(): { running: number; queued: number; addresses: number } {
    return { running: this.running, queued: this.queued, addresses: this.waiting.size };
  }

  /** Runs `check` when its turn comes; `signal` aborted before then drops it. */
  run<T>(address: string, check: () => Promise<T>, signal?: AbortSignal): Promise<Queued<T>> {
    if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'abandoned' });
    const mine = this.perAddress.get(address) ?? 0;
    const mustWait = this.running >= this.limits.concurrency;
    if (mine >= this.limits.maxPerAddress || (mustWait && this.queued >= this.limits.maxQueued)) {
      return Promise.resolve({ ok: false, reason: 'full', retryAfterMs: this.suggestedWait() });
    }
    this.perAddress.set(address, mine + 1);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const list = this.waiting.get(address);
        const at = list?.indexOf(job) ?? -1;
        if (!list || at < 0) return; // already running: it finishes, its answer goes nowhere
        list.splice(at, 1);
        if (list.length === 0) this.waiting.delete(address);
        this.queued -= 1;
        job.drop();
      };
      const job: Job = {
        address,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running += 1;
          const started = performance.now();
          check().then(
            (value) => this.done(address, started, () => resolve({ ok: true, value })),
            (error: unknown) => this.done(address, started, () => reject(error instanceof Error ? error : new Error(String(error)))),
          );
        },
        drop: () => {
          signal?.removeEventListener('abort', onAbort);
          this.release(address);
          resolve({ ok: false, reason: 'abandoned' });
        },
      };
      if (!mustWait) return job.start();
      signal?.addEventListener('abort', onAbort, { once: true });
      const list = this.waiting.get(address);
      if (list) list.push(job);
      else this.waiting.set(address, [job]);
      this.queued += 1;
    });
  }

  private done(address: string, started: number, answer: () => void): void {
    this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
    this.running -= 1;
    this.release(address);
    answer();
    this.next();
  }

  private release(address: string): void {
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }

  /** Starts waiting checks while there is room: the front address's oldest, that address moved to the back. */
  private next(): void {
    while (this.running < this.limits.concurrency) {
      const first = this.waiting.entries().next();
      if (first.done) return;
      const [address, list] = first.value;
      const job = list.shift()!;
      this.waiting.delete(address);
      if (list.length > 0) this.waiting.set(address, list);
      this.queued -= 1;
      job.start();
    }
  }

  /** A wait after which a refused check likely finds room: the work now queued and running, at least 1 s. */
  private suggestedWait(): number {
    return Math.max(MIN_RETRY_MS, Math.ceil(((this.queued + this.running) / this.limits.concurrency) * this.averageMs));
  }
}

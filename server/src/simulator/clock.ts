/** Time for the simulator, injectable so tests can advance it (park recall, auto-answer, …). */
export interface SimClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

/** A clock that can also jump forward, firing every timer that falls due on the way. */
export interface ControllableClock extends SimClock {
  /** Moves time forward by `ms`, running due timers in due order (each sees `now()` = its due time). */
  advance(ms: number): void;
}

/** The real time an `OffsetClock` follows (injectable for tests). */
export interface RealTime {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Looks the timer functions up at call time, so Jest's fake timers are honoured too. */
const realTime: RealTime = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Timer {
  readonly seq: number;
  readonly at: number;
  readonly fn: () => void;
  handle: unknown;
}

/**
 * The running system's clock: follows real time, but `advance(ms)` jumps ahead (an offset that only
 * grows) and fires every timer due by then, in due order. So the dev host and e2e tests can say
 * "advance 300 s" to trigger a park recall without waiting five minutes.
 */
export class OffsetClock implements ControllableClock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  constructor(private readonly real: RealTime = realTime) {}

  now(): number {
    return this.real.now() + this.offset;
  }

  after(ms: number, fn: () => void): () => void {
    this.seq += 1;
    const timer: Timer = { seq: this.seq, at: this.now() + Math.max(0, ms), fn, handle: undefined };
    this.timers.add(timer);
    this.arm(timer);
    return () => this.cancel(timer);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    const until = this.now() + ms;
    for (;;) {
      const due = this.nextDue(until);
      if (!due) break;
      this.cancel(due);
      this.jumpTo(due.at);
      due.fn();
    }
    this.jumpTo(until);
    // The rest are due sooner in real time now: re-arm them.
    for (const timer of this.timers) {
      this.real.clearTimeout(timer.handle);
      this.arm(timer);
    }
  }

  /** Timers not yet fired (for tests and diagnostics). */
  get pending(): number {
    return this.timers.size;
  }

  /** Cancels every pending timer. */
  dispose(): void {
    for (const timer of [...this.timers]) this.cancel(timer);
  }

  private nextDue(until: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /** Never moves backwards (a timer that is overdue in real time fires at the current time). */
  private jumpTo(at: number): void {
    this.offset = Math.max(this.offset, at - this.real.now());
  }

  private arm(timer: Timer): void {
    timer.handle = this.real.setTimeout(
      () => {
        if (!this.timers.delete(timer)) return;
        timer.fn();
      },
      Math.max(0, timer.at - this.now()),
    );
  }

  private cancel(timer: Timer): void {
    if (this.timers.delete(timer)) this.real.clearTimeout(timer.handle);
  }
}

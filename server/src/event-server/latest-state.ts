/**
 * A softphone's `device:state` messages under the connection's budget (issue 14 §6,
 * ../flood-limits.ts `deviceState`). Within it every state is applied, in order (a call ringing
 * for 5 ms is still seen ringing). Over it states are coalesced: each is the whole truth about the
 * device, so only the newest waiting one is applied, about once per token the budget refills (1,000
 * states sent at once cost a few dozen updates, not 1,000); a state within budget again supersedes
 * it. Far past the budget, `flooding` is told once (the caller disconnects). A state that finds
 * others of this connection still waiting is applied on the event loop's next turn, so a queue of
 * them never holds up the other connections; one that finds none is applied at once (yielding
 * there cost every ringing state a loop turn: issue 17, fan-out vs echo).
 */
import { FloodGate, type FloodRule } from '../flood-limits.js';

export interface LatestStateOptions<T> {
  /** Queues a step on the connection's chain (its messages run one after another). */
  readonly schedule: (step: () => Promise<void>) => void;
  /** Applies one state (the newest at the time the step runs). */
  readonly apply: (state: T) => Promise<void>;
  readonly rule: FloodRule;
  /** Milliseconds of a monotonic clock. */
  readonly clock: () => number;
  /** The sender is far past its budget (told once). */
  readonly flooding: (coalesced: number) => void;
}

/**
 * Waits for the event loop's next turn: states waiting on the chain would otherwise run back to
 * back in one microtask drain (100 large states: 100 ms in which no other connection is served).
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class LatestState<T> {
  private readonly gate: FloodGate;
  private pending: { readonly state: T } | undefined;
  /** A step is on the chain and has not taken `pending` yet. */
  private queued = false;
  /** Bumped when a state within budget overtakes the queued step: that step then applies nothing. */
  private generation = 0;
  /** Steps of this connection on the chain that have not finished. */
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private flooded = false;

  constructor(private readonly options: LatestStateOptions<T>) {
    this.gate = new FloodGate(options.rule, options.clock());
  }

  /** A new state: applied in turn within budget, else it replaces the one still waiting. */
  push(state: T): void {
    if (this.flooded) return;
    const now = this.options.clock();
    const verdict = this.gate.admit(now, this.options.rule);
    if (verdict === 'admitted') {
      this.stopTimer();
      this.pending = undefined; // older than this one
      // A step queued for the waiting state would run before this one and could take a state
      // pushed after this one: it is void, and a newer state over budget queues its own step.
      if (this.queued) {
        this.queued = false;
        this.generation += 1;
      }
      this.step(() => this.options.apply(state));
      return;
    }
    this.pending = { state };
    if (verdict === 'disconnect') {
      this.flooded = true;
      this.stopTimer();
      this.options.flooding(this.gate.refused);
      return;
    }
    if (!this.queued && this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.queuePending();
      }, this.gate.waitMs(now));
    }
  }

  /** The connection is closing: a state still waiting for the budget is queued now (before the goodbye's step). */
  flush(): void {
    this.stopTimer();
    this.queuePending();
  }

  /** Queues one step that applies whatever is newest when it runs. */
  private queuePending(): void {
    if (this.queued || this.pending === undefined) return;
    this.queued = true;
    const generation = this.generation;
    this.step(async () => {
      if (generation !== this.generation) return;
      this.queued = false;
      const next = this.pending;
      this.pending = undefined;
      if (next) await this.options.apply(next.state);
    });
  }

  /** Queues `work` on the chain: behind another step of this connection, after a loop turn. */
  private step(work: () => Promise<void>): void {
    const behind = this.waiting > 0;
    this.waiting += 1;
    this.options.schedule(async () => {
      try {
        if (behind) await turn();
        await work();
      } finally {
        this.waiting -= 1;
      }
    });
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

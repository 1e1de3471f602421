/**
 * A token bucket (issue 14 §6): `burst` tokens at most, refilled at `perSecond`; each admitted
 * unit takes one. Pure: time is passed in (milliseconds of any monotonic clock), nothing runs by
 * itself, and a clock going backwards never adds tokens.
 */

export interface BucketRule {
  /** Tokens added per second (the sustained rate). */
  readonly perSecond: number;
  /** Most tokens the bucket holds (what may come at once after a quiet while). */
  readonly burst: number;
}

export class TokenBucket {
  private tokens: number;
  private at: number;

  /** Starts full at `now` (or with `tokens`, at most the burst). */
  constructor(
    readonly rule: BucketRule,
    now: number,
    tokens = rule.burst,
  ) {
    this.tokens = Math.min(rule.burst, tokens);
    this.at = now;
  }

  /** Takes one token when there is one: true when the unit is admitted. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0: one is there now). */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    return this.rule.perSecond > 0 ? Math.ceil(((1 - this.tokens) * 1000) / this.rule.perSecond) : Infinity;
  }

  /** Whole tokens left at `now`. */
  available(now: number): number {
    this.refill(now);
    return Math.floor(this.tokens);
  }

  private refill(now: number): void {
    const elapsed = now - this.at;
    if (elapsed <= 0) return;
    this.at = now;
    this.tokens = Math.min(this.rule.burst, this.tokens + (elapsed * this.rule.perSecond) / 1000);
  }
}

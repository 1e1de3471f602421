/**
 * Sign-in attempt limits (issue 6): too many failed sign-ins for one account, or from one network
 * address, lock further attempts for a while. Pure: time is passed in, nothing runs by itself, and
 * memory is bounded however many accounts or addresses an attacker invents.
 *
 * An attempt is `begin`-ed before the password is checked and `finish`-ed after, so attempts still
 * being checked count too: a burst of parallel guesses cannot slip past the limit.
 */

export interface LimitRule {
  /** Failures within `windowMs` that lock the key. */
  readonly maxFailures: number;
  readonly windowMs: number;
  /** How long a locked key refuses every attempt. */
  readonly lockoutMs: number;
}

export interface SignInLimits {
  readonly account: LimitRule;
  readonly address: LimitRule;
  /** Most keys remembered per kind (accounts, addresses); the least useful are dropped first. */
  readonly maxEntries: number;
}

/** 5 failures per account or 20 per address within 5 min lock that account or address for 5 min. */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  account: { maxFailures: 5, windowMs: 5 * 60_000, lockoutMs: 5 * 60_000 },
  address: { maxFailures: 20, windowMs: 5 * 60_000, lockoutMs: 5 * 60_000 },
  maxEntries: 10_000,
};

/** The wait suggested while attempts already under way may still lock the key. */
export const IN_FLIGHT_RETRY_MS = 1000;

export type LimitScope = 'account' | 'address';

export interface Attempt {
  readonly account: string;
  readonly address: string;
}

export type BeginResult = { ok: true } | { ok: false; scope: LimitScope; retryAfterMs: number };

export interface Entry {
  /** Times of recent failures, oldest first (at most `maxFailures`). */
  failures: number[];
  /** Attempts begun and not finished yet. */
  pending: number;
  lockedUntil: number;
}

/** Failures of the entry still inside the rule's window. */
export function recentFailures(rule: LimitRule, entry: Entry, now: number): number {
  return entry.failures.filter((t) => now - t < rule.windowMs).length;
}

/** Milliseconds until the entry's key may try again: 0 when it may. */
export function retryAfterOf(rule: LimitRule, entry: Entry, now: number): number {
  if (entry.lockedUntil > now) return entry.lockedUntil - now;
  return recentFailures(rule, entry, now) + entry.pending >= rule.maxFailures ? IN_FLIGHT_RETRY_MS : 0;
}

/** Records the end of an attempt in `entry` (changed in place); true when this failure locked it. */
export function finishEntry(rule: LimitRule, entry: Entry, failed: boolean, now: number): boolean {
  entry.pending = Math.max(0, entry.pending - 1);
  if (!failed) return false;
  entry.failures = entry.failures.filter((t) => now - t < rule.windowMs);
  entry.failures.push(now);
  if (entry.failures.length < rule.maxFailures || entry.lockedUntil > now) {
    entry.failures = entry.failures.slice(-rule.maxFailures);
    return false;
  }
  entry.failures = [];
  entry.lockedUntil = now + rule.lockoutMs;
  return true;
}

/**
 * What the event server asks before and after checking a password: `SignInLimiter` in one
 * process, `SharedSignInLimiter` (./shared-sign-in-limiter.ts) across nodes.
 */
export interface SignInGate {
  readonly limits: SignInLimits;
  begin(attempt: Attempt, now: number): Promise<BeginResult> | BeginResult;
  finish(attempt: Attempt, succeeded: boolean, now: number): Promise<LimitScope[]> | LimitScope[];
}

/** Failure counts and lockouts for one kind of key (accounts or addresses). */
export class FailureCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: LimitRule,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** Milliseconds until `key` may try again: 0 when it may. */
  retryAfter(key: string, now: number): number {
    const entry = this.entries.get(key);
    return entry ? retryAfterOf(this.rule, entry, now) : 0;
  }

  begin(key: string, now: number): void {
    this.touch(key, now).pending += 1;
  }

  /** Records the end of an attempt; true when this failure locked the key. */
  finish(key: string, failed: boolean, now: number): boolean {
    const entry = this.entries.get(key) ?? this.touch(key, now);
    return finishEntry(this.rule, entry, failed, now);
  }

  /** Forgets the key's failures and lockout (a successful sign-in of that account). */
  reset(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.pending > 0) {
      entry.failures = [];
      entry.lockedUntil = 0;
    } else {
      this.entries.delete(key);
    }
  }

  /** The key's entry, moved to the end (most recently used), made room for if new. */
  private touch(key: string, now: number): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      if (this.entries.size >= this.maxEntries) this.makeRoom(now);
      entry = { failures: [], pending: 0, lockedUntil: 0 };
    }
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Drops forgotten entries (nothing recent, not locked, nothing under way), then the least
   * recently used unlocked ones, and only then locked ones, down to 90 % of the limit; so inventing
   * many names evicts other inventions before it can free a locked key.
   */
  private makeRoom(now: number): void {
    const target = Math.floor(this.maxEntries * 0.9);
    const idle = (e: Entry) => e.pending === 0 && e.lockedUntil <= now && recentFailures(this.rule, e, now) === 0;
    const passes: ((e: Entry) => boolean)[] = [idle, (e) => e.pending === 0 && e.lockedUntil <= now, (e) => e.pending === 0, () => true];
    for (const evictable of passes) {
      for (const [key, entry] of this.entries) {
        if (this.entries.size <= target) return;
        if (evictable(entry)) this.entries.delete(key);
      }
    }
  }
}

/** The sign-in limiter: one counter per account and one per address, checked together. */
export class SignInLimiter implements SignInGate {
  readonly limits: SignInLimits;
  private readonly accounts: FailureCounter;
  private readonly addresses: FailureCounter;

  constructor(limits: Partial<SignInLimits> = {}) {
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...limits };
    this.accounts = new FailureCounter(this.limits.account, this.limits.maxEntries);
    this.addresses = new FailureCounter(this.limits.address, this.limits.maxEntries);
  }

  /** Whether the attempt may check a password; when it may, it counts as under way until `finish`. */
  begin(attempt: Attempt, now: number): BeginResult {
    const account = this.accounts.retryAfter(attempt.account, now);
    const address = this.addresses.retryAfter(attempt.address, now);
    if (account > 0 || address > 0) {
      return account >= address ? { ok: false, scope: 'account', retryAfterMs: account } : { ok: false, scope: 'address', retryAfterMs: address };
    }
    this.accounts.begin(attempt.account, now);
    this.addresses.begin(attempt.address, now);
    return { ok: true };
  }

  /**
   * Ends an attempt that `begin` allowed. A success forgets the account's failures (not the
   * address's: one good account must not reset a guesser's budget). Returns the scopes this
   * failure locked, for the log.
   */
  finish(attempt: Attempt, succeeded: boolean, now: number): LimitScope[] {
    const locked: LimitScope[] = [];
    if (this.accounts.finish(attempt.account, !succeeded, now)) locked.push('account');
    if (this.addresses.finish(attempt.address, !succeeded, now)) locked.push('address');
    if (succeeded) this.accounts.reset(attempt.account);
    return locked;
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): { accounts: number; addresses: number } {
    return { accounts: this.accounts.size, addresses: this.addresses.size };
  }
}

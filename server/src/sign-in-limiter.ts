/**
 * The sign-in limiter of one process: the budgets of ./rate-limit.ts (per pair, account and
 * address) and the known pairs, in bounded maps — inventing names or addresses evicts other
 * inventions first, never a slowed key before an idle one.
 */
import {
  budgetKey,
  budgetsOf,
  emptyEntry,
  enterEntry,
  finishEntry,
  idleEntry,
  leaveEntry,
  refusalOf,
  resetEntry,
  retryAfterOf,
  signInLimitsOf,
  type Admitted,
  type Attempt,
  type BackoffRule,
  type BeginResult,
  type Entry,
  type LimitScope,
  type SignInGate,
  type SignInLimits,
  type SignInLimitsOptions,
  type Slowed,
} from './rate-limit.js';

/** Failure streaks and delays for one kind of key (pairs, accounts or addresses). */
export class FailureCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly rule: BackoffRule,
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

  /** Counts an attempt under way unless the key must wait; answers the wait (0: counted). */
  enter(key: string, now: number): number {
    const entry = this.entries.get(key);
    const wait = entry ? retryAfterOf(this.rule, entry, now) : 0;
    return wait > 0 ? wait : enterEntry(this.rule, this.touch(key, now), now);
  }

  /** Gives back an attempt that was never checked. */
  leave(key: string): void {
    const entry = this.entries.get(key);
    if (entry) leaveEntry(entry);
  }

  /** Records the end of an attempt; answers the delay this failure set (0: none). */
  finish(key: string, failed: boolean, now: number): number {
    const entry = this.entries.get(key) ?? this.touch(key, now);
    return finishEntry(this.rule, entry, failed, now);
  }

  /** Forgets the key's streak and delay (a successful sign-in of the pair). */
  reset(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.pending > 0) resetEntry(entry);
    else this.entries.delete(key);
  }

  /** The key's entry, moved to the end (most recently used), made room for if new. */
  private touch(key: string, now: number): Entry {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      if (this.entries.size >= this.maxEntries) this.makeRoom(now);
      entry = emptyEntry();
    }
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Drops forgotten entries (no streak, no delay, nothing under way), then the least recently used
   * not slowed now, and only then slowed ones, down to 90 % of the limit; so inventing many names
   * evicts other inventions before it can free a slowed key.
   */
  private makeRoom(now: number): void {
    const target = Math.floor(this.maxEntries * 0.9);
    const passes: ((e: Entry) => boolean)[] = [
      (e) => idleEntry(this.rule, e, now),
      (e) => e.pending === 0 && e.slowedUntil <= now,
      (e) => e.pending === 0,
      () => true,
    ];
    for (const evictable of passes) {
      for (const [key, entry] of this.entries) {
        if (this.entries.size <= target) return;
        if (evictable(entry)) this.entries.delete(key);
      }
    }
  }
}

/**
 * Pairs that signed in successfully, until their time runs out: the least recently signed-in are
 * dropped first when full. Only a right password adds one, so an attacker cannot fill it with
 * inventions.
 */
export class KnownPairs {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly keepMs: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.expiries.size;
  }

  has(key: string, now: number): boolean {
    const expiresAt = this.expiries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt > now) return true;
    this.expiries.delete(key);
    return false;
  }

  add(key: string, now: number): void {
    this.expiries.delete(key);
    if (this.expiries.size >= this.maxEntries) {
      for (const [k, expiresAt] of this.expiries) if (expiresAt <= now) this.expiries.delete(k);
      // Still full: the oldest goes (Map order is insertion order, and `add` re-inserts).
      while (this.expiries.size >= this.maxEntries) this.expiries.delete(this.expiries.keys().next().value!);
    }
    this.expiries.set(key, now + this.keepMs);
  }
}

/** The sign-in limiter in memory: a counter per budget and the known pairs. */
export class SignInLimiter implements SignInGate {
  readonly limits: SignInLimits;
  private readonly counters: Record<LimitScope, FailureCounter>;
  private readonly known: KnownPairs;

  constructor(limits: SignInLimitsOptions = {}) {
    this.limits = signInLimitsOf(limits);
    const { maxEntries } = this.limits;
    this.counters = {
      pair: new FailureCounter(this.limits.pair, maxEntries),
      account: new FailureCounter(this.limits.account, maxEntries),
      address: new FailureCounter(this.limits.address, maxEntries),
    };
    this.known = new KnownPairs(this.limits.knownPairMs, maxEntries);
  }

  /** Whether the attempt may check a password; when it may, it counts as under way until `finish` or `cancel`. */
  begin(attempt: Attempt, now: number): BeginResult {
    const known = this.known.has(budgetKey('pair', attempt), now);
    const scopes = budgetsOf(known);
    const waits: Partial<Record<LimitScope, number>> = {};
    for (const scope of scopes) waits[scope] = this.counters[scope].retryAfter(budgetKey(scope, attempt), now);
    const refused = refusalOf(waits);
    if (refused) return refused;
    for (const scope of scopes) this.counters[scope].enter(budgetKey(scope, attempt), now);
    return { ok: true, admitted: { ...attempt, known } };
  }

  /**
   * Ends an admitted attempt. A success forgets the pair's streak and makes the pair known (not the
   * account's or address's streaks: one good sign-in must not refill a guesser's budget).
   */
  finish(admitted: Admitted, succeeded: boolean, now: number): Slowed[] {
    const slowed: Slowed[] = [];
    for (const scope of budgetsOf(admitted.known)) {
      const delayMs = this.counters[scope].finish(budgetKey(scope, admitted), !succeeded, now);
      if (delayMs > 0) slowed.push({ scope, delayMs });
    }
    if (succeeded) {
      this.counters.pair.reset(budgetKey('pair', admitted));
      this.known.add(budgetKey('pair', admitted), now);
    }
    return slowed;
  }

  cancel(admitted: Admitted): void {
    for (const scope of budgetsOf(admitted.known)) this.counters[scope].leave(budgetKey(scope, admitted));
  }

  /** How many keys are remembered (for tests of the memory bound). */
  get size(): { pairs: number; accounts: number; addresses: number; known: number } {
    return { pairs: this.counters.pair.size, accounts: this.counters.account.size, addresses: this.counters.address.size, known: this.known.size };
  }
}

/**
 * Sign-in attempt limits (issue 6, reworked for issue 14 §3): failed sign-ins slow further attempts
 * down — they never lock an agent out from where the agent usually signs in.
 *
 * Three budgets, each an exponential back-off (`BackoffRule`: a few free failures, then 1 s, 2 s,
 * 4 s … capped), which an outsider's guesses fill:
 * - the (account, address) pair: guesses slow only that pair;
 * - the account across addresses (guessing one account from many addresses);
 * - the address across accounts (spraying invented names from one address).
 * A *known* pair — one that signed in successfully within `knownPairMs` — meets only its own
 * pair budget: guesses from elsewhere on the account, or on other names from the same address,
 * cannot slow an agent at the desk they signed in from before. Its failures (a typo) feed only its
 * pair budget too.
 *
 * Pure: time is passed in, nothing runs by itself, and memory is bounded however many accounts or
 * addresses an attacker invents. An attempt is `begin`-ed before the password is checked and
 * `finish`-ed after (or `cancel`-led when it was never checked), so attempts still being checked
 * count too: a burst of parallel guesses cannot slip past the budget. `SignInLimiter` keeps the
 * budgets in memory; `SharedSignInLimiter` (./shared-sign-in-limiter.ts) in the shared state with
 * the same rules.
 */

export interface BackoffRule {
  /** Failures in a streak answered without delay. */
  readonly freeFailures: number;
  /** The delay after the first failure past the free ones; each further failure doubles it. */
  readonly baseDelayMs: number;
  /** The longest delay. */
  readonly maxDelayMs: number;
  /** A streak of failures is forgotten after this long without one. */
  readonly quietMs: number;
}

export interface SignInLimits {
  readonly pair: BackoffRule;
  readonly account: BackoffRule;
  readonly address: BackoffRule;
  /** How long a successful sign-in makes its (account, address) pair known. */
  readonly knownPairMs: number;
  /** Most keys remembered per kind (pairs, accounts, addresses, known pairs); the least useful are dropped first. */
  readonly maxEntries: number;
}

const MIN = 60_000;

/**
 * 5 free failures per pair, 20 per account and 20 per address, then 1 s doubling to 5 min; a streak
 * is forgotten after 15 min without a failure; a pair stays known for 30 days.
 */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  pair: { freeFailures: 5, baseDelayMs: 1000, maxDelayMs: 5 * MIN, quietMs: 15 * MIN },
  account: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 5 * MIN, quietMs: 15 * MIN },
  address: { freeFailures: 20, baseDelayMs: 1000, maxDelayMs: 5 * MIN, quietMs: 15 * MIN },
  knownPairMs: 30 * 24 * 60 * MIN,
  maxEntries: 10_000,
};

/** What callers may pass: any rule or field left out keeps its default. */
export interface SignInLimitsOptions {
  readonly pair?: Partial<BackoffRule>;
  readonly account?: Partial<BackoffRule>;
  readonly address?: Partial<BackoffRule>;
  readonly knownPairMs?: number;
  readonly maxEntries?: number;
}

/** Limits with the defaults filled in (a partial rule keeps the default's other fields). */
export function signInLimitsOf(given: SignInLimitsOptions = {}): SignInLimits {
  const d = DEFAULT_SIGN_IN_LIMITS;
  return {
    pair: { ...d.pair, ...given.pair },
    account: { ...d.account, ...given.account },
    address: { ...d.address, ...given.address },
    knownPairMs: given.knownPairMs ?? d.knownPairMs,
    maxEntries: given.maxEntries ?? d.maxEntries,
  };
}

/** The wait suggested while attempts already under way may still fill the budget. */
export const IN_FLIGHT_RETRY_MS = 1000;
/** Failures counted past the free ones: enough to reach any cap, bounded so counts stay small. */
const MAX_COUNTED = 64;

export type LimitScope = 'pair' | 'account' | 'address';
export const BUDGETS = ['pair', 'account', 'address'] as const satisfies readonly LimitScope[];

export interface Attempt {
  readonly account: string;
  readonly address: string;
}

/** An attempt `begin` let through: `known` says which budgets it counts in (a known pair: only its own). */
export interface Admitted extends Attempt {
  readonly known: boolean;
}

export type BeginResult = { ok: true; admitted: Admitted } | { ok: false; scope: LimitScope; retryAfterMs: number };

/** A budget a failure slowed, and for how long (for the log). */
export interface Slowed {
  readonly scope: LimitScope;
  readonly delayMs: number;
}

export interface Entry {
  /** Failures in the current streak (at most `freeFailures` + 64). */
  failures: number;
  lastFailureAt: number;
  /** Attempts begun and not finished yet. */
  pending: number;
  /** No attempt before this time. */
  slowedUntil: number;
}

export const emptyEntry = (): Entry => ({ failures: 0, lastFailureAt: 0, pending: 0, slowedUntil: 0 });

/** The budgets an attempt counts in: a known pair only its own. */
export const budgetsOf = (known: boolean): readonly LimitScope[] => (known ? ['pair'] : BUDGETS);

/** The key of an attempt in one budget. */
export function budgetKey(scope: LimitScope, attempt: Attempt): string {
  if (scope === 'account') return attempt.account;
  if (scope === 'address') return attempt.address;
  return JSON.stringify([attempt.account, attempt.address]);
}

/** Failures of the entry's streak still remembered (0 once the rule's quiet time has passed). */
export function streakOf(rule: BackoffRule, entry: Entry, now: number): number {
  return now - entry.lastFailureAt < rule.quietMs ? entry.failures : 0;
}

/** The delay after the streak's `failures`-th failure: 0 while free, then base · 2^k, capped. */
export function delayAfter(rule: BackoffRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(failures - rule.freeFailures, 40));
}

/**
 * Milliseconds until the entry's key may try again: 0 when it may. Within the free failures,
 * attempts may run in parallel up to the free count; past them, one at a time.
 */
export function retryAfterOf(rule: BackoffRule, entry: Entry, now: number): number {
  if (entry.slowedUntil > now) return entry.slowedUntil - now;
  return entry.pending > 0 && streakOf(rule, entry, now) + entry.pending >= rule.freeFailures ? IN_FLIGHT_RETRY_MS : 0;
}

/** Counts an attempt under way unless the key must wait (changed in place); answers the wait (0: counted). */
export function enterEntry(rule: BackoffRule, entry: Entry, now: number): number {
  const wait = retryAfterOf(rule, entry, now);
  if (wait === 0) entry.pending += 1;
  return wait;
}

/** Gives back an attempt under way that was never checked (changed in place). */
export function leaveEntry(entry: Entry): void {
  entry.pending = Math.max(0, entry.pending - 1);
}

/** Records the end of an attempt in `entry` (changed in place); answers the delay this failure set (0: none). */
export function finishEntry(rule: BackoffRule, entry: Entry, failed: boolean, now: number): number {
  leaveEntry(entry);
  if (!failed) return 0;
  entry.failures = Math.min(streakOf(rule, entry, now) + 1, rule.freeFailures + MAX_COUNTED);
  entry.lastFailureAt = now;
  const delay = delayAfter(rule, entry.failures);
  entry.slowedUntil = Math.max(entry.slowedUntil, now + delay);
  return delay;
}

/** Forgets the entry's streak and delay (a successful sign-in of the pair). */
export function resetEntry(entry: Entry): void {
  Object.assign(entry, { failures: 0, lastFailureAt: 0, slowedUntil: 0 });
}

/** Whether the entry holds nothing worth keeping: no streak, no delay, nothing under way. */
export function idleEntry(rule: BackoffRule, entry: Entry, now: number): boolean {
  return entry.pending === 0 && entry.slowedUntil <= now && streakOf(rule, entry, now) === 0;
}

/** How long the shared state keeps an entry after its last change: its streak and longest delay. */
export const entryTtlMs = (rule: BackoffRule): number => rule.quietMs + rule.maxDelayMs;

/**
 * The refusal for the budgets' waits, or none: the longest wait names the scope. `waits` holds the
 * waits in `BUDGETS` order (missing ones count as 0).
 */
export function refusalOf(waits: Partial<Record<LimitScope, number>>): BeginResult | undefined {
  let worst: { scope: LimitScope; wait: number } | undefined;
  for (const scope of BUDGETS) {
    const wait = waits[scope] ?? 0;
    if (wait > 0 && (!worst || wait > worst.wait)) worst = { scope, wait };
  }
  return worst ? { ok: false, scope: worst.scope, retryAfterMs: worst.wait } : undefined;
}

/**
 * What the event server asks before and after checking a password: `SignInLimiter` in one
 * process, `SharedSignInLimiter` (./shared-sign-in-limiter.ts) across nodes.
 */
export interface SignInGate {
  readonly limits: SignInLimits;
  begin(attempt: Attempt, now: number): Promise<BeginResult> | BeginResult;
  /** Ends an admitted attempt; answers the budgets this failure slowed. A success makes the pair known. */
  finish(admitted: Admitted, succeeded: boolean, now: number): Promise<Slowed[]> | Slowed[];
  /** Gives back an admitted attempt whose password was never checked (queue full, client gone). */
  cancel(admitted: Admitted, now: number): Promise<void> | void;
}

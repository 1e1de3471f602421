/**
 * The sign-in attempt limits of ./rate-limit.ts with their counts in the shared state, so a
 * guesser spreading attempts over several nodes meets one budget. The rules are the same pure
 * functions; each account's and address's entry is one key that expires after its window and
 * lockout, which bounds memory however many names an attacker invents.
 *
 * Checking and counting an attempt are two steps: parallel guesses on different nodes within
 * one round trip may each pass the check; the lock still comes at most that many attempts later.
 */
import { DEFAULT_SIGN_IN_LIMITS, finishEntry, retryAfterOf, type Attempt, type BeginResult, type Entry, type LimitRule, type LimitScope, type SignInGate, type SignInLimits } from './rate-limit.js';
import { getJson, updateJson, type SharedState } from './state/shared-state.js';

export class SharedSignInLimiter implements SignInGate {
  readonly limits: SignInLimits;

  constructor(
    private readonly state: SharedState,
    limits: Partial<SignInLimits> = {},
  ) {
    this.limits = { ...DEFAULT_SIGN_IN_LIMITS, ...limits };
  }

  async begin(attempt: Attempt, now: number): Promise<BeginResult> {
    const [account, address] = await Promise.all([this.retryAfter('account', attempt.account, now), this.retryAfter('address', attempt.address, now)]);
    if (account > 0 || address > 0) {
      return account >= address ? { ok: false, scope: 'account', retryAfterMs: account } : { ok: false, scope: 'address', retryAfterMs: address };
    }
    await Promise.all([this.change('account', attempt.account, (e) => void (e.pending += 1)), this.change('address', attempt.address, (e) => void (e.pending += 1))]);
    return { ok: true };
  }

  async finish(attempt: Attempt, succeeded: boolean, now: number): Promise<LimitScope[]> {
    const locked: LimitScope[] = [];
    for (const scope of ['account', 'address'] as const) {
      let lockedNow = false;
      await this.change(scope, attempt[scope], (e) => {
        lockedNow = finishEntry(this.limits[scope], e, !succeeded, now);
        // A success forgets the account's failures (not the address's).
        if (succeeded && scope === 'account') Object.assign(e, { failures: [], lockedUntil: 0 });
      });
      if (lockedNow) locked.push(scope);
    }
    return locked;
  }

  private async retryAfter(scope: LimitScope, key: string, now: number): Promise<number> {
    const entry = await getJson<Entry>(this.state, this.key(scope, key));
    return entry ? retryAfterOf(this.limits[scope], entry, now) : 0;
  }

  private async change(scope: LimitScope, key: string, apply: (entry: Entry) => void): Promise<void> {
    const rule: LimitRule = this.limits[scope];
    await updateJson<Entry>(
      this.state,
      this.key(scope, key),
      (current) => {
        const entry: Entry = current ? { ...current, failures: [...current.failures] } : { failures: [], pending: 0, lockedUntil: 0 };
        apply(entry);
        return entry;
      },
      rule.windowMs + rule.lockoutMs,
    );
  }

  private key(scope: LimitScope, name: string): string {
    return `signin:${scope}:${name}`;
  }
}

/**
 * The sign-in attempt limits of ./rate-limit.ts with their counts in the shared state, so a
 * guesser spreading attempts over several nodes meets one budget. The rules are the same pure
 * functions; each account's and address's entry is one key that expires after its window and
 * lockout, which bounds memory however many names an attacker invents.
 *
 * Each key's check and count are one atomic update, so parallel guesses on several nodes meet
 * the same limit as guesses on one.
 */
import {
  DEFAULT_SIGN_IN_LIMITS,
  finishEntry,
  retryAfterOf,
  type Attempt,
  type BeginResult,
  type Entry,
  type LimitRule,
  type LimitScope,
  type SignInGate,
  type SignInLimits,
} from './rate-limit.js';
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
    // Checked and counted in one atomic step per key, so a burst on any number of nodes passes
    // no more attempts than the limit; an address refusal gives the account's count back.
    const account = await this.enter('account', attempt.account, now);
    if (account > 0) {
      const address = await this.retryAfter('address', attempt.address, now);
      return address > account ? { ok: false, scope: 'address', retryAfterMs: address } : { ok: false, scope: 'account', retryAfterMs: account };
    }
    const address = await this.enter('address', attempt.address, now);
    if (address > 0) {
      await this.change('account', attempt.account, (e) => void (e.pending = Math.max(0, e.pending - 1)));
      return { ok: false, scope: 'address', retryAfterMs: address };
    }
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

  /** Counts an attempt under way unless the key must wait; answers the wait (0: counted). */
  private async enter(scope: LimitScope, key: string, now: number): Promise<number> {
    let wait = 0;
    await this.change(scope, key, (e) => {
      wait = retryAfterOf(this.limits[scope], e, now);
      if (wait === 0) e.pending += 1;
    });
    return wait;
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

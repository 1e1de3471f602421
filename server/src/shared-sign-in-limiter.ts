/**
 * The sign-in attempt limits of ./rate-limit.ts with their budgets and known pairs in the shared
 * state, so a guesser spreading attempts over several nodes meets one budget, and a pair that
 * signed in on one node is known on all. The rules are the same pure functions; each budget's
 * entry is one key that expires after its quiet time and longest delay, and each known pair one
 * key that expires after `knownPairMs`, which bounds memory however many names an attacker invents.
 *
 * Each key's check and count are one atomic update, so parallel guesses on several nodes meet
 * the same budget as guesses on one.
 */
import {
  budgetKey,
  budgetsOf,
  emptyEntry,
  enterEntry,
  entryTtlMs,
  finishEntry,
  leaveEntry,
  refusalOf,
  resetEntry,
  retryAfterOf,
  signInLimitsOf,
  type Admitted,
  type Attempt,
  type BeginResult,
  type Entry,
  type LimitScope,
  type SignInGate,
  type SignInLimits,
  type SignInLimitsOptions,
  type Slowed,
} from './rate-limit.js';
import { getJson, updateJson, type SharedState } from './state/shared-state.js';

/** Key prefixes in the shared state (the entries of issue 6, `signin:account:`…, just expire). */
const PREFIX: Record<LimitScope | 'known', string> = { pair: 'signin:pair:', account: 'signin:acct:', address: 'signin:addr:', known: 'signin:known:' };

export class SharedSignInLimiter implements SignInGate {
  readonly limits: SignInLimits;

  constructor(
    private readonly state: SharedState,
    limits: SignInLimitsOptions = {},
  ) {
    this.limits = signInLimitsOf(limits);
  }

  async begin(attempt: Attempt, now: number): Promise<BeginResult> {
    const known = (await this.state.get(this.knownKey(attempt))) !== undefined;
    // Checked and counted in one atomic step per key, so a burst on any number of nodes passes no
    // more attempts than the budget; a refusal gives back what the earlier budgets counted.
    const entered: LimitScope[] = [];
    for (const scope of budgetsOf(known)) {
      let wait = 0;
      await this.change(scope, attempt, (e) => void (wait = enterEntry(this.limits[scope], e, now)));
      if (wait > 0) {
        for (const back of entered) await this.change(back, attempt, leaveEntry);
        // The refusal names the budget with the longest wait among those not yet asked too.
        const waits: Partial<Record<LimitScope, number>> = { [scope]: wait };
        for (const other of budgetsOf(known)) if (other !== scope && !entered.includes(other)) waits[other] = await this.retryAfter(other, attempt, now);
        return refusalOf(waits)!;
      }
      entered.push(scope);
    }
    return { ok: true, admitted: { ...attempt, known } };
  }

  async finish(admitted: Admitted, succeeded: boolean, now: number): Promise<Slowed[]> {
    const slowed: Slowed[] = [];
    for (const scope of budgetsOf(admitted.known)) {
      let delayMs = 0;
      await this.change(scope, admitted, (e) => {
        delayMs = finishEntry(this.limits[scope], e, !succeeded, now);
        // A success forgets the pair's streak (not the account's or the address's).
        if (succeeded && scope === 'pair') resetEntry(e);
      });
      if (delayMs > 0) slowed.push({ scope, delayMs });
    }
    if (succeeded) await this.state.set(this.knownKey(admitted), '1', this.limits.knownPairMs);
    return slowed;
  }

  async cancel(admitted: Admitted): Promise<void> {
    for (const scope of budgetsOf(admitted.known)) await this.change(scope, admitted, leaveEntry);
  }

  private async retryAfter(scope: LimitScope, attempt: Attempt, now: number): Promise<number> {
    const entry = await getJson<Entry>(this.state, PREFIX[scope] + budgetKey(scope, attempt));
    return entry ? retryAfterOf(this.limits[scope], entry, now) : 0;
  }

  private async change(scope: LimitScope, attempt: Attempt, apply: (entry: Entry) => void): Promise<void> {
    await updateJson<Entry>(
      this.state,
      PREFIX[scope] + budgetKey(scope, attempt),
      (current) => {
        const entry: Entry = { ...emptyEntry(), ...current };
        apply(entry);
        return entry;
      },
      entryTtlMs(this.limits[scope]),
    );
  }

  private knownKey(attempt: Attempt): string {
    return PREFIX.known + budgetKey('pair', attempt);
  }
}

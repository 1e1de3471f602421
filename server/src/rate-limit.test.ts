/** The sign-in limiter with a hand-moved clock: lockouts, windows, resets, bursts and the memory bound. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SIGN_IN_LIMITS, FailureCounter, IN_FLIGHT_RETRY_MS, SignInLimiter, type Attempt } from './rate-limit.js';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

/** One complete attempt (begin + finish); what `begin` said. */
function attempt(limiter: SignInLimiter, a: Attempt, succeeded: boolean, now: number) {
  const begun = limiter.begin(a, now);
  if (begun.ok) limiter.finish(a, succeeded, now);
  return begun;
}

const mallory = { account: 'agent01', address: '203.0.113.9' };

describe('SignInLimiter defaults', () => {
  it('are 5 failures per account and 20 per address within 5 min, locking for 5 min', () => {
    expect(DEFAULT_SIGN_IN_LIMITS).toEqual({
      account: { maxFailures: 5, windowMs: 5 * MIN, lockoutMs: 5 * MIN },
      address: { maxFailures: 20, windowMs: 5 * MIN, lockoutMs: 5 * MIN },
      maxEntries: 10_000,
    });
  });
});

describe('per account', () => {
  it('locks the account after 5 failures, for 5 minutes, even for the right password, then lets it try again', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) expect(attempt(limiter, mallory, false, T0 + i * 1000)).toEqual({ ok: true });

    expect(attempt(limiter, mallory, true, T0 + 5000)).toEqual({ ok: false, scope: 'account', retryAfterMs: 5 * MIN - 1000 });
    expect(attempt(limiter, { ...mallory, address: '198.51.100.1' }, true, T0 + 5000)).toMatchObject({ ok: false, scope: 'account' });
    expect(limiter.begin(mallory, T0 + 4000 + 5 * MIN - 1)).toMatchObject({ ok: false, retryAfterMs: 1 });

    expect(attempt(limiter, mallory, true, T0 + 4000 + 5 * MIN)).toEqual({ ok: true });
  });

  it('leaves other accounts alone', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) attempt(limiter, mallory, false, T0);

    expect(attempt(limiter, { account: 'agent02', address: '198.51.100.1' }, true, T0)).toEqual({ ok: true });
  });

  it('forgets failures older than the window', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 4; i++) attempt(limiter, mallory, false, T0);
    attempt(limiter, mallory, false, T0 + 5 * MIN); // the first four are out of the window now

    expect(limiter.begin(mallory, T0 + 5 * MIN + 1)).toEqual({ ok: true });
  });

  it('resets the account after a successful sign-in', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 4; i++) attempt(limiter, mallory, false, T0);
    attempt(limiter, mallory, true, T0);
    for (let i = 0; i < 4; i++) attempt(limiter, mallory, false, T0);

    expect(limiter.begin(mallory, T0)).toEqual({ ok: true });
  });

  it('counts attempts still being checked, so a parallel burst cannot get past the limit', () => {
    const limiter = new SignInLimiter();
    const begun = Array.from({ length: 50 }, (_, i) => limiter.begin({ account: 'agent01', address: `10.0.0.${i}` }, T0));

    expect(begun.filter((b) => b.ok)).toHaveLength(5);
    expect(begun[5]).toEqual({ ok: false, scope: 'account', retryAfterMs: IN_FLIGHT_RETRY_MS });
    for (let i = 0; i < 5; i++) limiter.finish({ account: 'agent01', address: `10.0.0.${i}` }, false, T0 + 40);
    expect(limiter.begin(mallory, T0 + 41)).toEqual({ ok: false, scope: 'account', retryAfterMs: 5 * MIN - 1 });
  });

  it('does not lengthen a lockout with failures that were under way when it started', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) expect(limiter.begin(mallory, T0).ok).toBe(true);
    for (let i = 0; i < 5; i++) limiter.finish(mallory, false, T0 + i);

    expect(limiter.begin(mallory, T0 + 4 + 5 * MIN)).toEqual({ ok: true });
  });
});

describe('per address', () => {
  it('locks an address that tries 20 accounts, whichever accounts come next', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 20; i++) expect(attempt(limiter, { account: `user${i}`, address: '203.0.113.9' }, false, T0)).toEqual({ ok: true });

    expect(attempt(limiter, { account: 'agent02', address: '203.0.113.9' }, true, T0 + 1)).toEqual({ ok: false, scope: 'address', retryAfterMs: 5 * MIN - 1 });
    expect(attempt(limiter, { account: 'agent02', address: '198.51.100.1' }, true, T0 + 1)).toEqual({ ok: true });
    expect(attempt(limiter, { account: 'user99', address: '203.0.113.9' }, false, T0 + 5 * MIN)).toEqual({ ok: true });
  });

  it('is not reset by a success (one good account must not refill a guesser’s budget)', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 19; i++) attempt(limiter, { account: `user${i}`, address: '203.0.113.9' }, false, T0);
    attempt(limiter, { account: 'agent02', address: '203.0.113.9' }, true, T0);
    attempt(limiter, { account: 'user19', address: '203.0.113.9' }, false, T0);

    expect(limiter.begin({ account: 'agent03', address: '203.0.113.9' }, T0)).toMatchObject({ ok: false, scope: 'address' });
  });

  it('names the scope with the longer wait when both are locked', () => {
    const limiter = new SignInLimiter({
      account: { maxFailures: 1, windowMs: MIN, lockoutMs: MIN },
      address: { maxFailures: 2, windowMs: MIN, lockoutMs: 10 * MIN },
    });
    attempt(limiter, { account: 'a', address: 'x' }, false, T0);
    attempt(limiter, { account: 'b', address: 'x' }, false, T0);

    expect(limiter.begin({ account: 'a', address: 'x' }, T0)).toEqual({ ok: false, scope: 'address', retryAfterMs: 10 * MIN });
  });
});

describe('memory', () => {
  it('stays bounded however many accounts and addresses are invented', () => {
    const limiter = new SignInLimiter({ maxEntries: 100 });
    for (let i = 0; i < 5000; i++) attempt(limiter, { account: `ghost${i}`, address: `10.${i >> 8}.${i & 255}.1` }, false, T0 + i);

    expect(limiter.size.accounts).toBeLessThanOrEqual(100);
    expect(limiter.size.addresses).toBeLessThanOrEqual(100);
  });

  it('drops invented names before a locked account, so flooding cannot lift a lockout', () => {
    const counter = new FailureCounter({ maxFailures: 2, windowMs: MIN, lockoutMs: 10 * MIN }, 50);
    for (const t of [T0, T0 + 1]) {
      counter.begin('agent01', t);
      counter.finish('agent01', true, t);
    }
    for (let i = 0; i < 1000; i++) {
      counter.begin(`ghost${i}`, T0 + 10 + i);
      counter.finish(`ghost${i}`, true, T0 + 10 + i);
    }

    expect(counter.size).toBeLessThanOrEqual(50);
    expect(counter.retryAfter('agent01', T0 + 2000)).toBe(10 * MIN + 1 - 2000);
  });

  it('forgets an account entirely after a success', () => {
    const limiter = new SignInLimiter();
    attempt(limiter, mallory, false, T0);
    attempt(limiter, mallory, true, T0);

    expect(limiter.size.accounts).toBe(0);
  });
});

/** The sign-in budgets with a hand-moved clock: back-off, streaks, known pairs, bursts and the memory bound. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SIGN_IN_LIMITS, IN_FLIGHT_RETRY_MS, delayAfter, type Attempt } from './rate-limit.js';
import { FailureCounter, KnownPairs, SignInLimiter } from './sign-in-limiter.js';

const SEC = 1000;
const MIN = 60_000;
const T0 = 1_700_000_000_000;

/** One complete attempt (begin + finish); what `begin` said. */
function attempt(limiter: SignInLimiter, a: Attempt, succeeded: boolean, now: number) {
  const begun = limiter.begin(a, now);
  if (begun.ok) limiter.finish(begun.admitted, succeeded, now);
  return begun;
}

const mallory = { account: 'agent01', address: '203.0.113.9' };
const desk = { account: 'agent01', address: '198.51.100.1' };

describe('defaults', () => {
  it('are 5 free failures per pair, 20 per account and per address, then 1 s doubling to 5 min; known for 30 days', () => {
    const rule = (freeFailures: number) => ({ freeFailures, baseDelayMs: SEC, maxDelayMs: 5 * MIN, quietMs: 15 * MIN });
    expect(DEFAULT_SIGN_IN_LIMITS).toEqual({ pair: rule(5), account: rule(20), address: rule(20), knownPairMs: 30 * 24 * 60 * MIN, maxEntries: 10_000 });
    expect([4, 5, 6, 7, 13, 14, 99].map((n) => delayAfter(DEFAULT_SIGN_IN_LIMITS.pair, n))).toEqual([0, SEC, 2 * SEC, 4 * SEC, 256 * SEC, 5 * MIN, 5 * MIN]);
  });
});

describe('per pair', () => {
  it('slows the pair after 5 failures, 1 s then doubling, the right password too — never a hard lock', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) expect(attempt(limiter, mallory, false, T0)).toMatchObject({ ok: true });

    expect(attempt(limiter, mallory, true, T0 + 400)).toEqual({ ok: false, scope: 'pair', retryAfterMs: 600 });
    expect(attempt(limiter, mallory, false, T0 + SEC)).toMatchObject({ ok: true });
    expect(limiter.begin(mallory, T0 + SEC)).toEqual({ ok: false, scope: 'pair', retryAfterMs: 2 * SEC });
    expect(attempt(limiter, mallory, false, T0 + 3 * SEC)).toMatchObject({ ok: true });
    expect(limiter.begin(mallory, T0 + 3 * SEC)).toEqual({ ok: false, scope: 'pair', retryAfterMs: 4 * SEC });
    expect(attempt(limiter, mallory, true, T0 + 7 * SEC)).toMatchObject({ ok: true });
  });

  it('caps the delay at 5 min', () => {
    const limiter = new SignInLimiter();
    let t = T0;
    for (let i = 0; i < 30; i++) {
      const begun = attempt(limiter, mallory, false, t);
      t += begun.ok ? 0 : begun.retryAfterMs;
      if (!begun.ok) attempt(limiter, mallory, false, t);
    }
    expect(limiter.begin(mallory, t)).toEqual({ ok: false, scope: 'pair', retryAfterMs: 5 * MIN });
  });

  it('leaves other pairs of the account alone: the agent at their desk signs in', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) attempt(limiter, mallory, false, T0);

    expect(attempt(limiter, desk, true, T0)).toMatchObject({ ok: true });
  });

  it('forgets a streak after 15 min without a failure', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 5; i++) attempt(limiter, mallory, false, T0);
    for (let i = 0; i < 4; i++) expect(attempt(limiter, mallory, false, T0 + 15 * MIN + i)).toMatchObject({ ok: true });
    expect(attempt(limiter, mallory, false, T0 + 15 * MIN + 10)).toMatchObject({ ok: true }); // the 5th free failure of the new streak
    expect(limiter.begin(mallory, T0 + 15 * MIN + 10)).toMatchObject({ ok: false, scope: 'pair' });
  });

  it('forgets the pair’s streak after a successful sign-in', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 4; i++) attempt(limiter, mallory, false, T0);
    attempt(limiter, mallory, true, T0);
    for (let i = 0; i < 4; i++) attempt(limiter, mallory, false, T0);

    expect(limiter.begin(mallory, T0)).toMatchObject({ ok: true });
  });

  it('counts attempts still being checked: a parallel burst gets no more than the free failures checked', () => {
    const limiter = new SignInLimiter();
    const begun = Array.from({ length: 50 }, () => limiter.begin(mallory, T0));

    expect(begun.filter((b) => b.ok)).toHaveLength(5);
    expect(begun[5]).toEqual({ ok: false, scope: 'pair', retryAfterMs: IN_FLIGHT_RETRY_MS });
    for (const b of begun) if (b.ok) limiter.finish(b.admitted, false, T0 + 40);
    expect(limiter.begin(mallory, T0 + 41)).toEqual({ ok: false, scope: 'pair', retryAfterMs: SEC - 1 });
  });

  it('gives a cancelled attempt back without counting a failure', () => {
    const limiter = new SignInLimiter({ pair: { freeFailures: 1 } });
    const first = limiter.begin(mallory, T0);
    expect(limiter.begin(mallory, T0)).toMatchObject({ ok: false, retryAfterMs: IN_FLIGHT_RETRY_MS });
    if (first.ok) limiter.cancel(first.admitted);

    expect(attempt(limiter, mallory, false, T0)).toMatchObject({ ok: true });
  });
});

describe('per account and per address (unknown pairs only)', () => {
  it('slows the account’s unknown pairs after 20 failures spread over addresses; a known pair is not slowed', () => {
    const limiter = new SignInLimiter();
    attempt(limiter, desk, true, T0); // agent01 signed in at the desk: the pair is known
    for (let i = 0; i < 20; i++) attempt(limiter, { account: 'agent01', address: `10.0.0.${i}` }, false, T0 + 1);

    expect(limiter.begin({ account: 'agent01', address: '10.0.1.1' }, T0 + 1)).toEqual({ ok: false, scope: 'account', retryAfterMs: SEC });
    expect(attempt(limiter, desk, true, T0 + 1)).toMatchObject({ ok: true, admitted: { known: true } });
  });

  it('slows an address that sprays 20 invented names, except for the pairs that signed in from it before', () => {
    const office = '203.0.113.50';
    const limiter = new SignInLimiter();
    attempt(limiter, { account: 'agent02', address: office }, true, T0);
    for (let i = 0; i < 20; i++) expect(attempt(limiter, { account: `ghost${i}`, address: office }, false, T0 + 1)).toMatchObject({ ok: true });

    expect(attempt(limiter, { account: 'agent03', address: office }, true, T0 + 2)).toEqual({ ok: false, scope: 'address', retryAfterMs: SEC - 1 });
    expect(attempt(limiter, { account: 'agent02', address: office }, true, T0 + 2)).toMatchObject({ ok: true });
    expect(attempt(limiter, { account: 'agent03', address: '198.51.100.1' }, true, T0 + 2)).toMatchObject({ ok: true });
  });

  it('is not reset by a success (one good account must not refill a guesser’s budget)', () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < 19; i++) attempt(limiter, { account: `user${i}`, address: '203.0.113.9' }, false, T0);
    attempt(limiter, { account: 'agent02', address: '203.0.113.9' }, true, T0);
    attempt(limiter, { account: 'user19', address: '203.0.113.9' }, false, T0);

    expect(limiter.begin({ account: 'agent03', address: '203.0.113.9' }, T0)).toMatchObject({ ok: false, scope: 'address' });
  });

  it('does not count a known pair’s failures (a typo at the desk) against the account or the address', () => {
    const limiter = new SignInLimiter({ pair: { freeFailures: 100 }, account: { freeFailures: 2 }, address: { freeFailures: 2 } });
    attempt(limiter, desk, true, T0);
    for (let i = 0; i < 5; i++) attempt(limiter, desk, false, T0);

    expect(attempt(limiter, { account: 'agent01', address: '10.9.9.9' }, true, T0)).toMatchObject({ ok: true });
    expect(attempt(limiter, { account: 'agent02', address: desk.address }, true, T0)).toMatchObject({ ok: true });
  });

  it('names the budget with the longest wait', () => {
    const limiter = new SignInLimiter({ pair: { freeFailures: 1, baseDelayMs: MIN }, address: { freeFailures: 2, baseDelayMs: 10 * MIN, maxDelayMs: 10 * MIN } });
    attempt(limiter, { account: 'a', address: 'x' }, false, T0);
    attempt(limiter, { account: 'b', address: 'x' }, false, T0);

    expect(limiter.begin({ account: 'a', address: 'x' }, T0)).toEqual({ ok: false, scope: 'address', retryAfterMs: 10 * MIN });
  });

  it('forgets a known pair after 30 days', () => {
    const limiter = new SignInLimiter({ address: { freeFailures: 1 } });
    attempt(limiter, desk, true, T0);
    const later = T0 + 30 * 24 * 60 * MIN;
    attempt(limiter, { account: 'ghost', address: desk.address }, false, later);

    expect(limiter.begin(desk, later)).toMatchObject({ ok: false, scope: 'address' });
  });
});

describe('memory', () => {
  it('stays bounded however many accounts and addresses are invented', () => {
    const limiter = new SignInLimiter({ maxEntries: 100 });
    for (let i = 0; i < 5000; i++) attempt(limiter, { account: `ghost${i}`, address: `10.${i >> 8}.${i & 255}.1` }, false, T0 + i);

    expect(limiter.size).toEqual({ pairs: expect.any(Number), accounts: expect.any(Number), addresses: expect.any(Number), known: 0 });
    for (const n of Object.values(limiter.size)) expect(n).toBeLessThanOrEqual(100);
  });

  it('drops invented names before a slowed key, so flooding cannot lift a delay', () => {
    const counter = new FailureCounter({ freeFailures: 2, baseDelayMs: 10 * MIN, maxDelayMs: 10 * MIN, quietMs: MIN }, 50);
    for (const t of [T0, T0 + 1]) {
      counter.enter('agent01', t);
      counter.finish('agent01', true, t);
    }
    for (let i = 0; i < 1000; i++) {
      counter.enter(`ghost${i}`, T0 + 10 + i);
      counter.finish(`ghost${i}`, true, T0 + 10 + i);
    }

    expect(counter.size).toBeLessThanOrEqual(50);
    expect(counter.retryAfter('agent01', T0 + 2000)).toBe(10 * MIN + 1 - 2000);
  });

  it('keeps at most maxEntries known pairs, dropping the least recently signed-in', () => {
    const known = new KnownPairs(MIN, 3);
    for (const k of ['a', 'b', 'c']) known.add(k, T0);
    known.add('a', T0 + 1); // signed in again: now the newest
    known.add('d', T0 + 2);

    expect(['a', 'b', 'c', 'd'].map((k) => known.has(k, T0 + 3))).toEqual([true, false, true, true]);
    expect(known.size).toBe(3);
  });

  it('forgets a pair’s entry entirely after a success', () => {
    const limiter = new SignInLimiter();
    attempt(limiter, mallory, false, T0);
    attempt(limiter, mallory, true, T0);

    expect(limiter.size.pairs).toBe(0);
  });
});

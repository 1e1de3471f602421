/** The token bucket and the flood gate with a hand-moved clock: bursts, refills, refusals, disconnects, rule changes, env knobs. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FLOOD_LIMITS, FloodGate, floodLimitsFromEnv, type FloodRule, type FloodVerdict } from './flood-limits.js';
import { TokenBucket } from './token-bucket.js';

const T0 = 5_000;

/** `n` verdicts at `now`. */
function verdicts(gate: FloodGate, rule: FloodRule, n: number, now: number): Record<FloodVerdict, number> {
  const counts: Record<FloodVerdict, number> = { admitted: 0, over: 0, disconnect: 0 };
  for (let i = 0; i < n; i++) counts[gate.admit(now, rule)] += 1;
  return counts;
}

describe('TokenBucket', () => {
  it('admits a full burst at once, then nothing until time passes', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, T0);
    expect(Array.from({ length: 7 }, () => bucket.take(T0))).toEqual([true, true, true, true, true, false, false]);
    expect(bucket.take(T0 + 99)).toBe(false);
    expect(bucket.take(T0 + 100)).toBe(true);
  });

  it('refills at its rate, never beyond its burst', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, T0);
    for (let i = 0; i < 5; i++) bucket.take(T0);
    expect(bucket.available(T0 + 300)).toBe(3);
    expect(bucket.available(T0 + 60_000)).toBe(5);
  });

  it('tells how long until the next token', () => {
    const bucket = new TokenBucket({ perSecond: 4, burst: 1 }, T0);
    expect(bucket.waitMs(T0)).toBe(0);
    bucket.take(T0);
    expect(bucket.waitMs(T0)).toBe(250);
    expect(bucket.waitMs(T0 + 200)).toBe(50);
  });

  it('adds nothing when the clock goes backwards', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 2 }, T0);
    bucket.take(T0);
    bucket.take(T0);
    expect(bucket.take(T0 - 10_000)).toBe(false);
    expect(bucket.take(T0 + 50)).toBe(false);
    expect(bucket.take(T0 + 100)).toBe(true);
  });

  it('can start partly empty', () => {
    expect(new TokenBucket({ perSecond: 1, burst: 10 }, T0, 3).available(T0)).toBe(3);
    expect(new TokenBucket({ perSecond: 1, burst: 10 }, T0, 30).available(T0)).toBe(10);
  });
});

describe('FloodGate', () => {
  const rule: FloodRule = { allowed: { perSecond: 20, burst: 40 }, tolerated: { perSecond: 10, burst: 100 } };

  it('admits the burst, refuses the next ones, and says disconnect when the refusals run out too', () => {
    const gate = new FloodGate(rule, T0);
    expect(verdicts(gate, rule, 140, T0)).toEqual({ admitted: 40, over: 100, disconnect: 0 });
    expect(gate.admit(T0, rule)).toBe('disconnect');
    expect(gate.refused).toBe(101);
  });

  it('never disconnects a sender that stays within its sustained rate', () => {
    const gate = new FloodGate(rule, T0);
    const counts = { admitted: 0, over: 0, disconnect: 0 };
    for (let ms = 0; ms < 60_000; ms += 50) counts[gate.admit(T0 + ms, rule)] += 1; // 20 a second for a minute
    expect(counts).toEqual({ admitted: 1200, over: 0, disconnect: 0 });
  });

  it('refuses a sender at twice its rate, and disconnects it only after some seconds', () => {
    const gate = new FloodGate(rule, T0);
    let first: number | undefined;
    let over = 0;
    for (let ms = 0; ms < 60_000 && first === undefined; ms += 25) {
      const v = gate.admit(T0 + ms, rule); // 40 a second
      if (v === 'over') over += 1;
      if (v === 'disconnect') first = ms;
    }
    expect(over).toBeGreaterThan(100);
    expect(first).toBeGreaterThan(5_000);
    expect(first).toBeLessThan(30_000);
  });

  it('keeps what was used when the rule changes: signing in adds the difference, signing out takes it back', () => {
    const small: FloodRule = { allowed: { perSecond: 1, burst: 10 }, tolerated: { perSecond: 1, burst: 5 } };
    const gate = new FloodGate(small, T0);
    expect(verdicts(gate, small, 4, T0)).toEqual({ admitted: 4, over: 0, disconnect: 0 });
    expect(verdicts(gate, rule, 40, T0)).toEqual({ admitted: 36, over: 4, disconnect: 0 });
    const fresh = new FloodGate(rule, T0);
    verdicts(fresh, rule, 35, T0);
    expect(verdicts(fresh, small, 10, T0)).toEqual({ admitted: 0, over: 5, disconnect: 5 });
  });

  it('says how long until it admits again', () => {
    const gate = new FloodGate(rule, T0);
    verdicts(gate, rule, 41, T0);
    expect(gate.waitMs(T0)).toBe(50);
  });
});

describe('floodLimitsFromEnv', () => {
  it('keeps the defaults when nothing is set', () => {
    expect(floodLimitsFromEnv({})).toEqual(DEFAULT_FLOOD_LIMITS);
  });

  it('reads each rate, burst and tolerance', () => {
    const limits = floodLimitsFromEnv({
      FLOOD_PANEL_PER_SECOND: '30',
      FLOOD_PANEL_BURST: '60',
      FLOOD_PANEL_TOLERATED: '500',
      FLOOD_ANONYMOUS_PANEL_BURST: '8',
      FLOOD_DEVICE_STATE_PER_SECOND: '100',
    });
    expect(limits.panel).toEqual({ allowed: { perSecond: 30, burst: 60 }, tolerated: { ...DEFAULT_FLOOD_LIMITS.panel.tolerated, burst: 500 } });
    expect(limits.anonymousPanel.allowed).toEqual({ ...DEFAULT_FLOOD_LIMITS.anonymousPanel.allowed, burst: 8 });
    expect(limits.deviceState.allowed.perSecond).toBe(100);
    expect(limits.holdMs).toBe(DEFAULT_FLOOD_LIMITS.holdMs);
    expect(floodLimitsFromEnv({ FLOOD_MESSAGES_TOLERATED: '300' }).packets.tolerated.burst).toBe(300);
    expect(floodLimitsFromEnv({ FLOOD_HOLD_MS: '0' }).holdMs).toBe(0);
    expect(floodLimitsFromEnv({ FLOOD_HOLD_MS: '250' }).holdMs).toBe(250);
  });

  it('refuses a value that is not a positive number', () => {
    expect(() => floodLimitsFromEnv({ FLOOD_PANEL_BURST: '0' })).toThrow('FLOOD_PANEL_BURST');
    expect(() => floodLimitsFromEnv({ FLOOD_PANEL_PER_SECOND: 'lots' })).toThrow('FLOOD_PANEL_PER_SECOND');
  });
});

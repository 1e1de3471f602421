import { describe, expect, it } from '@jest/globals';
import { formatDuration, msToNextSecond } from './duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [1_000, '00:01'],
    [59_999, '00:59'],
    [60_000, '01:00'],
    [61_000, '01:01'],
    [3_599_000, '59:59'],
    [3_599_999, '59:59'],
    [3_600_000, '01:00:00'],
    [3_661_000, '01:01:01'],
    [36_000_000, '10:00:00'],
    [36_000_000 + 59 * 60_000 + 59_000, '10:59:59'],
    [100 * 3_600_000, '100:00:00'],
    [-1, '00:00'],
    [-3_600_000, '00:00'],
  ])('%p ms → %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('msToNextSecond', () => {
  it.each([
    ['on a second', 10_000, 5_000, 1_000],
    ['mid-second', 10_400, 5_000, 600],
    ['just before the next', 10_999, 5_000, 1],
    ['counting down: base in the future', 10_300, 20_000, 700],
  ])('%s → waits %#', (_what, now, base, wait) => {
    expect(msToNextSecond(now, base)).toBe(wait);
  });

  it('lands where formatDuration shows the next second', () => {
    const since = 1_234;
    for (const now of [1_234, 2_000, 2_233, 2_234, 9_999]) {
      const shown = formatDuration(now - since);
      const next = now + msToNextSecond(now, since);
      expect(formatDuration(next - since)).not.toBe(shown);
      expect(formatDuration(next - 1 - since)).toBe(shown);
    }
  });
});

import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { OffsetClock } from './clock.js';

const T0 = 1_717_000_000_000;

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('OffsetClock', () => {
  it('follows real time while nobody advances it', () => {
    const clock = new OffsetClock();
    jest.advanceTimersByTime(1_234);

    expect(clock.now()).toBe(T0 + 1_234);
  });

  it('fires a timer in real time', () => {
    const clock = new OffsetClock();
    const fired: number[] = [];
    clock.after(1_000, () => fired.push(clock.now()));

    jest.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);

    expect(fired).toEqual([T0 + 1_000]);
    expect(clock.pending).toBe(0);
  });

  it('advance jumps ahead and fires every due timer in due order, each at its due time', () => {
    const clock = new OffsetClock();
    const fired: [string, number][] = [];
    clock.after(300_000, () => fired.push(['recall', clock.now()]));
    clock.after(1_500, () => fired.push(['park', clock.now()]));
    clock.after(400_000, () => fired.push(['later', clock.now()]));

    clock.advance(300_000);

    expect(fired).toEqual([
      ['park', T0 + 1_500],
      ['recall', T0 + 300_000],
    ]);
    expect(clock.now()).toBe(T0 + 300_000);
    expect(clock.pending).toBe(1);
  });

  it('fires a timer set by a timer when it falls due within the same advance', () => {
    const clock = new OffsetClock();
    const fired: number[] = [];
    clock.after(1_000, () => clock.after(1_000, () => fired.push(clock.now())));

    clock.advance(2_000);

    expect(fired).toEqual([T0 + 2_000]);
  });

  it('a timer not yet due fires after the real time that remains, not the time first set', () => {
    const clock = new OffsetClock();
    const fired: number[] = [];
    clock.after(10_000, () => fired.push(clock.now()));
    clock.advance(6_000);

    jest.advanceTimersByTime(3_999);
    expect(fired).toEqual([]);
    jest.advanceTimersByTime(1);

    expect(fired).toEqual([T0 + 10_000]);
  });

  it('a cancelled timer never fires, by advance or by real time', () => {
    const clock = new OffsetClock();
    const fn = jest.fn();
    const cancel = clock.after(1_000, fn);

    cancel();
    clock.advance(5_000);
    jest.advanceTimersByTime(5_000);

    expect(fn).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });

  it('keeps the offset: time goes on from the advanced point', () => {
    const clock = new OffsetClock();
    clock.advance(60_000);
    jest.advanceTimersByTime(500);

    expect(clock.now()).toBe(T0 + 60_500);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses to advance by %p', (ms) => {
    const clock = new OffsetClock();

    expect(() => clock.advance(ms)).toThrow(RangeError);
    expect(clock.now()).toBe(T0);
  });

  it('dispose cancels every pending timer', () => {
    const clock = new OffsetClock();
    const fn = jest.fn();
    clock.after(1_000, fn);
    clock.after(2_000, fn);

    clock.dispose();
    jest.advanceTimersByTime(5_000);

    expect(fn).not.toHaveBeenCalled();
  });
});

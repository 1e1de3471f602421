/**
 * The command guard: work a command starts sees its deadline across awaits, overlapping commands
 * each see their own, and between commands the storage is off (no hook on every promise: issue 17)
 * while work a finished command left behind reads no deadline.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { AsyncLocalStorage } from 'node:async_hooks';
import { activeDeadline, noteActed, underGuard, type CommandGuard } from './command-deadline.js';

// The storage is turned off by its own `disable()`: counted on the class, whatever instance the module holds.
let disabled: jest.SpiedFunction<() => void>;
beforeEach(() => {
  disabled = jest.spyOn(AsyncLocalStorage.prototype as { disable: () => void }, 'disable');
});
afterEach(() => disabled.mockRestore());

const guard = (deadline: number): CommandGuard => ({ deadline, active: true, acted: false });
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('command guard', () => {
  it('follows each command through awaits, overlapping ones apart, and is off once none runs', async () => {
    const a = guard(1_000);
    const b = guard(2_000);
    let releaseA!: () => void;
    const aWaits = new Promise<void>((resolve) => (releaseA = resolve));
    const seen: Record<string, number | undefined> = {};
    let leftBehind: Promise<number | undefined> = Promise.resolve(undefined);

    const runA = underGuard(a, async () => {
      await tick();
      seen['a after a tick'] = activeDeadline();
      await aWaits;
      seen['a after b finished'] = activeDeadline();
      noteActed();
      // Work the command leaves behind: it runs after the command answered.
      leftBehind = tick().then(async () => {
        await tick();
        return activeDeadline();
      });
      return 'a';
    });
    const runB = underGuard(b, async () => {
      await tick();
      seen['b'] = activeDeadline();
      return 'b';
    });

    expect(await runB).toBe('b');
    expect(disabled).not.toHaveBeenCalled(); // a still runs
    releaseA();
    expect(await runA).toBe('a');
    expect(disabled).toHaveBeenCalledTimes(1);

    expect(seen).toEqual({ 'a after a tick': 1_000, b: 2_000, 'a after b finished': 1_000 });
    expect(a.acted).toBe(true);
    expect(b.acted).toBe(false);
    // `a` is still marked active: only the storage being off keeps its deadline from what it left behind.
    expect(await leftBehind).toBeUndefined();
    expect(activeDeadline()).toBeUndefined();
  });

  it('is on again for the next command, and off after one that throws', async () => {
    await expect(
      underGuard(guard(3_000), async () => {
        await tick();
        throw new Error(`failed with deadline ${activeDeadline()}`);
      }),
    ).rejects.toThrow('failed with deadline 3000');
    expect(disabled).toHaveBeenCalledTimes(1);

    const next = await underGuard(guard(4_000), async () => {
      await tick();
      return activeDeadline();
    });
    expect(next).toBe(4_000);
  });
});

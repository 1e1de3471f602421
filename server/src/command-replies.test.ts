import { describe, expect, it } from '@jest/globals';
import { CommandReplies } from './command-replies.js';
import { memoryState, type SharedState } from './state/shared-state.js';

describe('CommandReplies when the shared state fails', () => {
  it('keeps an id running when its answer cannot be stored: a retry never runs the command again', async () => {
    const inner = memoryState();
    let storing = true;
    const state: SharedState = {
      ...inner,
      set: (key, value, ttl) => (storing || !key.startsWith('reply:') ? inner.set(key, value, ttl) : Promise.reject(new Error('Redis did not answer'))),
    };
    const first = new CommandReplies<string>(state, { ttlMs: 60_000 });
    const retry = new CommandReplies<string>(state, { ttlMs: 60_000, pollMs: 5, waitMs: 100 });
    storing = false;
    let runs = 0;

    expect(await first.run('dial', async () => `dialled ${(runs += 1)}`, 'gave up')).toBe('dialled 1');
    await new Promise((resolve) => setImmediate(resolve)); // the failed write of its answer settles

    expect(await retry.run('dial', async () => `dialled ${(runs += 1)}`, 'gave up')).toBe('gave up');
    expect(runs).toBe(1);
  });
});

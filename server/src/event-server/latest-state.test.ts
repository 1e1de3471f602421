/** A softphone's states under its budget: in order within it, the newest when coalescing, never ending on an older one. */
import { describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { LatestState } from './latest-state.js';

function harness(rule = { allowed: { perSecond: 100, burst: 1 }, tolerated: { perSecond: 100, burst: 1000 } }) {
  let chain: Promise<unknown> = Promise.resolve();
  const clock = { now: 0 };
  const applied: string[] = [];
  let scheduled = 0;
  const blockers = new Map<string, Promise<void>>();
  const states = new LatestState<string>({
    schedule: (step) => {
      scheduled += 1;
      chain = chain.then(step);
    },
    apply: async (s) => {
      applied.push(s);
      await blockers.get(s);
    },
    rule,
    clock: () => clock.now,
    flooding: () => undefined,
  });
  const block = (state: string) => {
    let release!: () => void;
    blockers.set(state, new Promise<void>((resolve) => (release = resolve)));
    return () => release();
  };
  return { states, applied, clock, block, scheduled: () => scheduled, settled: () => chain };
}

describe('LatestState', () => {
  it('applies every state within budget, in order', async () => {
    const h = harness({ allowed: { perSecond: 100, burst: 10 }, tolerated: { perSecond: 100, burst: 1000 } });
    for (const s of ['ringing', 'talking', 'held', 'talking', 'idle']) h.states.push(s);
    await until(() => h.applied.length === 5, 'every state');
    expect(h.applied).toEqual(['ringing', 'talking', 'held', 'talking', 'idle']);
  });

  it('applies only the newest of the states over budget', async () => {
    const h = harness();
    const release = h.block('A');
    h.states.push('A');
    for (const s of ['B', 'C', 'D']) h.states.push(s);
    release();
    await until(() => h.applied.includes('D'), 'the newest state');
    expect(h.applied).toEqual(['A', 'D']);
  });

  it('ends on the newest state when one within budget overtakes the step queued for a waiting one (review)', async () => {
    const h = harness();
    const release = h.block('A');
    h.states.push('A'); // admitted; its update waits (a slow Redis round trip)
    h.states.push('P'); // over budget: waits for a token, then a step is queued for it
    await until(() => h.scheduled() === 2, 'the step for the waiting state');
    h.clock.now = 10; // a token is back
    h.states.push('S'); // admitted: queued behind the waiting state's step
    h.states.push('T'); // over budget again: the newest
    release();
    await until(() => h.applied.includes('T'), 'the newest state');
    await h.settled();
    expect(h.applied).toEqual(['A', 'S', 'T']);
  });
});

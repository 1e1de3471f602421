import { describe, expect, it } from '@jest/globals';
import { NodeRegistry } from './node-registry.js';
import { memoryState } from './state/shared-state.js';

describe('NodeRegistry noticing a lost shared state', () => {
  it('calls onStateLost when a beat finds its key gone or older than the last beat wrote, once per loss', async () => {
    const state = memoryState();
    let clock = 1000;
    let losses = 0;
    const node = new NodeRegistry(
      state,
      { keepMs: 60_000, onStateLost: () => (losses += 1) },
      () => {},
      () => clock,
    );
    await node.beat();
    clock += 100;
    await node.beat();
    expect(losses).toBe(0);

    await state.delete(`node:${node.id}`); // Redis restarted empty, or FLUSHALL
    clock += 100;
    await node.beat();
    expect(losses).toBe(1);
    clock += 100;
    await node.beat();
    expect(losses).toBe(1);

    await state.set(`node:${node.id}`, '1000', 60_000); // restored from an older copy
    clock += 100;
    await node.beat();
    expect(losses).toBe(2);
    expect(await node.sinceSeen(node.id)).toBe(0);
  });
});

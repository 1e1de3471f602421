import { describe, expect, it } from '@jest/globals';
import { macrotask, until } from './wait.js';

describe('until', () => {
  it('resolves with the first truthy result, sync or async', async () => {
    let looks = 0;
    expect(await until(() => (looks += 1) >= 3 && 'there')).toBe('there');
    expect(looks).toBe(3);
    expect(await until(async () => ({ id: 7 }))).toEqual({ id: 7 });
  });

  it('names what it waited for when it gives up, and passes on a failing condition', async () => {
    await expect(until(() => false, { what: 'the snapshot', timeoutMs: 0 })).rejects.toThrow('timed out after 0 ms waiting for the snapshot');
    await expect(
      until(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});

describe('macrotask', () => {
  it('lets a timer queued before it run first', async () => {
    const seen: string[] = [];
    setTimeout(() => seen.push('timer'), 0);
    await macrotask();
    expect(seen).toEqual(['timer']);
  });
});

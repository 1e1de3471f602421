/**
 * The contract both shared states keep: the unit project runs it in memory, the cluster project
 * against Redis (TEST_REDIS_URL).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { getJson, updateJson, type SharedState } from './shared-state.js';
import { testState, testStatePair } from '../testing/test-state.js';

let state: SharedState;
afterEach(() => state.close());

describe(`shared state (${process.env['TEST_REDIS_URL'] ? 'Redis' : 'memory'})`, () => {
  it('sets, gets, takes once and deletes', async () => {
    state = await testState();
    await state.set('a', 'one', 60_000);
    await state.set('b', 'two', 60_000);

    expect(await state.get('a')).toBe('one');
    expect(await Promise.all([state.take('a'), state.take('a')])).toEqual(['one', undefined]);
    await state.delete('b', 'missing');
    expect(await state.get('b')).toBeUndefined();
  });

  it('stores only the first of parallel setIfAbsent calls and tells each what is stored', async () => {
    state = await testState();

    const answers = await Promise.all(['x', 'y', 'z'].map((v) => state.setIfAbsent('k', v, 60_000)));

    expect(answers.filter((a) => a.stored)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.value))).toEqual(new Set([await state.get('k')]));
  });

  it('loses no update when many run at once, and deletes on undefined', async () => {
    state = await testState();

    await Promise.all(Array.from({ length: 50 }, () => updateJson<number>(state, 'n', (n = 0) => n + 1, 60_000)));

    expect(await getJson<number>(state, 'n')).toBe(50);
    expect(await state.update('n', () => undefined, 60_000)).toBeUndefined();
    expect(await state.get('n')).toBeUndefined();
  });

  it('lets two nodes hammering one key both get through, losing nothing', async () => {
    const [a, b] = await testStatePair();
    state = a;
    const add = (s: SharedState) => updateJson<number>(s, 'hot', (n = 0) => n + 1, 60_000);

    await Promise.all(Array.from({ length: 150 }, (_, i) => add(i % 2 === 0 ? a : b)));

    expect(await getJson<number>(b, 'hot')).toBe(150);
    if (b !== a) await b.close();
  });

  it('updates from what another node stored since, never from what this one wrote before', async () => {
    const [a, b] = await testStatePair();
    state = a;
    const seen: (string | undefined)[] = [];
    const append = (s: SharedState, part: string) =>
      s.update(
        'mine',
        (v) => {
          seen.push(v);
          return `${v ?? ''}${part}`;
        },
        60_000,
      );

    await append(a, 'a1');
    await append(b, 'b1');
    expect(await append(a, 'a2')).toBe('a1b1a2');
    // Nothing to change: the answer is what the key holds now, not what this node wrote.
    await append(b, 'b2');
    expect(await a.update('mine', (v) => v, 60_000)).toBe('a1b1a2b2');
    await a.set('mine', 'reset', 60_000);
    expect(await append(a, '!')).toBe('reset!');
    expect(seen.at(-1)).toBe('reset');
    if (b !== a) await b.close();
  });

  it('leaves a value untouched when the change returns it as it is', async () => {
    state = await testState();
    await state.set('k', 'v', 60_000);

    expect(await state.update('k', (v) => v, 60_000)).toBe('v');
    expect(await state.update('none', (v) => v, 60_000)).toBeUndefined();
    expect(await state.get('none')).toBeUndefined();
  });

  it('forgets values after their time', async () => {
    state = await testState();
    await state.set('short', 'v', 30);
    await state.setIfAbsent('also', 'v', 30);
    await state.set('long', 'v', 60_000);

    const values = async () => [await state.get('short'), await state.get('also'), await state.get('long')];

    await until(async () => (await values()).filter((v) => v === undefined).length === 2, 'the short-lived values to expire');
    expect(await values()).toEqual([undefined, undefined, 'v']);
  });
});

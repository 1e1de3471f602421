import { describe, expect, it } from '@jest/globals';
import { KnownValues } from './known-values.js';

describe('KnownValues', () => {
  it('forgets the least recently written keys past the key count', () => {
    const known = new KnownValues(2, 1_000);
    known.set('a', '1');
    known.set('b', '2');
    known.set('a', '3'); // a is now the most recent
    known.set('c', '4');
    expect([known.has('a'), known.has('b'), known.has('c')]).toEqual([true, false, true]);
    expect(known.get('a')).toBe('3');
  });

  it('forgets old keys once the values together pass the length budget, and never keeps one longer than it', () => {
    const known = new KnownValues(100, 10);
    known.set('a', 'xxxx');
    known.set('b', 'yyyy');
    known.set('c', 'zzzz'); // 12 characters: a goes
    expect(known.has('a')).toBe(false);
    expect(known.size).toEqual({ keys: 2, chars: 8 });
    known.set('huge', 'h'.repeat(11));
    expect(known.has('huge')).toBe(false);
    expect(known.size).toEqual({ keys: 2, chars: 8 });
  });

  it('remembers a key known to be absent, and counts deletions', () => {
    const known = new KnownValues(10, 10);
    known.set('gone', undefined);
    expect(known.has('gone')).toBe(true);
    expect(known.get('gone')).toBeUndefined();
    known.set('a', 'abc');
    known.delete('a');
    known.delete('a');
    expect(known.size).toEqual({ keys: 1, chars: 0 });
  });
});

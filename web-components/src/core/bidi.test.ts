import { describe, expect, it } from '@jest/globals';
import { deepWithoutBidiControls, withoutBidiControls } from './bidi.js';

describe('bidirectional formatting characters (issue 14 §8)', () => {
  it.each([
    ['an override that reverses a file name', 'invoice\u202egnp.exe', 'invoicegnp.exe'],
    ['embeddings and their end', 'a\u202ab\u202bc\u202cd', 'abcd'],
    ['isolates', '\u2066090\u2069-\u2067xx\u2068\u2069', '090-xx'],
    ['the marks LRM, RLM and ALM', '\u200e1\u200f2\u061c3', '123'],
  ])('removes %s', (_what, text, shown) => {
    expect(withoutBidiControls(text)).toBe(shown);
  });

  it('keeps right-to-left letters, Japanese and other invisible characters it has no business with', () => {
    const text = 'שלום مرحبا 受付可 a\u200bb';

    expect(withoutBidiControls(text)).toBe(text);
  });

  it('cleans every string of a message at any depth, and returns a clean message as it is', () => {
    const clean = { calls: [{ note: 'ok', n: 1 }], flag: true, none: null };
    const dirty = { calls: [{ note: '\u202eko', n: 1 }, { note: 'fine' }], labels: ['\u2067x'], keep: clean };

    const cleaned = deepWithoutBidiControls(dirty);

    expect(deepWithoutBidiControls(clean)).toBe(clean);
    expect(cleaned).toEqual({ calls: [{ note: 'ko', n: 1 }, { note: 'fine' }], labels: ['x'], keep: clean });
    expect(cleaned.keep).toBe(clean);
    expect(dirty.calls[0]?.note).toBe('\u202eko'); // the original is not changed
  });
});

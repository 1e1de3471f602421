/**
 * Bidirectional formatting characters in text from outside the panel (issue 14 §8): an override
 * such as U+202E (RIGHT-TO-LEFT OVERRIDE) in a status label, a business label, a transfer note or
 * a record name would reverse what follows it on screen (`‮gnp.exe` reads `exe.png`), so a
 * colleague or a softphone could make a number or a name look like another. They are removed from
 * every string the panel receives; the natural direction of Arabic or Hebrew letters needs none of
 * them and is kept.
 */

/** Embeddings, overrides and their end (U+202A–202E), isolates (U+2066–2069) and the marks LRM, RLM, ALM. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** `text` without bidirectional formatting characters. */
export function withoutBidiControls(text: string): string {
  return HAS_BIDI_CONTROL.test(text) ? text.replace(BIDI_CONTROLS, '') : text;
}

/**
 * Every string in `value` (plain objects and arrays, any depth) without bidirectional formatting
 * characters. Unchanged parts are returned as they are, so a clean message costs no copy.
 */
export function deepWithoutBidiControls<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return withoutBidiControls(value);
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, i) => {
      const next = clean(item);
      if (next !== item) (copy ??= [...items])[i] = next;
    });
    return copy ?? items;
  }
  if (typeof value === 'object' && value !== null) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = clean(item);
      if (next !== item) (copy ??= { ...value })[key] = next;
    }
    return copy ?? value;
  }
  return value;
}

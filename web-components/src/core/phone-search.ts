/**
 * Finding a caller's record although CRMs store Japanese numbers in many notations
 * (`03-1234-5678`, `0312345678`, `+81 3-1234-5678`, `+81312345678`). Pure.
 *
 * Salesforce's phone search matches the stored text, not a normalised number, so the search asks
 * for every notation: `phoneSearchTerms` gives the search strings of the administrator's strategy
 * (./phone-search-strategy.ts) — one per notation, all of them joined with SOSL's ` OR ` (an
 * untested assumption: `searchAndScreenPop`'s string may be escaped), or the digits alone.
 */
import { displayNumber, normaliseDialString } from './phone.js';
import type { PhoneSearchStrategy } from './phone-search-strategy.js';

/**
 * How a national number is split with hyphens (総務省 numbering, simplified):
 * - `0120`, `0570`, `0800`-…: 4-3-3 (`0120-123-456`), or 4-3-4 for 11 digits (`0800-123-4567`);
 * - 11-digit `020`/`050`/`060`/`070`/`080`/`090`: 3-4-4 (`090-1234-5678`);
 * - `03` (Tokyo) and `06` (Osaka), 10 digits: 2-4-4 (`03-1234-5678`);
 * - any other 10-digit `0…` landline: 3-3-4 (`045-123-4567`). Areas with 4- or 5-digit codes
 *   (`0422-12-3456`) really differ; knowing them needs the full area-code table, so they get the
 *   3-3-4 default and are still found through the digits-only and E.164 variants.
 * Anything else (other lengths) is not hyphenated.
 */
export function hyphenateNational(digits: string): string | undefined {
  if (!/^0[0-9]+$/.test(digits)) return undefined;
  const split = (...sizes: number[]) => {
    const parts: string[] = [];
    let at = 0;
    for (const size of sizes) {
      parts.push(digits.slice(at, at + size));
      at += size;
    }
    return parts.join('-');
  };
  if (/^0(120|570|800)/.test(digits)) {
    if (digits.length === 10) return split(4, 3, 3);
    if (digits.length === 11) return split(4, 3, 4);
    return undefined;
  }
  if (digits.length === 11 && /^0[2-9]0/.test(digits)) return split(3, 4, 4);
  if (digits.length === 10 && /^0[36]/.test(digits)) return split(2, 4, 4);
  if (digits.length === 10 && /^0[1-9]/.test(digits)) return split(3, 3, 4);
  return undefined;
}

/**
 * The key two notations of one number share: separators stripped, full-width folded, `+81` /
 * `+81 (0)` turned into the national `0…` form. Undefined for anonymous, empty or non-numbers.
 */
export function phoneKey(number: string): string | undefined {
  if (displayNumber(number).kind === 'anonymous') return undefined;
  const check = normaliseDialString(number);
  if (check.ok) return /^[0-9]+$/.test(check.number) ? check.number : undefined;
  // Other countries' E.164 numbers (`+1 415 555 0100`) are kept with their `+`.
  const international = number.normalize('NFKC').replace(/[\s\-()]/g, '');
  return /^\+[1-9][0-9]{4,14}$/.test(international) ? international : undefined;
}

/**
 * The notations a CRM may hold for `number`, deduplicated: digits only, the hyphenated national
 * form, `+81` E.164 without the trunk 0, and `+81 ` with the hyphenated rest. Numbers that are
 * not Japanese national numbers (extensions, other countries) give just their key. Empty for
 * anonymous, empty and non-numeric input: those calls do not search.
 */
export function phoneSearchVariants(number: string): string[] {
  const key = phoneKey(number);
  if (key === undefined) return [];
  const variants = [key];
  if (/^0[1-9][0-9]{8,9}$/.test(key)) {
    const hyphenated = hyphenateNational(key);
    if (hyphenated) variants.push(hyphenated);
    variants.push(`+81${key.slice(1)}`);
    if (hyphenated) variants.push(`+81 ${hyphenated.slice(1)}`);
  }
  return [...new Set(variants)];
}

/** The `searchParams` of `searchAndScreenPop`: every notation, as one SOSL `OR` search. */
export function phoneSearchParams(number: string): string {
  return phoneSearchVariants(number).join(' OR ');
}

/** The search strings `strategy` sends for `number`, in order (empty: no search). */
export function phoneSearchTerms(number: string, strategy: PhoneSearchStrategy): string[] {
  const variants = phoneSearchVariants(number);
  if (variants.length === 0) return [];
  if (strategy === 'each') return variants;
  if (strategy === 'digits') return variants.slice(0, 1);
  return [variants.join(' OR ')];
}

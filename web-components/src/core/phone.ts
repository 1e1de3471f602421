/**
 * Phone-number rules of the manuals (seed 002 §2, seed 001 §6). Pure functions.
 */

/** Characters an agent may type into the number field (seed 001 §4 + common notations). */
const ALLOWED = /^[0-9*#+\s\-()（）ー－‐]*$/u;
const SEPARATORS = /[\s\-()（）ー－‐]/gu;
/** Longest string a PBX will dial (E.164 is 15 digits; extensions and feature codes are shorter). */
export const MAX_DIAL_LENGTH = 32;
/** `81` without `+` is treated as the country code only when the rest is a national number. */
const MIN_INTERNATIONAL_DIGITS = 11;

export type DialCheck = { ok: true; number: string } | { ok: false; reason: 'empty' | 'invalidCharacters' | 'tooLong' };

/**
 * Validates what the agent typed and turns it into what the PBX dials: separators stripped,
 * `+81…`/`+810…`/`81…`/`810…` become `0…` (`81090XXXXXXXX` → `090XXXXXXXX`).
 */
export function normaliseDialString(input: string): DialCheck {
  // IMEs often type full-width digits and symbols (０３－１２３４): NFKC folds them to ASCII.
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!ALLOWED.test(trimmed)) return { ok: false, reason: 'invalidCharacters' };
  let digits = trimmed.replace(SEPARATORS, '');
  if (digits.lastIndexOf('+') > 0) return { ok: false, reason: 'invalidCharacters' };
  if (digits.startsWith('+81')) {
    digits = toNational(digits.slice(3));
  } else if (digits.startsWith('+')) {
    return { ok: false, reason: 'invalidCharacters' };
  } else if (digits.startsWith('81') && /^[0-9]+$/.test(digits) && digits.length >= MIN_INTERNATIONAL_DIGITS) {
    digits = toNational(digits.slice(2));
  }
  if (digits === '') return { ok: false, reason: 'empty' };
  if (digits.length > MAX_DIAL_LENGTH) return { ok: false, reason: 'tooLong' };
  return { ok: true, number: digits };
}

/** `''` stays empty so a bare `+81` is refused as empty instead of dialling `0`. */
function toNational(rest: string): string {
  return rest === '' || rest.startsWith('0') ? rest : `0${rest}`;
}

/** How a remote number is shown: `anonymous` (any case) and empty numbers are 非通知. */
export type DisplayNumber = { kind: 'anonymous' } | { kind: 'number'; value: string };

const ANONYMOUS = new Set(['', 'anonymous', '非通知', 'unknown', 'private']);

export function displayNumber(remote: string): DisplayNumber {
  const value = remote.trim();
  return ANONYMOUS.has(value.toLowerCase()) ? { kind: 'anonymous' } : { kind: 'number', value };
}

/**
 * Japanese phone numbers in running text, for click-to-call on any page (seed 000 §2.1: 電話番号と判定
 * された文字列をリンク形式に自動変換). Pure. A number is recognised in the notations people write:
 * `03-1234-5678`, `0312345678`, `090 1234 5678`, `(03)1234-5678`, `03(1234)5678`, `0120-123-456`,
 * `+81 3-1234-5678`, `+81(0)90-1234-5678`, full-width `０３－１２３４－５６７８`. It must have the
 * length of a Japanese number for its prefix (10 digits, 11 for `020`/`050`–`090` and `0800`), stand
 * apart from other letters and digits, and be split like a phone number — so dates, prices, postal
 * codes and order or version numbers are left alone.
 */

export interface PhoneMatch {
  /** Where the number's text starts and ends in the input (UTF-16 offsets, end exclusive). */
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly text: string;
  /** The number to dial: national digits (`0312345678`). */
  readonly number: string;
}

/** Runs of characters a written number is made of (both widths). */
const RUN = /[+＋(（]?[0-9０-９][0-9０-９\-－‐ー−()（） ]*[0-9０-９]/gu;
/** What may not touch a number: letters, digits and the joiners of codes, dates and amounts. */
const BEFORE_BLOCKED = /[0-9０-９A-Za-zＡ-Ｚａ-ｚ_\-－‐/#.,¥$€£＃]/u;
const AFTER_BLOCKED = /[0-9０-９A-Za-zＡ-Ｚａ-ｚ_\-－‐/.,:円%％]/u;

/** Every phone number in `text`, in order. */
export function findPhoneNumbers(text: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  for (const run of text.matchAll(RUN)) {
    const start = run.index;
    const end = start + run[0].length;
    if (start > 0 && BEFORE_BLOCKED.test(text[start - 1]!)) continue;
    if (end < text.length && AFTER_BLOCKED.test(text[end]!)) continue;
    found.push(...numbersIn(run[0], start));
  }
  return found;
}

/** A run as one number, or else its space-separated parts each as one (`03-1234-5678 045-123-4567`). */
function numbersIn(run: string, offset: number): PhoneMatch[] {
  const whole = phoneNumberOf(run);
  if (whole) return [{ start: offset, end: offset + run.length, text: run, number: whole }];
  const matches: PhoneMatch[] = [];
  for (const part of run.matchAll(/[^ ]+/g)) {
    const number = phoneNumberOf(part[0]);
    if (number) matches.push({ start: offset + part.index, end: offset + part.index + part[0].length, text: part[0], number });
  }
  return matches;
}

/** The national digits of one written number, or undefined when it is not one. */
export function phoneNumberOf(written: string): string | undefined {
  const s = written.normalize('NFKC').replace(/[‐ー−]/g, '-');
  let national = s;
  const international = /^\+81[ -]?(?:\(0\)[ -]?)?(.*)$/.exec(s);
  if (international) national = `0${international[1]!.replace(/^0/, '')}`;
  else if (s.startsWith('+')) return undefined;
  // Groups: separated by one hyphen or space, or an area code / exchange in parentheses.
  const groups = national
    .replace(/\((\d+)\)/g, '-$1-')
    .split(/[- ]/)
    .filter((g) => g !== '');
  if (!groups.every((g) => /^\d+$/.test(g)) || /[()]/.test(national.replace(/\(\d+\)/g, ''))) return undefined;
  if (/[- ]{2,}/.test(national.replace(/\((\d+)\)/g, '-$1-').replace(/-+/g, '-'))) return undefined;
  const digits = groups.join('');
  if (!validLength(digits)) return undefined;
  if (groups.length === 1) return digits;
  if (groups.length !== 3) return undefined;
  const [area, exchange, line] = groups as [string, string, string];
  const freeDial = /^0(120|570)$/.test(area) && exchange.length === 3 && line.length === 3;
  const ok = area.startsWith('0') && area.length >= 2 && area.length <= 5 && exchange.length >= 1 && exchange.length <= 4 && (line.length === 4 || freeDial);
  return ok ? digits : undefined;
}

/** A Japanese number's length for its prefix: 11 digits for `020`, `050`–`090` and `0800`, else 10. */
function validLength(digits: string): boolean {
  if (!/^0[1-9]\d+$/.test(digits)) return false;
  const eleven = /^0[25-9]0/.test(digits) || digits.startsWith('0800');
  return digits.length === (eleven ? 11 : 10);
}

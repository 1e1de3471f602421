import { describe, expect, it } from '@jest/globals';
import { MAX_DIAL_LENGTH, displayNumber, normaliseDialString, type DialCheck } from './phone.js';

const dials = (number: string): DialCheck => ({ ok: true, number });
const refused = (reason: 'empty' | 'invalidCharacters' | 'tooLong'): DialCheck => ({ ok: false, reason });

describe('normaliseDialString', () => {
  it.each([
    // Japan in international form becomes a 0-prefixed national number (seed 002 §2).
    ['81 + mobile without +', '8109012345678', dials('09012345678')],
    ['81 + mobile without the leading 0', '819012345678', dials('09012345678')],
    ['+81 with separators', '+81 90-1234-5678', dials('09012345678')],
    ['+810 (trunk 0 kept after the country code)', '+810312345678', dials('0312345678')],
    ['+81 Tokyo with separators', '+81 3-1234-5678', dials('0312345678')],
    ['+81 (0) notation', '+81 (0)3-1234-5678', dials('0312345678')],
    ['81 + Tokyo without +', '81312345678', dials('0312345678')],
    // National numbers: separators stripped.
    ['hyphens', '03-1234-5678', dials('0312345678')],
    ['parentheses and spaces', '(03) 1234 5678', dials('0312345678')],
    ['full-width parentheses', '（03）1234-5678', dials('0312345678')],
    ['full-width hyphen-minus', '03－1234－5678', dials('0312345678')],
    ['full-width digits typed with an IME', '０３－１２３４－５６７８', dials('0312345678')],
    ['full-width plus and country code', '＋８１　９０１２３４５６７８', dials('09012345678')],
    ['katakana long-vowel mark used as a dash', '090ー1234ー5678', dials('09012345678')],
    ['Unicode hyphen', '03‐1234‐5678', dials('0312345678')],
    ['ideographic spaces', '03　1234　5678', dials('0312345678')],
    ['surrounding whitespace', '  0312345678\n', dials('0312345678')],
    // Short numbers: extensions and feature codes are left alone (81xx is not a country code).
    ['an extension starting with 81', '8101', dials('8101')],
    ['a plain extension', '1002', dials('1002')],
    ['a short 81 number below the international length', '8190123', dials('8190123')],
    ['star and hash feature codes', '*67#', dials('*67#')],
    ['a hash code', '#8001', dials('#8001')],
    ['exactly the longest dialable length', '1'.repeat(MAX_DIAL_LENGTH), dials('1'.repeat(MAX_DIAL_LENGTH))],
    // Nothing to dial.
    ['an empty string', '', refused('empty')],
    ['only spaces', '   ', refused('empty')],
    ['only separators', '-()-', refused('empty')],
    ['only the country code', '+81', refused('empty')],
    ['the country code and separators', '+81 - ', refused('empty')],
    // Characters the PBX cannot dial.
    ['letters', '03-CALL-NOW', refused('invalidCharacters')],
    ['a semicolon', '0312345678;1001', refused('invalidCharacters')],
    ['markup', '<script>alert(1)</script>', refused('invalidCharacters')],
    ['a dot separator', '03.1234.5678', refused('invalidCharacters')],
    // Only Japan may be written with +; other countries must be dialled with a carrier prefix.
    ['a US number with +', '+1 555 0100', refused('invalidCharacters')],
    ['a UK number with +', '+44 20 7946 0000', refused('invalidCharacters')],
    ['a lone +', '+', refused('invalidCharacters')],
    ['a + in the middle', '03+12345678', refused('invalidCharacters')],
    ['a doubled +', '++81312345678', refused('invalidCharacters')],
    // Too long for any PBX.
    ['40 digits', '1'.repeat(40), refused('tooLong')],
    ['one digit over the limit', '1'.repeat(MAX_DIAL_LENGTH + 1), refused('tooLong')],
  ])('%s: %p', (_what, input, expected) => {
    expect(normaliseDialString(input)).toEqual(expected);
  });

  it('counts length after separators are removed', () => {
    const grouped = '1'.repeat(MAX_DIAL_LENGTH).replace(/(\d{4})/g, '$1-');

    expect(normaliseDialString(grouped)).toEqual(dials('1'.repeat(MAX_DIAL_LENGTH)));
  });

  it('always yields a number the protocol can carry (digits, * and #)', () => {
    const inputs = ['+81 90-1234-5678', '(03) 1234 5678', '*67#', '8109012345678', '03ー1234ー5678'];

    const numbers = inputs.map(normaliseDialString).map((r) => (r.ok ? r.number : ''));

    for (const number of numbers) expect(number).toMatch(/^[0-9*#]{1,32}$/);
  });
});

describe('displayNumber', () => {
  it.each(['anonymous', 'Anonymous', 'ANONYMOUS', '', '   ', '非通知', 'unknown', 'Private'])('%p is shown as 非通知', (remote) => {
    expect(displayNumber(remote)).toEqual({ kind: 'anonymous' });
  });

  it.each([
    ['0312345678', '0312345678'],
    [' 09012345678 ', '09012345678'],
    ['+81312345678', '+81312345678'],
    ['1002', '1002'],
  ])('%p is shown as the number %p', (remote, value) => {
    expect(displayNumber(remote)).toEqual({ kind: 'number', value });
  });
});

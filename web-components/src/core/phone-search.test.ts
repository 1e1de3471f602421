import { describe, expect, it } from '@jest/globals';
import { hyphenateNational, phoneKey, phoneSearchTerms, phoneSearchVariants } from './phone-search.js';

describe('hyphenateNational', () => {
  it.each([
    ['Tokyo (03, 2-4-4)', '0312345678', '03-1234-5678'],
    ['Osaka (06, 2-4-4)', '0669876543', '06-6987-6543'],
    ['free dial 0120 (4-3-3)', '0120123456', '0120-123-456'],
    ['navi dial 0570 (4-3-3)', '0570123456', '0570-123-456'],
    ['free dial 0800 (4-3-4)', '08001234567', '0800-123-4567'],
    ['mobile 090 (3-4-4)', '09012345678', '090-1234-5678'],
    ['mobile 080', '08087654321', '080-8765-4321'],
    ['mobile 070', '07011112222', '070-1111-2222'],
    ['IP phone 050', '05012345678', '050-1234-5678'],
    ['Yokohama (045, default 3-3-4)', '0452345678', '045-234-5678'],
    ['Sapporo (011, default 3-3-4)', '0112223333', '011-222-3333'],
    ['Musashino 0422 (really 4-2-4; default 3-3-4)', '0422123456', '042-212-3456'],
  ])('%s: %s → %s', (_what, digits, expected) => {
    expect(hyphenateNational(digits)).toBe(expected);
  });

  it.each([
    ['an extension', '1001'],
    ['a 9-digit number', '031234567'],
    ['a 12-digit number', '090123456789'],
    ['an 11-digit landline', '03123456789'],
    ['not digits', '03-1234-5678'],
  ])('leaves %s alone', (_what, digits) => {
    expect(hyphenateNational(digits)).toBeUndefined();
  });
});

describe('phoneSearchVariants', () => {
  const TOKYO = ['0312345678', '03-1234-5678', '+81312345678', '+81 3-1234-5678'];
  const MOBILE = ['09012345678', '090-1234-5678', '+819012345678', '+81 90-1234-5678'];

  it.each([
    ['digits only', '0312345678', TOKYO],
    ['hyphenated', '03-1234-5678', TOKYO],
    ['+81 spaced', '+81 3-1234-5678', TOKYO],
    ['+81 E.164', '+81312345678', TOKYO],
    ['+81 (0) notation', '+81 (0)3-1234-5678', TOKYO],
    ['full-width from an IME', '０３－１２３４－５６７８', TOKYO],
    ['parentheses', '(03) 1234-5678', TOKYO],
    ['surrounding spaces', '  0312345678 ', TOKYO],
    ['a mobile', '090-1234-5678', MOBILE],
    ['81 without +', '819012345678', MOBILE],
    ['free dial', '0120123456', ['0120123456', '0120-123-456', '+81120123456', '+81 120-123-456']],
  ])('%s (%s) gives every stored notation', (_what, input, expected) => {
    expect(phoneSearchVariants(input)).toEqual(expected);
  });

  it.each([
    ['an extension', '1001', ['1001']],
    ['a 9-digit number (too short to be national: as typed)', '031234567', ['031234567']],
    ['another country in E.164', '+1 415-555-0100', ['+14155550100']],
  ])('%s: %s → %j', (_what, input, expected) => {
    expect(phoneSearchVariants(input)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['anonymous', 'anonymous'],
    ['ANONYMOUS', 'ANONYMOUS'],
    ['非通知', '非通知'],
    ['private', 'Private'],
    ['letters', 'abc'],
    ['a feature code', '*67'],
    ['a bare +81', '+81'],
    ['markup', '<script>'],
    ['an OR injection', '0312345678 OR *'],
  ])('gives nothing for %s', (_what, input) => {
    expect(phoneSearchVariants(input)).toEqual([]);
  });

  it('has no duplicates', () => {
    for (const input of ['0312345678', '1001', '+14155550100', '031234567']) {
      const variants = phoneSearchVariants(input);
      expect(new Set(variants).size).toBe(variants.length);
    }
  });
});

describe('phoneSearchTerms', () => {
  it('notations: every notation joined with OR, for one SOSL search', () => {
    expect(phoneSearchTerms('03-1234-5678', 'notations')).toEqual(['0312345678 OR 03-1234-5678 OR +81312345678 OR +81 3-1234-5678']);
  });

  it('each: one search per notation, digits first', () => {
    expect(phoneSearchTerms('+81 3-1234-5678', 'each')).toEqual(['0312345678', '03-1234-5678', '+81312345678', '+81 3-1234-5678']);
  });

  it('digits: the digits-only notation alone', () => {
    expect(phoneSearchTerms('(03)1234-5678', 'digits')).toEqual(['0312345678']);
  });

  it.each(['each', 'notations', 'digits'] as const)('%s: no search for an anonymous number', (strategy) => {
    expect(phoneSearchTerms('anonymous', strategy)).toEqual([]);
  });
});

describe('phoneKey', () => {
  it.each([
    ['03-1234-5678', '0312345678'],
    ['+81 3-1234-5678', '03-1234-5678'],
    ['+81312345678', '(03)1234-5678'],
    ['０９０－１２３４－５６７８', '+81 90 1234 5678'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['1001', '1001'],
  ])('%s is the same number as %s', (a, b) => {
    expect(phoneKey(a)).toEqual(expect.stringMatching(/^\+?[0-9]+$/));
    expect(phoneKey(a)).toBe(phoneKey(b));
  });

  it.each([
    ['03-1234-5678', '03-1234-5679'],
    ['0312345678', '312345678'],
    ['anonymous', 'anonymous'],
    ['', ''],
    ['abc', 'abc'],
    ['+14155550100', '04155550100'],
  ])('%s is not the same number as %s', (a, b) => {
    const key = phoneKey(a);
    expect(key === undefined || key !== phoneKey(b)).toBe(true);
  });

  it('keys a number in its national form', () => {
    expect(phoneKey('+81 3-1234-5678')).toBe('0312345678');
    expect(phoneKey('非通知')).toBeUndefined();
  });
});

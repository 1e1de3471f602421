import { describe, expect, it } from '@jest/globals';
import { findPhoneNumbers, phoneNumberOf } from './phone-text.js';

const numbers = (text: string) => findPhoneNumbers(text).map((m) => m.number);

describe('phone numbers in running text (click-to-call on any page)', () => {
  it.each([
    ['03-1234-5678', '0312345678'],
    ['0312345678', '0312345678'],
    ['045-123-4567', '0451234567'],
    ['0422-12-3456', '0422123456'],
    ['01267-2-3456', '0126723456'],
    ['090-1234-5678', '09012345678'],
    ['090 1234 5678', '09012345678'],
    ['050-1234-5678', '05012345678'],
    ['0120-123-456', '0120123456'],
    ['0570-123-456', '0570123456'],
    ['0800-123-4567', '08001234567'],
    ['(03)1234-5678', '0312345678'],
    ['03(1234)5678', '0312345678'],
    ['（０３）１２３４－５６７８', '0312345678'],
    ['０９０－１２３４－５６７８', '09012345678'],
    ['+81 3-1234-5678', '0312345678'],
    ['+81-90-1234-5678', '09012345678'],
    ['+81(0)3-1234-5678', '0312345678'],
    ['+81312345678', '0312345678'],
    ['０３ー１２３４ー５６７８', '0312345678'],
  ])('recognises %s', (written, number) => {
    expect(phoneNumberOf(written)).toBe(number);
    expect(numbers(`お電話は ${written} まで`)).toEqual([number]);
  });

  it('gives where each number is, as written, several in one text', () => {
    const text = '本社: 03-1234-5678、携帯 090-1234-5678 (平日)';
    const found = findPhoneNumbers(text);
    expect(found.map((m) => m.text)).toEqual(['03-1234-5678', '090-1234-5678']);
    expect(found.map((m) => text.slice(m.start, m.end))).toEqual(['03-1234-5678', '090-1234-5678']);
    expect(numbers('03-1234-5678 045-123-4567')).toEqual(['0312345678', '0451234567']);
    expect(numbers('TEL:03-1234-5678 FAX：03-1234-5679')).toEqual(['0312345678', '0312345679']);
  });

  it.each([
    ['a date', '2024-12-03'],
    ['a date with slashes', '2024/12/03'],
    ['a Japanese date', '2024年12月03日'],
    ['a price', '¥3,120,000'],
    ['a price in yen', '0312345678円'],
    ['a postal code', '〒100-0001'],
    ['a Hokkaido postal code', '〒060-0001'],
    ['an order number', 'ORD-0312345678'],
    ['an order number with a hash', '#0312345678'],
    ['a product code', 'A0312345678'],
    ['a version', 'v03.1234.5678'],
    ['a longer digit run', '031234567890'],
    ['too few digits', '03-1234-567'],
    ['a mobile number a digit short', '090-1234-567'],
    ['a landline a digit long', '03-1234-56789'],
    ['a time', '09:00-18:00'],
    ['a percentage', '0312345678%'],
    ['a foreign number', '+1 415 555 0100'],
    ['a split that is no phone number', '0-312-345678'],
    ['digits glued to a word', 'TEL0312345678X'],
  ])('leaves %s alone (%s)', (_what, text) => {
    expect(numbers(`${text} `)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { caseSafeSuffix, isSalesforceId, toCaseSafeId } from './salesforce-id.js';

describe('isSalesforceId', () => {
  it.each([
    ['the Open CTI guide’s Contact id (18)', '003xx000004TmiQAAS'],
    ['a well-known Account id (18)', '001D000000IqhSLIAZ'],
    ['its 15-character form', '001D000000IqhSL'],
    ['a Lead id (18)', '00Q5g00000LmNoPEAV'],
    ['an all-digit 15-character id', '001000000000000'],
    ['an all-digit id with its suffix', '001000000000000AAA'],
    ['all upper case (suffix 555)', 'ZZZZZZZZZZZZZZZ555'],
    ['mixed chunks (suffix A5A)', 'aaaaaAAAAAzzzzzA5A'],
  ])('accepts %s: %s', (_what, id) => {
    expect(isSalesforceId(id)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a wrong suffix', '003xx000004TmiQAAA'],
    ['a case change in the first 15 (suffix no longer matches)', '003XX000004TmiQAAS'],
    ['a lower-case suffix', '001D000000IqhSLiaz'],
    ['a suffix character outside A–Z0–5', '001D000000IqhSLIA9'],
    ['16 characters', '001D000000IqhSLI'],
    ['17 characters', '001D000000IqhSLIA'],
    ['14 characters', '001D000000IqhS'],
    ['19 characters', '001D000000IqhSLIAZX'],
    ['a hyphen', '001D0000-0IqhSL'],
    ['a space', '001D000000IqhS '],
    ['full-width digits', '００１D000000IqhSL'],
    ['markup', '<img src=x onerror=1>'],
    ['a URL', '/lightning/r/Contact/003xx000004TmiQAAS/view'],
    ['empty', ''],
    ['a number', 1234567890123456],
    ['null', null],
    ['undefined', undefined],
    ['an object', { Id: '001D000000IqhSLIAZ' }],
  ])('refuses %s', (_what, id) => {
    expect(isSalesforceId(id)).toBe(false);
  });
});

describe('caseSafeSuffix / toCaseSafeId', () => {
  it.each([
    ['003xx000004TmiQ', 'AAS'],
    ['001D000000IqhSL', 'IAZ'],
    ['0035g00000Jp7Wx', 'AAJ'],
    ['00Q5g00000Xy7Kz', 'EAJ'],
  ])('%s → %s', (id15, suffix) => {
    expect(caseSafeSuffix(id15)).toBe(suffix);
    expect(toCaseSafeId(id15)).toBe(id15 + suffix);
  });

  it('keeps a valid 18-character id and refuses junk', () => {
    expect(toCaseSafeId('001D000000IqhSLIAZ')).toBe('001D000000IqhSLIAZ');
    expect(toCaseSafeId('001D000000IqhSLAAA')).toBeUndefined();
    expect(caseSafeSuffix('not-an-id')).toBeUndefined();
  });
});

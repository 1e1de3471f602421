import { OPTIONAL_FIELDS, buildDialRequest, phonesFromRecord, recordNameOf, toDialableNumber } from '../dialRequest';

describe('dialRequest helpers', () => {
    it('lists only qualified optional fields of Contact, Account, Lead and Case', () => {
        OPTIONAL_FIELDS.forEach((field) => expect(field).toMatch(/^(Contact|Account|Lead|Case)\.[A-Za-z]+$/));
        expect(OPTIONAL_FIELDS).toContain('Case.ContactPhone');
    });

    it.each([
        ['03-1234-5678', '03-1234-5678'],
        ['  +81 (3) 1234-5678 ', '+81 (3) 1234-5678'],
        ['０３－１２３４－５６７８', '03-1234-5678'],
        ['03ー1234ー5678', '03-1234-5678'],
        ['03\u20101234\u22125678', '03-1234-5678'],
        ['03　1234  5678', '03 1234 5678'],
        ['1'.repeat(40), '1'.repeat(40)],
    ])('accepts %p as %p', (value, expected) => {
        expect(toDialableNumber(value)).toBe(expected);
    });

    it.each([[''], ['   '], ['---'], ['1'.repeat(41)], ['03-1234-5678 ext. 12'], ['tel:0312345678'], [null], [undefined], [312345678]])(
        'refuses %p',
        (value) => {
            expect(toDialableNumber(value)).toBeNull();
        },
    );

    it('never throws for odd getRecord results', () => {
        const hostile = {
            apiName: 'Contact',
            get fields() {
                throw new Error('boom');
            },
        };
        [undefined, null, {}, { apiName: 'Contact' }, hostile].forEach((record) => {
            expect(phonesFromRecord(record)).toEqual([]);
            expect(recordNameOf(record)).toBeUndefined();
        });
    });

    it('builds the payload, dropping an invalid record id and trimming the name to 255 characters', () => {
        expect(buildDialRequest('03-1234-5678', '003000000000001', ' 山田 ')).toEqual({
            v: 1,
            number: '03-1234-5678',
            recordId: '003000000000001',
            recordName: '山田',
        });
        expect(buildDialRequest('03-1234-5678', '003-bad', '')).toEqual({ v: 1, number: '03-1234-5678' });
        expect(buildDialRequest('03-1234-5678', undefined, 'x'.repeat(300)).recordName).toHaveLength(255);
        expect(buildDialRequest('03-1234-5678', undefined, `${'x'.repeat(254)}😀`).recordName).toBe('x'.repeat(254));
        expect(buildDialRequest('nope', '003000000000001', 'n')).toBeNull();
    });
});

/**
 * Pure helpers for asking the softphone panel to dial a number of the current record over the
 * BiztelDialRequest__c message channel (payload version 1). No DOM, no LDS.
 *
 * Payload: { v: 1, number: string (≤ 40 chars of digits, +, -, spaces, parentheses),
 *            recordId?: string (15 or 18 chars), recordName?: string (≤ 255 chars) }
 */

export const DIAL_REQUEST_VERSION = 1;
export const MAX_DIAL_NUMBER_LENGTH = 40;
export const MAX_RECORD_NAME_LENGTH = 255;

/** Standard phone fields per object, in the order the buttons are shown. */
export const PHONE_FIELDS_BY_OBJECT = Object.freeze({
    Contact: Object.freeze(['Phone', 'MobilePhone']),
    Account: Object.freeze(['Phone']),
    Lead: Object.freeze(['Phone', 'MobilePhone']),
    Case: Object.freeze(['ContactPhone']),
});

/** Field holding the record's display name per object (Case has no Name). */
export const NAME_FIELD_BY_OBJECT = Object.freeze({
    Contact: 'Name',
    Account: 'Name',
    Lead: 'Name',
    Case: 'CaseNumber',
});

/**
 * getRecord optionalFields: every object's phone and name fields as qualified strings. Optional
 * fields of another object (or ones the user cannot read) are left out instead of failing the wire.
 */
export const OPTIONAL_FIELDS = Object.freeze(
    Object.keys(PHONE_FIELDS_BY_OBJECT).flatMap((objectApiName) =>
        [...PHONE_FIELDS_BY_OBJECT[objectApiName], NAME_FIELD_BY_OBJECT[objectApiName]].map((field) => `${objectApiName}.${field}`),
    ),
);

const DIALABLE = /^[0-9+\-() ]+$/;
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70]/g;
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * A stored phone value as the panel accepts it: full-width digits/spaces/parentheses and the
 * usual dash look-alikes become ASCII, runs of spaces collapse, ends are trimmed.
 * @returns the dialable number, or null when the value is not a phone number the panel takes
 *          (empty, other characters such as "ext. 12", no digit, over 40 characters).
 */
export function toDialableNumber(value) {
    if (typeof value !== 'string') {
        return null;
    }
    const number = value.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
    if (number === '' || number.length > MAX_DIAL_NUMBER_LENGTH || !DIALABLE.test(number) || !/[0-9]/.test(number)) {
        return null;
    }
    return number;
}

/** At most 255 UTF-16 units, never ending in half a surrogate pair. */
function truncateName(name) {
    const cut = name.slice(0, MAX_RECORD_NAME_LENGTH);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function fieldValue(record, field) {
    const value = record?.fields?.[field]?.value;
    return typeof value === 'string' ? value : undefined;
}

/**
 * The dialable phone numbers of a getRecord result, in field order, without duplicates.
 * Never throws; unknown objects, missing or empty fields give [].
 */
export function phonesFromRecord(record) {
    try {
        const fields = PHONE_FIELDS_BY_OBJECT[record?.apiName] ?? [];
        const numbers = [];
        fields.forEach((field) => {
            const number = toDialableNumber(fieldValue(record, field));
            if (number !== null && !numbers.includes(number)) {
                numbers.push(number);
            }
        });
        return numbers;
    } catch {
        return [];
    }
}

/** The record's display name (Name, or CaseNumber for cases), or undefined. */
export function recordNameOf(record) {
    try {
        const name = fieldValue(record, NAME_FIELD_BY_OBJECT[record?.apiName])?.trim();
        return name ? truncateName(name) : undefined;
    } catch {
        return undefined;
    }
}

/**
 * The BiztelDialRequest__c message for a number; recordId and recordName are included only when
 * valid. Returns null when the number is not dialable.
 */
export function buildDialRequest(number, recordId, recordName) {
    const dialable = toDialableNumber(number);
    if (dialable === null) {
        return null;
    }
    const message = { v: DIAL_REQUEST_VERSION, number: dialable };
    if (typeof recordId === 'string' && RECORD_ID.test(recordId)) {
        message.recordId = recordId;
    }
    if (typeof recordName === 'string' && recordName.trim() !== '') {
        message.recordName = truncateName(recordName.trim());
    }
    return message;
}

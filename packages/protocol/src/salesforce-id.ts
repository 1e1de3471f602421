/**
 * Salesforce record ids: the one check the panel, the protocol and its users share. Pure.
 *
 * An id is 15 case-sensitive characters (`[a-zA-Z0-9]`), or the same 15 followed by a 3-character
 * case-safe suffix. The suffix encodes which of the 15 characters are upper-case letters: for
 * each 5-character chunk, bit i is set when character i of the chunk is `A`–`Z`; the 5-bit value
 * indexes `A`–`Z0`–`5`. Only ids that pass this check travel between the host and the panel, so
 * a junk or tampered value is never popped or transferred.
 */

/**
 * The shape alone: 15 or 18 letters and digits. What the wire schema accepts (a record id the
 * server relays, a user scope); `isSalesforceId` also checks the case-safe suffix.
 */
export const SALESFORCE_ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const SUFFIX = /^[A-Z0-5]{3}$/;
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix of a 15-character id (undefined when it is not one). */
export function caseSafeSuffix(id15: string): string | undefined {
  if (!ID_15.test(id15)) return undefined;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** The 18-character form of a valid id (15 → 18; a valid 18 stays); undefined for anything else. */
export function toCaseSafeId(id: unknown): string | undefined {
  if (!isSalesforceId(id)) return undefined;
  return id.length === 18 ? id : id + caseSafeSuffix(id);
}

/** A 15-character id, or an 18-character id whose suffix matches its first 15 characters. */
export function isSalesforceId(id: unknown): id is string {
  if (typeof id !== 'string') return false;
  if (id.length === 15) return ID_15.test(id);
  return id.length === 18 && SUFFIX.test(id.slice(15)) && caseSafeSuffix(id.slice(0, 15)) === id.slice(15);
}

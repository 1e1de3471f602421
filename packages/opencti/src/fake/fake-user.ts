/**
 * Who the fake org says is signed in: the `$Organization.Id` and `$User.Id` the dev host renders
 * into the Visualforce page, so the panel can scope what it keeps per Salesforce user. A dev host
 * URL may name another user (`?user=…`) to play two users in one browser; anything that is not a
 * 15- or 18-character alphanumeric id falls back to the default, so query text never reaches HTML.
 */

/** The fake org's id (18 characters, with a correct case-safe suffix). */
export const FAKE_ORG_ID = '00D000000000001EAA';
/** The fake org's default user (18 characters, with a correct case-safe suffix). */
export const FAKE_USER_ID = '005000000000001AAA';

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** `value` when it looks like a Salesforce id (15 or 18 alphanumeric characters), else `fallback`. */
export function fakeSalesforceId(value: string | null | undefined, fallback: string): string {
  return typeof value === 'string' && SALESFORCE_ID.test(value) ? value : fallback;
}

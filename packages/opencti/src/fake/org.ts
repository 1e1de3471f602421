/**
 * The fake org's data: its records and pages, how its search matches phone numbers, and the ids
 * it makes. Pure; the container (./container.ts) serves them through Open CTI.
 */
import type { AppViewInfo } from '../index.js';
import { FAKE_SCREENPOP_TYPE } from './constants.js';

/**
 * The number a phone field or search term stands for, as this fake org's search compares them:
 * punctuation and spaces ignored, full-width digits read as digits, `+81` read as the trunk `0`,
 * so any notation of a Japanese number finds the others (a lenient org: the panel still sends
 * every notation, as a strict SOSL search needs). Empty for text without digits (`非通知`).
 */
const numberKey = (text: string): string => {
  const compact = text.normalize('NFKC').replace(/[^+0-9]/g, '');
  return (compact.startsWith('+81') ? `0${compact.slice(3)}` : compact).replace(/[^0-9]/g, '');
};

/** A record of the fake org, with the fields the softphone layout returns. */
export interface FakeRecord {
  readonly Id: string;
  readonly Name: string;
  /** The object's API name (`Contact`, `Account`, `Lead`). */
  readonly RecordType: string;
  /** As the user typed it: any notation (`03-1234-5678`, `+81 3-1234-5678`, …). */
  readonly Phone: string;
  readonly MobilePhone?: string;
}

/** What the fake Lightning page shows in its main area. */
export type FakePage =
  | { readonly kind: 'home' }
  | { readonly kind: 'record'; readonly record: FakeRecord }
  | { readonly kind: 'search'; readonly searchString: string; readonly matches: readonly FakeRecord[] }
  | { readonly kind: 'newRecord'; readonly entityName: string; readonly defaultFieldValues: Readonly<Record<string, string>> }
  | { readonly kind: 'url'; readonly url: string };

/**
 * How the org reads a search string: `sosl` splits it at ` OR ` and compares numbers leniently
 * (`+81` = trunk `0`, punctuation ignored); `literal` escapes the operators — the whole string is
 * one term — and only ignores punctuation, so `+81 3-…` and `03-…` differ (a strict org).
 */
export type SearchSyntax = 'sosl' | 'literal';

/** Records whose phone is the number of one of the search's terms. */
export function searchRecords(records: readonly FakeRecord[], searchParams: string, syntax: SearchSyntax): FakeRecord[] {
  const literal = syntax === 'literal';
  const key = literal ? (text: string) => text.normalize('NFKC').replace(/[^+0-9]/g, '') : numberKey;
  const terms = (literal ? [searchParams] : searchParams.split(/\s+OR\s+/)).map(key).filter(Boolean);
  return records.filter((r) => terms.some((t) => t === key(r.Phone) || (r.MobilePhone !== undefined && t === key(r.MobilePhone))));
}

export function viewOf(page: FakePage): AppViewInfo {
  switch (page.kind) {
    case 'home':
      return { url: '/lightning/page/home' };
    case 'record':
      return {
        url: `/lightning/r/${page.record.RecordType}/${page.record.Id}/view`,
        recordId: page.record.Id,
        recordName: page.record.Name,
        objectType: page.record.RecordType,
      };
    case 'search':
      return { url: `/lightning/search?searchString=${encodeURIComponent(page.searchString)}` };
    case 'newRecord':
      return { url: `/lightning/o/${page.entityName}/new` };
    case 'url':
      return { url: page.url };
  }
}

/** The `screenPop` argument that opens `page` (what a deferred search hands back). */
export function screenPopData(page: FakePage): Record<string, unknown> {
  switch (page.kind) {
    case 'record':
      return { type: FAKE_SCREENPOP_TYPE.SOBJECT, params: { recordId: page.record.Id } };
    case 'search':
      return { type: FAKE_SCREENPOP_TYPE.SEARCH, params: { searchString: page.searchString } };
    case 'newRecord':
      return { type: FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: page.entityName, defaultFieldValues: { ...page.defaultFieldValues } } };
    default:
      return { type: FAKE_SCREENPOP_TYPE.URL, params: { url: viewOf(page).url } };
  }
}

/** A Task id (prefix 00T) with a valid 18-character checksum suffix, as Salesforce returns them. */
export function fakeTaskId(n: number): string {
  const base = `00T5g00000${String(n).padStart(5, '0')}`;
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits += 1 << i;
    }
    suffix += chars.charAt(bits);
  }
  return base + suffix;
}

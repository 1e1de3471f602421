/**
 * What the CRM knows about the other party of a call (the info area, 情報画面): looked up once per
 * call, keyed by call id. Structurally the same record shape the CRM host port returns.
 */
export interface RecordRef {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
}

export type Lookup = { readonly status: 'searching' } | { readonly status: 'found'; readonly records: readonly RecordRef[] } | { readonly status: 'failed' };

export type Lookups = Readonly<Record<string, Lookup>>;

/** Keeps only the lookups of calls that still exist, so a long shift does not accumulate them. */
export function pruneLookups(lookups: Lookups, callIds: readonly string[]): Lookups {
  const keep = Object.keys(lookups).filter((id) => callIds.includes(id));
  if (keep.length === Object.keys(lookups).length) return lookups;
  return Object.fromEntries(keep.map((id) => [id, lookups[id]!]));
}

/**
 * How the CRM search looks a number up (call-center setting `/biztel/phoneSearch`). Salesforce
 * matches a phone field's stored text, and whether its search string honours SOSL's `OR` is not
 * documented for `searchAndScreenPop`, so the administrator picks:
 * - `each` (default): one search per notation, deferred, the results merged and the layout's pop
 *   of the best search shown — works whether or not the org reads `OR`; up to 4 searches a call;
 * - `notations`: every notation in one search joined with ` OR ` — one search, but if the org
 *   escapes `OR`, `+` or `-` it finds nothing;
 * - `digits`: the digits-only notation alone — one search; finds only records stored that way
 *   (or in any notation, in an org whose phone search ignores punctuation).
 * Pure, and small: the settings reader in the start bundle imports it.
 */
export type PhoneSearchStrategy = 'each' | 'notations' | 'digits';

export const PHONE_SEARCH_STRATEGIES: readonly PhoneSearchStrategy[] = ['each', 'notations', 'digits'];

export const DEFAULT_PHONE_SEARCH: PhoneSearchStrategy = 'each';

/** What one phone lookup did, for 診断: the strategy, each search string and what it found. */
export interface PhoneSearchReport {
  readonly strategy: PhoneSearchStrategy;
  /** `found`: the matches that search returned, `null` when it failed. */
  readonly searches: readonly { readonly term: string; readonly found: number | null }[];
  /** The distinct records of all searches together. */
  readonly records: number;
  /**
   * The screen pop: `layout` the host popped by its layout while searching; `done` / `failed` the
   * panel opened the layout's pop of the best search; `skipped` not popped because the searches
   * disagree or one failed where nothing was found; `none` nothing to pop (outbound).
   */
  readonly pop: 'layout' | 'done' | 'failed' | 'skipped' | 'none';
}

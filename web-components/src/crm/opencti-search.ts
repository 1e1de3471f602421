/**
 * The phone lookup of the Open CTI adapter, loaded with the first search. It sends the
 * strategy's search strings (../core/phone-search.ts) to `searchAndScreenPop`:
 * - one string (`notations`, `digits`): one search, and the softphone layout pops as it says;
 * - several (`each`): every notation searched at once with `deferred: true` (nothing pops), the
 *   matches merged, then the layout's own pop of the search that found them all — or, when every
 *   search answered and none found anything, of the first (the layout's no-match pop, e.g. a new
 *   Contact) — is opened by passing its `SCREEN_POP_DATA` unmodified to `screenPop`, as the Open
 *   CTI guide says. When no one search found every record (the searches disagree), or a search
 *   failed where nothing was found (the caller may exist), nothing pops: the panel lists what was
 *   found for the agent to pick. Outbound calls never pop (the layout's pop rules are for inbound
 *   calls).
 * A slow org's search is waited for up to `timeoutMs` (20 s) (a call rings for about that long).
 * What ran and what each search returned is reported for 診断.
 */
import { phoneSearchTerms } from '../core/phone-search.js';
import type { PhoneSearchReport, PhoneSearchStrategy } from '../core/phone-search-strategy.js';
import type { PhoneSearchResult, RecordMatch } from './host-port.js';
import type { OpenCtiCaller } from './opencti-call.js';
import { MAX_RECORD_MATCHES, asRecord, readMatches } from './opencti-payloads.js';

type Searcher = Pick<OpenCtiCaller, 'call' | 'constant'>;

const SEARCH_TIMEOUT_MS = 20_000;

export interface PhoneSearchRequest {
  readonly number: string;
  readonly direction: 'inbound' | 'outbound';
}

export async function searchPhone(
  caller: Searcher,
  request: PhoneSearchRequest,
  strategy: PhoneSearchStrategy,
  timeoutMs = SEARCH_TIMEOUT_MS,
): Promise<PhoneSearchResult> {
  const terms = phoneSearchTerms(request.number, strategy);
  if (terms.length === 0) return { records: [], report: null };
  const inbound = request.direction === 'inbound';
  const base: Record<string, unknown> = { callType: caller.constant('CALL_TYPE', inbound ? 'INBOUND' : 'OUTBOUND') };
  // Prefills the new-record form the layout may pop when an inbound search finds nothing.
  if (inbound) base['defaultFieldValues'] = { Phone: request.number.trim() };
  const [only] = terms;
  if (terms.length === 1 && only !== undefined) {
    const records = readMatches(await caller.call<unknown>('searchAndScreenPop', { ...base, searchParams: only, deferred: false }, timeoutMs));
    return { records, report: { strategy, searches: [{ term: only, found: records.length }], records: records.length, pop: 'layout' } };
  }
  const settled = await Promise.allSettled(
    terms.map((term) => caller.call<unknown>('searchAndScreenPop', { ...base, searchParams: term, deferred: true }, timeoutMs)),
  );
  const answers = settled.map((s) =>
    s.status === 'fulfilled' ? { matches: readMatches(s.value), popData: asRecord(asRecord(s.value)?.['SCREEN_POP_DATA']) } : null,
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed && answers.every((a) => a === null)) throw failed.reason;
  const records = merge(answers.map((a) => a?.matches ?? []));
  const report = (pop: PhoneSearchReport['pop']): PhoneSearchResult => ({
    records,
    report: { strategy, searches: terms.map((term, i) => ({ term, found: answers[i]?.matches.length ?? null })), records: records.length, pop },
  });
  if (!inbound) return report('none');
  const best = bestAnswer(answers);
  const split = best !== null && best.matches.length < records.length;
  const unsure = records.length === 0 && failed !== undefined;
  if (split || unsure) return report('skipped');
  const popData = best?.popData;
  if (!popData || typeof popData['type'] !== 'string') return report('none');
  try {
    await caller.call('screenPop', { ...popData });
    return report('done');
  } catch {
    return report('failed');
  }
}

/** The distinct records of every search, in search order, at most `MAX_RECORD_MATCHES`. */
function merge(lists: readonly RecordMatch[][]): RecordMatch[] {
  const byId = new Map<string, RecordMatch>();
  for (const match of lists.flat()) if (!byId.has(match.id)) byId.set(match.id, match);
  return [...byId.values()].slice(0, MAX_RECORD_MATCHES);
}

type Answer = { matches: RecordMatch[]; popData: Record<string, unknown> | undefined } | null;

/** The answer that found most (the first on a tie; with no matches, the first answer). */
function bestAnswer(answers: readonly Answer[]): Answer {
  let best: Answer = null;
  for (const answer of answers) if (answer && (best === null || answer.matches.length > best.matches.length)) best = answer;
  return best;
}

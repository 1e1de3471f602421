/**
 * The phone lookup's strategies (`opencti-search.ts`, chosen by `/biztel/phoneSearch`): what each
 * sends to `searchAndScreenPop`, how `each` merges its deferred searches and opens the layout's
 * pop, and what the report for 診断 says. The results' validation is in opencti-host.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import type { PhoneSearchStrategy } from '../core/phone-search-strategy.js';
import { createOpenCtiHost } from './opencti-host.js';
import { PHONE_SEARCH_SETTING } from './opencti-settings.js';
import { ACCOUNT, CONTACT, fail, goodSettings, noSleep, ok, scriptedOpenCti } from './test-helpers.js';

const match = (Id: string, Name: string, RecordType = 'Contact') => ({ Id, Name, RecordType });
const NOTATIONS = ['0312345678', '03-1234-5678', '+81312345678', '+81 3-1234-5678'];

/** A host started with `strategy` set in the call center, over a library answering `script`. */
async function started(strategy: PhoneSearchStrategy | null, script: Record<string, unknown[]>) {
  const settings = strategy === null ? goodSettings : { ...goodSettings, [PHONE_SEARCH_SETTING]: strategy };
  const { opencti, calls } = scriptedOpenCti({ getCallCenterSettings: [ok(settings)], ...script });
  const host = createOpenCtiHost({ sforce: { opencti } }, noSleep);
  await host.start();
  const searches = () => calls.filter((c) => c.method === 'searchAndScreenPop').map((c) => c.arg);
  const pops = () => calls.filter((c) => c.method === 'screenPop').map((c) => c.arg);
  return { host, searches, pops };
}

describe('phone search strategy: notations', () => {
  it('inbound: one search of every notation joined with OR, popped by the layout, prefilling a new record with the number', async () => {
    const { host, searches, pops } = await started('notations', { searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎') })] });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(searches()).toEqual([{ searchParams: NOTATIONS.join(' OR '), callType: 'ct-in', deferred: false, defaultFieldValues: { Phone: '03-1234-5678' } }]);
    expect(pops()).toEqual([]);
    expect(result).toEqual({
      records: [{ id: CONTACT, name: '山田 太郎', objectType: 'Contact' }],
      report: { strategy: 'notations', searches: [{ term: NOTATIONS.join(' OR '), found: 1 }], records: 1, pop: 'layout' },
    });
  });

  it('outbound: the library’s OUTBOUND, no new-record defaults', async () => {
    const { host, searches } = await started('notations', { searchAndScreenPop: [ok({})] });

    await host.searchAndPop({ number: '09012345678', direction: 'outbound' });

    expect(searches()).toEqual([{ searchParams: '09012345678 OR 090-1234-5678 OR +819012345678 OR +81 90-1234-5678', callType: 'ct-out', deferred: false }]);
  });
});

describe('phone search strategy: digits', () => {
  it('searches the digits-only notation alone', async () => {
    const { host, searches } = await started('digits', { searchAndScreenPop: [ok({})] });

    const result = await host.searchAndPop({ number: '+81 3-1234-5678', direction: 'inbound' });

    expect(searches().map((a) => a['searchParams'])).toEqual(['0312345678']);
    expect(result.report).toEqual({ strategy: 'digits', searches: [{ term: '0312345678', found: 0 }], records: 0, pop: 'layout' });
  });
});

describe('phone search strategy: each (the default)', () => {
  const recordPop = { type: 'sp-sobject', params: { recordId: ACCOUNT } };
  const newPop = { type: 'sp-new', params: { entityName: 'Contact', defaultFieldValues: { Phone: '03-1234-5678' } } };

  it('is what an unset setting means: one deferred search per notation, nothing popped by the searches', async () => {
    const { host, searches } = await started(null, { searchAndScreenPop: [ok({})] });

    await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(searches()).toEqual(
      NOTATIONS.map((searchParams) => ({ searchParams, callType: 'ct-in', deferred: true, defaultFieldValues: { Phone: '03-1234-5678' } })),
    );
  });

  it('merges the matches and opens, unmodified, the pop of the search that found most', async () => {
    const { host, pops } = await started('each', {
      searchAndScreenPop: [
        ok({ SCREEN_POP_DATA: newPop }),
        ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: { type: 'sp-sobject', params: { recordId: CONTACT } } }),
        ok({
          [CONTACT]: match(CONTACT, '山田 太郎'),
          [ACCOUNT]: match(ACCOUNT, '株式会社サンプル', 'Account'),
          SCREEN_POP_DATA: { type: 'sp-search', params: { searchString: '+81312345678' } },
        }),
        ok({ [ACCOUNT]: match(ACCOUNT, '株式会社サンプル', 'Account'), SCREEN_POP_DATA: recordPop }),
      ],
    });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(result.records).toEqual([
      { id: CONTACT, name: '山田 太郎', objectType: 'Contact' },
      { id: ACCOUNT, name: '株式会社サンプル', objectType: 'Account' },
    ]);
    expect(pops()).toEqual([{ type: 'sp-search', params: { searchString: '+81312345678' } }]);
    expect(result.report).toEqual({
      strategy: 'each',
      searches: [
        { term: '0312345678', found: 0 },
        { term: '03-1234-5678', found: 1 },
        { term: '+81312345678', found: 2 },
        { term: '+81 3-1234-5678', found: 1 },
      ],
      records: 2,
      pop: 'done',
    });
  });

  it('when nothing is found anywhere, opens the first search’s pop (the layout’s new record)', async () => {
    const { host, pops } = await started('each', { searchAndScreenPop: [ok({ SCREEN_POP_DATA: newPop }), ok({ SCREEN_POP_DATA: recordPop })] });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(result.records).toEqual([]);
    expect(pops()).toEqual([newPop]);
  });

  it('outbound: never pops', async () => {
    const { host, pops } = await started('each', { searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: recordPop })] });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'outbound' });

    expect(result.records).toHaveLength(1);
    expect(pops()).toEqual([]);
    expect(result.report?.pop).toBe('none');
  });

  it('keeps what the other searches found when some fail, and says which failed', async () => {
    const { host } = await started('each', {
      searchAndScreenPop: [
        fail({ code: 'SERVER_ERROR', description: 'x' }),
        ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: recordPop }),
        ok({}),
        ok({}),
      ],
    });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(result.records.map((r) => r.id)).toEqual([CONTACT]);
    expect(result.report?.searches.map((s) => s.found)).toEqual([null, 1, 0, 0]);
  });

  it('rejects with the host’s error when every search fails', async () => {
    const { host, pops } = await started('each', { searchAndScreenPop: [fail({ code: 'SERVER_ERROR', description: 'down' })] });

    await expect(host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' })).rejects.toMatchObject({
      kind: 'failed',
      errors: [{ code: 'SERVER_ERROR' }],
    });
    expect(pops()).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['a string', 'sobject:003…'],
    ['an object without a type', { params: { recordId: CONTACT } }],
  ])('does not pop when SCREEN_POP_DATA is %s', async (_what, data) => {
    const { host, pops } = await started('each', { searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: data })] });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(pops()).toEqual([]);
    expect(result.report?.pop).toBe('none');
  });

  it('keeps the records and reports a failed pop when screenPop fails', async () => {
    const { host } = await started('each', {
      searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: recordPop })],
      screenPop: [fail({ code: 'GENERIC_ERROR', description: 'no access' })],
    });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(result.records).toHaveLength(1);
    expect(result.report?.pop).toBe('failed');
  });

  it('does not pop when no one search found every record (the searches disagree): the panel lists them for the agent', async () => {
    const { host, pops } = await started('each', {
      searchAndScreenPop: [
        ok({ [CONTACT]: match(CONTACT, '山田 太郎'), SCREEN_POP_DATA: { type: 'sp-sobject', params: { recordId: CONTACT } } }),
        ok({ [ACCOUNT]: match(ACCOUNT, '株式会社サンプル', 'Account'), SCREEN_POP_DATA: recordPop }),
        ok({}),
        ok({}),
      ],
    });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(result.records.map((r) => r.id)).toEqual([CONTACT, ACCOUNT]);
    expect(pops()).toEqual([]);
    expect(result.report?.pop).toBe('skipped');
  });

  it('does not pop a new-record form when a search failed and the others found nothing: the caller may exist', async () => {
    const { host, pops } = await started('each', {
      searchAndScreenPop: [
        ok({ SCREEN_POP_DATA: newPop }),
        fail({ code: 'SERVER_ERROR', description: 'x' }),
        ok({ SCREEN_POP_DATA: newPop }),
        ok({ SCREEN_POP_DATA: newPop }),
      ],
    });

    const result = await host.searchAndPop({ number: '03-1234-5678', direction: 'inbound' });

    expect(pops()).toEqual([]);
    expect(result.report).toMatchObject({ records: 0, pop: 'skipped' });
  });

  it('waits for a slow org’s searches longer than other calls (20 s by default)', async () => {
    const { opencti, calls } = scriptedOpenCti({ getCallCenterSettings: [ok(goodSettings)], searchAndScreenPop: ['silent'] });
    const host = createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 10, searchTimeoutMs: 60 });
    await host.start();
    const answers: unknown[] = [];

    const searching = host.searchAndPop({ number: '0312345678', direction: 'inbound' }).catch((e: unknown) => answers.push(e));
    await new Promise((r) => setTimeout(r, 30));
    expect(answers).toEqual([]); // past the 10 ms of other calls
    await searching;

    expect(answers).toEqual([expect.objectContaining({ kind: 'noResponse' })]);
    expect(calls.filter((c) => c.method === 'searchAndScreenPop')).toHaveLength(4);
  });
});

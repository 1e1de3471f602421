import { describe, expect, it } from '@jest/globals';
import { phoneSearchVariants } from '@biztel/web-components/core/phone-search';
import { isSalesforceId } from '@biztel/protocol';
import { createMemoryContainer } from '@biztel/opencti/fake';
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { createOpenCtiHost } from '@biztel/web-components/crm/opencti-host';
import type { OpenCtiApi } from '@biztel/opencti';
import { SAMPLE_RECORDS } from './sample-records.js';

function lightning(searchSyntax: 'sosl' | 'literal' = 'sosl') {
  const container = createMemoryContainer({ settings: {}, records: SAMPLE_RECORDS, searchSyntax });
  const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } });
  return { container, host };
}

/** A host started with the call center's `/biztel/phoneSearch` set to `strategy`, over an org that escapes SOSL operators. */
async function strictOrg(strategy: string) {
  const container = createMemoryContainer({
    settings: { '/biztel/serverUrl': 'https://events.example.com', '/biztel/phoneSearch': strategy },
    records: SAMPLE_RECORDS,
    searchSyntax: 'literal',
  });
  const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } });
  await host.start();
  return { container, host };
}

describe('the dev host’s sample org', () => {
  it.each(SAMPLE_RECORDS.map((r) => [r.Name, r] as const))('%s has a valid, unique Salesforce id', (_name, record) => {
    expect(isSalesforceId(record.Id)).toBe(true);
    expect(SAMPLE_RECORDS.filter((r) => r.Id === record.Id)).toHaveLength(1);
  });

  it('stores phones in several notations, as real CRMs do', () => {
    const notations = new Set(
      SAMPLE_RECORDS.map((r) =>
        r.Phone.startsWith('+81 ') ? '+81 spaced' : r.Phone.startsWith('+81') ? 'E.164' : r.Phone.includes('-') ? 'hyphenated' : 'digits',
      ),
    );

    expect(notations).toEqual(new Set(['+81 spaced', 'E.164', 'hyphenated', 'digits']));
  });

  it.each(SAMPLE_RECORDS.flatMap((r) => phoneSearchVariants(r.Phone).map((dialled) => [r.Name, dialled, r] as const)))(
    '%s is found when %s is dialled',
    async (_name, dialled, record) => {
      const { host } = lightning();

      const { records: matches } = await host.searchAndPop({ number: dialled, direction: 'outbound' });

      expect(matches.map((m) => m.id)).toContain(record.Id);
    },
  );

  it.each([
    ['a call from 山田 太郎’s mobile opens his record', '09012345678', 'record'],
    ['a call from the Tokyo office number opens the search page (two records)', '0312345678', 'search'],
    ['a call from 鈴木 一郎 (stored as +81 6-…) opens his record', '0669876543', 'record'],
    ['a call from an unknown number opens a new Contact', '0455556666', 'newRecord'],
  ])('%s', async (_what, caller, kind) => {
    const { container, host } = lightning();

    await host.searchAndPop({ number: caller, direction: 'inbound' });

    expect(container.page.kind).toBe(kind);
  });

  describe('in an org whose search escapes OR, + and - (one literal term)', () => {
    const dialled = SAMPLE_RECORDS.flatMap((r) => phoneSearchVariants(r.Phone).map((number) => [r.Name, number, r] as const));

    it.each(dialled)('each (the default) finds %s when %s calls, and pops', async (_name, number, record) => {
      const { container, host } = await strictOrg('each');

      const { records } = await host.searchAndPop({ number, direction: 'inbound' });

      expect(records.map((m) => m.id)).toContain(record.Id);
      expect(container.page.kind).not.toBe('newRecord');
    });

    it('notations finds nothing there: every caller would pop a new Contact (why it is not the default)', async () => {
      const { container, host } = await strictOrg('notations');

      const found = await Promise.all(SAMPLE_RECORDS.map(async (r) => (await host.searchAndPop({ number: r.Phone, direction: 'outbound' })).records.length));
      await host.searchAndPop({ number: SAMPLE_RECORDS[0]!.Phone, direction: 'inbound' });

      expect(found.every((n) => n === 0)).toBe(true);
      expect(container.page.kind).toBe('newRecord');
    });

    it('each reports every notation it searched and what each found', async () => {
      const { host } = await strictOrg('each');

      // 鈴木 一郎 is stored as +81 6-6987-6543: only the +81 notations find him there.
      const { report } = await host.searchAndPop({ number: '06-6987-6543', direction: 'inbound' });

      expect(report).toEqual({
        strategy: 'each',
        searches: [
          { term: '0669876543', found: 0 },
          { term: '06-6987-6543', found: 0 },
          { term: '+81669876543', found: 1 },
          { term: '+81 6-6987-6543', found: 1 },
        ],
        records: 1,
        pop: 'done',
      });
    });
  });
});

import { describe, expect, it } from '@jest/globals';
import { phoneSearchVariants } from '@biztel/web-components/core/phone-search';
import { isSalesforceId } from '@biztel/protocol';
import { createMemoryContainer } from '@biztel/opencti/fake';
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { createOpenCtiHost } from '@biztel/web-components/crm/opencti-host';
import type { OpenCtiApi } from '@biztel/opencti';
import { SAMPLE_RECORDS } from './sample-records.js';

function lightning() {
  const container = createMemoryContainer({ settings: {}, records: SAMPLE_RECORDS });
  const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } });
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

      const matches = await host.searchAndPop({ number: dialled, direction: 'outbound' });

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
});

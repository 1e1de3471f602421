/**
 * Test support for the tests of the fake Open CTI (`@biztel/opencti/fake`): call-center settings,
 * a fake over an empty memory container (`setup`), a method called with a callback (`invoke`),
 * and a small org of three records with navigation and click-to-dial recorded (`org`).
 */
import type { OpenCtiResponse } from '@biztel/opencti';
import { createMemoryContainer, type FakeRecord, type MemoryContainer } from '@biztel/opencti/fake';
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { SERVER_URL_SETTING } from './opencti-host.js';

export const settings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel', [SERVER_URL_SETTING]: 'https://events.example.com/' };

export function setup(): { container: MemoryContainer; api: Record<string, unknown> } {
  const container = createMemoryContainer({ settings });
  return { container, api: createFakeOpenCti(container) };
}

export type Method = (arg?: unknown) => void;

/** Calls `method` with `arg` plus a callback; resolves with the response the callback received. */
export function invoke(api: Record<string, unknown>, method: string, arg: Record<string, unknown> = {}): Promise<OpenCtiResponse<unknown>> {
  return new Promise((resolve) => (api[method] as Method)({ ...arg, callback: resolve }));
}

// ---- the CRM side of the fake: records, navigation, click-to-dial, screen pops ------------

export const YAMADA: FakeRecord = { Id: '003xx000004TmiQAAS', Name: '山田 太郎', RecordType: 'Contact', Phone: '03-1234-5678', MobilePhone: '090-1234-5678' };
export const SAMPLE: FakeRecord = { Id: '001D000000IqhSLIAZ', Name: '株式会社サンプル', RecordType: 'Account', Phone: '+81 3-1234-5678' };
export const SUZUKI: FakeRecord = { Id: '00Q5g00000LmNoPEAV', Name: '鈴木 一郎', RecordType: 'Lead', Phone: '+81669876543' };
export const RECORDS = [YAMADA, SAMPLE, SUZUKI];

/** The fake over a container holding RECORDS; `navigations` and `dials` collect what its listeners received. */
export function org() {
  const container = createMemoryContainer({ settings, records: RECORDS });
  const api = createFakeOpenCti(container);
  const navigations: unknown[] = [];
  const dials: unknown[] = [];
  (api['onNavigationChange'] as Method)({ listener: (p: unknown) => navigations.push(p) });
  (api['onClickToDial'] as Method)({ listener: (p: unknown) => dials.push(p) });
  return { container, api, navigations, dials };
}

export const recordView = (r: FakeRecord) => ({
  url: `/lightning/r/${r.RecordType}/${r.Id}/view`,
  recordId: r.Id,
  recordName: r.Name,
  objectType: r.RecordType,
});

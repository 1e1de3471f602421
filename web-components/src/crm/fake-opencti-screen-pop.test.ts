/** The memory container behind the fake: searchAndScreenPop, screenPop and the utility item. */
import { describe, expect, it } from '@jest/globals';
import { FAKE_CALL_TYPE, FAKE_SCREENPOP_TYPE } from '@biztel/opencti/fake';
import { SAMPLE, SUZUKI, YAMADA, invoke, org, recordView } from './fake-opencti-test-helpers.js';

describe('memory container: searchAndScreenPop', () => {
  const search = (api: Record<string, unknown>, searchParams: string, callType: string, extra: Record<string, unknown> = {}) =>
    invoke(api, 'searchAndScreenPop', { searchParams, callType, ...extra });

  it.each<[string, Record<string, unknown>, string]>([
    ['no callType', { searchParams: '0312345678' }, 'callType'],
    ['an unknown callType', { searchParams: '0312345678', callType: 'INBOUND' }, 'callType'],
    ['no searchParams', { callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    ['blank searchParams', { searchParams: '  ', callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    ['numeric searchParams', { searchParams: 312345678, callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    [
      'defaultFieldValues with a number',
      { searchParams: '0312345678', callType: FAKE_CALL_TYPE.INBOUND, defaultFieldValues: { Phone: 3 } },
      'defaultFieldValues',
    ],
    ['deferred as a string', { searchParams: '0312345678', callType: FAKE_CALL_TYPE.INBOUND, deferred: 'yes' }, 'deferred'],
  ])('answers INVALID_PARAM for %s, without navigating', async (_what, arg, param) => {
    const { api, navigations } = org();

    const response = await invoke(api, 'searchAndScreenPop', arg);

    expect(response).toEqual({
      success: false,
      returnValue: null,
      errors: [{ code: 'INVALID_PARAM', description: expect.stringContaining(param) }],
    });
    expect(navigations).toEqual([]);
  });

  it.each([
    ['03-1234-5678 finds both notations of the Tokyo number', '03-1234-5678', [YAMADA.Id, SAMPLE.Id]],
    ['a mobile finds the MobilePhone', '09012345678', [YAMADA.Id]],
    ['06 digits find +81 E.164', '0669876543', [SUZUKI.Id]],
    ['OR terms each match', '0669876543 OR 090-1234-5678', [YAMADA.Id, SUZUKI.Id]],
    ['an unknown number finds nothing', '0455556666', []],
  ])('%s', async (_what, searchParams, ids) => {
    const { api } = org();

    const response = await search(api, searchParams, FAKE_CALL_TYPE.OUTBOUND);

    expect(Object.keys(response.returnValue as object).sort()).toEqual([...ids].sort());
  });

  it('returns a map keyed by record Id with Id, Name, RecordType and the phones', async () => {
    const { api } = org();

    const response = await search(api, '0669876543', FAKE_CALL_TYPE.OUTBOUND);

    expect(response.returnValue).toEqual({ [SUZUKI.Id]: { Id: SUZUKI.Id, Name: '鈴木 一郎', RecordType: 'Lead', Phone: '+81669876543' } });
  });

  it('inbound, one match: opens the record and tells the page', async () => {
    const { api, container, navigations } = org();

    await search(api, '090-1234-5678', FAKE_CALL_TYPE.INBOUND);

    expect(container.page).toEqual({ kind: 'record', record: YAMADA });
    expect(container.pops).toEqual([{ kind: 'record', record: YAMADA }]);
    expect(navigations).toEqual([recordView(YAMADA)]);
  });

  it('inbound, several matches: opens the search page (navigation without recordId)', async () => {
    const { api, container, navigations } = org();

    await search(api, '0312345678 OR 03-1234-5678', FAKE_CALL_TYPE.INBOUND);

    expect(container.page).toMatchObject({ kind: 'search', matches: [YAMADA, SAMPLE] });
    expect(navigations).toHaveLength(1);
    expect(navigations[0]).not.toHaveProperty('recordId');
  });

  it('inbound, no match: opens a new Contact prefilled with defaultFieldValues', async () => {
    const { api, container, navigations } = org();

    const response = await search(api, '0455556666', FAKE_CALL_TYPE.INBOUND, { defaultFieldValues: { Phone: '045-555-6666' } });

    expect(response.returnValue).toEqual({});
    expect(container.pops).toEqual([{ kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '045-555-6666' } }]);
    expect(navigations).toEqual([{ url: '/lightning/o/Contact/new' }]);
  });

  it('deferred inbound answers the pop it would make as SCREEN_POP_DATA, and screenPop of it opens that page', async () => {
    const { api, container, navigations } = org();

    const response = await invoke(api, 'searchAndScreenPop', { searchParams: '090-1234-5678', callType: FAKE_CALL_TYPE.INBOUND, deferred: true });
    const data = (response.returnValue as Record<string, unknown>)['SCREEN_POP_DATA'];

    expect(data).toEqual({ type: FAKE_SCREENPOP_TYPE.SOBJECT, params: { recordId: YAMADA.Id } });
    expect([container.pops, navigations]).toEqual([[], []]);
    await invoke(api, 'screenPop', data as Record<string, unknown>);
    expect(container.page).toEqual({ kind: 'record', record: YAMADA });
  });

  it.each([
    ['outbound', { callType: FAKE_CALL_TYPE.OUTBOUND }],
    ['internal', { callType: FAKE_CALL_TYPE.INTERNAL }],
  ])('%s searches without navigating', async (_what, arg) => {
    const { api, container, navigations } = org();

    const response = await invoke(api, 'searchAndScreenPop', { searchParams: '090-1234-5678', ...arg });

    expect(Object.keys(response.returnValue as object)).toEqual([YAMADA.Id]);
    expect(container.page).toEqual({ kind: 'home' });
    expect(container.pops).toEqual([]);
    expect(navigations).toEqual([]);
  });
});

describe('memory container: screenPop and the utility item', () => {
  it('SOBJECT opens a known record', async () => {
    const { api, container, navigations } = org();

    const response = await invoke(api, 'screenPop', { type: FAKE_SCREENPOP_TYPE.SOBJECT, params: { recordId: SAMPLE.Id } });

    expect(response).toEqual({ success: true, returnValue: null, errors: null });
    expect(container.page).toEqual({ kind: 'record', record: SAMPLE });
    expect(navigations).toEqual([recordView(SAMPLE)]);
  });

  it('SOBJECT of an unknown record answers GENERIC_ERROR and stays', async () => {
    const { api, container } = org();

    const response = await invoke(api, 'screenPop', { type: FAKE_SCREENPOP_TYPE.SOBJECT, params: { recordId: '003xx000004TmiR' } });

    expect(response).toMatchObject({ success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR' }] });
    expect(container.page).toEqual({ kind: 'home' });
  });

  it('NEW_RECORD_MODAL opens the form with the defaults and records the pop', async () => {
    const { api, container } = org();

    await invoke(api, 'screenPop', {
      type: FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL,
      params: { entityName: 'Lead', defaultFieldValues: { Phone: '0312345678' } },
    });

    expect(container.pops).toEqual([{ kind: 'newRecord', entityName: 'Lead', defaultFieldValues: { Phone: '0312345678' } }]);
    expect(container.page.kind).toBe('newRecord');
  });

  it('SEARCH opens the search page with the phone matches', async () => {
    const { api, container } = org();

    await invoke(api, 'screenPop', { type: FAKE_SCREENPOP_TYPE.SEARCH, params: { searchString: '+81 90 1234 5678' } });

    expect(container.page).toMatchObject({ kind: 'search', matches: [YAMADA] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no type', { params: { recordId: YAMADA.Id } }, 'INVALID_PARAM'],
    ['a literal type the library does not define', { type: 'SOBJECT', params: { recordId: YAMADA.Id } }, 'INVALID_PARAM'],
    ['no params', { type: FAKE_SCREENPOP_TYPE.SOBJECT }, 'INVALID_PARAM'],
    ['params as a string', { type: FAKE_SCREENPOP_TYPE.SOBJECT, params: YAMADA.Id }, 'INVALID_PARAM'],
    ['SOBJECT without recordId', { type: FAKE_SCREENPOP_TYPE.SOBJECT, params: {} }, 'INVALID_PARAM'],
    ['NEW_RECORD_MODAL without entityName', { type: FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL, params: {} }, 'INVALID_PARAM'],
    [
      'NEW_RECORD_MODAL with non-string defaults',
      { type: FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Contact', defaultFieldValues: { Phone: 1 } } },
      'INVALID_PARAM',
    ],
    ['SEARCH with 2 characters', { type: FAKE_SCREENPOP_TYPE.SEARCH, params: { searchString: '03' } }, 'INVALID_PARAM'],
    [
      'an absolute URL pop (force:navigateToURL takes relative URLs)',
      { type: FAKE_SCREENPOP_TYPE.URL, params: { url: 'https://evil.example.com/' } },
      'INVALID_PARAM',
    ],
    ['a protocol-relative URL pop', { type: FAKE_SCREENPOP_TYPE.URL, params: { url: '//evil.example.com/' } }, 'INVALID_PARAM'],
  ])('answers %s with %s', async (_what, arg, code) => {
    const { api, container } = org();

    const response = await invoke(api, 'screenPop', arg);

    expect(response).toMatchObject({ success: false, returnValue: null, errors: [{ code }] });
    expect(container.pops).toEqual([]);
  });

  it('setSoftphoneItemIcon keeps the icon key and refuses a non-string', async () => {
    const { api, container } = org();

    const good = await invoke(api, 'setSoftphoneItemIcon', { key: 'call' });
    const bad = await invoke(api, 'setSoftphoneItemIcon', { key: 7 });

    expect(good.success).toBe(true);
    expect(bad.errors?.[0]?.code).toBe('INVALID_PARAM');
    expect(container.itemIcon).toBe('call');
  });
});

import { describe, expect, it, jest } from '@jest/globals';
import { HostError } from './host-port.js';
import { CALL_STATE_CHANNEL, SERVER_URL_SETTING, createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi, OpenCtiResponse } from '@biztel/opencti';
import { createMemoryContainer, type FakeRecord, type MemoryContainer } from '@biztel/opencti/fake';
import { FAKE_CALL_TYPE, FAKE_SCREENPOP_TYPE, createFakeOpenCti } from '@biztel/opencti/fake';

const settings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel', [SERVER_URL_SETTING]: 'https://events.example.com/' };

function setup(): { container: MemoryContainer; api: Record<string, unknown> } {
  const container = createMemoryContainer({ settings });
  return { container, api: createFakeOpenCti(container) };
}

type Method = (arg?: unknown) => void;

/** Calls `method` with `arg` plus a callback; resolves with the response the callback received. */
function invoke(api: Record<string, unknown>, method: string, arg: Record<string, unknown> = {}): Promise<OpenCtiResponse<unknown>> {
  return new Promise((resolve) => (api[method] as Method)({ ...arg, callback: resolve }));
}

describe('createFakeOpenCti: the callback contract', () => {
  it('never calls back synchronously', async () => {
    const { api } = setup();
    let returned = false;

    const returnedBeforeCallback = await new Promise<boolean>((resolve) => {
      (api['getCallCenterSettings'] as Method)({ callback: () => resolve(returned) });
      returned = true;
    });

    expect(returnedBeforeCallback).toBe(true);
  });

  it('calls back later even when the container answers at once', async () => {
    const { api } = setup();
    const callback = jest.fn();

    (api['notifyInitializationComplete'] as Method)({ callback });
    await Promise.resolve();
    await Promise.resolve();

    expect(callback).not.toHaveBeenCalled();
  });

  it('answers success with {success: true, returnValue, errors: null}', async () => {
    const { api } = setup();

    const response = await invoke(api, 'getCallCenterSettings');

    expect(response).toEqual({ success: true, returnValue: settings, errors: null });
  });

  it('answers methods without a value with returnValue null', async () => {
    const { api } = setup();

    expect(await invoke(api, 'notifyInitializationComplete')).toEqual({ success: true, returnValue: null, errors: null });
  });

  it('returns a copy of the settings so the page cannot change the container', async () => {
    const { api } = setup();

    const first = await invoke(api, 'getCallCenterSettings');
    (first.returnValue as Record<string, string>)[SERVER_URL_SETTING] = 'https://evil.example';
    const second = await invoke(api, 'getCallCenterSettings');

    expect((second.returnValue as Record<string, string>)[SERVER_URL_SETTING]).toBe('https://events.example.com/');
  });

  it('failNext answers success:false with documented {code, description} errors, then recovers', async () => {
    const { api, container } = setup();
    container.failNext('getCallCenterSettings', 'SOFTPHONE_CONTAINER_ERROR', 2);

    const responses = [
      await invoke(api, 'getCallCenterSettings'),
      await invoke(api, 'getCallCenterSettings'),
      await invoke(api, 'getCallCenterSettings'),
    ];

    expect(responses.map((r) => r.success)).toEqual([false, false, true]);
    expect(responses[0]).toEqual({
      success: false,
      returnValue: null,
      errors: [{ code: 'SOFTPHONE_CONTAINER_ERROR', description: expect.stringContaining('softphone container') }],
    });
  });

  it('failNext affects only the named method', async () => {
    const { api, container } = setup();
    container.failNext('publish', 'SERVER_ERROR');

    const other = await invoke(api, 'notifyInitializationComplete');
    const failed = await invoke(api, 'publish', { channelName: 'X__c', message: {} });

    expect(other.success).toBe(true);
    expect(failed.errors).toEqual([{ code: 'SERVER_ERROR', description: expect.any(String) }]);
  });

  it.each<[string, unknown]>([
    ['no argument', undefined],
    ['a string', 'visible'],
    ['null', null],
    ['an array', [{ visible: true }]],
  ])('throws a TypeError, synchronously, for %s as argument', (_what, arg) => {
    const { api, container } = setup();

    expect(() => (api['setSoftphonePanelVisibility'] as Method)(arg)).toThrow(TypeError);
    expect(container.calls).toEqual([]);
  });

  it('answers INVALID_PARAM for a parameter of the wrong type', async () => {
    const { api, container } = setup();

    const response = await invoke(api, 'setSoftphonePanelVisibility', { visible: 'yes' });

    expect(response.success).toBe(false);
    expect(response.errors?.[0]?.code).toBe('INVALID_PARAM');
    expect(container.panelVisible).toBe(false);
  });

  it('answers GENERIC_ERROR for a method the host does not support', async () => {
    const { api } = setup();

    const response = await invoke(api, 'runApex', { apexClass: 'X', methodName: 'y', methodParams: 'none' });

    expect(response).toMatchObject({ success: false, returnValue: null, errors: [{ code: 'GENERIC_ERROR' }] });
  });

  it('runs without a callback and still reaches the container', async () => {
    const { api, container } = setup();

    (api['setSoftphonePanelVisibility'] as Method)({ visible: true });
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(container.panelVisible).toBe(true);
  });

  it('records each call without its callback', async () => {
    const { api, container } = setup();

    await invoke(api, 'setSoftphoneItemLabel', { label: '通話中 00:12' });

    expect(container.calls).toEqual([{ method: 'setSoftphoneItemLabel', arg: { label: '通話中 00:12' } }]);
    expect(container.itemLabel).toBe('通話中 00:12');
  });

  it('stores a deep copy of a published message', async () => {
    const { api, container } = setup();
    const message = { v: 1, state: 'talking', nested: { number: '0312345678' } };

    await invoke(api, 'publish', { channelName: 'BiztelCallState__c', message });
    message.nested.number = 'changed';

    expect(container.published).toEqual([
      { channelName: 'BiztelCallState__c', message: { v: 1, state: 'talking', nested: { number: '0312345678' } } },
    ]);
  });
});

describe('createFakeOpenCti: container events', () => {
  it('delivers container.emit("onClickToDial") to the registered listener', () => {
    const { api, container } = setup();
    const listener = jest.fn();
    const payload = { number: '03-1234-5678', recordId: '003xx000004TmiQAAS', objectType: 'Contact' };

    (api['onClickToDial'] as Method)({ listener });
    container.emit('onClickToDial', payload);

    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(payload);
  });

  it('keeps click-to-dial and navigation listeners apart', () => {
    const { api, container } = setup();
    const onDial = jest.fn();
    const onNavigate = jest.fn();
    (api['onClickToDial'] as Method)({ listener: onDial });
    (api['onNavigationChange'] as Method)({ listener: onNavigate });

    container.emit('onNavigationChange', { url: '/lightning/r/Contact/003/view' });

    expect(onDial).not.toHaveBeenCalled();
    expect(onNavigate).toHaveBeenCalledWith({ url: '/lightning/r/Contact/003/view' });
  });

  it.each<[string, unknown]>([
    ['no argument', undefined],
    ['no listener', {}],
    ['a listener that is not a function', { listener: 'dial' }],
  ])('onClickToDial throws a TypeError for %s', (_what, arg) => {
    const { api } = setup();

    expect(() => (api['onClickToDial'] as Method)(arg)).toThrow(TypeError);
  });
});

describe('createFakeOpenCti: constants', () => {
  it.each(['CALL_TYPE', 'SCREENPOP_TYPE'])('%s is a frozen object of string values', (name) => {
    const { api } = setup();
    const constants = api[name] as Record<string, unknown>;

    expect(Object.isFrozen(constants)).toBe(true);
    expect(Object.values(constants).length).toBeGreaterThan(0);
    expect(Object.values(constants).every((v) => typeof v === 'string')).toBe(true);
    expect(() => {
      constants['INBOUND'] = 'changed'; // modules are strict: writing to a frozen object throws
    }).toThrow(TypeError);
  });

  it('has the keys of the real API', () => {
    const { api } = setup();
    const real = api as unknown as OpenCtiApi;

    expect(Object.keys(real.CALL_TYPE).sort()).toEqual(['INBOUND', 'INTERNAL', 'OUTBOUND']);
    expect(Object.keys(real.SCREENPOP_TYPE).sort()).toEqual(
      ['FLOW', 'LIST', 'NEW_RECORD_MODAL', 'OBJECTHOME', 'SEARCH', 'SOBJECT', 'URL'],
    );
  });
});

describe('Lightning Message Service through the fake', () => {
  it('delivers a message published on a channel to the page’s subscriber, and the host validates it', async () => {
    const container = createMemoryContainer({ settings });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    const requests: unknown[] = [];
    host.onDialRequest((r) => requests.push(r));
    await new Promise((r) => setTimeout(r, 5));

    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎' } });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, number: 'javascript:alert(1)' } });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 2, number: '0312345678' } });
    await container.handle('publish', { channelName: 'OtherChannel__c', message: { v: 1, number: '0312345678' } });

    expect(requests).toEqual([{ number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎' }]);
  });

  it('pops a relative URL inside the app', async () => {
    const { api, container } = org();
    const response = await invoke(api, 'screenPop', { type: FAKE_SCREENPOP_TYPE.URL, params: { url: '/lightning/o/Case/new' } });
    expect(response).toMatchObject({ success: true });
    expect(container.page).toEqual({ kind: 'url', url: '/lightning/o/Case/new' });
  });
});

describe('createOpenCtiHost against the fake', () => {
  const host = (container: MemoryContainer) =>
    createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

  it('start() reads the server URL', async () => {
    const container = createMemoryContainer({ settings });

    await expect(host(container).start()).resolves.toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [] });
    expect(container.calls.map((c) => c.method)).toEqual(['getCallCenterSettings']);
  });

  it('start() survives the container starting late', async () => {
    const container = createMemoryContainer({ settings });
    container.failNext('getCallCenterSettings', 'SOFTPHONE_CONTAINER_ERROR', 2);

    await expect(host(container).start()).resolves.toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [] });
    expect(container.calls).toHaveLength(3);
  });

  it('start() rejects with the fake’s errors when the container keeps failing with another code', async () => {
    const container = createMemoryContainer({ settings });
    container.failNext('getCallCenterSettings', 'SERVER_ERROR', 99);

    const error = await host(container).start().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'SERVER_ERROR' }] });
  });

  it('start() rejects with badSettings when the call center lacks the URL', async () => {
    const container = createMemoryContainer({ settings: {} });

    await expect(host(container).start()).rejects.toMatchObject({ kind: 'badSettings' });
  });

  it('publishCallState lands in container.published', async () => {
    const container = createMemoryContainer({ settings });

    await host(container).publishCallState({ v: 1, state: 'ringing', direction: 'inbound', number: '0312345678', callId: 'c1' });

    expect(container.published).toEqual([
      { channelName: CALL_STATE_CHANNEL, message: { v: 1, state: 'ringing', direction: 'inbound', number: '0312345678', callId: 'c1' } },
    ]);
  });

  it('showPanel makes the panel visible and notifyReady reaches the container', async () => {
    const container = createMemoryContainer({ settings });
    const h = host(container);

    await h.showPanel();
    await h.notifyReady();

    expect(container.panelVisible).toBe(true);
    expect(container.calls.map((c) => c.method)).toEqual(['setSoftphonePanelVisibility', 'notifyInitializationComplete']);
  });
});

// ---- the CRM side of the fake: records, navigation, click-to-dial, screen pops ------------

const YAMADA: FakeRecord = { Id: '003xx000004TmiQAAS', Name: '山田 太郎', RecordType: 'Contact', Phone: '03-1234-5678', MobilePhone: '090-1234-5678' };
const SAMPLE: FakeRecord = { Id: '001D000000IqhSLIAZ', Name: '株式会社サンプル', RecordType: 'Account', Phone: '+81 3-1234-5678' };
const SUZUKI: FakeRecord = { Id: '00Q5g00000LmNoPEAV', Name: '鈴木 一郎', RecordType: 'Lead', Phone: '+81669876543' };
const RECORDS = [YAMADA, SAMPLE, SUZUKI];

function org() {
  const container = createMemoryContainer({ settings, records: RECORDS });
  const api = createFakeOpenCti(container);
  const navigations: unknown[] = [];
  const dials: unknown[] = [];
  (api['onNavigationChange'] as Method)({ listener: (p: unknown) => navigations.push(p) });
  (api['onClickToDial'] as Method)({ listener: (p: unknown) => dials.push(p) });
  return { container, api, navigations, dials };
}

const recordView = (r: FakeRecord) => ({
  url: `/lightning/r/${r.RecordType}/${r.Id}/view`,
  recordId: r.Id,
  recordName: r.Name,
  objectType: r.RecordType,
});

describe('memory container: navigation and getAppViewInfo', () => {
  it('starts on the home page: getAppViewInfo returns only a url', async () => {
    const { api } = org();

    expect(await invoke(api, 'getAppViewInfo')).toEqual({ success: true, returnValue: { url: '/lightning/page/home' }, errors: null });
  });

  it('navigate(id) opens the record, tells the page and getAppViewInfo follows', async () => {
    const { api, container, navigations } = org();

    expect(container.navigate(YAMADA.Id)).toBe(true);

    expect(navigations).toEqual([recordView(YAMADA)]);
    expect((await invoke(api, 'getAppViewInfo')).returnValue).toEqual(recordView(YAMADA));
    expect(container.page).toEqual({ kind: 'record', record: YAMADA });
  });

  it('navigate(null) goes home with a payload without recordId', () => {
    const { container, navigations } = org();
    container.navigate(YAMADA.Id);

    container.navigate(null);

    expect(navigations.at(-1)).toEqual({ url: '/lightning/page/home' });
  });

  it('navigate to an unknown id changes nothing', () => {
    const { container, navigations } = org();

    expect(container.navigate('003xx000004TmiQ')).toBe(false);
    expect(navigations).toEqual([]);
    expect(container.page).toEqual({ kind: 'home' });
  });
});

describe('memory container: click-to-dial', () => {
  it('is disabled until the softphone enables it, then emits the documented payload', async () => {
    const { api, container, dials } = org();

    expect(container.clickToDial(YAMADA)).toBe(false);
    await invoke(api, 'enableClickToDial');
    expect(container.clickToDial(YAMADA)).toBe(true);
    container.clickToDial(YAMADA, 'MobilePhone');

    expect(container.clickToDialEnabled).toBe(true);
    expect(dials).toEqual([
      { number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' },
      { number: '090-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' },
    ]);
  });

  it('disableClickToDial turns the links off again', async () => {
    const { api, container, dials } = org();
    await invoke(api, 'enableClickToDial');

    await invoke(api, 'disableClickToDial');

    expect(container.clickToDial(YAMADA)).toBe(false);
    expect(dials).toEqual([]);
  });

  it('a record without a mobile has no mobile link', async () => {
    const { api, container, dials } = org();
    await invoke(api, 'enableClickToDial');

    expect(container.clickToDial(SAMPLE, 'MobilePhone')).toBe(false);
    expect(dials).toEqual([]);
  });
});

describe('memory container: searchAndScreenPop', () => {
  const search = (api: Record<string, unknown>, searchParams: string, callType: string, extra: Record<string, unknown> = {}) =>
    invoke(api, 'searchAndScreenPop', { searchParams, callType, ...extra });

  it.each<[string, Record<string, unknown>, string]>([
    ['no callType', { searchParams: '0312345678' }, 'callType'],
    ['an unknown callType', { searchParams: '0312345678', callType: 'INBOUND' }, 'callType'],
    ['no searchParams', { callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    ['blank searchParams', { searchParams: '  ', callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    ['numeric searchParams', { searchParams: 312345678, callType: FAKE_CALL_TYPE.INBOUND }, 'searchParams'],
    ['defaultFieldValues with a number', { searchParams: '0312345678', callType: FAKE_CALL_TYPE.INBOUND, defaultFieldValues: { Phone: 3 } }, 'defaultFieldValues'],
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

  it.each([
    ['outbound', { callType: FAKE_CALL_TYPE.OUTBOUND }],
    ['internal', { callType: FAKE_CALL_TYPE.INTERNAL }],
    ['deferred inbound', { callType: FAKE_CALL_TYPE.INBOUND, deferred: true }],
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
    ['NEW_RECORD_MODAL with non-string defaults', { type: FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL, params: { entityName: 'Contact', defaultFieldValues: { Phone: 1 } } }, 'INVALID_PARAM'],
    ['SEARCH with 2 characters', { type: FAKE_SCREENPOP_TYPE.SEARCH, params: { searchString: '03' } }, 'INVALID_PARAM'],
    ['an absolute URL pop (force:navigateToURL takes relative URLs)', { type: FAKE_SCREENPOP_TYPE.URL, params: { url: 'https://evil.example.com/' } }, 'INVALID_PARAM'],
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

describe('createOpenCtiHost over the shared fake: a full round', () => {
  it('click-to-dial, search and pop, navigation and screen transfer all work end to end', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    const dials: unknown[] = [];
    const views: unknown[] = [];
    host.onClickToDial((r) => dials.push(r));
    host.onNavigation((v) => views.push(v));

    await host.start();
    await host.setClickToDial(true);
    container.clickToDial(YAMADA);
    const inbound = await host.searchAndPop({ number: '+81 90-1234-5678', direction: 'inbound' });
    const viewed = await host.currentView();
    const several = await host.searchAndPop({ number: '0312345678', direction: 'outbound' });
    const none = await host.searchAndPop({ number: 'anonymous', direction: 'inbound' });
    container.navigate(SUZUKI.Id);
    await host.popRecord(SAMPLE.Id);
    await host.popNewRecord('Contact', { Phone: '045-555-6666' });
    await host.setItemLabel('通話中 00:12');

    expect(dials).toEqual([{ number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' }]);
    expect(inbound).toEqual([{ id: YAMADA.Id, name: '山田 太郎', objectType: 'Contact' }]);
    expect(viewed).toEqual({ recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' });
    expect(several.map((m) => m.id).sort()).toEqual([SAMPLE.Id, YAMADA.Id].sort());
    expect(none).toEqual([]);
    expect(views).toEqual([
      { recordId: YAMADA.Id, recordName: '山田 太郎', objectType: 'Contact' }, // the inbound pop
      { recordId: SUZUKI.Id, recordName: '鈴木 一郎', objectType: 'Lead' }, // the agent opened a record
      { recordId: SAMPLE.Id, recordName: '株式会社サンプル', objectType: 'Account' }, // popRecord
      null, // the new-record form is not a record
    ]);
    expect(container.pops.at(-1)).toEqual({ kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '045-555-6666' } });
    expect(container.itemLabel).toBe('通話中 00:12');
    expect(container.calls.map((c) => c.method)).toEqual([
      'getCallCenterSettings',
      'enableClickToDial',
      'searchAndScreenPop',
      'getAppViewInfo',
      'searchAndScreenPop',
      'screenPop',
      'screenPop',
      'setSoftphoneItemLabel',
    ]);
  });

  it('an inbound call from an unknown number opens a new Contact prefilled with the number', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

    const matches = await host.searchAndPop({ number: '045-555-6666', direction: 'inbound' });

    expect(matches).toEqual([]);
    expect(container.page).toEqual({ kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '045-555-6666' } });
  });

  it('a fake failure reaches the port as a typed error', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    container.failNext('searchAndScreenPop', 'SERVER_ERROR');

    const error = await host.searchAndPop({ number: '0312345678', direction: 'inbound' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'SERVER_ERROR', description: 'A server error occurred' }] });
  });

  it('popRecord of an unknown record rejects with the fake’s GENERIC_ERROR', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

    await expect(host.popRecord('003xx000004TmiR')).rejects.toMatchObject({ kind: 'failed', errors: [{ code: 'GENERIC_ERROR' }] });
  });
});

/** createOpenCtiHost (the panel's host port) driven against the fake Open CTI: start-up, publishing, and a full round over a shared org. */
import { describe, expect, it } from '@jest/globals';
import { HostError } from './host-port.js';
import { CALL_STATE_CHANNEL, createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi } from '@biztel/opencti';
import { createMemoryContainer, type MemoryContainer } from '@biztel/opencti/fake';
import { createFakeOpenCti } from '@biztel/opencti/fake';
import { RECORDS, SAMPLE, SUZUKI, YAMADA, settings } from './fake-opencti-test-helpers.js';

describe('createOpenCtiHost against the fake', () => {
  const host = (container: MemoryContainer) =>
    createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

  it('start() reads the server URL', async () => {
    const container = createMemoryContainer({ settings });

    await expect(host(container).start()).resolves.toEqual({
      serverUrl: 'https://events.example.com',
      popupRules: [],
      invalidPopupRules: [],
      taskStatus: 'Completed',
      phoneSearch: 'each',
    });
    expect(container.calls.map((c) => c.method)).toEqual(['getCallCenterSettings']);
  });

  it('start() survives the container starting late', async () => {
    const container = createMemoryContainer({ settings });
    container.failNext('getCallCenterSettings', 'SOFTPHONE_CONTAINER_ERROR', 2);

    await expect(host(container).start()).resolves.toEqual({
      serverUrl: 'https://events.example.com',
      popupRules: [],
      invalidPopupRules: [],
      taskStatus: 'Completed',
      phoneSearch: 'each',
    });
    expect(container.calls).toHaveLength(3);
  });

  it('start() rejects with the fake’s errors when the container keeps failing with another code', async () => {
    const container = createMemoryContainer({ settings });
    container.failNext('getCallCenterSettings', 'SERVER_ERROR', 99);

    const error = await host(container)
      .start()
      .catch((e: unknown) => e);

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
    const { records: inbound } = await host.searchAndPop({ number: '+81 90-1234-5678', direction: 'inbound' });
    const viewed = await host.currentView();
    const { records: several } = await host.searchAndPop({ number: '0312345678', direction: 'outbound' });
    const { records: none } = await host.searchAndPop({ number: 'anonymous', direction: 'inbound' });
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
      ...Array<string>(4).fill('searchAndScreenPop'), // each notation of the mobile number, deferred
      'screenPop', // the layout's pop of the search that found him
      'getAppViewInfo',
      ...Array<string>(4).fill('searchAndScreenPop'), // outbound: no pop
      'screenPop',
      'screenPop',
      'setSoftphoneItemLabel',
    ]);
  });

  it('an inbound call from an unknown number opens a new Contact prefilled with the number', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

    const { records } = await host.searchAndPop({ number: '045-555-6666', direction: 'inbound' });

    expect(records).toEqual([]);
    expect(container.page).toEqual({ kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { Phone: '045-555-6666' } });
  });

  it('a fake failure reaches the port as a typed error', async () => {
    const container = createMemoryContainer({ settings, records: RECORDS });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    container.failNext('searchAndScreenPop', 'SERVER_ERROR', 4); // every notation's search

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

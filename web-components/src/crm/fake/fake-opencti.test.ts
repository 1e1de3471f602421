import { describe, expect, it, jest } from '@jest/globals';
import { HostError } from '../host-port.js';
import { CALL_STATE_CHANNEL, SERVER_URL_SETTING, createOpenCtiHost } from '../opencti-host.js';
import type { OpenCtiApi, OpenCtiResponse } from '../opencti-types.js';
import { createMemoryContainer, type MemoryContainer } from './container.js';
import { createFakeOpenCti } from './fake-opencti.js';

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

    const response = await invoke(api, 'screenPop', { type: 'url', params: { url: 'https://example.com' } });

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

describe('createOpenCtiHost against the fake', () => {
  const host = (container: MemoryContainer) =>
    createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });

  it('start() reads the server URL', async () => {
    const container = createMemoryContainer({ settings });

    await expect(host(container).start()).resolves.toEqual({ serverUrl: 'https://events.example.com' });
    expect(container.calls.map((c) => c.method)).toEqual(['getCallCenterSettings']);
  });

  it('start() survives the container starting late', async () => {
    const container = createMemoryContainer({ settings });
    container.failNext('getCallCenterSettings', 'SOFTPHONE_CONTAINER_ERROR', 2);

    await expect(host(container).start()).resolves.toEqual({ serverUrl: 'https://events.example.com' });
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

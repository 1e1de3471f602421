/** The fake Open CTI's API surface: the callback contract every method keeps, and the CALL_TYPE / SCREENPOP_TYPE constants. */
import { describe, expect, it, jest } from '@jest/globals';
import { SERVER_URL_SETTING } from './opencti-host.js';
import type { OpenCtiApi } from '@biztel/opencti';
import { invoke, settings, setup, type Method } from './fake-opencti-test-helpers.js';

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

    const responses = [await invoke(api, 'getCallCenterSettings'), await invoke(api, 'getCallCenterSettings'), await invoke(api, 'getCallCenterSettings')];

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

    expect(container.published).toEqual([{ channelName: 'BiztelCallState__c', message: { v: 1, state: 'talking', nested: { number: '0312345678' } } }]);
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
    expect(Object.keys(real.SCREENPOP_TYPE).sort()).toEqual(['FLOW', 'LIST', 'NEW_RECORD_MODAL', 'OBJECTHOME', 'SEARCH', 'SOBJECT', 'URL']);
  });
});

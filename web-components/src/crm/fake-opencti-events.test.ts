/** Events through the fake Open CTI: container events reaching registered listeners, and Lightning Message Service messages. */
import { describe, expect, it, jest } from '@jest/globals';
import { createOpenCtiHost } from './opencti-host.js';
import type { OpenCtiApi } from '@biztel/opencti';
import { createMemoryContainer } from '@biztel/opencti/fake';
import { FAKE_SCREENPOP_TYPE, createFakeOpenCti } from '@biztel/opencti/fake';
import { YAMADA, invoke, org, settings, setup, type Method } from './fake-opencti-test-helpers.js';

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

describe('Lightning Message Service through the fake', () => {
  it('delivers a message published on a channel to the page’s subscriber, and the host validates it', async () => {
    const container = createMemoryContainer({ settings });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    const requests: unknown[] = [];
    host.onDialRequest((r) => requests.push(r));
    await new Promise((r) => setTimeout(r, 5));

    await container.handle('publish', {
      channelName: 'BiztelDialRequest__c',
      message: { v: 1, number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎' },
    });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, number: 'javascript:alert(1)' } });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 2, number: '0312345678' } });
    await container.handle('publish', { channelName: 'OtherChannel__c', message: { v: 1, number: '0312345678' } });

    expect(requests).toEqual([{ number: '03-1234-5678', recordId: YAMADA.Id, recordName: '山田 太郎' }]);
  });

  it('tells a request for the live call apart from a dial request on the same channel', async () => {
    const container = createMemoryContainer({ settings });
    const host = createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, { sleep: async () => {} });
    const dials: unknown[] = [];
    let stateRequests = 0;
    host.onDialRequest((r) => dials.push(r));
    host.onCallStateRequest(() => (stateRequests += 1));
    await new Promise((r) => setTimeout(r, 5));

    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, request: 'callState' } });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 2, request: 'callState' } });
    await container.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, number: '0312345678' } });

    expect([stateRequests, dials]).toEqual([1, [{ number: '0312345678' }]]);
  });

  it('pops a relative URL inside the app', async () => {
    const { api, container } = org();
    const response = await invoke(api, 'screenPop', { type: FAKE_SCREENPOP_TYPE.URL, params: { url: '/lightning/o/Case/new' } });
    expect(response).toMatchObject({ success: true });
    expect(container.page).toEqual({ kind: 'url', url: '/lightning/o/Case/new' });
  });
});

/**
 * The fake Lightning page's shared container: the softphone's calls answered as the memory
 * container answers them, every settled call and every user change told to the page's elements.
 */
import { describe, expect, it } from '@jest/globals';
import { CountingHost as Host } from './controller-host-test-helpers.js';
import { ContainerFailure, createMemoryContainer } from '@biztel/opencti/fake';
import { LightningState, LightningWatch } from './lightning-state.js';

const fresh = () => new LightningState(createMemoryContainer({ settings: { '/label': 'Call Center' } }));

describe('LightningState', () => {
  it('serves the softphone the memory container, telling its subscribers once each call settled', async () => {
    const lightning = fresh();
    const told: boolean[] = [];
    lightning.subscribe(() => told.push(lightning.container.clickToDialEnabled));

    await expect(lightning.served.handle('getCallCenterSettings', {})).resolves.toEqual({ '/label': 'Call Center' });
    await lightning.served.handle('enableClickToDial', {});

    expect(lightning.container.calls.map((c) => c.method)).toEqual(['getCallCenterSettings', 'enableClickToDial']);
    expect(told).toEqual([false, true]);
  });

  it('tells its subscribers after a refused call too, and the page still gets the refusal', async () => {
    const lightning = fresh();
    let told = 0;
    lightning.subscribe(() => (told += 1));
    lightning.container.failNext('saveLog', 'SERVER_ERROR');

    await expect(lightning.served.handle('saveLog', { value: { entityApiName: 'Task' } })).rejects.toBeInstanceOf(ContainerFailure);
    expect(told).toBe(1);
  });

  it('passes container events through to the page it serves', () => {
    const lightning = fresh();
    const heard: unknown[] = [];
    const stop = lightning.served.listen('onNavigationChange', (payload) => heard.push(payload));

    lightning.change((c) => c.navigate(null));
    stop();
    lightning.change((c) => c.navigate(null));

    expect(heard).toEqual([{ url: '/lightning/page/home' }]);
  });

  it('applies a user change before telling, and tells no one who unsubscribed', () => {
    const lightning = fresh();
    const seen: boolean[] = [];
    const unsubscribe = lightning.subscribe(() => seen.push(lightning.container.panelVisible));

    lightning.change((c) => (c.panelVisible = true));
    unsubscribe();
    lightning.change((c) => (c.panelVisible = false));

    expect(seen).toEqual([true]);
  });
});

describe('LightningWatch', () => {
  it('re-renders its host on every change while connected, and not after', () => {
    const lightning = fresh();
    const host = new Host();
    new LightningWatch(host, () => lightning);
    const [watch] = host.controllers;

    watch?.hostConnected?.();
    lightning.change(() => {});
    lightning.change(() => {});
    watch?.hostDisconnected?.();
    lightning.change(() => {});

    expect(host.updates).toBe(2);
  });

  it('follows the state its host is given after connecting', () => {
    const first = fresh();
    const second = fresh();
    const host = new Host();
    let given: LightningState | undefined;
    new LightningWatch(host, () => given);
    const [watch] = host.controllers;

    watch?.hostConnected?.();
    given = first;
    watch?.hostUpdate?.();
    first.change(() => {});
    given = second;
    watch?.hostUpdate?.();
    first.change(() => {});
    second.change(() => {});

    expect(host.updates).toBe(2);
  });
});

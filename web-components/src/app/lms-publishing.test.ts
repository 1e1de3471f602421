/**
 * The live call as the CRM's other components see it (Lightning Message Service): each page
 * publishes each state of the call once to its own browser tab — not once per snapshot or per
 * change of the panel — a page that gets the ownership back publishes the live call again, and
 * every page answers a component that asks.
 */
import { describe, expect, it } from '@jest/globals';
import type { SoftphoneApp } from './softphone-app.js';
import { FORM, appPerTest } from '../testing/app-host.js';
import { fakeServices } from '../testing/fake-services.js';
import { SERVER_TIME, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { ScriptedTabs } from '../testing/scripted-tabs.js';
import { until } from '../testing/wait.js';

const { open, started } = appPerTest();

const IDLE = { v: 1, state: 'idle' };
const RINGING = { v: 1, state: 'ringing', direction: 'inbound', number: '0312345678', callId: 'c1', businessLabel: 'サポート窓口' };
const TALKING = { ...RINGING, state: 'talking', answeredAt: SERVER_TIME - 65_000, clockOffsetMs: expect.any(Number) as unknown as number };

function lookupOf(app: SoftphoneApp, callId: string) {
  const s = app.store.state;
  return s.phase === 'signedIn' ? s.lookups[callId] : undefined;
}

describe('publishing the live call (LMS)', () => {
  it('publishes each state of the call once, however many snapshots and lookups repeat it', async () => {
    const { app, services } = await started();
    services.host.searchResults = [{ id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' }];
    await app.session.signIn({ ...FORM, seatId: '' });

    services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall({ id: 'c1' })] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [ringingCall({ id: 'c1' })] }));
    // The records found change the panel's state too, not the call.
    await until(() => lookupOf(app, 'c1')?.status === 'found', 'the records found for c1');
    services.server.push(snapshotFixture({ revision: 4, calls: [talkingCall({ id: 'c1' })] }));
    services.server.push(snapshotFixture({ revision: 5, calls: [talkingCall({ id: 'c1' })] }));
    services.server.push(snapshotFixture({ revision: 6, serverTime: SERVER_TIME + 10_000, calls: [] }));
    services.server.push(snapshotFixture({ revision: 7, serverTime: SERVER_TIME + 20_000, calls: [] }));
    await until(() => services.host.count('saveLog') === 1, 'the Task of c1');

    expect(services.host.published).toEqual([IDLE, RINGING, TALKING, IDLE]);
  });

  it('answers a component that opens mid-call (its request for the live call) with the live call', async () => {
    const { app, services } = await started();
    await app.session.signIn({ ...FORM, seatId: '' });
    services.server.push(snapshotFixture({ revision: 2, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => services.host.published.length === 2, 'the talking call published');

    services.host.callStateRequest();
    await until(() => services.host.published.length === 3, 'the live call published again');

    expect(services.host.published.at(-1)).toMatchObject({ state: 'talking', callId: 'c1', answeredAt: TALKING.answeredAt });
    expect(services.host.published.at(-1)).toHaveProperty('clockOffsetMs');
  });

  it('publishes the live call again when the page gets the ownership back, even as it published it before', async () => {
    const tabs = new ScriptedTabs('alone');
    const services = { ...fakeServices(), tabs };
    const app = open(services);
    await until(() => app.store.state.phase === 'signedOut', 'the sign-in form');
    await app.session.signIn({ ...FORM, seatId: '' });
    services.server.push(snapshotFixture({ revision: 2, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => services.host.published.length === 2, 'the talking call published');

    // Another page does the work for a while (and publishes as it sees fit), then hands it back.
    tabs.become('other');
    services.server.push(snapshotFixture({ revision: 3, calls: [talkingCall({ id: 'c1' })] }));
    expect(services.host.published).toEqual([IDLE, TALKING]);
    tabs.become('alone');

    expect(app.tabs.ownership).toBe('alone');
    expect(services.host.published).toEqual([IDLE, TALKING, TALKING]);
  });

  it('answers a component that asks for the live call on a page that is not the owner (its own browser tab)', async () => {
    const tabs = new ScriptedTabs('other');
    const services = { ...fakeServices(), tabs };
    const app = open(services);
    await until(() => app.store.state.phase === 'signedOut', 'the sign-in form');
    await app.session.signIn({ ...FORM, seatId: '' });
    services.server.push(snapshotFixture({ revision: 2, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => services.host.published.at(-1)?.state === 'talking', 'the talking call published in this tab');
    const before = services.host.published.length;

    services.host.callStateRequest();
    await until(() => services.host.published.length === before + 1, 'the answer');

    expect(app.tabs.ownership).toBe('other');
    expect(services.host.published.at(-1)).toEqual(TALKING);
  });
});

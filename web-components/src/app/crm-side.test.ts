/**
 * The application layer end to end over fake ports, the CRM's side: screen pop, click-to-dial,
 * call logging (one Task per call), screen transfer and pop-up URL rules.
 */
import { FORM, appPerTest } from '../testing/app-host.js';
import { FakeEventServer } from '../testing/fake-event-server.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';
import { snapshotFixture, talkingCall } from '../testing/fixtures.js';

const flush = () => new Promise((r) => setTimeout(r, 5));
const { open, started, closeAll } = appPerTest();

describe('the application layer: the CRM (screen pop, click-to-dial)', () => {
  const contact = { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' };

  async function signedIn(options: { hardphone?: boolean } = {}) {
    const ctx = await started();
    ctx.services.server.signInReply = {
      ok: true,
      snapshot: snapshotFixture({ agent: { hardphone: options.hardphone ?? false } }),
    };
    await ctx.app.session.signIn({ ...FORM, seatId: '', hardphone: options.hardphone ?? false });
    return ctx;
  }

  const push = (services: FakeServices, calls: Parameters<typeof snapshotFixture>[0]) => services.server.push(snapshotFixture(calls));

  it('looks up an inbound caller once, and keeps what it found for that call', async () => {
    const { app, services } = await signedIn();
    services.host.searchResults = [contact];

    const ringing = { id: 'c9', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '03-1234-5678', startedAt: 1 };
    push(services, { revision: 2, calls: [ringing] });
    push(services, { revision: 3, calls: [ringing] });
    await flush();

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: '03-1234-5678', direction: 'inbound' }]);
    expect(app.store.state).toMatchObject({ lookups: { c9: { status: 'found', records: [contact] } } });
  });

  it('looks up the dialled number of an outbound call (3.5.10+), not anonymous or internal calls', async () => {
    const { services } = await signedIn();

    push(services, { revision: 2, calls: [{ id: 'o1', direction: 'outbound', state: 'dialing', remoteNumber: '0312345678', startedAt: 1 }] });
    push(services, { revision: 3, calls: [{ id: 'a1', direction: 'inbound', state: 'ringing', remoteNumber: 'anonymous', startedAt: 1 }] });
    push(services, { revision: 4, calls: [{ id: 'i1', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: 1 }] });
    await flush();

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: '0312345678', direction: 'outbound' }]);
  });

  it('shows that the search failed instead of pretending nothing matched', async () => {
    const { app, services } = await signedIn();
    services.host.searchError = new Error('SERVER_ERROR');

    push(services, { revision: 2, calls: [{ id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1 }] });
    await flush();

    expect(app.store.state).toMatchObject({ lookups: { c1: { status: 'failed' } } });
  });

  it('enables click-to-dial once signed in with a softphone, and disables it on sign-out', async () => {
    const { app, services } = await signedIn();
    expect(services.host.argsOf('setClickToDial')).toEqual([false, true]);

    await app.session.signOut();

    expect(services.host.argsOf('setClickToDial')).toEqual([false, true, false]);
  });

  it('keeps click-to-dial disabled in hardphone mode', async () => {
    const { services } = await signedIn({ hardphone: true });
    expect(services.host.argsOf('setClickToDial')).toEqual([false]);
  });

  it('dials a clicked phone link after normalisation', async () => {
    const { services } = await signedIn();

    services.host.clickToDial({ number: '+81 3-1234-5678', recordId: '0035g00000AbCdEAAV' });
    await flush();

    expect(services.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
  });

  it('refuses a clicked link during a call, and says why', async () => {
    const { app, services } = await signedIn();
    push(services, { revision: 2, calls: [talkingCall()] });

    services.host.clickToDial({ number: '0312345678' });
    await flush();

    expect(services.server.argsOf('dial')).toEqual([]);
    expect(app.store.state).toMatchObject({ notice: 'clickToDialOnCall' });
  });

  it('opens a found record and a new contact with the number prefilled', async () => {
    const { app, services } = await signedIn();

    await app.crm.openRecord(contact.id);
    await app.crm.createRecord('0312345678');

    expect(services.host.argsOf('popRecord')).toEqual([contact.id]);
    expect(services.host.argsOf('popNewRecord')).toEqual([{ entityName: 'Contact', defaults: { Phone: '0312345678' } }]);
  });

  it('sends the utility item label and icon only when they change', async () => {
    const { app, services } = await started();

    app.crm.showItemLabel('通話中 00:01', 'call');
    app.crm.showItemLabel('通話中 00:01', 'call');
    app.crm.showItemLabel('通話中 00:02', 'call');
    app.crm.showItemLabel('保留中 00:03', 'pause');

    expect(services.host.argsOf('setItemLabel')).toEqual(['通話中 00:01', '通話中 00:02', '保留中 00:03']);
    expect(services.host.argsOf('setItemIcon')).toEqual(['call', 'pause']);
  });
});

describe('the application layer: call logging (one Task per call)', () => {
  const answered = { id: 'c5', direction: 'inbound' as const, state: 'talking' as const, remoteNumber: '09012345678', startedAt: 1_000, answeredAt: 5_000 };

  async function signedIn() {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    return ctx;
  }

  it('saves a Task with the call-center fields when an answered call ends, related to the record found', async () => {
    const { services } = await signedIn();
    services.host.searchResults = [{ id: '0035g00000TkYqAAAV', name: '山田 太郎', objectType: 'Contact' }];
    services.server.push(snapshotFixture({ revision: 2, calls: [{ ...answered, state: 'ringing', answeredAt: undefined }] }));
    await flush();
    services.server.push(snapshotFixture({ revision: 3, calls: [answered] }));
    services.server.push(snapshotFixture({ revision: 4, serverTime: 65_400, calls: [] }));
    services.server.push(snapshotFixture({ revision: 5, serverTime: 70_000, calls: [] }));
    await flush();

    expect(services.host.savedLogs).toEqual([
      expect.objectContaining({
        entityApiName: 'Task',
        Subject: '着信 09012345678',
        CallType: 'Inbound',
        CallDurationInSeconds: 60,
        CallObject: 'c5',
        WhoId: '0035g00000TkYqAAAV',
        Status: 'Completed',
      }),
    ]);
    expect(services.host.count('refreshView')).toBe(1);
  });

  it('does not log a call that only rang here', async () => {
    const { services } = await signedIn();
    services.server.push(snapshotFixture({ revision: 2, calls: [{ ...answered, state: 'ringing', answeredAt: undefined }] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [] }));
    await flush();
    expect(services.host.savedLogs).toEqual([]);
  });

  it('shows a failed save as pending, keeps it across a new page, and saves it once', async () => {
    const { app, services } = await signedIn();
    services.host.saveFailures = 1;
    services.server.push(snapshotFixture({ revision: 2, calls: [answered] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [] }));
    await flush();
    expect(app.signedIn.parts?.calls.pendingLogs).toBe(1);
    closeAll();

    // A reloaded page of the same agent, with the same storage.
    const server = new FakeEventServer();
    server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    const reloaded = { app: open({ ...services, server }) };
    for (let i = 0; i < 100 && reloaded.app.store.state.phase !== 'signedOut'; i++) await flush();
    await reloaded.app.session.signIn({ ...FORM, seatId: '' });
    await flush();

    expect(services.host.savedLogs.map((t) => t['CallObject'])).toEqual(['c5']);
    expect(reloaded.app.signedIn.parts?.calls.pendingLogs).toBe(0);
  });
});

describe('the application layer: screen transfer (seed 001 §9)', () => {
  const record = { recordId: '0035g00000TkYqAAAV', recordName: '山田 太郎', objectType: 'Contact' };

  it('reports the record on screen after sign-in and on every navigation, with the agent’s note', async () => {
    const ctx = await started();
    ctx.services.host.view = record;
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    await flush();
    ctx.services.host.navigate(null);
    ctx.services.host.navigate({ ...record, recordName: '株式会社サンプル商事', recordId: '0015g00000HbCdEAAV', objectType: 'Account' });
    ctx.app.signedIn.parts!.screen.setNote('  住所変更の件\n折り返し希望 ');

    expect(ctx.services.server.argsOf('viewing')).toEqual(
      [
        record,
        null,
        { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account' },
        { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account', note: '住所変更の件 折り返し希望' },
      ].map((screen) => ({ screen })),
    );
  });

  it('reports nothing while signed out', async () => {
    const ctx = await started();
    ctx.services.host.navigate(record);
    await flush();
    expect(ctx.services.server.argsOf('viewing')).toEqual([]);
  });
});

describe('the application layer: screen pop-up URL rules (seed 000 §2.2)', () => {
  it('opens a relative rule URL inside the CRM for the events it names, and nothing for others', async () => {
    const services = fakeServices();
    services.host.settings = {
      serverUrl: 'https://events.example.com',
      popupRules: [{ event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?tel={TEL}&id={ID}', method: 'GET' }],
      invalidPopupRules: [],
    };
    const app = open(services);
    for (let i = 0; i < 100 && app.store.state.phase !== 'signedOut'; i++) await flush();
    await app.session.signIn({ ...FORM, seatId: '' });
    const call = { id: 'c8', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '0312345678', startedAt: 1 };

    services.server.push(snapshotFixture({ revision: 2, calls: [call] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [{ ...call, state: 'talking', answeredAt: 2 }] }));
    services.server.push(snapshotFixture({ revision: 4, calls: [] }));
    await flush();

    expect(services.host.argsOf('popUrl')).toEqual(['/lightning/o/Task/new?tel=0312345678&id=c8']);
  });
});

describe('the application layer: call logging relates the viewed record when the search was not conclusive', () => {
  it('uses the record on screen when the caller matched several records', async () => {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    ctx.services.host.searchResults = [
      { id: '0035g00000TkYqAAAV', name: '山田 太郎', objectType: 'Contact' },
      { id: '0015g00000HbCdEAAV', name: '株式会社サンプル商事', objectType: 'Account' },
    ];
    const call = { id: 'c6', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '0312345678', startedAt: 1_000 };
    ctx.services.server.push(snapshotFixture({ revision: 2, calls: [call] }));
    await flush();
    ctx.services.host.navigate({ recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account' });
    ctx.services.server.push(snapshotFixture({ revision: 3, calls: [{ ...call, state: 'talking', answeredAt: 2_000 }] }));
    ctx.services.server.push(snapshotFixture({ revision: 4, calls: [] }));
    await flush();

    expect(ctx.services.host.savedLogs).toEqual([expect.objectContaining({ CallObject: 'c6', WhatId: '0015g00000HbCdEAAV' })]);
  });
});

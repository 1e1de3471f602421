/**
 * The application layer end to end over fake ports, the CRM's side: screen pop, click-to-dial,
 * call logging (one Task per call), screen transfer and pop-up URL rules.
 */
import type { SoftphoneApp } from './softphone-app.js';
import { FORM, appPerTest } from '../testing/app-host.js';
import { FakeEventServer } from '../testing/fake-event-server.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';
import { SERVER_TIME, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { settle, until } from '../testing/wait.js';

const { open, started, closeAll } = appPerTest();

/** Where the screen pop of a call stands on `app` (undefined before its lookup starts). */
function lookupOf(app: SoftphoneApp, callId: string) {
  const s = app.store.state;
  return s.phase === 'signedIn' ? s.lookups[callId] : undefined;
}

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
    await until(() => lookupOf(app, 'c9')?.status === 'found', 'the records found for c9');

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: '03-1234-5678', direction: 'inbound' }]);
    expect(app.store.state).toMatchObject({ lookups: { c9: { status: 'found', records: [contact] } } });
  });

  it('looks up the dialled number of an outbound call (3.5.10+), not anonymous or internal calls', async () => {
    const { services } = await signedIn();

    push(services, { revision: 2, calls: [{ id: 'o1', direction: 'outbound', state: 'dialing', remoteNumber: '0312345678', startedAt: 1 }] });
    push(services, { revision: 3, calls: [{ id: 'a1', direction: 'inbound', state: 'ringing', remoteNumber: 'anonymous', startedAt: 1 }] });
    push(services, { revision: 4, calls: [{ id: 'i1', direction: 'inbound', state: 'ringing', remoteNumber: '1002', startedAt: 1 }] });
    // The controllers take the three snapshots in order, at once: the other calls were passed over by then.
    await until(() => services.host.count('searchAndPop') > 0, 'the search of the outbound call');

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: '0312345678', direction: 'outbound' }]);
  });

  it('hands the search’s report to 診断 and the operation log', async () => {
    const { app, services } = await signedIn();
    const report = { strategy: 'each', searches: [{ term: '0312345678', found: 1 }], records: 1, pop: 'done' } as const;
    services.host.searchResults = [contact];
    services.host.searchReport = report;

    push(services, { revision: 2, calls: [{ id: 'c4', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1 }] });
    await until(() => lookupOf(app, 'c4')?.status === 'found', 'the records found for c4');

    expect(app.diagnostics.info().lastSearch).toEqual(report);
    expect(app.diagnostics.operationLog.last(5).find((e) => e.name === 'crmSearch')?.detail).toBe('each [0312345678:1] = 1, pop done');
  });

  it('checks once signed in whether a Task cut off mid-save could be checked (the Apex class), and says so in 診断', async () => {
    const ctx = await started();
    ctx.services.host.findError = new Error('runApex: No such class BiztelCallLog');
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture() };
    await ctx.app.session.signIn({ ...FORM, seatId: '', hardphone: false });

    await until(() => ctx.app.diagnostics.info().initChecks.some((c) => c.name === 'callLog' && c.ok === false), 'the failed check');
    expect(ctx.app.diagnostics.info().initChecks.find((c) => c.name === 'callLog')).toEqual({
      name: 'callLog',
      ok: false,
      detail: 'runApex: No such class BiztelCallLog',
    });
  });

  it('shows that the search failed instead of pretending nothing matched', async () => {
    const { app, services } = await signedIn();
    services.host.searchError = new Error('SERVER_ERROR');

    push(services, { revision: 2, calls: [{ id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1 }] });
    await until(() => lookupOf(app, 'c1')?.status === 'failed', 'the failed search of c1');

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
    await until(() => services.server.argsOf('dial').length > 0, 'the dial command');

    expect(services.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
  });

  it('refuses a clicked link during a call, and says why', async () => {
    const { app, services } = await signedIn();
    push(services, { revision: 2, calls: [talkingCall()] });

    services.host.clickToDial({ number: '0312345678' });
    await until(() => app.store.state.phase === 'signedIn' && app.store.state.notice === 'clickToDialOnCall', 'the notice why the link was refused');
    await settle();

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

  it('sends the panel label once, and again on the next refresh if the host refused it', async () => {
    const { app, services } = await started();
    services.host.panelLabelFailures = 1;

    app.crm.showPanelLabel('BIZTEL ソフトフォン');
    await settle();
    app.crm.showPanelLabel('BIZTEL ソフトフォン');
    await settle();
    app.crm.showPanelLabel('BIZTEL ソフトフォン');

    expect(services.host.argsOf('setPanelLabel')).toEqual(['BIZTEL ソフトフォン', 'BIZTEL ソフトフォン']);
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
    const { app, services } = await signedIn();
    services.host.searchResults = [{ id: '0035g00000TkYqAAAV', name: '山田 太郎', objectType: 'Contact' }];
    services.server.push(snapshotFixture({ revision: 2, calls: [{ ...answered, state: 'ringing', answeredAt: undefined }] }));
    await until(() => lookupOf(app, 'c5')?.status === 'found', 'the records found for c5');
    services.server.push(snapshotFixture({ revision: 3, calls: [answered] }));
    services.server.push(snapshotFixture({ revision: 4, serverTime: 65_400, calls: [] }));
    services.server.push(snapshotFixture({ revision: 5, serverTime: 70_000, calls: [] }));
    await until(() => services.host.count('refreshView') > 0, 'the view refreshed after the Task was saved');
    await settle();

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
    const { app, services } = await signedIn();
    services.server.push(snapshotFixture({ revision: 2, calls: [{ ...answered, state: 'ringing', answeredAt: undefined }] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [] }));
    // The controllers, once loaded, have followed both snapshots; a Task would be on its way.
    await until(() => app.signedIn.parts !== null, 'the signed-in controllers');
    await settle();
    expect(services.host.savedLogs).toEqual([]);
  });

  it('shows a failed save as pending, keeps it across a new page, and saves it once', async () => {
    const { app, services } = await signedIn();
    services.host.saveFailures = 1;
    services.server.push(snapshotFixture({ revision: 2, calls: [answered] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [] }));
    await until(() => services.logger.lines.some((line) => line.includes('call log save failed')), 'the failed save');
    expect(app.signedIn.parts?.calls.pendingLogs).toBe(1);
    // Support sees it in 診断's operation log, not only in the browser console.
    expect(app.diagnostics.operationLog.entries().find((e) => e.name === 'callLog')).toMatchObject({
      kind: 'error',
      detail: expect.stringMatching(/^c5: Salesforce refused the Task \(attempt 1\)/) as unknown,
    });
    closeAll();

    // A reloaded page of the same agent, with the same storage.
    const server = new FakeEventServer();
    server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    const reloaded = { app: open({ ...services, server }) };
    await until(() => reloaded.app.store.state.phase === 'signedOut', 'the reloaded page at the sign-in form');
    await reloaded.app.session.signIn({ ...FORM, seatId: '' });
    await until(() => reloaded.app.signedIn.parts?.calls.pendingLogs === 0, 'the pending Task saved by the reloaded page');
    await settle();

    expect(services.host.savedLogs.map((t) => t['CallObject'])).toEqual(['c5']);
    expect(reloaded.app.signedIn.parts?.calls.pendingLogs).toBe(0);
  });
});

describe('the application layer: signing out forgets the calls that were open', () => {
  const answered = (id: string) => talkingCall({ id, remoteNumber: '09012345678' });

  it('neither logs nor pops again, after the next sign-in, a call that was open at sign-out', async () => {
    const services = fakeServices();
    services.host.settings = {
      serverUrl: 'https://events.example.com',
      popupRules: [{ event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?id={ID}', method: 'GET' }],
      invalidPopupRules: [],
      taskStatus: '完了', // an org whose Task statuses are its own
      phoneSearch: 'each',
    };
    services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    const app = open(services);
    await until(() => app.store.state.phase === 'signedOut', 'the sign-in form');
    await app.session.signIn({ ...FORM, seatId: '' });
    services.server.push(snapshotFixture({ revision: 2, agent: { account: 'agent01' }, calls: [answered('c1')] }));
    await until(() => app.signedIn.parts?.calls.journal?.openCalls(SERVER_TIME).some((c) => c.id === 'c1'), 'c1 open in the journal');

    await app.session.signOut();
    services.server.signInReply = { ok: true, snapshot: snapshotFixture({ revision: 3, serverTime: SERVER_TIME + 60_000, agent: { account: 'agent01' } }) };
    await app.session.signIn({ ...FORM, seatId: '' });
    // A call of this sign-in, answered and hung up: its Task and pop-up come after any for c1.
    services.server.push(snapshotFixture({ revision: 4, serverTime: SERVER_TIME + 70_000, agent: { account: 'agent01' }, calls: [answered('c2')] }));
    services.server.push(snapshotFixture({ revision: 5, serverTime: SERVER_TIME + 90_000, agent: { account: 'agent01' }, calls: [] }));
    await until(() => services.host.savedLogs.some((t) => t['CallObject'] === 'c2'), 'the Task of c2');

    expect(services.host.savedLogs.map((t) => [t['CallObject'], t['Status']])).toEqual([['c2', '完了']]);
    expect(services.host.argsOf('popUrl')).toEqual(['/lightning/o/Task/new?id=c2']);
  });
});

describe('the application layer: screen transfer (seed 001 §9)', () => {
  const record = { recordId: '0035g00000TkYqAAAV', recordName: '山田 太郎', objectType: 'Contact' };

  it('reports the record on screen after sign-in and on every navigation, with the agent’s note', async () => {
    const ctx = await started();
    ctx.services.host.view = record;
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    await until(() => ctx.services.server.argsOf('viewing').length > 0, 'the screen reported after sign-in');
    ctx.services.host.navigate(null);
    ctx.services.host.navigate({ ...record, recordName: '株式会社サンプル商事', recordId: '0015g00000HbCdEAAV', objectType: 'Account' });
    ctx.app.signedIn.parts!.screen.setNote('  住所変更の件\n折り返し希望 ', 'call-1');

    expect(ctx.services.server.argsOf('viewing')).toEqual(
      [
        record,
        null,
        { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account' },
        { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account', note: '住所変更の件 折り返し希望' },
      ].map((screen) => ({ screen })),
    );
  });

  it('reports the record on screen again once the session is back after a dropped connection', async () => {
    const ctx = await started();
    ctx.services.host.view = record;
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture(), resumeToken: `resume-token-${'r'.repeat(40)}` };
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    await until(() => ctx.services.server.argsOf('viewing').length > 0, 'the screen reported after sign-in');

    ctx.services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
    ctx.services.server.emitConnection({ kind: 'restored' });
    await until(() => ctx.app.store.state.phase === 'signedIn' && ctx.app.store.state.connection.kind === 'online', 'the session resumed');
    await settle();

    // The server forgot the screen with the dropped session: the same record, once more.
    expect(ctx.services.server.argsOf('resume')).toHaveLength(1);
    expect(ctx.services.server.argsOf('viewing')).toEqual([{ screen: record }, { screen: record }]);
  });

  it('drops the note once the call it was written for is over, so it never goes with a later call’s transfer', async () => {
    const ctx = await started();
    ctx.services.host.view = record;
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    const first = talkingCall({ id: 'call-a' });
    ctx.services.server.push(snapshotFixture({ revision: 2, calls: [first] }));
    await until(() => ctx.services.server.argsOf('viewing').length > 0, 'the screen reported after sign-in');
    ctx.app.signedIn.parts!.screen.setNote('住所変更の件', 'call-a');

    // A second call arrives while the first is held: the note stays with the first.
    ctx.services.server.push(snapshotFixture({ revision: 3, calls: [{ ...first, state: 'held' }, talkingCall({ id: 'call-b' })] }));
    await settle();
    expect(ctx.services.server.argsOf('viewing')).toHaveLength(2);
    // The first call ends while the second goes on: the note goes with it.
    ctx.services.server.push(snapshotFixture({ revision: 4, calls: [talkingCall({ id: 'call-b' })] }));
    await until(() => ctx.services.server.argsOf('viewing').length === 3, 'the screen reported without the note');

    expect(ctx.services.server.argsOf('viewing')).toEqual([{ screen: record }, { screen: { ...record, note: '住所変更の件' } }, { screen: record }]);
  });

  it('reports nothing while signed out', async () => {
    const ctx = await started();
    ctx.services.host.navigate(record);
    await settle();
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
      taskStatus: 'Completed',
      phoneSearch: 'each',
    };
    const app = open(services);
    await until(() => app.store.state.phase === 'signedOut', 'the sign-in form');
    await app.session.signIn({ ...FORM, seatId: '' });
    const call = { id: 'c8', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '0312345678', startedAt: 1 };

    services.server.push(snapshotFixture({ revision: 2, calls: [call] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [{ ...call, state: 'talking', answeredAt: 2 }] }));
    services.server.push(snapshotFixture({ revision: 4, calls: [] }));
    await until(() => services.host.count('popUrl') > 0, 'the pop-up URL');
    await settle();

    expect(services.host.argsOf('popUrl')).toEqual(['/lightning/o/Task/new?tel=0312345678&id=c8']);
  });
});

describe('the application layer: calls whose end the softphone never reported', () => {
  it('while it reconnects nothing is logged or popped; when its grace runs out, one Task without a duration and no hang-up rule', async () => {
    const services = fakeServices();
    services.host.settings = {
      serverUrl: 'https://events.example.com',
      popupRules: [{ event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?id={ID}', method: 'GET' }],
      invalidPopupRules: [],
      taskStatus: 'Completed',
      phoneSearch: 'each',
    };
    const app = open(services);
    await until(() => app.store.state.phase === 'signedOut', 'the sign-in form');
    await app.session.signIn({ ...FORM, seatId: '' });
    const call = talkingCall({ id: 'c6', remoteNumber: '0312345678' });
    const reconnecting = { running: false, state: 'reconnecting' as const, since: SERVER_TIME + 5_000, until: SERVER_TIME + 35_000 };

    services.server.push(snapshotFixture({ revision: 2, calls: [call] }));
    services.server.push(snapshotFixture({ revision: 3, serverTime: SERVER_TIME + 5_000, softphone: reconnecting, calls: [call] }));
    services.server.push(snapshotFixture({ revision: 4, serverTime: SERVER_TIME + 20_000, softphone: reconnecting, calls: [call] }));
    await until(() => app.signedIn.parts !== null, 'the signed-in controllers');
    await settle();
    expect(services.host.savedLogs).toEqual([]);

    services.server.push(snapshotFixture({ revision: 5, serverTime: SERVER_TIME + 35_000, softphone: { running: false, state: 'stopped' }, calls: [] }));
    await until(() => services.host.savedLogs.length > 0, 'the Task of c6');
    await settle();

    expect(services.host.savedLogs).toHaveLength(1);
    expect(services.host.savedLogs[0]).toMatchObject({ CallObject: 'c6', CallType: 'Inbound', Description: '終了時刻不明\n業務ラベル: サポート窓口' });
    expect(services.host.savedLogs[0]).not.toHaveProperty('CallDurationInSeconds');
    expect(services.host.argsOf('popUrl')).toEqual([]);
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
    await until(() => lookupOf(ctx.app, 'c6')?.status === 'found', 'the records found for c6');
    ctx.services.host.navigate({ recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account' });
    ctx.services.server.push(snapshotFixture({ revision: 3, calls: [{ ...call, state: 'talking', answeredAt: 2_000 }] }));
    ctx.services.server.push(snapshotFixture({ revision: 4, calls: [] }));
    await until(() => ctx.services.host.savedLogs.length > 0, 'the Task of c6');
    await settle();

    expect(ctx.services.host.savedLogs).toEqual([expect.objectContaining({ CallObject: 'c6', WhatId: '0015g00000HbCdEAAV' })]);
  });
});

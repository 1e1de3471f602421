/**
 * The controller between the views and the ports: the seat-takeover question, call-control
 * commands and what reaches the server (and what never does).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SoftphoneController } from './softphone-controller.js';
import { FakeEventServer } from '../testing/fake-event-server.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';
import { snapshotFixture, talkingCall } from '../testing/fixtures.js';

const FORM = {
  account: 'agent02',
  password: 'secret-pass',
  extension: '1002',
  seatId: 'S-7',
  initialStatusId: 'available',
  hardphone: false,
};

class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates += 1;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

const flush = () => new Promise((r) => setTimeout(r, 5));

async function started(): Promise<{ controller: SoftphoneController; services: FakeServices }> {
  const services = fakeServices();
  const controller = new SoftphoneController(new Host(), services);
  controller.hostConnected();
  for (let i = 0; i < 100 && controller.state.phase !== 'signedOut'; i++) await flush();
  expect(controller.state.phase).toBe('signedOut');
  return { controller, services };
}

describe('SoftphoneController: seat takeover (seed 001 §2)', () => {
  it('asks when the seat is taken, and on OK repeats the same sign-in with the overwrite flag', async () => {
    const { controller, services } = await started();
    const holder = { seatId: 'S-7', account: 'agent01', name: '山田 花子', since: Date.UTC(2025, 3, 1, 0, 30) };
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: holder };

    await controller.signIn(FORM);

    expect(controller.state).toMatchObject({ phase: 'signedOut', submitting: false, seatConflict: holder, error: null });
    services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent02', extension: '1002' } }) };

    await controller.takeOverSeat();

    const requests = services.server.argsOf('signIn') as Record<string, unknown>[];
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({ ...requests[0], overwriteSeat: true });
    expect(requests[1]!['password']).toBe('secret-pass');
    expect(controller.state.phase).toBe('signedIn');
  });

  it('goes back to the form on cancel and forgets the request', async () => {
    const { controller, services } = await started();
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7' } };
    await controller.signIn(FORM);

    controller.cancelSeatTakeover();
    await controller.takeOverSeat();

    expect(controller.state).toMatchObject({ phase: 'signedOut', seatConflict: null, form: { account: 'agent02', seatId: 'S-7' } });
    expect(services.server.argsOf('signIn')).toHaveLength(1);
  });

  it('never logs the password it keeps for the question', async () => {
    const { controller, services } = await started();
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7' } };
    await controller.signIn(FORM);
    await controller.takeOverSeat();

    expect(services.logger.lines.join('\n')).not.toContain('secret-pass');
  });
});

describe('SoftphoneController: call control', () => {
  async function signedIn() {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ calls: [talkingCall()] }) };
    await ctx.controller.signIn({ ...FORM, seatId: '' });
    return ctx;
  }

  it.each([
    ['hold', (c: SoftphoneController) => c.hold('c1')],
    ['unhold', (c: SoftphoneController) => c.unhold('c1')],
    ['park', (c: SoftphoneController) => c.park('c1')],
    ['transfer', (c: SoftphoneController) => c.transfer('c1')],
  ] as const)('sends %s for the call', async (method, act) => {
    const { controller, services } = await signedIn();

    expect(await act(controller)).toBe(true);

    expect(services.server.argsOf(method)).toEqual(['c1']);
  });

  it('sends * and # as DTMF, and refuses anything else before the network', async () => {
    const { controller, services } = await signedIn();

    expect(await controller.dtmf('c1', '*1002')).toBe(true);
    expect(await controller.dtmf('c1', '1; rm -rf')).toBe(false);

    expect(services.server.argsOf('dtmf')).toEqual([{ callId: 'c1', digits: '*1002' }]);
  });

  it('passes the chosen caller ID with the normalised number', async () => {
    const { controller, services } = await signedIn();

    await controller.dial('+81 3-1234-5678', { kind: 'window', id: 'support' });

    expect(services.server.argsOf('dial')).toEqual(['0312345678']);
    expect(services.server.dialCallerIds).toEqual([{ kind: 'window', id: 'support' }]);
  });

  it('tells the agent when the administrator does not allow the choice', async () => {
    const { controller, services } = await signedIn();
    services.server.replies.dial = { ok: false, code: 'NOT_ALLOWED' };

    expect(await controller.dial('0312345678', { kind: 'number', number: '0120123456' })).toBe(false);

    expect(controller.state).toMatchObject({ phase: 'signedIn', notice: 'notAllowed' });
  });
});

describe('SoftphoneController: the CRM (screen pop, click-to-dial)', () => {
  const contact = { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' };

  async function signedIn(options: { hardphone?: boolean } = {}) {
    const ctx = await started();
    ctx.services.server.signInReply = {
      ok: true,
      snapshot: snapshotFixture({ agent: { hardphone: options.hardphone ?? false } }),
    };
    await ctx.controller.signIn({ ...FORM, seatId: '', hardphone: options.hardphone ?? false });
    return ctx;
  }

  const push = (services: FakeServices, calls: Parameters<typeof snapshotFixture>[0]) => services.server.push(snapshotFixture(calls));

  it('looks up an inbound caller once, and keeps what it found for that call', async () => {
    const { controller, services } = await signedIn();
    services.host.searchResults = [contact];

    const ringing = { id: 'c9', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '03-1234-5678', startedAt: 1 };
    push(services, { revision: 2, calls: [ringing] });
    push(services, { revision: 3, calls: [ringing] });
    await flush();

    expect(services.host.argsOf('searchAndPop')).toEqual([{ number: '03-1234-5678', direction: 'inbound' }]);
    expect(controller.state).toMatchObject({ lookups: { c9: { status: 'found', records: [contact] } } });
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
    const { controller, services } = await signedIn();
    services.host.searchError = new Error('SERVER_ERROR');

    push(services, { revision: 2, calls: [{ id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1 }] });
    await flush();

    expect(controller.state).toMatchObject({ lookups: { c1: { status: 'failed' } } });
  });

  it('enables click-to-dial once signed in with a softphone, and disables it on sign-out', async () => {
    const { controller, services } = await signedIn();
    expect(services.host.argsOf('setClickToDial')).toEqual([false, true]);

    await controller.signOut();

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

    expect(services.server.argsOf('dial')).toEqual(['0312345678']);
  });

  it('refuses a clicked link during a call, and says why', async () => {
    const { controller, services } = await signedIn();
    push(services, { revision: 2, calls: [talkingCall()] });

    services.host.clickToDial({ number: '0312345678' });
    await flush();

    expect(services.server.argsOf('dial')).toEqual([]);
    expect(controller.state).toMatchObject({ notice: 'clickToDialOnCall' });
  });

  it('opens a found record and a new contact with the number prefilled', async () => {
    const { controller, services } = await signedIn();

    await controller.openRecord(contact.id);
    await controller.createRecord('0312345678');

    expect(services.host.argsOf('popRecord')).toEqual([contact.id]);
    expect(services.host.argsOf('popNewRecord')).toEqual([{ entityName: 'Contact', defaults: { Phone: '0312345678' } }]);
  });

  it('sends the utility item label and icon only when they change', async () => {
    const { controller, services } = await started();

    controller.showItemLabel('通話中 00:01', 'call');
    controller.showItemLabel('通話中 00:01', 'call');
    controller.showItemLabel('通話中 00:02', 'call');
    controller.showItemLabel('保留中 00:03', 'pause');

    expect(services.host.argsOf('setItemLabel')).toEqual(['通話中 00:01', '通話中 00:02', '保留中 00:03']);
    expect(services.host.argsOf('setItemIcon')).toEqual(['call', 'pause']);
  });
});

describe('SoftphoneController: call logging (one Task per call)', () => {
  const answered = { id: 'c5', direction: 'inbound' as const, state: 'talking' as const, remoteNumber: '09012345678', startedAt: 1_000, answeredAt: 5_000 };

  async function signedIn() {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    await ctx.controller.signIn({ ...FORM, seatId: '' });
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
    const { controller, services } = await signedIn();
    services.host.saveFailures = 1;
    services.server.push(snapshotFixture({ revision: 2, calls: [answered] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [] }));
    await flush();
    expect(controller.pendingLogs).toBe(1);
    controller.hostDisconnected();

    // A reloaded page of the same agent, with the same storage.
    const server = new FakeEventServer();
    server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    const reloaded = new SoftphoneController(new Host(), { ...services, server });
    reloaded.hostConnected();
    for (let i = 0; i < 100 && reloaded.state.phase !== 'signedOut'; i++) await flush();
    await reloaded.signIn({ ...FORM, seatId: '' });
    await flush();

    expect(services.host.savedLogs.map((t) => t['CallObject'])).toEqual(['c5']);
    expect(reloaded.pendingLogs).toBe(0);
  });
});

describe('SoftphoneController: screen transfer (seed 001 §9)', () => {
  const record = { recordId: '0035g00000TkYqAAAV', recordName: '山田 太郎', objectType: 'Contact' };

  it('reports the record on screen after sign-in and on every navigation, with the agent’s note', async () => {
    const ctx = await started();
    ctx.services.host.view = record;
    await ctx.controller.signIn({ ...FORM, seatId: '' });
    await flush();
    ctx.services.host.navigate(null);
    ctx.services.host.navigate({ ...record, recordName: '株式会社サンプル商事', recordId: '0015g00000HbCdEAAV', objectType: 'Account' });
    ctx.controller.setTransferNote('  住所変更の件\n折り返し希望 ');

    expect(ctx.services.server.argsOf('viewing')).toEqual([
      record,
      null,
      { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account' },
      { recordId: '0015g00000HbCdEAAV', recordName: '株式会社サンプル商事', objectType: 'Account', note: '住所変更の件 折り返し希望' },
    ]);
  });

  it('reports nothing while signed out', async () => {
    const ctx = await started();
    ctx.services.host.navigate(record);
    await flush();
    expect(ctx.services.server.argsOf('viewing')).toEqual([]);
  });
});

describe('SoftphoneController: screen pop-up URL rules (seed 000 §2.2)', () => {
  it('opens a relative rule URL inside the CRM for the events it names, and nothing for others', async () => {
    const services = fakeServices();
    services.host.settings = {
      serverUrl: 'https://events.example.com',
      popupRules: [{ event: 'incomingAnsweredHangup', template: '/lightning/o/Task/new?tel={TEL}&id={ID}', method: 'GET' }],
      invalidPopupRules: [],
    };
    const controller = new SoftphoneController(new Host(), services);
    controller.hostConnected();
    for (let i = 0; i < 100 && controller.state.phase !== 'signedOut'; i++) await flush();
    await controller.signIn({ ...FORM, seatId: '' });
    const call = { id: 'c8', direction: 'inbound' as const, state: 'ringing' as const, remoteNumber: '0312345678', startedAt: 1 };

    services.server.push(snapshotFixture({ revision: 2, calls: [call] }));
    services.server.push(snapshotFixture({ revision: 3, calls: [{ ...call, state: 'talking', answeredAt: 2 }] }));
    services.server.push(snapshotFixture({ revision: 4, calls: [] }));
    await flush();

    expect(services.host.argsOf('popUrl')).toEqual(['/lightning/o/Task/new?tel=0312345678&id=c8']);
  });
});

describe('SoftphoneController: dial requests from the app (LMS)', () => {
  it('dials a number the record page’s component asks for, like a clicked link', async () => {
    const ctx = await started();
    await ctx.controller.signIn({ ...FORM, seatId: '' });

    ctx.services.host.dialRequest({ number: '03-1234-5678', recordId: '0035g00000TkYqAAAV' });
    await flush();

    expect(ctx.services.server.argsOf('dial')).toEqual(['0312345678']);
  });
});

describe('SoftphoneController: call logging relates the viewed record when the search was not conclusive', () => {
  it('uses the record on screen when the caller matched several records', async () => {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent01' } }) };
    await ctx.controller.signIn({ ...FORM, seatId: '' });
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

describe('SoftphoneController: click-to-dial while signed out', () => {
  it('dials nothing and asks the agent to sign in first', async () => {
    const { controller, services } = await started();

    services.host.clickToDial({ number: '0312345678' });
    await flush();

    expect(services.server.argsOf('dial')).toEqual([]);
    expect(controller.state).toMatchObject({ phase: 'signedOut', error: 'signInFirst' });
  });
});

/**
 * The application layer end to end over fake ports, the agent's side: the seat-takeover question,
 * call-control commands, dial requests and phone links — and what reaches the server (and what
 * never does).
 */
import type { SoftphoneApp } from './softphone-app.js';
import { FORM, appPerTest } from '../testing/app-host.js';
import { snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { settle, until } from '../testing/wait.js';

const { started } = appPerTest();

describe('the application layer: seat takeover (seed 001 §2)', () => {
  it('asks when the seat is taken, and on OK repeats the same sign-in with the overwrite flag', async () => {
    const { app, services } = await started();
    const holder = { seatId: 'S-7', account: 'agent01', name: '山田 花子', since: Date.UTC(2025, 3, 1, 0, 30) };
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: holder };

    await app.session.signIn(FORM);

    expect(app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'seatTaken', seat: holder } });
    services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent02', extension: '1002' } }) };

    await app.session.confirmTakeover();

    const requests = services.server.argsOf('signIn') as Record<string, unknown>[];
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({ ...requests[0], overwriteSeat: true });
    expect(requests[1]!['password']).toBe('secret-pass');
    expect(app.store.state.phase).toBe('signedIn');
  });

  it('goes back to the form on cancel and forgets the request', async () => {
    const { app, services } = await started();
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7' } };
    await app.session.signIn(FORM);

    app.session.cancelTakeover();
    await app.session.confirmTakeover();

    expect(app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: null }, form: { account: 'agent02', seatId: 'S-7' } });
    expect(services.server.argsOf('signIn')).toHaveLength(1);
  });

  it('never logs the password it keeps for the question', async () => {
    const { app, services } = await started();
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7' } };
    await app.session.signIn(FORM);
    await app.session.confirmTakeover();

    expect(services.logger.lines.join('\n')).not.toContain('secret-pass');
  });
});

describe('the application layer: one agent per extension (issue 14 §2)', () => {
  const holder = { extension: '1002', account: 'agent01', name: '山田 花子', since: Date.UTC(2025, 3, 1, 0, 30) };

  it('asks when another agent is signed in on the extension, and on OK repeats the sign-in with overwriteLine', async () => {
    const { app, services } = await started();
    services.server.signInReply = { ok: false, code: 'LINE_TAKEN', line: holder };

    await app.session.signIn(FORM);

    expect(app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'lineTaken', line: holder } });
    services.server.signInReply = { ok: true, snapshot: snapshotFixture({ agent: { account: 'agent02', extension: '1002' } }) };

    await app.session.confirmTakeover();

    const requests = services.server.argsOf('signIn') as Record<string, unknown>[];
    expect(requests[1]).toEqual({ ...requests[0], overwriteLine: true });
    expect(app.store.state.phase).toBe('signedIn');
  });

  it('keeps overwriteLine when the seat is asked about next', async () => {
    const { app, services } = await started();
    services.server.signInReply = { ok: false, code: 'LINE_TAKEN', line: holder };
    await app.session.signIn(FORM);
    services.server.signInReply = { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'S-7' } };
    await app.session.confirmTakeover();
    expect(app.store.state).toMatchObject({ step: { kind: 'seatTaken' } });

    await app.session.confirmTakeover();

    const requests = services.server.argsOf('signIn') as Record<string, unknown>[];
    expect(requests[2]).toEqual({ ...requests[0], overwriteLine: true, overwriteSeat: true });
  });

  it.each([
    [
      'lineTakenOver',
      { reason: 'lineTakenOver', by: { account: 'agent03', name: '鈴木 一郎' } },
      { error: 'lineTakenOver', by: { account: 'agent03', name: '鈴木 一郎' } },
    ],
    ['signedInElsewhere', { reason: 'signedInElsewhere' }, { error: 'signedInElsewhere' }],
    ['signedOut', { reason: 'signedOut' }, { error: 'signedOutElsewhere' }],
  ] as const)('back at the form after session:ended %s, saying why', async (_reason, event, step) => {
    const { app, services } = await started();
    services.server.signInReply = { ok: true, snapshot: snapshotFixture() };
    await app.session.signIn({ ...FORM, seatId: '' });

    services.server.endSession(event);

    expect(app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', ...step } });
  });
});

describe('the application layer: call control', () => {
  async function signedIn() {
    const ctx = await started();
    ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture({ calls: [talkingCall()] }) };
    await ctx.app.session.signIn({ ...FORM, seatId: '' });
    return ctx;
  }

  it.each([
    ['hold', (a: SoftphoneApp) => a.commands.run('hold', 'c1')],
    ['unhold', (a: SoftphoneApp) => a.commands.run('unhold', 'c1')],
    ['park', (a: SoftphoneApp) => a.commands.run('park', 'c1')],
    ['transfer', (a: SoftphoneApp) => a.commands.run('transfer', 'c1')],
  ] as const)('sends %s for the call', async (method, act) => {
    const { app, services } = await signedIn();

    expect(await act(app)).toBe(true);

    expect(services.server.argsOf(method)).toEqual([{ callId: 'c1' }]);
  });

  it('sends * and # as DTMF, and refuses anything else before the network', async () => {
    const { app, services } = await signedIn();

    expect(await app.commands.run('dtmf', 'c1', '*1002')).toBe(true);
    expect(await app.commands.run('dtmf', 'c1', '1; rm -rf')).toBe(false);

    expect(services.server.argsOf('dtmf')).toEqual([{ callId: 'c1', digits: '*1002' }]);
  });

  it('passes the chosen caller ID with the normalised number', async () => {
    const { app, services } = await signedIn();

    await app.commands.dial('+81 3-1234-5678', { kind: 'window', id: 'support' });

    expect(services.server.argsOf('dial')).toEqual([{ number: '0312345678', callerId: { kind: 'window', id: 'support' } }]);
  });

  it('tells the agent when the administrator does not allow the choice', async () => {
    const { app, services } = await signedIn();
    services.server.replies.dial = { ok: false, code: 'NOT_ALLOWED' };

    expect(await app.commands.dial('0312345678', { kind: 'number', number: '0120123456' })).toBe(false);

    expect(app.store.state).toMatchObject({ phase: 'signedIn', notice: 'notAllowed' });
  });
});

describe('the application layer: dial requests from the app (LMS)', () => {
  it('dials a number the record page’s component asks for, like a clicked link', async () => {
    const ctx = await started();
    await ctx.app.session.signIn({ ...FORM, seatId: '' });

    ctx.services.host.dialRequest({ number: '03-1234-5678', recordId: '0035g00000TkYqAAAV' });
    await until(() => ctx.services.server.argsOf('dial').length > 0, 'the dial command');

    expect(ctx.services.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
  });
});

describe('the application layer: click-to-dial while signed out', () => {
  it('dials nothing and asks the agent to sign in first', async () => {
    const { app, services } = await started();

    services.host.clickToDial({ number: '0312345678' });
    await until(
      () => app.store.state.phase === 'signedOut' && app.store.state.step.kind === 'form' && app.store.state.step.error === 'signInFirst',
      'the request to sign in first',
    );
    await settle();

    expect(services.server.argsOf('dial')).toEqual([]);
    expect(app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: 'signInFirst' } });
  });
});

/** `<biztel-softphone>`: the agent's commands and the connection to the event server. */
import { $, $$, choose, settle, textOf } from '../testing/dom.js';
import { CALLER_IDS, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { CONNECTION_LOST, RESUME_TOKEN, callPanel, ctx, dial, field, panelButton, signedIn, statusMenu, useShell } from './biztel-softphone-test-helpers.js';

useShell();

describe('<biztel-softphone>', () => {
  describe('commands', () => {
    it('answers and hangs up the current call through the server', async () => {
      const el = await signedIn(snapshotFixture({ calls: [ringingCall()] }));

      panelButton(el, '応答').click();
      await settle(el);
      ctx.services.server.push(snapshotFixture({ revision: 2, calls: [talkingCall()] }));
      await settle(el);
      panelButton(el, '切断').click();
      await settle(el);

      expect(ctx.services.server.argsOf('answer')).toEqual([{ callId: 'call-20250401-0001' }]);
      expect(ctx.services.server.argsOf('hangup')).toEqual([{ callId: 'call-20250401-0001' }]);
    });

    it('shows the invalid-characters notice for "abc" and never calls the server', async () => {
      const el = await signedIn();

      const number = await dial(el, 'abc');

      expect(textOf($(callPanel(el), '[role="alert"] span'))).toBe('電話番号には数字と * # + - ( ) のみ使えます。');
      expect(ctx.services.server.argsOf('dial')).toEqual([]);
      expect(number.value).toBe('abc');
    });

    it('dials +81 90-1234-5678 as 09012345678 and clears the field', async () => {
      const el = await signedIn();

      const number = await dial(el, '+81 90-1234-5678');

      expect(ctx.services.server.argsOf('dial')).toEqual([{ number: '09012345678' }]);
      expect(number.value).toBe('');
      expect(callPanel(el).shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    });

    it('shows the softphone-not-running notice when the server says so, and dismisses it', async () => {
      ctx.services.server.replies.dial = { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
      const el = await signedIn();

      const number = await dial(el, '03-1234-5678');

      expect(ctx.services.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
      expect(textOf($(callPanel(el), '[role="alert"] span'))).toBe(
        'ソフトフォンが起動していないため発信できません。BIZTELソフトフォンを起動してサインインしてください。',
      );
      expect(number.value).toBe('03-1234-5678');

      $<HTMLButtonElement>(callPanel(el), '[role="alert"] button').click();
      await settle(el);

      expect(callPanel(el).shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    });

    it('changes the status through the menu', async () => {
      const el = await signedIn();

      $<HTMLButtonElement>(statusMenu(el), '.status-button').click();
      await settle(el);
      $$<HTMLButtonElement>(statusMenu(el), '[role="menu"] button')
        .find((b) => textOf(b) === '休憩')!
        .click();
      await settle(el);

      expect(ctx.services.server.argsOf('setStatus')).toEqual([{ statusId: 'break' }]);
    });

    it('keeps the caller ID chosen with the session on the server, and shows the session’s choice', async () => {
      const el = await signedIn(snapshotFixture({ callerIds: CALLER_IDS }));
      const select = () => $<HTMLSelectElement>(callPanel(el).shadowRoot!.querySelector('biztel-caller-id-select')!, '#caller-id');

      choose(select(), 'number:0501234567');
      await settle(el);
      expect(ctx.services.server.argsOf('setCallerId')).toEqual([{ callerId: { kind: 'number', number: '0501234567' } }]);

      // Another page of the agent chose a window: this one follows.
      ctx.services.server.push(snapshotFixture({ revision: 2, callerIds: CALLER_IDS, callerIdChoice: { kind: 'window', id: 'cc-support' } }));
      await settle(el);
      expect(select().value).toBe('window:cc-support');
    });

    it('shows the utility item no running call time while the call is only its last report', async () => {
      const el = await signedIn(snapshotFixture({ calls: [talkingCall()] }));
      await settle(el);
      expect(ctx.services.host.argsOf('setItemLabel').at(-1)).toMatch(/^通話中 \d\d:\d\d$/);

      ctx.services.server.push(
        snapshotFixture({ revision: 2, calls: [talkingCall()], softphone: { running: false, state: 'reconnecting', since: 1, until: 2 } }),
      );
      await settle(el);

      expect(ctx.services.host.argsOf('setItemLabel').at(-1)).toBe('通話中');
    });

    it('signs out back to the form, remembering account and extension', async () => {
      const el = await signedIn();

      $<HTMLButtonElement>(statusMenu(el), '.status-button').click();
      await settle(el);
      $$<HTMLButtonElement>(statusMenu(el), '[role="menu"] button')
        .find((b) => textOf(b) === 'サインアウト')!
        .click();
      await settle(el);

      expect(ctx.services.server.calls.filter((c) => c.method === 'signOut')).toHaveLength(1);
      expect(field(el, 'account').value).toBe('yamada.taro');
      expect(field(el, 'extension').value).toBe('1001');
      expect(field(el, 'password').value).toBe('');
      expect(ctx.services.host.published.at(-1)).toEqual({ v: 1, state: 'idle' });
    });
  });

  describe('connection', () => {
    it('keeps the panel and says it is reconnecting when the connection drops, then resumes the session', async () => {
      const el = await signedIn();

      ctx.services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
      await settle(el);
      const panel = el.shadowRoot!.querySelector('biztel-call-panel')!;
      expect(textOf(panel.shadowRoot!.querySelector('[data-connection="offline"] .banner-title'))).toBe('イベント通知サーバに再接続しています…');

      ctx.services.server.emitConnection({ kind: 'restored' });
      await settle(el);
      await settle(el);

      expect(ctx.services.server.argsOf('resume')).toEqual([RESUME_TOKEN]);
      expect(panel.shadowRoot!.querySelector('[data-connection="offline"]')).toBeNull();
      expect(ctx.services.server.argsOf('signIn')).toHaveLength(1);
    });

    it('tells the agent to reload when reconnecting fails for good', async () => {
      const el = await signedIn();

      ctx.services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
      ctx.services.server.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
      await settle(el);

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('h2'))).toBe(CONNECTION_LOST);
      expect($$<HTMLButtonElement>(el, '[role="alert"] button').map((b) => textOf(b))).toEqual(['再読み込み']);
      expect(el.shadowRoot!.querySelector('biztel-call-panel')).toBeNull();
    });

    it('stops listening and closes the connection when removed', async () => {
      const el = await signedIn();
      expect(ctx.services.server.listenerCount).toBeGreaterThan(0);

      el.remove();

      expect(ctx.services.server.listenerCount).toBe(0);
      expect(ctx.services.server.calls.filter((c) => c.method === 'close')).toHaveLength(1);
    });
  });
});

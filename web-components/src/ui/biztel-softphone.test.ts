/** `<biztel-softphone>`: start-up checks, signing in and server snapshots. Commands and the connection: `biztel-softphone.commands.test.ts`; diagnostics and axe: `biztel-softphone.diagnostics.test.ts`. */
import { $, $$, choose, settle, textOf, typeInto } from '../testing/dom.js';
import { HostError } from '../testing/fake-host.js';
import { BiztelSoftphone } from './biztel-softphone.js';
import { ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import {
  AUTH_FAILED,
  HEADING,
  OPENCTI_DISABLED,
  PASSWORD,
  SERVER_UNREACHABLE,
  callPanel,
  ctx,
  field,
  liveRegion,
  mount,
  signIn,
  signInForm,
  signInOrPanel,
  signedIn,
  statusMenu,
  useShell,
} from './biztel-softphone-test-helpers.js';

useShell();

describe('<biztel-softphone>', () => {
  describe('warming up while the agent types', () => {
    afterEach(() => {
      BiztelSoftphone.loadViews = undefined;
    });

    it('fetches the signed-in views as soon as the agent types in the sign-in form, once, before any sign-in', async () => {
      const groups: string[] = [];
      BiztelSoftphone.loadViews = async (group) => void groups.push(group);
      const el = await mount();
      signInForm(el); // at the sign-in form, nothing fetched yet
      expect(groups).toEqual([]);

      typeInto(field(el, 'account'), 'y');
      typeInto(field(el, 'account'), 'ya');
      await settle(el);

      expect(groups).toEqual(['signedIn']);
      expect(ctx.services.server.argsOf('signIn')).toEqual([]);
    });
  });

  describe('start-up', () => {
    it('says 初期化中… until the checks are done', async () => {
      const el = document.createElement('biztel-softphone');
      document.body.append(el);
      await el.updateComplete;

      expect(textOf($(el, '[role="status"]'))).toBe('初期化中…');
    });

    it("shows the sign-in form with the server's statuses and tells the host it is ready", async () => {
      ctx.services.server.statuses = [
        { id: 'reception', label: '受付' },
        { id: 'logoff', label: 'ログオフ' },
      ];

      const el = await mount();

      expect(ctx.services.server.argsOf('connect')).toEqual(['https://octi.example.biztel.jp']);
      expect(ctx.services.host.count('notifyReady')).toBe(1);
      const form = signInForm(el);
      expect($$<HTMLOptionElement>(form, '#initialStatusId option').map((o) => textOf(o))).toEqual(['受付', 'ログオフ']);
      expect($<HTMLSelectElement>(form, '#initialStatusId').value).toBe('reception');
      expect(ctx.services.host.count('showPanel')).toBe(0);
    });

    it('shows the Open CTI message and never connects to the server when the API is unavailable', async () => {
      ctx.services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');

      const el = await mount();

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('h2'))).toBe(HEADING);
      expect(textOf(alert.querySelector('p'))).toBe(OPENCTI_DISABLED);
      expect(textOf(alert.querySelector('details'))).toContain('sforce.opencti is not defined');
      expect(ctx.services.server.argsOf('connect')).toEqual([]);
      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
    });

    it('says which call centre setting is wrong, in view (not folded away), and still lets Lightning stop waiting', async () => {
      ctx.services.host.startError = new HostError('badSettings', '/biztel/phoneSearch must be each, notations, digits: eahc');

      const el = await mount();

      expect(textOf($(el, '[role="alert"] h2'))).toBe(HEADING);
      expect($$(el, '[role="alert"] p').map(textOf)).toEqual([
        'コールセンターのBIZTEL設定に使えない値があります。Salesforceの設定 → コールセンターで次の項目を直してください。',
        '/biztel/phoneSearch must be each, notations, digits: eahc',
      ]);
      expect($$(el, '[role="alert"] details')).toEqual([]);
      expect(ctx.services.server.argsOf('connect')).toEqual([]);
      expect(ctx.services.host.count('notifyReady')).toBe(1);
      expect($$(el, '[role="alert"] button')).toEqual([]); // nothing to retry: the settings must change
    });

    it('shows the heading and the server message when the event server cannot be reached', async () => {
      ctx.services.server.connectError = new Error('connect_error: websocket error');

      const el = await mount();

      expect(textOf($(el, '[role="alert"] h2'))).toBe(HEADING);
      expect(textOf($(el, '[role="alert"] p'))).toBe(SERVER_UNREACHABLE);
      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
    });

    it('recovers without a reload once the server answers: 再試行 connects at once', async () => {
      ctx.services.server.connectError = new Error('connect_error: websocket error');
      const el = await mount();
      expect(textOf($(el, '[role="alert"] p.retrying'))).toBe('接続できるまで自動的に再試行します。');

      ctx.services.server.connectError = null;
      $<HTMLButtonElement>(el, '[role="alert"] button').click();
      await settle(el);

      expect(ctx.services.server.argsOf('connect')).toEqual(['https://octi.example.biztel.jp', 'https://octi.example.biztel.jp']);
      expect(signInForm(el)).not.toBeNull();
      expect(el.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    });

    it('speaks English on an English page', async () => {
      document.documentElement.lang = 'en-US';

      const el = await mount();

      expect(textOf($(signInForm(el), 'label[for="account"]'))).toBe('Account');
    });
  });

  describe('signing in', () => {
    it('disables the form while the server checks the credentials', async () => {
      const el = await mount();
      typeInto(field(el, 'account'), 'yamada.taro');
      typeInto(field(el, 'password'), PASSWORD);
      typeInto(field(el, 'extension'), '1001');

      $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').click();
      await el.updateComplete;
      await signInForm(el).updateComplete;

      const button = $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]');
      expect(button.disabled).toBe(true);
      expect(textOf(button)).toBe('サインイン中…');
      await settle(el);
    });

    it("shows the manual's message on AUTH_FAILED, keeps account and extension, clears the password", async () => {
      ctx.services.server.signInReply = { ok: false, code: 'AUTH_FAILED' };
      const el = await mount();

      await signIn(el, { account: ' yamada.taro ', password: PASSWORD, extension: '1001' });

      expect(ctx.services.server.argsOf('signIn')).toEqual([
        { account: 'yamada.taro', password: PASSWORD, extension: '1001', initialStatusId: 'available', hardphone: false },
      ]);
      expect(textOf($(signInForm(el), '[role="alert"]'))).toBe(AUTH_FAILED);
      expect(field(el, 'account').value).toBe('yamada.taro');
      expect(field(el, 'extension').value).toBe('1001');
      expect(field(el, 'password').value).toBe('');
      expect($<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').disabled).toBe(false);
      expect(ctx.services.logger.lines.join('\n')).not.toContain(PASSWORD);
    });

    it('lets the agent try again after a rejection', async () => {
      ctx.services.server.signInReply = { ok: false, code: 'AUTH_FAILED' };
      const el = await mount();
      await signIn(el, { account: 'yamada.taro', password: 'wrong', extension: '1001' });

      ctx.services.server.signInReply = { ok: true, snapshot: snapshotFixture() };
      typeInto(field(el, 'password'), PASSWORD);
      $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').click();
      await settle(el);

      expect(ctx.services.server.argsOf('signIn')).toHaveLength(2);
      expect(el.shadowRoot!.querySelector('biztel-call-panel')).not.toBeNull();
    });

    it('sends the chosen status and hardphone mode', async () => {
      const el = await mount();
      choose($<HTMLSelectElement>(signInForm(el), '#initialStatusId'), 'break');
      field(el, 'hardphone').click();

      await signIn(el);

      expect(ctx.services.server.argsOf('signIn')).toEqual([expect.objectContaining({ initialStatusId: 'break', hardphone: true })]);
    });

    it('shows the call panel with the status label once accepted, and publishes idle', async () => {
      const el = await signedIn(snapshotFixture({ agent: { statusId: 'away' } }));

      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
      expect(textOf($(statusMenu(el), '.status-label'))).toBe('離席');
      expect(textOf($(callPanel(el), '[part="message"]'))).toBe('待機中');
      expect(ctx.services.host.published).toEqual([{ v: 1, state: 'idle' }]);
    });
  });

  describe('server snapshots', () => {
    it('rings: shows 着信中, shows the panel once and publishes the ringing call', async () => {
      const el = await signedIn();

      ctx.services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall()] }));
      await settle(el);

      expect(textOf($(callPanel(el), '.call [part="message"]'))).toBe('着信中');
      expect(textOf($(callPanel(el), '.number'))).toBe('0312345678');
      expect(ctx.services.host.count('showPanel')).toBe(1);
      expect(ctx.services.host.published.at(-1)).toEqual({
        v: 1,
        state: 'ringing',
        direction: 'inbound',
        number: '0312345678',
        callId: 'call-20250401-0001',
        businessLabel: 'サポート窓口',
      });

      ctx.services.server.push(snapshotFixture({ revision: 3, calls: [ringingCall()] }));
      await settle(el);

      expect(ctx.services.host.count('showPanel')).toBe(1);
    });

    it('ignores a snapshot older than the one shown', async () => {
      const el = await signedIn(snapshotFixture({ revision: 5 }));
      ctx.services.server.push(snapshotFixture({ revision: 6, calls: [ringingCall()] }));
      await settle(el);
      const published = ctx.services.host.published.length;

      ctx.services.server.push(snapshotFixture({ revision: 4, calls: [talkingCall()] }));
      await settle(el);

      expect(textOf($(callPanel(el), '.call [part="message"]'))).toBe('着信中');
      expect(ctx.services.host.published).toHaveLength(published);
    });

    it('announces the ringing call and its number in the single live region', async () => {
      const el = await signedIn();
      expect(textOf(liveRegion(el))).toBe('待機中');

      ctx.services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall()] }));
      await settle(el);

      const liveRegions = [el, signInOrPanel(el)].flatMap((host) => $$(host, '[aria-live]'));
      expect(liveRegions).toHaveLength(1);
      expect(textOf(liveRegion(el))).toBe('着信中 0312345678');
    });

    it('announces 非通知 for an anonymous caller', async () => {
      const el = await signedIn();

      ctx.services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall({ remoteNumber: 'anonymous' })] }));
      await settle(el);

      expect(textOf(liveRegion(el))).toBe('着信中 非通知');
    });
  });
});

import { BiztelSoftphone } from './biztel-softphone.js';
import type { BiztelCallPanel } from './call-panel.js';
import { registerElements } from './register.js';
import type { BiztelSignInForm } from './sign-in-form.js';
import { $, $$, choose, settle, textOf, typeInto, useDomFormData } from '../testing/dom.js';
import { HostError } from '../testing/fake-host.js';
import { axeViolations } from '../testing/axe.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';
import { ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';

registerElements();

const HEADING = 'BIZTEL設定をご確認ください。';
const OPENCTI_DISABLED = 'Salesforce Open CTI APIが無効です。Salesforceのアカウント権限などをご確認ください。';
const SERVER_UNREACHABLE = 'BIZTEL Open CTIサーバに接続できません。BIZTEL Open CTIサーバのURL設定、ブラウザのセキュリティ設定などをご確認ください。';
const AUTH_FAILED = '入力したアカウント、アカウントパスワード、サインイン端末が間違っているか、ログインが制限されています。';
const CONNECTION_LOST = 'イベント通知サーバとの接続に失敗しました。ブラウザをリロードしてください';
const PASSWORD = 'Tr0ub4dor&3';

let services: FakeServices;
let restoreFormData: () => void;

beforeAll(() => {
  restoreFormData = useDomFormData();
});

afterAll(() => restoreFormData());

beforeEach(() => {
  services = fakeServices();
  BiztelSoftphone.services = () => services;
});

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

async function mount(): Promise<BiztelSoftphone> {
  const el = document.createElement('biztel-softphone');
  document.body.append(el);
  await settle(el);
  return el;
}

const signInForm = (el: Element) => $<BiztelSignInForm>(el, 'biztel-sign-in-form');
const callPanel = (el: Element) => $<BiztelCallPanel>(el, 'biztel-call-panel');
const statusMenu = (el: Element) => $(callPanel(el), 'biztel-status-menu');
const field = (el: Element, id: string) => $<HTMLInputElement>(signInForm(el), `#${id}`);
const liveRegion = (el: Element) => $(el, '[aria-live]');
const panelButton = (el: Element, name: string) => {
  const button = $$<HTMLButtonElement>(callPanel(el), 'button').find((b) => textOf(b) === name);
  if (!button) throw new Error(`no button 「${name}」`);
  return button;
};

/** Fills in and submits the sign-in form as the agent would. */
async function signIn(el: BiztelSoftphone, values = { account: 'yamada.taro', password: PASSWORD, extension: '1001' }) {
  typeInto(field(el, 'account'), values.account);
  typeInto(field(el, 'password'), values.password);
  typeInto(field(el, 'extension'), values.extension);
  $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').click();
  await settle(el);
}

const RESUME_TOKEN = 'r'.repeat(43);

async function signedIn(snapshot = snapshotFixture()): Promise<BiztelSoftphone> {
  services.server.signInReply = { ok: true, snapshot, resumeToken: RESUME_TOKEN };
  const el = await mount();
  await signIn(el);
  return el;
}

async function dial(el: BiztelSoftphone, input: string): Promise<HTMLInputElement> {
  const number = $<HTMLInputElement>(callPanel(el), '#number');
  typeInto(number, input);
  panelButton(el, '発信').click();
  await settle(el);
  return number;
}

describe('<biztel-softphone>', () => {
  describe('start-up', () => {
    it('says 初期化中… until the checks are done', async () => {
      const el = document.createElement('biztel-softphone');
      document.body.append(el);
      await el.updateComplete;

      expect(textOf($(el, '[role="status"]'))).toBe('初期化中…');
    });

    it("shows the sign-in form with the server's statuses and tells the host it is ready", async () => {
      services.server.statuses = [
        { id: 'reception', label: '受付' },
        { id: 'logoff', label: 'ログオフ' },
      ];

      const el = await mount();

      expect(services.server.argsOf('connect')).toEqual(['https://octi.example.biztel.jp']);
      expect(services.host.count('notifyReady')).toBe(1);
      const form = signInForm(el);
      expect($$<HTMLOptionElement>(form, '#initialStatusId option').map((o) => textOf(o))).toEqual(['受付', 'ログオフ']);
      expect($<HTMLSelectElement>(form, '#initialStatusId').value).toBe('reception');
      expect(services.host.count('showPanel')).toBe(0);
    });

    it('shows the Open CTI message and never connects to the server when the API is unavailable', async () => {
      services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');

      const el = await mount();

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('h2'))).toBe(HEADING);
      expect(textOf(alert.querySelector('p'))).toBe(OPENCTI_DISABLED);
      expect(textOf(alert.querySelector('details'))).toContain('sforce.opencti is not defined');
      expect(services.server.argsOf('connect')).toEqual([]);
      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
    });

    it('shows the server message when the call centre settings are wrong, and still lets Lightning stop waiting', async () => {
      services.host.startError = new HostError('badSettings', 'reqServerUrl is not an http(s) URL');

      const el = await mount();

      expect(textOf($(el, '[role="alert"] h2'))).toBe(HEADING);
      expect(textOf($(el, '[role="alert"] p'))).toBe(SERVER_UNREACHABLE);
      expect(services.server.argsOf('connect')).toEqual([]);
      expect(services.host.count('notifyReady')).toBe(1);
    });

    it('shows the heading and the server message when the event server cannot be reached', async () => {
      services.server.connectError = new Error('connect_error: websocket error');

      const el = await mount();

      expect(textOf($(el, '[role="alert"] h2'))).toBe(HEADING);
      expect(textOf($(el, '[role="alert"] p'))).toBe(SERVER_UNREACHABLE);
      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
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
      services.server.signInReply = { ok: false, code: 'AUTH_FAILED' };
      const el = await mount();

      await signIn(el, { account: ' yamada.taro ', password: PASSWORD, extension: '1001' });

      expect(services.server.argsOf('signIn')).toEqual([
        { account: 'yamada.taro', password: PASSWORD, extension: '1001', initialStatusId: 'available', hardphone: false },
      ]);
      expect(textOf($(signInForm(el), '[role="alert"]'))).toBe(AUTH_FAILED);
      expect(field(el, 'account').value).toBe('yamada.taro');
      expect(field(el, 'extension').value).toBe('1001');
      expect(field(el, 'password').value).toBe('');
      expect($<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').disabled).toBe(false);
      expect(services.logger.lines.join('\n')).not.toContain(PASSWORD);
    });

    it('lets the agent try again after a rejection', async () => {
      services.server.signInReply = { ok: false, code: 'AUTH_FAILED' };
      const el = await mount();
      await signIn(el, { account: 'yamada.taro', password: 'wrong', extension: '1001' });

      services.server.signInReply = { ok: true, snapshot: snapshotFixture() };
      typeInto(field(el, 'password'), PASSWORD);
      $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').click();
      await settle(el);

      expect(services.server.argsOf('signIn')).toHaveLength(2);
      expect(el.shadowRoot!.querySelector('biztel-call-panel')).not.toBeNull();
    });

    it('sends the chosen status and hardphone mode', async () => {
      const el = await mount();
      choose($<HTMLSelectElement>(signInForm(el), '#initialStatusId'), 'break');
      field(el, 'hardphone').click();

      await signIn(el);

      expect(services.server.argsOf('signIn')).toEqual([expect.objectContaining({ initialStatusId: 'break', hardphone: true })]);
    });

    it('shows the call panel with the status label once accepted, and publishes idle', async () => {
      const el = await signedIn(snapshotFixture({ agent: { statusId: 'away' } }));

      expect(el.shadowRoot!.querySelector('biztel-sign-in-form')).toBeNull();
      expect(textOf($(statusMenu(el), '.status-label'))).toBe('離席');
      expect(textOf($(callPanel(el), '[part="message"]'))).toBe('待機中');
      expect(services.host.published).toEqual([{ v: 1, state: 'idle' }]);
    });
  });

  describe('server snapshots', () => {
    it('rings: shows 着信中, shows the panel once and publishes the ringing call', async () => {
      const el = await signedIn();

      services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall()] }));
      await settle(el);

      expect(textOf($(callPanel(el), '.call [part="message"]'))).toBe('着信中');
      expect(textOf($(callPanel(el), '.number'))).toBe('0312345678');
      expect(services.host.count('showPanel')).toBe(1);
      expect(services.host.published.at(-1)).toEqual({
        v: 1,
        state: 'ringing',
        direction: 'inbound',
        number: '0312345678',
        callId: 'call-20250401-0001',
        businessLabel: 'サポート窓口',
      });

      services.server.push(snapshotFixture({ revision: 3, calls: [ringingCall()] }));
      await settle(el);

      expect(services.host.count('showPanel')).toBe(1);
    });

    it('ignores a snapshot older than the one shown', async () => {
      const el = await signedIn(snapshotFixture({ revision: 5 }));
      services.server.push(snapshotFixture({ revision: 6, calls: [ringingCall()] }));
      await settle(el);
      const published = services.host.published.length;

      services.server.push(snapshotFixture({ revision: 4, calls: [talkingCall()] }));
      await settle(el);

      expect(textOf($(callPanel(el), '.call [part="message"]'))).toBe('着信中');
      expect(services.host.published).toHaveLength(published);
    });

    it('announces the ringing call and its number in the single live region', async () => {
      const el = await signedIn();
      expect(textOf(liveRegion(el))).toBe('待機中');

      services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall()] }));
      await settle(el);

      const liveRegions = [el, signInOrPanel(el)].flatMap((host) => $$(host, '[aria-live]'));
      expect(liveRegions).toHaveLength(1);
      expect(textOf(liveRegion(el))).toBe('着信中 0312345678');
    });

    it('announces 非通知 for an anonymous caller', async () => {
      const el = await signedIn();

      services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall({ remoteNumber: 'anonymous' })] }));
      await settle(el);

      expect(textOf(liveRegion(el))).toBe('着信中 非通知');
    });
  });

  describe('commands', () => {
    it('answers and hangs up the current call through the server', async () => {
      const el = await signedIn(snapshotFixture({ calls: [ringingCall()] }));

      panelButton(el, '応答').click();
      await settle(el);
      services.server.push(snapshotFixture({ revision: 2, calls: [talkingCall()] }));
      await settle(el);
      panelButton(el, '切断').click();
      await settle(el);

      expect(services.server.argsOf('answer')).toEqual([{ callId: 'call-20250401-0001' }]);
      expect(services.server.argsOf('hangup')).toEqual([{ callId: 'call-20250401-0001' }]);
    });

    it('shows the invalid-characters notice for "abc" and never calls the server', async () => {
      const el = await signedIn();

      const number = await dial(el, 'abc');

      expect(textOf($(callPanel(el), '[role="alert"] span'))).toBe('電話番号には数字と * # + - ( ) のみ使えます。');
      expect(services.server.argsOf('dial')).toEqual([]);
      expect(number.value).toBe('abc');
    });

    it('dials +81 90-1234-5678 as 09012345678 and clears the field', async () => {
      const el = await signedIn();

      const number = await dial(el, '+81 90-1234-5678');

      expect(services.server.argsOf('dial')).toEqual([{ number: '09012345678' }]);
      expect(number.value).toBe('');
      expect(callPanel(el).shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    });

    it('shows the softphone-not-running notice when the server says so, and dismisses it', async () => {
      services.server.replies.dial = { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
      const el = await signedIn();

      const number = await dial(el, '03-1234-5678');

      expect(services.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
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

      expect(services.server.argsOf('setStatus')).toEqual([{ statusId: 'break' }]);
    });

    it('signs out back to the form, remembering account and extension', async () => {
      const el = await signedIn();

      $<HTMLButtonElement>(statusMenu(el), '.status-button').click();
      await settle(el);
      $$<HTMLButtonElement>(statusMenu(el), '[role="menu"] button')
        .find((b) => textOf(b) === 'サインアウト')!
        .click();
      await settle(el);

      expect(services.server.calls.filter((c) => c.method === 'signOut')).toHaveLength(1);
      expect(field(el, 'account').value).toBe('yamada.taro');
      expect(field(el, 'extension').value).toBe('1001');
      expect(field(el, 'password').value).toBe('');
      expect(services.host.published.at(-1)).toEqual({ v: 1, state: 'idle' });
    });
  });

  describe('connection', () => {
    it('keeps the panel and says it is reconnecting when the connection drops, then resumes the session', async () => {
      const el = await signedIn();

      services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
      await settle(el);
      const panel = el.shadowRoot!.querySelector('biztel-call-panel')!;
      expect(textOf(panel.shadowRoot!.querySelector('.reconnecting'))).toBe('イベント通知サーバに再接続しています…');

      services.server.emitConnection({ kind: 'restored' });
      await settle(el);
      await settle(el);

      expect(services.server.argsOf('resume')).toEqual([RESUME_TOKEN]);
      expect(panel.shadowRoot!.querySelector('.reconnecting')).toBeNull();
      expect(services.server.argsOf('signIn')).toHaveLength(1);
    });

    it('tells the agent to reload when reconnecting fails for good', async () => {
      const el = await signedIn();

      services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
      services.server.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
      await settle(el);

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('p'))).toBe(CONNECTION_LOST);
      expect($$<HTMLButtonElement>(el, '[role="alert"] button').map((b) => textOf(b))).toEqual(['再読み込み']);
      expect(el.shadowRoot!.querySelector('biztel-call-panel')).toBeNull();
    });

    it('stops listening and closes the connection when removed', async () => {
      const el = await signedIn();
      expect(services.server.listenerCount).toBeGreaterThan(0);

      el.remove();

      expect(services.server.listenerCount).toBe(0);
      expect(services.server.calls.filter((c) => c.method === 'close')).toHaveLength(1);
    });
  });

  describe('diagnostics (診断)', () => {
    const toggle = (el: Element) => {
      const found = $$<HTMLButtonElement>(el, '.diagnostics-toggle button').find((b) => textOf(b) === '診断');
      if (!found) throw new Error('no 診断 button');
      return found;
    };
    const view = (el: Element) => el.shadowRoot!.querySelector('biztel-diagnostics');
    /** The application layer's operation log, as the shell hands it to the view. */
    const operationLog = (el: BiztelSoftphone) =>
      (el as unknown as { app: { diagnostics: { operationLog: { record(kind: 'event', name: string, detail?: unknown): void } } } }).app.diagnostics
        .operationLog;

    it('opens the view from the sign-in form, showing the operation log, and closes back to the button', async () => {
      const el = await mount();
      operationLog(el).record('event', 'diagnostics-test-marker', { password: PASSWORD });
      expect(view(el)).toBeNull();
      expect(toggle(el).getAttribute('aria-expanded')).toBe('false');

      toggle(el).click();
      await settle(el);

      const opened = view(el)!;
      expect(textOf($(opened, 'h2'))).toBe('診断情報');
      expect(el.shadowRoot!.activeElement).toBe(opened);
      expect(opened.shadowRoot!.activeElement).toBe($(opened, 'h2'));
      expect(toggle(el).getAttribute('aria-expanded')).toBe('true');
      expect(textOf($(opened, '.events'))).toContain('diagnostics-test-marker');
      expect(textOf(opened.shadowRoot)).not.toContain(PASSWORD);
      expect(signInForm(el)).not.toBeNull();

      $$<HTMLButtonElement>(opened, 'button')
        .find((b) => textOf(b) === '閉じる')!
        .click();
      await settle(el);

      expect(view(el)).toBeNull();
      expect(el.shadowRoot!.activeElement).toBe(toggle(el));
      expect(toggle(el).getAttribute('aria-expanded')).toBe('false');
    });

    it('opens the view on the start-up failure screen, beside the message, and toggles it shut', async () => {
      services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');
      const el = await mount();

      toggle(el).click();
      await settle(el);

      expect(textOf($(el, '[role="alert"] h2'))).toBe(HEADING);
      expect(textOf($(view(el)!, 'h2'))).toBe('診断情報');
      expect(await axeViolations(el)).toEqual([]);

      toggle(el).click();
      await settle(el);
      expect(view(el)).toBeNull();
    });

    it('opens the view when the connection is lost for good', async () => {
      const el = await signedIn();
      services.server.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
      await settle(el);

      toggle(el).click();
      await settle(el);

      expect(textOf($(el, '[role="alert"] p'))).toBe(CONNECTION_LOST);
      expect(view(el)).not.toBeNull();
    });

    it('offers 診断 on the signed-in panel too, in English when the page is English', async () => {
      document.documentElement.lang = 'en';
      const el = await signedIn();

      expect($$<HTMLButtonElement>(el, '.diagnostics-toggle button').map((b) => textOf(b))).toEqual(['Diagnostics']);
      expect(callPanel(el)).not.toBeNull();
    });
  });

  describe('accessibility (axe)', () => {
    it('is clean on the sign-in form', async () => {
      const el = await mount();

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean on the signed-in panel with a ringing call', async () => {
      const el = await signedIn(snapshotFixture({ calls: [ringingCall()] }));

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean on the signed-in panel during a call with a notice', async () => {
      services.server.replies.hangup = { ok: false, code: 'NO_SUCH_CALL' };
      const el = await signedIn(snapshotFixture({ calls: [talkingCall()] }));
      panelButton(el, '切断').click();
      await settle(el);

      expect(textOf($(callPanel(el), '[role="alert"] span'))).toBe('この通話は既に終了しています。');
      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean on the start-up failure screen', async () => {
      services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');
      const el = await mount();

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});

function signInOrPanel(el: Element): Element {
  return el.shadowRoot!.querySelector('biztel-call-panel, biztel-sign-in-form')!;
}

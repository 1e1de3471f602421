/** Shared set-up of the `<biztel-softphone>` tests: fake services, mounting, signing in and dialling as an agent. */
import { $, $$, settle, textOf, typeInto, useDomFormData } from '../testing/dom.js';
import type { BiztelCallPanel } from './call-panel.js';
import type { BiztelSignInForm } from './sign-in-form.js';
import { BiztelSoftphone } from './biztel-softphone.js';
import { type FakeServices, fakeServices } from '../testing/fake-services.js';
import { registerElements } from './register.js';
import { snapshotFixture } from '../testing/fixtures.js';
export const HEADING = 'BIZTEL設定をご確認ください。';
export const OPENCTI_DISABLED = 'Salesforce Open CTI APIが無効です。Salesforceのアカウント権限などをご確認ください。';
export const SERVER_UNREACHABLE = 'BIZTEL Open CTIサーバに接続できません。BIZTEL Open CTIサーバのURL設定、ブラウザのセキュリティ設定などをご確認ください。';
export const AUTH_FAILED = '入力したアカウント、アカウントパスワード、サインイン端末が間違っているか、ログインが制限されています。';
export const CONNECTION_LOST = 'イベント通知サーバとの接続に失敗しました。ブラウザをリロードしてください';
export const PASSWORD = 'Tr0ub4dor&3';

/** The shell's ctx.services, fresh for each test (set in `beforeEach`). */
export const ctx = { services: undefined as unknown as FakeServices };
/** Registers the elements and, around each test, fresh fake services and a clean page. */
export function useShell(): void {
  registerElements();
  let restoreFormData: () => void;

  beforeAll(() => {
    restoreFormData = useDomFormData();
  });

  afterAll(() => restoreFormData());

  beforeEach(() => {
    ctx.services = fakeServices();
    BiztelSoftphone.services = () => ctx.services;
  });

  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.lang = '';
  });
}

export async function mount(): Promise<BiztelSoftphone> {
  const el = document.createElement('biztel-softphone');
  document.body.append(el);
  await settle(el);
  return el;
}

export const signInForm = (el: Element) => $<BiztelSignInForm>(el, 'biztel-sign-in-form');
export const callPanel = (el: Element) => $<BiztelCallPanel>(el, 'biztel-call-panel');
export const statusMenu = (el: Element) => $(callPanel(el), 'biztel-status-menu');
export const field = (el: Element, id: string) => $<HTMLInputElement>(signInForm(el), `#${id}`);
export const liveRegion = (el: Element) => $(el, '[aria-live]');
export const panelButton = (el: Element, name: string) => {
  const button = $$<HTMLButtonElement>(callPanel(el), 'button').find((b) => textOf(b) === name);
  if (!button) throw new Error(`no button 「${name}」`);
  return button;
};

/** Fills in and submits the sign-in form as the agent would. */
export async function signIn(el: BiztelSoftphone, values = { account: 'yamada.taro', password: PASSWORD, extension: '1001' }) {
  typeInto(field(el, 'account'), values.account);
  typeInto(field(el, 'password'), values.password);
  typeInto(field(el, 'extension'), values.extension);
  $<HTMLButtonElement>(signInForm(el), 'button[type="submit"]').click();
  await settle(el);
}

export const RESUME_TOKEN = 'r'.repeat(43);

export async function signedIn(snapshot = snapshotFixture()): Promise<BiztelSoftphone> {
  ctx.services.server.signInReply = { ok: true, snapshot, resumeToken: RESUME_TOKEN };
  const el = await mount();
  await signIn(el);
  return el;
}

export async function dial(el: BiztelSoftphone, input: string): Promise<HTMLInputElement> {
  const number = $<HTMLInputElement>(callPanel(el), '#number');
  typeInto(number, input);
  panelButton(el, '発信').click();
  await settle(el);
  return number;
}

export function signInOrPanel(el: Element): Element {
  return el.shadowRoot!.querySelector('biztel-call-panel, biztel-sign-in-form')!;
}

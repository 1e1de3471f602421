import type { NoticeCode } from '../core/panel-state.js';
import { catalogue } from '../i18n/index.js';
import type { Snapshot } from '@biztel/protocol';
import type { BiztelCallPanel } from './call-panel.js';
import type { BiztelCallTimer } from './call-timer.js';
import type { BiztelChatTranscript } from './chat-transcript.js';
import { registerElements } from './register.js';
import type { CallerIds } from '@biztel/protocol';
import { $, $$, choose, describedText, focused, press, pressEnter, textOf, typeInto } from '../testing/dom.js';
import { CALLER_IDS, SERVER_TIME, chatHistory, consultationCall, heldCall, parkedCall, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { axeViolations } from '../testing/axe.js';
import { recordEvents } from '../testing/events.js';

registerElements();

const idle = snapshotFixture();
const ringing = snapshotFixture({ revision: 2, calls: [ringingCall()] });
const talking = snapshotFixture({ revision: 3, calls: [talkingCall()] });
const dialing = snapshotFixture({
  revision: 4,
  calls: [{ id: 'call-20250401-0002', direction: 'outbound', state: 'dialing', remoteNumber: '0120123456', startedAt: SERVER_TIME - 2_000 }],
});
const hardphoneIdle = snapshotFixture({ agent: { hardphone: true } });
const hardphoneRinging = snapshotFixture({ revision: 2, agent: { hardphone: true }, calls: [ringingCall()] });
const hardphoneTalking = snapshotFixture({ revision: 3, agent: { hardphone: true }, calls: [talkingCall()] });
const held = snapshotFixture({ revision: 5, calls: [heldCall()] });
const consultRinging = snapshotFixture({ revision: 6, calls: [heldCall(), consultationCall('dialing')] });
const transferActive = snapshotFixture({ revision: 7, calls: [heldCall(), consultationCall('talking')] });
const parking = snapshotFixture({ revision: 8, calls: [talkingCall({ state: 'parking' })] });
const parked = snapshotFixture({ revision: 9, parked: [parkedCall('701', 20_000), parkedCall('702', 5_000, 'anonymous')] });
const recall = snapshotFixture({ revision: 10, calls: [ringingCall({ id: 'call-20250401-0009', recall: { slot: '701' } })] });
const starCollecting = snapshotFixture({ revision: 11, calls: [heldCall({ collecting: { kind: 'star', digits: '20' } })] });
const hashCollecting = snapshotFixture({ revision: 12, calls: [heldCall({ collecting: { kind: 'hash', digits: '' } })] });
const ringingWithChat = snapshotFixture({ revision: 13, calls: [ringingCall({ chat: chatHistory() })] });
const CUSTOMER_ID = 'call-20250401-0001';
const CONSULT_ID = 'call-20250401-0002';

const withCallerIds = (patch: Partial<CallerIds> = {}) => snapshotFixture({ callerIds: { ...CALLER_IDS, ...patch } });

let recorder: ReturnType<typeof recordEvents>;

beforeEach(() => {
  recorder = recordEvents(document);
});

afterEach(() => {
  recorder.stop();
  document.body.replaceChildren();
  jest.useRealTimers();
});

async function mount(snapshot: Snapshot, props: { notice?: NoticeCode | null; clockOffsetMs?: number } = {}) {
  const el = document.createElement('biztel-call-panel');
  el.snapshot = snapshot;
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const buttonNamed = (el: Element, name: string) => {
  const button = $$<HTMLButtonElement>(el, '.actions button').find((b) => textOf(b) === name);
  if (!button) throw new Error(`no button 「${name}」 in ${$$(el, '.actions button').map((b) => textOf(b)).join(', ')}`);
  return button;
};
const message = (el: Element) => textOf($(el, '[part="message"]'));
const controlButtons = (el: Element) => $$<HTMLButtonElement>(el, '.controls button');
const controlNamed = (el: Element, name: string) => {
  const button = controlButtons(el).find((b) => textOf(b) === name);
  if (!button) throw new Error(`no control 「${name}」 in ${controlButtons(el).map((b) => textOf(b)).join(', ')}`);
  return button;
};
const padToggle = (el: Element) => $<HTMLButtonElement>(el, 'button[aria-controls="dial-pad"]');
const padKey = (el: Element, key: string) => {
  const pad = $(el, 'biztel-dial-pad');
  const button = $$<HTMLButtonElement>(pad, 'button').find((b) => textOf(b) === key);
  if (!button) throw new Error(`no pad key ${key}`);
  return button;
};
const numberField = (el: Element) => $<HTMLInputElement>(el, '#number');
/** The caller-ID selector and the status menu render inside their own shadow roots. */
const callerIdPart = (el: Element) => $(el, 'biztel-caller-id-select');
const callerIdSelect = (el: Element) => $<HTMLSelectElement>(callerIdPart(el), '#caller-id');
const listRadios = (el: Element) => $$<HTMLInputElement>(callerIdPart(el), 'input[name="caller-id-list"]');
/** A key typed into a field: the keydown a browser sends first. */
const typeKey = (field: HTMLInputElement, key: string) => {
  field.focus();
  return press(field, key);
};
const statusMenu = (el: Element) => $(el, 'biztel-status-menu');
const statusButton = (el: Element) => $<HTMLButtonElement>(statusMenu(el), '.status-button');
const menuItems = (el: Element) => $$<HTMLButtonElement>(statusMenu(el), '[role="menu"] button');
const menu = (el: Element) => statusMenu(el).shadowRoot!.querySelector('[role="menu"]');

async function openMenu(el: BiztelCallPanel): Promise<void> {
  statusButton(el).click();
  await el.updateComplete;
  await el.updateComplete;
}

describe('<biztel-call-panel>', () => {
  describe('idle', () => {
    it('shows 待機中 with 発信 enabled and 切断 disabled', async () => {
      const el = await mount(idle);

      expect(message(el)).toBe('待機中');
      expect(buttonNamed(el, '発信').disabled).toBe(false);
      expect(buttonNamed(el, '切断').disabled).toBe(true);
      expect($$(el, '.actions button').map((b) => textOf(b))).toEqual(['発信', '切断']);
    });

    it('shows the status, the extension and a labelled number field', async () => {
      const el = await mount(idle);

      expect(textOf($(statusMenu(el), '.status-label'))).toBe('受付可');
      expect(statusButton(el).getAttribute('aria-label')).toBe('ステータス: 受付可 (ステータスを変更)');
      // label in name (WCAG 2.5.3; axe's own check needs a canvas, which jsdom lacks)
      expect(statusButton(el).getAttribute('aria-label')).toContain(textOf(statusButton(el)));
      expect(textOf($(el, '.meta'))).toContain('内線 1001');
      const number = $<HTMLInputElement>(el, '#number');
      expect(textOf($(el, `label[for="${number.id}"]`))).toBe('電話番号入力欄');
      expect(number.placeholder).toBe('電話番号');
    });

    it('fires no event on render or when the snapshot, offset or notice change', async () => {
      const el = await mount(idle);

      for (const snapshot of [ringing, talking, dialing, hardphoneRinging, idle]) {
        el.snapshot = snapshot;
        await el.updateComplete;
      }
      el.clockOffsetMs = 1500;
      el.notice = 'busy';
      await el.updateComplete;
      el.notice = null;
      el.t = catalogue('en');
      await el.updateComplete;

      expect(recorder.events).toEqual([]);
    });
  });

  describe('ringing', () => {
    it('shows 着信中, the caller number and the business label', async () => {
      const el = await mount(ringing);

      expect(textOf($(el, '.call [part="message"] span'))).toBe('着信中');
      expect(textOf($(el, '.number'))).toBe('0312345678');
      expect(textOf($(el, '.label'))).toBe('業務ラベル: サポート窓口');
      expect($(el, 'section.call').getAttribute('aria-label')).toBe('着信中');
    });

    it('turns the single call button into 応答, which answers the ringing call', async () => {
      const el = await mount(ringing);
      expect($$(el, '.actions button').map((b) => textOf(b))).toEqual(['応答', '切断']);

      buttonNamed(el, '応答').click();

      expect(recorder.events).toEqual([
        { type: 'biztel-answer-request', detail: { callId: 'call-20250401-0001' }, bubbles: true, composed: true },
      ]);
    });

    it('lets the agent reject a ringing call with 切断', async () => {
      const el = await mount(ringing);

      buttonNamed(el, '切断').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-hangup-request', { callId: 'call-20250401-0001' }]]);
    });

    it.each(['anonymous', 'Anonymous', ''])('shows 非通知 for a caller reported as %j', async (remoteNumber) => {
      const el = await mount(snapshotFixture({ revision: 2, calls: [ringingCall({ remoteNumber })] }));

      expect(textOf($(el, '.number'))).toBe('非通知');
    });

    it('omits the business label when the call has none', async () => {
      const { businessLabel: _none, ...call } = ringingCall();
      const el = await mount(snapshotFixture({ revision: 2, calls: [call] }));

      expect(el.shadowRoot!.querySelector('.label')).toBeNull();
    });
  });

  describe('talking', () => {
    it('shows 通話中 with a running call timer, 発信 disabled and 切断 enabled', async () => {
      const el = await mount(talking);

      expect(textOf($(el, '.call [part="message"] span'))).toBe('通話中');
      const timer = $(el, '[role="timer"]');
      expect(timer.getAttribute('aria-label')).toBe('通話時間');
      expect(timer.querySelector('biztel-call-timer')).not.toBeNull();
      expect(buttonNamed(el, '発信').disabled).toBe(true);
      expect(buttonNamed(el, '切断').disabled).toBe(false);
    });

    it('counts the call time up every second on the server clock', async () => {
      jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });
      const el = await mount(talking);
      const timer = $<BiztelCallTimer>(el, 'biztel-call-timer');
      await timer.updateComplete;
      expect(textOf(timer.shadowRoot)).toBe('01:05');

      jest.advanceTimersByTime(1_000);
      await timer.updateComplete;
      expect(textOf(timer.shadowRoot)).toBe('01:06');

      jest.advanceTimersByTime(59 * 60_000);
      await timer.updateComplete;
      expect(textOf(timer.shadowRoot)).toBe('01:00:06');
    });

    it('follows the server clock when the panel clock is behind', async () => {
      jest.useFakeTimers({ now: SERVER_TIME - 10_000, doNotFake: ['queueMicrotask', 'nextTick'] });
      const el = await mount(talking, { clockOffsetMs: 10_000 });
      const timer = $<BiztelCallTimer>(el, 'biztel-call-timer');
      await timer.updateComplete;

      expect(textOf(timer.shadowRoot)).toBe('01:05');
    });

    it('stops ticking once the call has ended (no timer outlives the call)', async () => {
      jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });
      const el = await mount(talking);

      el.snapshot = snapshotFixture({ revision: 5 });
      await el.updateComplete;

      expect(el.shadowRoot!.querySelector('biztel-call-timer')).toBeNull();
      expect(jest.getTimerCount()).toBe(0);
    });

    it('fires biztel-hangup-request with the call id on 切断', async () => {
      const el = await mount(talking);

      buttonNamed(el, '切断').click();

      expect(recorder.events).toEqual([
        { type: 'biztel-hangup-request', detail: { callId: 'call-20250401-0001' }, bubbles: true, composed: true },
      ]);
    });

    it('shows an outbound call being placed as 発信中', async () => {
      const el = await mount(dialing);

      expect(textOf($(el, '.call [part="message"] span'))).toBe('発信中');
      expect(textOf($(el, '.number'))).toBe('0120123456');
      expect(buttonNamed(el, '発信').disabled).toBe(true);
      expect(buttonNamed(el, '切断').disabled).toBe(false);
    });
  });

  describe('dialling', () => {
    it('fires biztel-dial-request with the raw input when Enter is pressed in the number field', async () => {
      const el = await mount(idle);
      const number = $<HTMLInputElement>(el, '#number');
      typeInto(number, '03-1234-5678');

      pressEnter(number);

      expect(recorder.events).toEqual([
        { type: 'biztel-dial-request', detail: { input: '03-1234-5678' }, bubbles: true, composed: true },
      ]);
    });

    it('fires biztel-dial-request when 発信 is clicked', async () => {
      const el = await mount(idle);
      typeInto($<HTMLInputElement>(el, '#number'), '+81 90-1234-5678');

      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dial-request', { input: '+81 90-1234-5678' }]]);
    });

    it('leaves checking the number to the shell: an empty field still asks', async () => {
      const el = await mount(idle);

      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dial-request', { input: '' }]]);
    });

    it('clears the number field when told the dial was accepted', async () => {
      const el = await mount(idle);
      const number = $<HTMLInputElement>(el, '#number');
      typeInto(number, '0312345678');

      el.clearNumber();

      expect(number.value).toBe('');
    });
  });

  describe('hardphone mode', () => {
    it('has no number field, disables 発信 and says ハードフォン', async () => {
      const el = await mount(hardphoneIdle);

      expect(el.shadowRoot!.querySelector('input, biztel-caller-id-select')).toBeNull();
      expect(buttonNamed(el, '発信').disabled).toBe(true);
      expect(textOf($(el, '.meta'))).toContain('ハードフォン');

      buttonNamed(el, '発信').click();
      expect(recorder.events).toEqual([]);
    });

    it('still answers a ringing call with 応答', async () => {
      const el = await mount(hardphoneRinging);

      buttonNamed(el, '応答').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-answer-request', { callId: 'call-20250401-0001' }]]);
    });

    it('does not warn about the softphone, which a hardphone user does not run', async () => {
      const el = await mount(snapshotFixture({ agent: { hardphone: true }, softphone: { running: false } }));

      expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
    });
  });

  it('hints that the softphone is not running', async () => {
    const el = await mount(snapshotFixture({ softphone: { running: false } }));

    expect(textOf($(el, '.meta .stopped'))).toBe('ソフトフォンが起動していません');
  });

  it('shows no such hint while the softphone runs', async () => {
    const el = await mount(idle);

    expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
  });

  describe('status menu', () => {
    // The menu on its own (keyboard, closing, サインアウト) is tested in status-menu.test.ts; here, its place in the panel.
    it('fires biztel-status-change-request for the chosen status and closes', async () => {
      const el = await mount(idle);
      await openMenu(el);

      menuItems(el).find((b) => textOf(b) === '休憩')!.click();
      await el.updateComplete;
      await el.updateComplete;

      expect(recorder.events).toEqual([
        { type: 'biztel-status-change-request', detail: { statusId: 'break' }, bubbles: true, composed: true },
      ]);
      expect(menu(el)).toBeNull();
      expect(focused(statusMenu(el))).toBe(statusButton(el));
    });

    it('closes when focus moves out of it with Tab', async () => {
      const el = await mount(idle);
      await openMenu(el);
      const outside = $<HTMLInputElement>(el, '#number');

      menuItems(el)[0]!.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: outside }));
      await el.updateComplete;

      expect(menu(el)).toBeNull();
    });

    it('shows the status the server reports after a change', async () => {
      const el = await mount(idle);

      el.snapshot = snapshotFixture({ revision: 2, agent: { statusId: 'away' } });
      await el.updateComplete;

      expect(textOf($(statusMenu(el), '.status-label'))).toBe('離席');
      await openMenu(el);
      expect(menuItems(el).filter((b) => b.getAttribute('aria-checked') === 'true').map((b) => textOf(b))).toEqual(['離席']);
    });
  });

  describe('notices', () => {
    it('shows the notice in an alert, and the dismiss button asks to dismiss it', async () => {
      const el = await mount(idle, { notice: 'softphoneNotRunning' });

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('span'))).toBe(
        'ソフトフォンが起動していないため発信できません。BIZTELソフトフォンを起動してサインインしてください。',
      );
      const dismiss = alert.querySelector('button')!;
      expect(dismiss.getAttribute('aria-label')).toBe('閉じる');
      expect(recorder.events).toEqual([]);

      dismiss.click();

      expect(recorder.events).toEqual([{ type: 'biztel-notice-dismiss-request', detail: null, bubbles: true, composed: true }]);
    });

    it.each([
      ['dialInvalidCharacters', '電話番号には数字と * # + - ( ) のみ使えます。'],
      ['noSuchCall', 'この通話は既に終了しています。'],
    ] as const)('renders the %s notice text', async (notice, text) => {
      const el = await mount(idle, { notice });

      expect(textOf($(el, '[role="alert"] span'))).toBe(text);
    });

    it('shows no alert without a notice', async () => {
      const el = await mount(idle);

      expect(el.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    });
  });

  it('renders the English catalogue', async () => {
    const el = await mount(ringing);
    el.t = catalogue('en');
    await el.updateComplete;

    expect($$(el, '.actions button').map((b) => textOf(b))).toEqual(['Answer', 'Hang up']);
    expect(textOf($(el, '.call [part="message"] span'))).toBe('Ringing');
  });

  describe('call controls (パーク / 保留 / 転送)', () => {
    type Shown = [name: string, enabled: boolean, pressed?: 'true' | 'false'];
    it.each<[string, Snapshot, Shown[]]>([
      ['idle', idle, []],
      ['ringing', ringing, []],
      ['dialing', dialing, []],
      ['talking', talking, [['パーク', true], ['保留', true, 'false'], ['転送', false]]],
      ['held', held, [['パーク', true], ['保留', true, 'true'], ['転送', false]]],
      ['consulting, target ringing', consultRinging, [['パーク', false], ['保留', true, 'true'], ['転送', false]]],
      ['consulting, target answered', transferActive, [['パーク', false], ['保留', true, 'true'], ['転送', true]]],
      ['collecting a * transfer', starCollecting, [['パーク', false], ['保留', true, 'true'], ['転送', false]]],
      ['parking', parking, []],
      ['parked, idle', parked, []],
      ['hardphone talking', hardphoneTalking, [['パーク', true], ['保留', true, 'false'], ['転送', false]]],
    ])('%s', async (_what, snapshot, expected) => {
      const el = await mount(snapshot);

      const shown = controlButtons(el).map((b): Shown => {
        const pressed = b.getAttribute('aria-pressed');
        return pressed === null ? [textOf(b), !b.disabled] : [textOf(b), !b.disabled, pressed as 'true' | 'false'];
      });
      expect(shown).toEqual(expected);
    });

    it('groups them under an accessible name', async () => {
      const el = await mount(talking);

      expect($(el, '.controls').getAttribute('role')).toBe('group');
      expect($(el, '.controls').getAttribute('aria-label')).toBe('通話操作');
    });

    it('holds the talking customer with 保留', async () => {
      const el = await mount(talking);

      controlNamed(el, '保留').click();

      expect(recorder.events).toEqual([{ type: 'biztel-hold-request', detail: { callId: CUSTOMER_ID }, bubbles: true, composed: true }]);
    });

    it('takes the customer off hold with 保留 pressed again', async () => {
      const el = await mount(held);

      controlNamed(el, '保留').click();

      expect(recorder.events).toEqual([{ type: 'biztel-unhold-request', detail: { callId: CUSTOMER_ID }, bubbles: true, composed: true }]);
    });

    it('returns to the customer with 保留 during an attended transfer', async () => {
      const el = await mount(consultRinging);

      controlNamed(el, '保留').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-unhold-request', { callId: CUSTOMER_ID }]]);
    });

    it('parks the call with パーク', async () => {
      const el = await mount(talking);

      controlNamed(el, 'パーク').click();

      expect(recorder.events).toEqual([{ type: 'biztel-park-request', detail: { callId: CUSTOMER_ID }, bubbles: true, composed: true }]);
    });

    it('completes the attended transfer on the consultation leg with 転送', async () => {
      const el = await mount(transferActive);

      controlNamed(el, '転送').click();

      expect(recorder.events).toEqual([{ type: 'biztel-transfer-request', detail: { callId: CONSULT_ID }, bubbles: true, composed: true }]);
    });

    it('returns to the customer with 保留 while * digits are collected', async () => {
      const el = await mount(starCollecting);

      controlNamed(el, '保留').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-unhold-request', { callId: CUSTOMER_ID }]]);
    });

    it('fires nothing from a disabled control', async () => {
      const el = await mount(consultRinging);

      controlNamed(el, '転送').click();
      controlNamed(el, 'パーク').click();

      expect(recorder.events).toEqual([]);
    });

    it('explains why 転送 is not available yet', async () => {
      const el = await mount(talking);

      expect(controlNamed(el, '転送').title).toBe('転送先が応答すると転送できます。');
    });
  });

  describe('message area', () => {
    it.each([
      ['held', held, '保留中'],
      ['parking', parking, 'パーク中'],
      ['parked with no call', parked, '702 でパークしました'],
      ['a parked call ringing back', recall, '701 のパーク保留が戻りました'],
      ['collecting a * transfer', starCollecting, '*転送: 転送先を入力してください'],
      ['collecting a # transfer', hashCollecting, '#転送: 転送先を入力してください'],
      ['consulting a transfer target', consultRinging, '発信中'],
    ])('%s: %s', async (_what, snapshot, text) => {
      const el = await mount(snapshot);

      expect(textOf($(el, '[part="message"] span'))).toBe(text);
    });

    it.each([
      [ringing, 'ringing'],
      [talking, 'talking'],
      [held, 'held'],
      [parking, 'parking'],
      [parked, 'parked'],
      [recall, 'ringing'],
    ] as const)('marks the state for its colour (%#)', async (snapshot, state) => {
      const el = await mount(snapshot);

      expect($(el, '[part="message"]').closest('[data-state]')?.getAttribute('data-state')).toBe(state);
    });

    it('shows the transfer digits collected so far', async () => {
      const el = await mount(starCollecting);

      expect(textOf($(el, '.call'))).toContain('入力中の転送先 20');
    });

    it('disables 発信 while the PBX collects * transfer digits (it dials by itself)', async () => {
      const el = await mount(starCollecting);

      expect(buttonNamed(el, '発信').disabled).toBe(true);
      pressEnter(numberField(el));
      expect(recorder.events).toEqual([]);
    });

    it('shows the call time and the hold time of a held call', async () => {
      jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });
      const el = await mount(held);
      const timers = $$(el, '[role="timer"]');
      for (const timer of timers) await (timer.querySelector('biztel-call-timer') as BiztelCallTimer).updateComplete;

      expect(timers.map((t) => [t.getAttribute('aria-label'), textOf(t.querySelector('biztel-call-timer')!.shadowRoot)])).toEqual([
        ['通話時間', '01:05'],
        ['保留時間', '00:10'],
      ]);
    });

    it('shows the transfer target and, aside, the held customer with the hold time', async () => {
      jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });
      const el = await mount(transferActive);
      const customer = $(el, '.held-customer');
      await (customer.querySelector('biztel-call-timer') as BiztelCallTimer).updateComplete;

      expect(textOf($(el, '.call .role'))).toBe('転送先');
      expect(textOf($(el, '.call .number'))).toBe('2002');
      expect(customer.getAttribute('aria-label')).toBe('保留中のお客様');
      expect(textOf(customer.querySelector('.number'))).toBe('0312345678');
      expect(customer.querySelector('[role="timer"]')?.getAttribute('aria-label')).toBe('保留時間');
      expect(textOf(customer.querySelector('biztel-call-timer')!.shadowRoot)).toBe('00:10');
    });

    it('answers a parked call ringing back with 応答', async () => {
      const el = await mount(recall);

      buttonNamed(el, '応答').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-answer-request', { callId: 'call-20250401-0009' }]]);
    });
  });

  describe('hanging up while a park completes', () => {
    it('disables 切断 and says why, so the customer is not dropped', async () => {
      const el = await mount(parking);
      const hangUp = buttonNamed(el, '切断');

      expect(hangUp.disabled).toBe(true);
      const why = 'パーク保留が完了するまでお待ちください。完了前に切断するとお客様との通話が切れます。';
      expect(describedText(el, hangUp)).toBe(why);
      expect(hangUp.title).toBe(why);

      hangUp.click();
      expect(recorder.events).toEqual([]);
    });

    it('gives no such reason once the park completed', async () => {
      const el = await mount(parked);

      expect(buttonNamed(el, '切断').disabled).toBe(true);
      expect(buttonNamed(el, '切断').hasAttribute('aria-describedby')).toBe(false);
    });

    it('hangs up the consultation leg (completing a * transfer, or dropping the target)', async () => {
      const el = await mount(transferActive);

      buttonNamed(el, '切断').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-hangup-request', { callId: CONSULT_ID }]]);
    });
  });

  describe('dial pad', () => {
    it('is toggled by ダイヤルボタン表示, which reports whether it is expanded', async () => {
      const el = await mount(idle);
      const toggle = padToggle(el);
      const pad = $(el, 'biztel-dial-pad');
      expect(textOf(toggle)).toBe('ダイヤルボタン表示');
      expect(toggle.getAttribute('aria-controls')).toBe(pad.id);
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(pad.hidden).toBe(true);

      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).toBe('true');
      expect(pad.hidden).toBe(false);

      toggle.click();
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).toBe('false');
      expect(pad.hidden).toBe(true);
      expect(recorder.events).toEqual([]);
    });

    it('types into the number field when idle, and 発信 dials what was typed', async () => {
      const el = await mount(idle);
      padToggle(el).click();
      await el.updateComplete;

      for (const key of ['0', '3', '1', '2', '3', '4']) padKey(el, key).click();
      buttonNamed(el, '発信').click();

      expect(numberField(el).value).toBe('031234');
      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dial-request', { input: '031234' }]]);
    });

    it('appends to what the agent already typed', async () => {
      const el = await mount(idle);
      typeInto(numberField(el), '03-');

      padKey(el, '1').click();

      expect(numberField(el).value).toBe('03-1');
    });

    it('sends tones to the talking call, which is how * and # transfers start', async () => {
      const el = await mount(talking);

      padKey(el, '*').click();
      padKey(el, '2').click();

      expect(recorder.events).toEqual([
        { type: 'biztel-dtmf-request', detail: { callId: CUSTOMER_ID, digits: '*' }, bubbles: true, composed: true },
        { type: 'biztel-dtmf-request', detail: { callId: CUSTOMER_ID, digits: '2' }, bubbles: true, composed: true },
      ]);
      expect(numberField(el).value).toBe('');
    });

    it('sends the transfer target digits to the call collecting them', async () => {
      const el = await mount(starCollecting);

      padKey(el, '3').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dtmf-request', { callId: CUSTOMER_ID, digits: '3' }]]);
    });

    it('fills the number field while the customer is held, and 発信 dials the transfer target', async () => {
      const el = await mount(held);

      for (const key of ['2', '0', '0', '2']) padKey(el, key).click();
      expect(buttonNamed(el, '発信').disabled).toBe(false);
      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dial-request', { input: '2002' }]]);
    });

    it('sends tones to the transfer target once it answers', async () => {
      const el = await mount(transferActive);

      padKey(el, '1').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dtmf-request', { callId: CONSULT_ID, digits: '1' }]]);
    });

    it('keeps its own key events inside the panel', async () => {
      const el = await mount(idle);
      const heard: string[] = [];
      el.addEventListener('biztel-dial-pad-press', (e) => heard.push(e.detail.key));

      padKey(el, '5').click();

      expect(heard).toEqual([]);
      expect(recorder.events).toEqual([]);
    });

    it('stops at the length the field accepts', async () => {
      const el = await mount(idle);
      typeInto(numberField(el), '1'.repeat(64));

      padKey(el, '2').click();

      expect(numberField(el).value).toBe('1'.repeat(64));
    });
  });

  describe('keys typed during a call', () => {
    it.each(['*', '#', '0', '9'])('sends %s typed in the number field as a tone', async (key) => {
      const el = await mount(talking);

      const keydown = typeKey(numberField(el), key);

      expect(keydown.defaultPrevented).toBe(true);
      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([['biztel-dtmf-request', { callId: CUSTOMER_ID, digits: key }]]);
    });

    it('tells assistive technology that typed keys go to the call', async () => {
      const el = await mount(talking);

      expect(describedText(el, numberField(el))).toBe('通話中に入力した数字・*・# は通話相手に送られます。');
    });

    it('does not dial with Enter during a call', async () => {
      const el = await mount(talking);

      pressEnter(numberField(el));

      expect(recorder.events).toEqual([]);
    });

    it('leaves letters, shortcuts and IME composition alone', async () => {
      const el = await mount(talking);
      const field = numberField(el);

      typeKey(field, 'a');
      field.dispatchEvent(new KeyboardEvent('keydown', { key: '1', ctrlKey: true, bubbles: true, composed: true }));
      field.dispatchEvent(new KeyboardEvent('keydown', { key: '1', isComposing: true, bubbles: true, composed: true }));

      expect(recorder.events).toEqual([]);
    });

    it('lets digits type normally when idle or while the customer is held', async () => {
      for (const snapshot of [idle, held]) {
        const el = await mount(snapshot);

        expect(typeKey(numberField(el), '1').defaultPrevented).toBe(false);
        el.remove();
      }
      expect(recorder.events).toEqual([]);
    });

    it('does not ask to dial with Enter while a call rings', async () => {
      const el = await mount(ringing);
      typeInto(numberField(el), '0312345678');

      pressEnter(numberField(el));

      expect(recorder.events).toEqual([]);
    });
  });

  describe('hardphone mode with a call', () => {
    it('keeps 応答/保留/パーク/転送 but has no caller ID, number field or dial pad', async () => {
      const el = await mount(hardphoneTalking);

      expect(controlButtons(el).map((b) => textOf(b))).toEqual(['パーク', '保留', '転送']);
      const absent = 'biztel-caller-id-select, #caller-id, #number, biztel-dial-pad, [aria-controls="dial-pad"]';
      expect(el.shadowRoot!.querySelector(absent)).toBeNull();

      controlNamed(el, '保留').click();
      expect(recorder.events.map((e) => e.type)).toEqual(['biztel-hold-request']);
    });
  });

  describe('caller ID (通知番号選択欄)', () => {
    // The selector on its own (lists, options, note) is tested in caller-id-select.test.ts; here, what a dial carries.
    it('sends the chosen number with the dial', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;
      typeInto(numberField(el), '0120123456');

      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([
        ['biztel-dial-request', { input: '0120123456', callerId: { kind: 'number', number: '0312345678' } }],
      ]);
    });

    it('sends the chosen window with the dial', async () => {
      const el = await mount(withCallerIds());
      listRadios(el)[1]!.click();
      await el.updateComplete;
      choose(callerIdSelect(el), 'window:cc-sales');
      await el.updateComplete;
      typeInto(numberField(el), '0120123456');

      pressEnter(numberField(el));

      expect(recorder.events.map((e) => e.detail)).toEqual([{ input: '0120123456', callerId: { kind: 'window', id: 'cc-sales' } }]);
    });

    it('sends no caller ID with 指定なし, leaving the server its default rule', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      choose(callerIdSelect(el), '');
      await el.updateComplete;

      buttonNamed(el, '発信').click();

      expect(Object.keys(recorder.events[0]!.detail as object)).toEqual(['input']);
    });

    it('starts from 指定なし again after switching lists', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;

      listRadios(el)[1]!.click();
      await el.updateComplete;
      buttonNamed(el, '発信').click();

      expect(callerIdSelect(el).value).toBe('');
      expect(recorder.events.map((e) => e.detail)).toEqual([{ input: '' }]);
    });

    it('drops a choice the administrator has since withdrawn', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;

      el.snapshot = snapshotFixture({ revision: 2, callerIds: { ...CALLER_IDS, numbers: [{ number: '0501234567', label: '' }] } });
      await el.updateComplete;
      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => e.detail)).toEqual([{ input: '' }]);
    });

    it('is absent in hardphone mode', async () => {
      const el = await mount(snapshotFixture({ agent: { hardphone: true }, callerIds: CALLER_IDS }));

      expect(el.shadowRoot!.querySelector('biztel-caller-id-select, #caller-id, [name="caller-id-list"]')).toBeNull();
    });

  });

  describe('chat history of a chatbot call (seed 004)', () => {
    it('flags the ringing call and shows the transcript', async () => {
      const el = await mount(ringingWithChat);

      expect(textOf($(el, '.call .chat-flag'))).toBe('チャット履歴あり');
      const transcript = $<BiztelChatTranscript>(el, 'biztel-chat-transcript');
      await transcript.updateComplete;
      expect($$(transcript, 'li')).toHaveLength(5);
    });

    it('shows neither flag nor transcript for other calls', async () => {
      const el = await mount(ringing);

      expect(el.shadowRoot!.querySelector('.chat-flag, biztel-chat-transcript')).toBeNull();
    });

    it("keeps the customer's chat in view while consulting a transfer target", async () => {
      const el = await mount(
        snapshotFixture({ revision: 14, calls: [heldCall({ chat: { status: 'error', error: 'fetch' } }), consultationCall('talking')] }),
      );
      const transcript = $<BiztelChatTranscript>(el, 'biztel-chat-transcript');
      await transcript.updateComplete;

      expect(textOf(transcript.shadowRoot)).toContain('チャットを取得できませんでした');
    });
  });

  describe('parked calls', () => {
    it('lists every park number with the parked party, oldest first', async () => {
      const el = await mount(parked);

      expect(textOf($(el, '.parked h2'))).toBe('パーク保留中');
      expect($$(el, '.parked li').map((li) => textOf(li))).toEqual(['701 でパークしました 0312345678', '702 でパークしました 非通知']);
    });

    it('keeps listing them during the next call', async () => {
      const el = await mount(snapshotFixture({ revision: 15, calls: [talkingCall()], parked: [parkedCall('701')] }));

      expect($$(el, '.parked li').map((li) => textOf(li))).toEqual(['701 でパークしました 0312345678']);
    });

    it('shows no list when nothing is parked', async () => {
      const el = await mount(idle);

      expect(el.shadowRoot!.querySelector('.parked')).toBeNull();
    });
  });

  it('fires no event on render in any call state', async () => {
    const el = await mount(idle);

    const states = [held, consultRinging, transferActive, parking, parked, recall, starCollecting, hashCollecting, ringingWithChat];
    for (const snapshot of [...states, withCallerIds({ restricted: true })]) {
      el.snapshot = snapshot;
      await el.updateComplete;
    }

    expect(recorder.events).toEqual([]);
  });

  describe('accessibility (axe)', () => {
    it.each([
      ['idle', idle],
      ['ringing', ringing],
      ['talking', talking],
      ['dialing', dialing],
      ['hardphone ringing', hardphoneRinging],
      ['hardphone talking', hardphoneTalking],
      ['ringing with a chat history', ringingWithChat],
      ['held', held],
      ['consulting a transfer target', consultRinging],
      ['transfer active', transferActive],
      ['parking', parking],
      ['parked', parked],
      ['a park recall ringing', recall],
      ['collecting a * transfer', starCollecting],
      ['offering both caller-ID lists, restricted', withCallerIds({ restricted: true })],
    ])('is clean when %s', async (_name, snapshot) => {
      const el = await mount(snapshot);

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the status menu open', async () => {
      const el = await mount(talking);
      await openMenu(el);

      expect(await axeViolations(el)).toEqual([]);
    });

    it.each([
      ['idle', idle],
      ['talking', talking],
    ])('is clean with the dial pad open when %s', async (_name, snapshot) => {
      const el = await mount(snapshot);
      padToggle(el).click();
      await el.updateComplete;

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the window list chosen', async () => {
      const el = await mount(withCallerIds());
      listRadios(el)[1]!.click();
      await el.updateComplete;

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with a notice and the softphone stopped', async () => {
      const el = await mount(snapshotFixture({ softphone: { running: false } }), { notice: 'softphoneNotRunning' });

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});

describe('screen transfer (画面転送, seed 001 §9)', () => {
  const transferred = snapshotFixture({
    revision: 9,
    calls: [
      ringingCall({
        transferredBy: '1001',
        screen: { recordId: '0035g00000TkYqAAAV', recordName: '山田 太郎', objectType: 'Contact', note: '住所変更の件', fromExtension: '1001', fromName: '山田 花子' },
      }),
    ],
  });

  it('shows who sent the screen and the number as a link to the record, and asks to open it on click', async () => {
    const el = await mount(transferred);
    const link = $<HTMLButtonElement>(el, '.screen-link');
    expect(textOf($(el, '.screen-transfer .hint'))).toBe('画面転送: 山田 花子 (1001)');
    expect(textOf(link)).toContain('山田 太郎');
    expect(textOf($(el, '.screen-note'))).toBe('メモ: 住所変更の件');
    expect(recorder.events).toEqual([]);

    link.click();

    expect(recorder.events).toEqual([
      { type: 'biztel-record-open-request', detail: { recordId: '0035g00000TkYqAAAV' }, bubbles: true, composed: true },
    ]);
    expect(await axeViolations(el)).toEqual([]);
  });

  it('offers a note for the transfer target during a call and reports it when changed', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    const note = $<HTMLInputElement>(el, '#transfer-note');

    note.value = '折り返し希望';
    note.dispatchEvent(new Event('change', { bubbles: true }));

    expect(recorder.events).toEqual([{ type: 'biztel-transfer-note-change', detail: { note: '折り返し希望' }, bubbles: true, composed: true }]);
  });
});


describe('several windows (ownership)', () => {
  it.each([
    ['alone', null],
    ['this', 'この画面で着信を処理中'],
    ['other', '別の画面で処理中'],
  ] as const)('with ownership %s says %p', async (ownership, text) => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    el.ownership = ownership;
    await el.updateComplete;

    const hint = el.shadowRoot!.querySelector('.ownership');
    expect(hint ? textOf(hint) : null).toBe(text);
    expect(await axeViolations(el)).toEqual([]);
  });
});

describe('reconnecting', () => {
  it('says which attempt is under way while reconnecting', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    el.reconnecting = true;
    el.reconnectAttempt = { attempt: 3, of: 20 };
    await el.updateComplete;

    expect(textOf($(el, '.reconnecting'))).toBe('イベント通知サーバに再接続しています… （3/20 回目）');
  });
});

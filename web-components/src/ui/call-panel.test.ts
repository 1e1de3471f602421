import type { NoticeCode } from '../core/panel-state.js';
import { catalogue } from '../i18n/index.js';
import type { Snapshot } from '../protocol/index.js';
import type { BiztelCallPanel } from './call-panel.js';
import type { BiztelCallTimer } from './call-timer.js';
import { registerElements } from './register.js';
import {
  $,
  $$,
  SERVER_TIME,
  axeViolations,
  focused,
  press,
  pressEnter,
  recordEvents,
  ringingCall,
  snapshotFixture,
  talkingCall,
  textOf,
  typeInto,
} from './test-helpers.js';

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
const statusButton = (el: Element) => $<HTMLButtonElement>(el, '.status-button');
const menuItems = (el: Element) => $$<HTMLButtonElement>(el, '[role="menu"] button');

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

      expect(textOf($(el, '.status-label'))).toBe('受付可');
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

      expect(el.shadowRoot!.querySelector('input')).toBeNull();
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
    it('opens from the status button and lists the statuses except ログオフ, then サインアウト', async () => {
      const el = await mount(idle);
      expect(statusButton(el).getAttribute('aria-haspopup')).toBe('menu');
      expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();

      await openMenu(el);

      expect(statusButton(el).getAttribute('aria-expanded')).toBe('true');
      expect($(el, '[role="menu"]').getAttribute('aria-label')).toBe('ステータスを変更');
      expect(menuItems(el).map((b) => textOf(b))).toEqual(['受付可', '後処理', '離席', '休憩', 'サインアウト']);
      expect(menuItems(el).map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false', 'false', null]);
      expect(recorder.events).toEqual([]);
    });

    it('moves focus into the menu and through it with the arrow keys (wrapping)', async () => {
      const el = await mount(idle);
      await openMenu(el);
      const items = menuItems(el);
      expect(focused(el)).toBe(items[0]);

      press(items[0]!, 'ArrowDown');
      expect(focused(el)).toBe(items[1]);

      press(items[1]!, 'ArrowUp');
      press(items[0]!, 'ArrowUp');
      expect(focused(el)).toBe(items[items.length - 1]);

      press(items[items.length - 1]!, 'ArrowDown');
      expect(focused(el)).toBe(items[0]);
    });

    it('closes on Escape and returns focus to the status button', async () => {
      const el = await mount(idle);
      await openMenu(el);

      press(menuItems(el)[2]!, 'Escape');
      await el.updateComplete;
      await el.updateComplete;

      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
      expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
      expect(focused(el)).toBe(statusButton(el));
      expect(recorder.events).toEqual([]);
    });

    it('closes when the status button is clicked again', async () => {
      const el = await mount(idle);
      await openMenu(el);

      await openMenu(el);

      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
      expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
    });

    it('fires biztel-status-change-request for the chosen status and closes', async () => {
      const el = await mount(idle);
      await openMenu(el);

      menuItems(el).find((b) => textOf(b) === '休憩')!.click();
      await el.updateComplete;
      await el.updateComplete;

      expect(recorder.events).toEqual([
        { type: 'biztel-status-change-request', detail: { statusId: 'break' }, bubbles: true, composed: true },
      ]);
      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
      expect(focused(el)).toBe(statusButton(el));
    });

    it('fires biztel-sign-out-request for サインアウト', async () => {
      const el = await mount(idle);
      await openMenu(el);

      menuItems(el).find((b) => textOf(b) === 'サインアウト')!.click();

      expect(recorder.events.map((e) => e.type)).toEqual(['biztel-sign-out-request']);
    });

    it('closes when the agent clicks elsewhere, without firing anything', async () => {
      const el = await mount(idle);
      await openMenu(el);

      document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
      await el.updateComplete;

      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
      expect(recorder.events).toEqual([]);
    });

    it('closes when focus moves out of it with Tab', async () => {
      const el = await mount(idle);
      await openMenu(el);
      const outside = $<HTMLInputElement>(el, '#number');

      menuItems(el)[0]!.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: outside }));
      await el.updateComplete;

      expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    });

    it('shows the status the server reports after a change', async () => {
      const el = await mount(idle);

      el.snapshot = snapshotFixture({ revision: 2, agent: { statusId: 'away' } });
      await el.updateComplete;

      expect(textOf($(el, '.status-label'))).toBe('離席');
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

  describe('accessibility (axe)', () => {
    it.each([
      ['idle', idle],
      ['ringing', ringing],
      ['talking', talking],
      ['dialing', dialing],
      ['hardphone ringing', hardphoneRinging],
    ])('is clean when %s', async (_name, snapshot) => {
      const el = await mount(snapshot);

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the status menu open', async () => {
      const el = await mount(talking);
      await openMenu(el);

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with a notice and the softphone stopped', async () => {
      const el = await mount(snapshotFixture({ softphone: { running: false } }), { notice: 'softphoneNotRunning' });

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});

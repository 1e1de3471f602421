/** The `<biztel-call-panel>` in each call state: idle, ringing, talking, dialling, hardphone mode (also with a call), the softphone-stopped hint; the English catalogue; no event on render. Other topics: `call-panel.*.test.ts`. */
import { catalogue } from '../i18n/index.js';
import type { BiztelCallTimer } from './call-timer.js';
import {
  idle,
  ringing,
  talking,
  dialing,
  hardphoneIdle,
  hardphoneRinging,
  hardphoneTalking,
  held,
  consultRinging,
  transferActive,
  parking,
  parked,
  recall,
  starCollecting,
  hashCollecting,
  ringingWithChat,
  withCallerIds,
  mount,
  buttonNamed,
  message,
  controlButtons,
  controlNamed,
  statusMenu,
  statusButton,
  recordPanelEvents,
} from './call-panel-test-helpers.js';
import { $, $$, pressEnter, textOf, typeInto } from '../testing/dom.js';
import { SERVER_TIME, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';

const recorder = recordPanelEvents();

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

      expect(recorder.events).toEqual([{ type: 'biztel-answer-request', detail: { callId: 'call-20250401-0001' }, bubbles: true, composed: true }]);
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

    it('turns the shown second when the call’s second turns, not 1000 ms after it was shown', async () => {
      jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });
      // Answered 65.4 s ago: the timer must turn in 600 ms (the utility item's label waits the same way).
      const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall({ answeredAt: SERVER_TIME - 65_400 })] }));
      const timer = $<BiztelCallTimer>(el, 'biztel-call-timer');
      await timer.updateComplete;
      expect(textOf(timer.shadowRoot)).toBe('01:05');

      jest.advanceTimersByTime(600);
      await timer.updateComplete;
      expect(textOf(timer.shadowRoot)).toBe('01:06');
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

      expect(recorder.events).toEqual([{ type: 'biztel-hangup-request', detail: { callId: 'call-20250401-0001' }, bubbles: true, composed: true }]);
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

      expect(recorder.events).toEqual([{ type: 'biztel-dial-request', detail: { input: '03-1234-5678' }, bubbles: true, composed: true }]);
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
      const el = await mount(snapshotFixture({ agent: { hardphone: true }, softphone: { running: false, state: 'stopped' } }));

      expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
    });
  });

  it('hints that the softphone is not running', async () => {
    const el = await mount(snapshotFixture({ softphone: { running: false, state: 'stopped' } }));

    expect(textOf($(el, '.meta .stopped'))).toBe('ソフトフォンが起動していません');
  });

  it('shows no such hint while the softphone runs', async () => {
    const el = await mount(idle);

    expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
  });

  it('renders the English catalogue', async () => {
    const el = await mount(ringing);
    el.t = catalogue('en');
    await el.updateComplete;

    expect($$(el, '.actions button').map((b) => textOf(b))).toEqual(['Answer', 'Hang up']);
    expect(textOf($(el, '.call [part="message"] span'))).toBe('Ringing');
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

  it('fires no event on render in any call state', async () => {
    const el = await mount(idle);

    const states = [held, consultRinging, transferActive, parking, parked, recall, starCollecting, hashCollecting, ringingWithChat];
    for (const snapshot of [...states, withCallerIds({ restricted: true })]) {
      el.snapshot = snapshot;
      await el.updateComplete;
    }

    expect(recorder.events).toEqual([]);
  });
});

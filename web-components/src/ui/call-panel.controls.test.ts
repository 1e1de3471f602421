/** `<biztel-call-panel>`: パーク / 保留 / 転送, the message area during a transfer, hanging up while a park completes, the parked calls. */
import type { Snapshot } from '@biztel/protocol';
import type { BiztelCallTimer } from './call-timer.js';
import {
  idle,
  ringing,
  talking,
  dialing,
  hardphoneTalking,
  held,
  consultRinging,
  transferActive,
  parking,
  parked,
  recall,
  starCollecting,
  hashCollecting,
  CUSTOMER_ID,
  CONSULT_ID,
  mount,
  buttonNamed,
  controlButtons,
  controlNamed,
  numberField,
  recordPanelEvents,
} from './call-panel-test-helpers.js';
import { $, $$, describedText, pressEnter, textOf } from '../testing/dom.js';
import { SERVER_TIME, parkedCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';

const recorder = recordPanelEvents();

describe('<biztel-call-panel>', () => {
  describe('call controls (パーク / 保留 / 転送)', () => {
    type Shown = [name: string, enabled: boolean, pressed?: 'true' | 'false'];
    it.each<[string, Snapshot, Shown[]]>([
      ['idle', idle, []],
      ['ringing', ringing, []],
      ['dialing', dialing, []],
      [
        'talking',
        talking,
        [
          ['パーク', true],
          ['保留', true, 'false'],
          ['転送', false],
        ],
      ],
      [
        'held',
        held,
        [
          ['パーク', true],
          ['保留', true, 'true'],
          ['転送', false],
        ],
      ],
      [
        'consulting, target ringing',
        consultRinging,
        [
          ['パーク', false],
          ['保留', true, 'true'],
          ['転送', false],
        ],
      ],
      [
        'consulting, target answered',
        transferActive,
        [
          ['パーク', false],
          ['保留', true, 'true'],
          ['転送', true],
        ],
      ],
      [
        'collecting a * transfer',
        starCollecting,
        [
          ['パーク', false],
          ['保留', true, 'true'],
          ['転送', false],
        ],
      ],
      ['parking', parking, []],
      ['parked, idle', parked, []],
      [
        'hardphone talking',
        hardphoneTalking,
        [
          ['パーク', true],
          ['保留', true, 'false'],
          ['転送', false],
        ],
      ],
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

    it.each([
      ['*', starCollecting],
      ['#', hashCollecting],
    ])('disables 切断 while %s transfer digits are typed, and says how to return to the customer', async (_kind, snapshot) => {
      const el = await mount(snapshot);
      const hangUp = buttonNamed(el, '切断');

      expect(hangUp.disabled).toBe(true);
      expect(describedText(el, hangUp)).toBe('転送先の番号を入力中です。お客様との通話に戻るには「保留」を押してください。');
      hangUp.click();
      expect(recorder.events).toEqual([]);
      expect(controlButtons(el).find((b) => textOf(b) === '保留')?.disabled).toBe(false);
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

  describe('parked calls', () => {
    it('lists every park number with the parked party, oldest first', async () => {
      const el = await mount(parked);

      expect(textOf($(el, '.parked h2'))).toBe('パーク保留中');
      expect($$(el, '.parked li').map((li) => textOf(li))).toEqual(['パーク番号 701 0312345678', 'パーク番号 702 非通知']);
      // The message area says it once; the list does not repeat the sentence.
      expect(textOf(el.shadowRoot).split('でパークしました')).toHaveLength(2);
    });

    it('keeps listing them during the next call', async () => {
      const el = await mount(snapshotFixture({ revision: 15, calls: [talkingCall()], parked: [parkedCall('701')] }));

      expect($$(el, '.parked li').map((li) => textOf(li))).toEqual(['パーク番号 701 0312345678']);
    });

    it('shows no list when nothing is parked', async () => {
      const el = await mount(idle);

      expect(el.shadowRoot!.querySelector('.parked')).toBeNull();
    });
  });
});

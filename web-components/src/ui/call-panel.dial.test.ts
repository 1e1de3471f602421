/** `<biztel-call-panel>`: the number field and the dial pad, keys typed during a call (DTMF), the caller-ID selector (通知番号選択欄). */
import {
  idle,
  ringing,
  talking,
  held,
  transferActive,
  starCollecting,
  CUSTOMER_ID,
  CONSULT_ID,
  withCallerIds,
  mount,
  buttonNamed,
  padToggle,
  padKey,
  numberField,
  callerIdSelect,
  listRadios,
  typeKey,
  recordPanelEvents,
} from './call-panel-test-helpers.js';
import { $, choose, describedText, pressEnter, textOf, typeInto } from '../testing/dom.js';
import { CALLER_IDS, snapshotFixture } from '../testing/fixtures.js';

const recorder = recordPanelEvents();
const dials = () => recorder.events.filter((e) => e.type === 'biztel-dial-request');

const withBusinessLabel = (snapshot: typeof talking) => ({ ...snapshot, calls: snapshot.calls.map((c) => ({ ...c, businessLabel: 'サポート窓口' })) });

describe('<biztel-call-panel>', () => {
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

    it('shrinks the call card to one line while open during a call, so the keys fit under it', async () => {
      const el = await mount(withBusinessLabel(talking));
      expect(el.shadowRoot!.querySelector('.call .label')).not.toBeNull();

      padToggle(el).click();
      await el.updateComplete;
      const card = $(el, 'section.call');
      expect(card.classList.contains('compact')).toBe(true);
      expect(textOf(card.querySelector('.message'))).toBe('通話中 0312345678');
      expect(card.querySelector('.message [role="timer"] biztel-call-timer')).not.toBeNull();
      expect(card.querySelector('.label, biztel-record-info')).toBeNull();

      padToggle(el).click();
      await el.updateComplete;
      expect($(el, 'section.call').classList.contains('compact')).toBe(false);
      expect(el.shadowRoot!.querySelector('.call .label')).not.toBeNull();
    });

    it('still shows the held customer under the one-line card while the transfer target answers', async () => {
      const el = await mount(transferActive);
      padToggle(el).click();
      await el.updateComplete;

      expect($(el, 'section.call').classList.contains('compact')).toBe(true);
      expect(textOf($(el, 'section.held-customer .number'))).toBe('0312345678');
    });

    it('keeps the whole card of a ringing call, pad open or not: who calls matters then', async () => {
      const el = await mount(ringing);
      padToggle(el).click();
      await el.updateComplete;

      expect($(el, 'section.call').classList.contains('compact')).toBe(false);
      expect(el.shadowRoot!.querySelector('.call biztel-record-info')).not.toBeNull();
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

    it('says digits go to the caller while talking, but not while they are the transfer target’s', async () => {
      expect((await mount(talking)).shadowRoot!.querySelector('#dtmf-hint')).not.toBeNull();
      expect((await mount(starCollecting)).shadowRoot!.querySelector('#dtmf-hint')).toBeNull();
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

    it('echoes the tones sent on this call, typed or pressed, in place of the hint', async () => {
      const el = await mount(talking);

      typeKey(numberField(el), '1');
      padKey(el, '2').click();
      typeKey(numberField(el), '#');
      await el.updateComplete;

      expect(describedText(el, numberField(el))).toBe('送った数字: 12#');
    });

    it('starts the echo afresh for another call', async () => {
      const el = await mount(talking);
      typeKey(numberField(el), '5');
      await el.updateComplete;

      el.snapshot = snapshotFixture({ revision: 9, calls: [{ ...talking.calls[0]!, id: 'call-other' }] });
      await el.updateComplete;

      expect(describedText(el, numberField(el))).toBe('通話中に入力した数字・*・# は通話相手に送られます。');
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

  describe('caller ID (通知番号選択欄)', () => {
    // The selector on its own (lists, options, note) is tested in caller-id-select.test.ts; here, what a dial carries.
    it('sends the chosen number with the dial', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;
      typeInto(numberField(el), '0120123456');

      buttonNamed(el, '発信').click();

      expect(recorder.events.map((e) => [e.type, e.detail])).toEqual([
        ['biztel-caller-id-change-request', { callerId: { kind: 'number', number: '0312345678' } }],
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

      expect(dials().map((e) => e.detail)).toEqual([{ input: '0120123456', callerId: { kind: 'window', id: 'cc-sales' } }]);
    });

    it('sends no caller ID with 指定なし, leaving the server its default rule', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      choose(callerIdSelect(el), '');
      await el.updateComplete;

      buttonNamed(el, '発信').click();

      expect(Object.keys(dials()[0]!.detail as object)).toEqual(['input']);
    });

    it('starts from 指定なし again after switching lists', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;

      listRadios(el)[1]!.click();
      await el.updateComplete;
      buttonNamed(el, '発信').click();

      expect(callerIdSelect(el).value).toBe('');
      expect(recorder.events.map((e) => e.detail)).toEqual([{ callerId: { kind: 'number', number: '0312345678' } }, { callerId: null }, { input: '' }]);
    });

    it('drops a choice the administrator has since withdrawn', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0312345678');
      await el.updateComplete;

      el.snapshot = snapshotFixture({ revision: 2, callerIds: { ...CALLER_IDS, numbers: [{ number: '0501234567', label: '' }] } });
      await el.updateComplete;
      buttonNamed(el, '発信').click();

      expect(dials().map((e) => e.detail)).toEqual([{ input: '' }]);
    });

    it('is out of the way while no call can be dialled, and keeps the choice meanwhile', async () => {
      const el = await mount(withCallerIds());
      choose(callerIdSelect(el), 'number:0501234567');

      el.snapshot = { ...withCallerIds(), calls: talking.calls, revision: 20 };
      await el.updateComplete;
      expect($(el, '.dialling').hidden).toBe(true);

      el.snapshot = { ...withCallerIds(), revision: 21 };
      await el.updateComplete;
      expect($(el, '.dialling').hidden).toBe(false);
      expect(callerIdSelect(el).value).toBe('number:0501234567');
    });

    it('is absent in hardphone mode', async () => {
      const el = await mount(snapshotFixture({ agent: { hardphone: true }, callerIds: CALLER_IDS }));

      expect(el.shadowRoot!.querySelector('biztel-caller-id-select, #caller-id, [name="caller-id-list"]')).toBeNull();
    });
  });
});

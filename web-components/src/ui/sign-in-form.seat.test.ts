/** `<biztel-sign-in-form>` when the seat is already taken (seed 001 §2): the confirmation, overwriting or choosing another seat. */
import { catalogue } from '../i18n/index.js';
import {
  mount,
  input,
  SEAT_HOLDER,
  OVERWRITE,
  localHHmm,
  seatDialog,
  dialogButton,
  submitButton,
  fill,
  recordFormEvents,
} from './sign-in-form-test-helpers.js';
import { $, $$, focused, press, pressEnter, textOf } from '../testing/dom.js';

const recorder = recordFormEvents();

describe('<biztel-sign-in-form>', () => {
  describe('seat already taken (seed 001 §2)', () => {
    it('shows no confirmation without a conflict', async () => {
      const el = await mount();

      expect($$(el, '[role="alertdialog"]')).toEqual([]);
    });

    it('asks in an alert dialog which seat is taken, by whom and since when', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      const dialog = seatDialog(el);
      expect(textOf(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!))).toBe('座席の確認');
      const description = dialog
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => textOf(el.shadowRoot!.getElementById(id)))
        .join(' ');
      expect(description).toBe(`座席ID A-12 は既に着席中です。 着席中: 佐藤 花子 (sato.hanako) ${localHHmm(SEAT_HOLDER.since)} から着席 ${OVERWRITE}`);
      expect($$<HTMLButtonElement>(el, '[role="alertdialog"] button').map((b) => textOf(b))).toEqual(['キャンセル', 'OK']);
    });

    it.each([
      ['only the account', { seatId: 'B-3', account: 'sato.hanako' }, '座席ID B-3 は既に着席中です。 着席中: sato.hanako'],
      ['only the name', { seatId: 'B-3', name: '佐藤 花子' }, '座席ID B-3 は既に着席中です。 着席中: 佐藤 花子'],
      ['nobody in particular', { seatId: 'B-3' }, '座席ID B-3 は既に着席中です。'],
    ])('says what it knows when the server tells %s', async (_what, seatConflict, text) => {
      const el = await mount({ seatConflict });

      expect(textOf($(el, '#seat-body'))).toBe(text);
    });

    it('moves focus into the dialog, onto the safe choice', async () => {
      const el = await mount();

      el.seatConflict = SEAT_HOLDER;
      await el.updateComplete;

      expect(focused(el)).toBe(dialogButton(el, 'キャンセル'));
    });

    it('fires biztel-seat-takeover-request on OK', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      dialogButton(el, 'OK').click();

      expect(recorder.events).toEqual([{ type: 'biztel-seat-takeover-request', detail: null, bubbles: true, composed: true }]);
    });

    it('fires biztel-seat-takeover-cancel on キャンセル', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      dialogButton(el, 'キャンセル').click();

      expect(recorder.events).toEqual([{ type: 'biztel-seat-takeover-cancel', detail: null, bubbles: true, composed: true }]);
    });

    it('cancels on Escape from anywhere in the dialog', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      const event = press(dialogButton(el, 'OK'), 'Escape');

      expect(event.defaultPrevented).toBe(true);
      expect(recorder.events.map((e) => e.type)).toEqual(['biztel-seat-takeover-cancel']);
    });

    it('ignores Escape outside the dialog', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      press(input(el, 'account'), 'Escape');

      expect(recorder.events).toEqual([]);
    });

    it('does not sign in again while the question is open', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001', seatId: 'A-12' });

      expect(submitButton(el).disabled).toBe(true);
      pressEnter(input(el, 'password'));
      await el.updateComplete;

      expect(recorder.events).toEqual([]);
    });

    it('disables its buttons and ignores Escape while the takeover is being sent', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER, submitting: true });

      expect(dialogButton(el, 'OK').disabled).toBe(true);
      expect(dialogButton(el, 'キャンセル').disabled).toBe(true);
      press(seatDialog(el), 'Escape');

      expect(recorder.events).toEqual([]);
    });

    it('returns focus to the seat ID field once the agent has answered and the dialog closes', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });
      dialogButton(el, 'キャンセル').click();

      el.seatConflict = null;
      await el.updateComplete;

      expect($$(el, '[role="alertdialog"]')).toEqual([]);
      expect(focused(el)).toBe(input(el, 'seatId'));
      expect(submitButton(el).disabled).toBe(false);
    });

    it('fires nothing when the conflict is shown or withdrawn by the shell', async () => {
      const el = await mount();

      el.seatConflict = SEAT_HOLDER;
      await el.updateComplete;
      el.seatConflict = null;
      await el.updateComplete;

      expect(recorder.events).toEqual([]);
    });

    it('speaks English', async () => {
      const el = await mount({ t: catalogue('en'), seatConflict: SEAT_HOLDER });

      expect(textOf(seatDialog(el))).toBe(
        `Seat in use Seat A-12 is already taken. Taken by: 佐藤 花子 (sato.hanako) since ${localHHmm(SEAT_HOLDER.since)} Click OK to overwrite the seat in Seat View. Cancel OK`,
      );
    });
  });
});

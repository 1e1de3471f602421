/** `<biztel-sign-in-form>`: accessibility (axe) in each state of the form. */
import { catalogue } from '../i18n/index.js';
import { LOGOFF_STATUS_ID } from '@biztel/protocol';
import { mount, SEAT_HOLDER, submit, fill, recordFormEvents } from './sign-in-form-test-helpers.js';
import { axeViolations } from '../testing/axe.js';
import { $, choose } from '../testing/dom.js';

// jsdom's FormData while the file runs, and an empty page after each test.
recordFormEvents();

describe('<biztel-sign-in-form>', () => {
  describe('accessibility (axe)', () => {
    it('is clean when empty', async () => {
      const el = await mount();

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with field problems, the ログオフ warning and an error shown', async () => {
      const el = await mount({ error: 'authFailed' });
      choose($<HTMLSelectElement>(el, '#initialStatusId'), LOGOFF_STATUS_ID);
      fill(el, { extension: 'abc' });
      await submit(el);

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean with the seat confirmation open', async () => {
      const el = await mount({ seatConflict: SEAT_HOLDER });

      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean in English while submitting', async () => {
      const el = await mount({ t: catalogue('en'), submitting: true });

      expect(await axeViolations(el)).toEqual([]);
    });

    it('really looks inside the shadow root (an unlabelled field is reported)', async () => {
      const el = await mount();
      $(el, 'label[for="account"]').removeAttribute('for');

      const violations = await axeViolations(el);

      expect(violations.some((v) => v.startsWith('violation label '))).toBe(true);
    });
  });
});

/** `<biztel-sign-in-form>`: rendering, the status at sign-in, checking the fields, submitting, after a rejected attempt, English. The seat conflict and accessibility: `sign-in-form.*.test.ts`. */
import { catalogue } from '../i18n/index.js';
import { LOGOFF_STATUS_ID } from '@biztel/protocol';
import { AUTH_FAILED, LOGOFF_WARNING, mount, input, submitButton, submit, fill, recordFormEvents } from './sign-in-form-test-helpers.js';
import { $, $$, choose, focused, pressEnter, textOf } from '../testing/dom.js';
import { STATUSES } from '../testing/fixtures.js';

const recorder = recordFormEvents();

describe('<biztel-sign-in-form>', () => {
  describe('rendering', () => {
    it('shows the sign-in heading and a submit button', async () => {
      const el = await mount();

      expect(textOf($(el, 'h2'))).toBe('サインイン');
      expect(textOf(submitButton(el))).toBe('サインイン');
      expect(submitButton(el).disabled).toBe(false);
    });

    it.each([
      ['account', 'アカウント', 'INPUT'],
      ['password', 'アカウントパスワード', 'INPUT'],
      ['extension', 'サインイン端末', 'INPUT'],
      ['seatId', '座席ID', 'INPUT'],
      ['initialStatusId', 'サインイン時のステータス', 'SELECT'],
      ['hardphone', 'ハードフォンで利用する', 'INPUT'],
    ])('labels the %s field 「%s」 through label[for]', async (id, label, tag) => {
      const el = await mount();

      const labelEl = $$<HTMLLabelElement>(el, 'label').find((l) => textOf(l) === label);
      expect(labelEl).toBeDefined();
      const control = el.shadowRoot!.getElementById(labelEl!.htmlFor);
      expect(control?.tagName).toBe(tag);
      expect(control?.id).toBe(id);
    });

    it('masks the password and offers numeric input for the extension', async () => {
      const el = await mount();

      expect(input(el, 'password').type).toBe('password');
      expect(input(el, 'extension').getAttribute('inputmode')).toBe('numeric');
      expect(input(el, 'hardphone').type).toBe('checkbox');
      expect(input(el, 'hardphone').checked).toBe(false);
    });

    it('lists the statuses from the `statuses` property, in order', async () => {
      const el = await mount();

      const options = $$<HTMLOptionElement>(el, '#initialStatusId option');
      expect(options.map((o) => [o.value, textOf(o)])).toEqual(STATUSES.map((s) => [s.id, s.label]));
    });

    it('re-renders the options when the tenant has other statuses', async () => {
      const el = await mount();

      el.statuses = [
        { id: 'reception', label: '受付' },
        { id: LOGOFF_STATUS_ID, label: 'ログオフ' },
      ];
      await el.updateComplete;

      expect($$<HTMLOptionElement>(el, '#initialStatusId option').map((o) => textOf(o))).toEqual(['受付', 'ログオフ']);
    });

    it('pre-fills the remembered form but never a password', async () => {
      const el = await mount({
        form: { account: 'yamada.taro', extension: '1001', seatId: 'A-12', initialStatusId: 'break', hardphone: true },
      });

      expect(input(el, 'account').value).toBe('yamada.taro');
      expect(input(el, 'password').value).toBe('');
      expect(input(el, 'extension').value).toBe('1001');
      expect(input(el, 'seatId').value).toBe('A-12');
      expect($<HTMLSelectElement>(el, '#initialStatusId').value).toBe('break');
      expect(input(el, 'hardphone').checked).toBe(true);
    });

    it('fires no event on render or when its properties change', async () => {
      const el = await mount();

      el.statuses = [{ id: 'available', label: '受付可' }];
      el.form = { account: 'suzuki', extension: '2002', seatId: '', initialStatusId: 'available', hardphone: false };
      el.error = 'authFailed';
      el.attempt = 1;
      el.submitting = true;
      el.t = catalogue('en');
      await el.updateComplete;
      el.submitting = false;
      await el.updateComplete;

      expect(recorder.events).toEqual([]);
    });
  });

  describe('status at sign-in', () => {
    it('warns that ログオフ keeps the agent out of Seat View, and tells assistive technology', async () => {
      const el = await mount();
      expect(el.shadowRoot!.textContent).not.toContain(LOGOFF_WARNING);

      choose($<HTMLSelectElement>(el, '#initialStatusId'), LOGOFF_STATUS_ID);
      await el.updateComplete;

      const warning = $(el, '#logoff-warning');
      expect(textOf(warning)).toBe(LOGOFF_WARNING);
      expect($(el, '#initialStatusId').getAttribute('aria-describedby')).toBe('logoff-warning');
    });

    it('removes the warning when another status is chosen', async () => {
      const el = await mount();
      const select = $<HTMLSelectElement>(el, '#initialStatusId');
      choose(select, LOGOFF_STATUS_ID);
      await el.updateComplete;

      choose(select, 'away');
      await el.updateComplete;

      expect(el.shadowRoot!.querySelector('#logoff-warning')).toBeNull();
      expect(select.hasAttribute('aria-describedby')).toBe(false);
    });
  });

  describe('checking the fields', () => {
    it('marks every empty required field with 入力してください。 and fires nothing', async () => {
      const el = await mount();

      await submit(el);

      for (const id of ['account', 'password', 'extension']) {
        const field = input(el, id);
        expect(field.getAttribute('aria-invalid')).toBe('true');
        const describedBy = field.getAttribute('aria-describedby');
        expect(describedBy).toBeTruthy();
        expect(textOf(el.shadowRoot!.getElementById(describedBy!))).toBe('入力してください。');
      }
      expect(input(el, 'seatId').getAttribute('aria-invalid')).toBe('false');
      expect(input(el, 'seatId').hasAttribute('aria-describedby')).toBe(false);
      expect(recorder.events).toEqual([]);
    });

    it('moves focus to the first field with a problem', async () => {
      const el = await mount();
      fill(el, { account: 'yamada.taro' });

      await submit(el);
      await el.updateComplete;

      expect(focused(el)).toBe(input(el, 'password'));
    });

    it('treats blanks as empty', async () => {
      const el = await mount();
      fill(el, { account: '   ', password: 'secret', extension: '  ' });

      await submit(el);

      expect(input(el, 'account').getAttribute('aria-invalid')).toBe('true');
      expect(input(el, 'extension').getAttribute('aria-invalid')).toBe('true');
      expect(input(el, 'password').getAttribute('aria-invalid')).toBe('false');
      expect(recorder.events).toEqual([]);
    });

    it('explains that the extension must be digits when it contains letters', async () => {
      const el = await mount();
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '10a1' });

      await submit(el);

      const extension = input(el, 'extension');
      expect(extension.getAttribute('aria-invalid')).toBe('true');
      expect(textOf(el.shadowRoot!.getElementById(extension.getAttribute('aria-describedby')!))).toBe('内線番号は半角数字で入力してください。');
      expect(input(el, 'account').getAttribute('aria-invalid')).toBe('false');
      expect(recorder.events).toEqual([]);
    });

    it('says so when there is no status to sign in with', async () => {
      const el = await mount({ statuses: [] });
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001' });

      await submit(el);

      const select = $<HTMLSelectElement>(el, '#initialStatusId');
      expect(select.getAttribute('aria-invalid')).toBe('true');
      expect(textOf(el.shadowRoot!.getElementById(select.getAttribute('aria-describedby')!))).toBe('入力してください。');
      expect(recorder.events).toEqual([]);
    });

    it('clears the problems once the form is corrected', async () => {
      const el = await mount();
      await submit(el);

      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001' });
      await submit(el);

      expect($$(el, '[aria-invalid="true"]')).toEqual([]);
      expect($$(el, '.problem')).toEqual([]);
      expect(recorder.events).toHaveLength(1);
    });
  });

  describe('submitting', () => {
    it('fires exactly one biztel-sign-in-request with the trimmed values, heard outside the shadow root', async () => {
      const el = await mount();
      fill(el, { account: '  yamada.taro ', password: ' pass word ', extension: ' 1001 ', seatId: ' A-12 ' });
      choose($<HTMLSelectElement>(el, '#initialStatusId'), 'break');
      input(el, 'hardphone').click();

      await submit(el);

      expect(recorder.events).toHaveLength(1);
      const [event] = recorder.events;
      expect(event).toMatchObject({ type: 'biztel-sign-in-request', bubbles: true, composed: true });
      expect(event!.detail).toEqual({
        account: 'yamada.taro',
        password: ' pass word ',
        extension: '1001',
        seatId: 'A-12',
        initialStatusId: 'break',
        hardphone: true,
      });
      expect(Object.isFrozen(event!.detail)).toBe(true);
    });

    it('sends the first offered status and softphone mode when the agent changes neither', async () => {
      const el = await mount();
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001' });

      await submit(el);

      expect(recorder.events[0]?.detail).toMatchObject({ initialStatusId: 'available', hardphone: false, seatId: '' });
    });

    it('submits with Enter in a field (keyboard only)', async () => {
      const el = await mount();
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001' });

      pressEnter(input(el, 'extension'));
      await el.updateComplete;

      expect(recorder.events.map((e) => e.type)).toEqual(['biztel-sign-in-request']);
    });

    it('disables the button and shows サインイン中… while submitting, and ignores Enter', async () => {
      const el = await mount({ submitting: true });
      fill(el, { account: 'yamada.taro', password: 'secret', extension: '1001' });

      expect(submitButton(el).disabled).toBe(true);
      expect(textOf(submitButton(el))).toBe('サインイン中…');
      submitButton(el).click();
      pressEnter(input(el, 'password'));
      await el.updateComplete;

      expect(recorder.events).toEqual([]);
    });
  });

  describe('after a rejected attempt', () => {
    it("shows the manual's sentence for authFailed in an alert", async () => {
      const el = await mount({ error: 'authFailed' });

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert)).toBe(AUTH_FAILED);
    });

    it('shows no alert without an error', async () => {
      const el = await mount();

      expect($$(el, '[role="alert"]')).toEqual([]);
    });

    it('clears and focuses the password but keeps account and extension when `attempt` is bumped', async () => {
      const el = await mount();
      fill(el, { account: 'yamada.taro', password: 'wrong-password', extension: '1001' });

      el.error = 'authFailed';
      el.attempt = 1;
      await el.updateComplete;

      expect(input(el, 'password').value).toBe('');
      expect(focused(el)).toBe(input(el, 'password'));
      expect(input(el, 'account').value).toBe('yamada.taro');
      expect(input(el, 'extension').value).toBe('1001');
    });
  });

  describe('English', () => {
    it('renders the English catalogue', async () => {
      const el = await mount({ t: catalogue('en'), error: 'authFailed' });

      const labels = $$<HTMLLabelElement>(el, 'label').map((l) => textOf(l));
      expect(labels).toEqual(['Account', 'Account password', 'Extension', 'Seat ID', 'Status at sign-in', 'Use with a hardphone']);
      expect(textOf($(el, 'h2'))).toBe('Sign in');
      expect(textOf($(el, '[role="alert"]'))).toBe('The account, password or extension is wrong, or sign-in is restricted.');
      expect(el.shadowRoot!.textContent).not.toMatch(/アカウント|サインイン/);
    });
  });
});

/** `<biztel-softphone>`: the diagnostics view (診断) and the accessibility (axe) checks. */
import { $, $$, settle, textOf } from '../testing/dom.js';
import { BiztelSoftphone } from './biztel-softphone.js';
import { HostError } from '../testing/fake-host.js';
import { axeViolations } from '../testing/axe.js';
import { ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { CONNECTION_LOST, HEADING, PASSWORD, callPanel, ctx, mount, panelButton, signInForm, signedIn, useShell } from './biztel-softphone-test-helpers.js';

useShell();

describe('<biztel-softphone>', () => {
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
      ctx.services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');
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
      ctx.services.server.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
      await settle(el);

      toggle(el).click();
      await settle(el);

      expect(textOf($(el, '[role="alert"] h2'))).toBe(CONNECTION_LOST);
      expect(view(el)).not.toBeNull();
    });

    it('closes when a call starts ringing, so the panel fits the window again with 応答 in view', async () => {
      const el = await signedIn();
      toggle(el).click();
      await settle(el);
      expect(view(el)).not.toBeNull();

      ctx.services.server.push(snapshotFixture({ revision: 2, calls: [ringingCall()] }));
      await settle(el);

      expect(view(el)).toBeNull();
      expect(el.shadowRoot!.querySelector('main')!.classList.contains('fit')).toBe(true);
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
      ctx.services.server.replies.hangup = { ok: false, code: 'NO_SUCH_CALL' };
      const el = await signedIn(snapshotFixture({ calls: [talkingCall()] }));
      panelButton(el, '切断').click();
      await settle(el);

      expect(textOf($(callPanel(el), '[role="alert"] span'))).toBe('この通話は既に終了しています。');
      expect(await axeViolations(el)).toEqual([]);
    });

    it('is clean on the start-up failure screen', async () => {
      ctx.services.host.startError = new HostError('unavailable', 'sforce.opencti is not defined');
      const el = await mount();

      expect(await axeViolations(el)).toEqual([]);
    });
  });
});

/**
 * `<biztel-sign-in-form>` and one agent per extension (issue 14 §2): the confirmation when another
 * agent is signed in on the extension, and the message on the form after the session ended
 * (the extension taken over, a fresh sign-in elsewhere).
 */
import { catalogue } from '../i18n/index.js';
import { mount, input, localHHmm, seatDialog, dialogButton, submitButton, recordFormEvents, SEAT_HOLDER } from './sign-in-form-test-helpers.js';
import { $, $$, focused, press, textOf } from '../testing/dom.js';
import { SERVER_TIME } from '../testing/fixtures.js';

const recorder = recordFormEvents();
/** Signed in on 1001 since 40 minutes before SERVER_TIME. */
const LINE_HOLDER = { extension: '1001', account: 'agent01', name: '山田 花子', since: SERVER_TIME - 40 * 60_000 };

/** The dialog's heading and description, as assistive technology reads them. */
function spoken(el: Element): { heading: string; description: string } {
  const dialog = seatDialog(el);
  const text = (id: string) => textOf(el.shadowRoot!.getElementById(id));
  return {
    heading: text(dialog.getAttribute('aria-labelledby')!),
    description: dialog.getAttribute('aria-describedby')!.split(' ').map(text).join(' '),
  };
}

describe('<biztel-sign-in-form>: another agent on the extension', () => {
  it('asks in the same alert dialog who is signed in on the extension and since when, and whether to take over', async () => {
    const el = await mount({ lineConflict: LINE_HOLDER });

    expect(spoken(el)).toEqual({
      heading: '内線の確認',
      description: `内線 1001 には 山田 花子 (agent01) がサインインしています。 ${localHHmm(LINE_HOLDER.since)} からサインイン中 サインインを引き継ぎますか？「OK」をクリックすると、サインイン中のエージェントはサインアウトされます。`,
    });
    expect($$<HTMLButtonElement>(el, '[role="alertdialog"] button').map((b) => textOf(b))).toEqual(['キャンセル', 'OK']);
    expect(submitButton(el).disabled).toBe(true);
  });

  it('names the account alone when the server knows no name', async () => {
    const el = await mount({ lineConflict: { extension: '1002', account: 'agent02' } });

    expect(textOf($(el, '#seat-body'))).toBe('内線 1002 には agent02 がサインインしています。');
  });

  it('asks about the extension first when the seat is taken too', async () => {
    const el = await mount({ lineConflict: LINE_HOLDER, seatConflict: SEAT_HOLDER });

    expect(spoken(el).heading).toBe('内線の確認');
  });

  it('takes focus on キャンセル; OK and Escape answer like the seat question', async () => {
    const el = await mount();
    el.lineConflict = LINE_HOLDER;
    await el.updateComplete;
    expect(focused(el)).toBe(dialogButton(el, 'キャンセル'));

    dialogButton(el, 'OK').click();
    press(dialogButton(el, 'OK'), 'Escape');

    expect(recorder.events.map((e) => e.type)).toEqual(['biztel-seat-takeover-request', 'biztel-seat-takeover-cancel']);
  });

  it('returns focus to the extension field once answered and closed', async () => {
    const el = await mount({ lineConflict: LINE_HOLDER });
    dialogButton(el, 'キャンセル').click();

    el.lineConflict = null;
    await el.updateComplete;

    expect($$(el, '[role="alertdialog"]')).toEqual([]);
    expect(focused(el)).toBe(input(el, 'extension'));
  });

  it('speaks English', async () => {
    const el = await mount({ t: catalogue('en'), lineConflict: LINE_HOLDER });

    expect(spoken(el)).toEqual({
      heading: 'Extension in use',
      description: `山田 花子 (agent01) is signed in on extension 1001. signed in since ${localHHmm(LINE_HOLDER.since)} Take over the sign-in? Click OK to sign the other agent out.`,
    });
  });
});

describe('<biztel-sign-in-form>: why the session ended', () => {
  const alert = (el: Element) => textOf($(el, '[role="alert"]'));

  it('names the agent who took the extension over', async () => {
    const el = await mount({ error: 'lineTakenOver', takenBy: { account: 'agent02', name: '佐藤 太郎' } });

    expect(alert(el)).toBe('佐藤 太郎 がこの内線にサインインしたため、サインアウトしました。');
  });

  it('falls back to the account, then to “another agent”', async () => {
    const byAccount = await mount({ error: 'lineTakenOver', takenBy: { account: 'agent02' } });
    expect(alert(byAccount)).toBe('agent02 がこの内線にサインインしたため、サインアウトしました。');
    byAccount.remove();

    const nobody = await mount({ error: 'lineTakenOver' });
    expect(alert(nobody)).toBe('別のエージェントがこの内線にサインインしたため、サインアウトしました。');
  });

  it('says a fresh sign-in elsewhere ended this panel, and what to do if that was not the agent', async () => {
    const el = await mount({ error: 'signedInElsewhere' });

    expect(alert(el)).toBe('このアカウントが別の画面からサインインしたため、この画面はサインアウトしました。心当たりがない場合は管理者に連絡してください。');
  });

  it('speaks English', async () => {
    const el = await mount({ t: catalogue('en'), error: 'lineTakenOver', takenBy: { account: 'agent02', name: 'Taro Sato' } });

    expect(alert(el)).toBe('Taro Sato signed in on this extension, so you were signed out.');
  });
});

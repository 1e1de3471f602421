/** `<biztel-call-panel>`: the status menu, notices, the chat history of a chatbot call, the screen transfer, several windows, reconnecting. */
import type { BiztelChatTranscript } from './chat-transcript.js';
import { idle, ringing, ringingWithChat, mount, statusMenu, statusButton, menuItems, menu, openMenu, recordPanelEvents } from './call-panel-test-helpers.js';
import { axeViolations } from '../testing/axe.js';
import { $, $$, focused, textOf } from '../testing/dom.js';
import { consultationCall, heldCall, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';

const recorder = recordPanelEvents();

describe('<biztel-call-panel>', () => {
  describe('status menu', () => {
    // The menu on its own (keyboard, closing, サインアウト) is tested in status-menu.test.ts; here, its place in the panel.
    it('fires biztel-status-change-request for the chosen status and closes', async () => {
      const el = await mount(idle);
      await openMenu(el);

      menuItems(el)
        .find((b) => textOf(b) === '休憩')!
        .click();
      await el.updateComplete;
      await el.updateComplete;

      expect(recorder.events).toEqual([{ type: 'biztel-status-change-request', detail: { statusId: 'break' }, bubbles: true, composed: true }]);
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
      expect(
        menuItems(el)
          .filter((b) => b.getAttribute('aria-checked') === 'true')
          .map((b) => textOf(b)),
      ).toEqual(['離席']);
    });
  });

  describe('notices', () => {
    it('shows the notice in an alert, and the dismiss button asks to dismiss it', async () => {
      const el = await mount(idle, { notice: 'softphoneNotRunning' });

      const alert = $(el, '[role="alert"]');
      expect(textOf(alert.querySelector('span'))).toBe('ソフトフォンが起動していないため発信できません。BIZTELソフトフォンを起動してサインインしてください。');
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

    it('claims no history when the chat could not be fetched (the transcript says so)', async () => {
      const el = await mount(snapshotFixture({ revision: 15, calls: [ringingCall({ chat: { status: 'error', error: 'fetch' } })] }));

      expect(el.shadowRoot!.querySelector('.chat-flag')).toBeNull();
      expect(el.shadowRoot!.querySelector('biztel-chat-transcript')).not.toBeNull();
    });

    it("keeps the customer's chat in view while consulting a transfer target", async () => {
      const el = await mount(snapshotFixture({ revision: 14, calls: [heldCall({ chat: { status: 'error', error: 'fetch' } }), consultationCall('talking')] }));
      const transcript = $<BiztelChatTranscript>(el, 'biztel-chat-transcript');
      await transcript.updateComplete;

      expect(textOf(transcript.shadowRoot)).toContain('チャットを取得できませんでした');
    });
  });
});

describe('screen transfer (画面転送, seed 001 §9)', () => {
  const transferred = snapshotFixture({
    revision: 9,
    calls: [
      ringingCall({
        transferredBy: '1001',
        screen: {
          recordId: '0035g00000TkYqAAAV',
          recordName: '山田 太郎',
          objectType: 'Contact',
          note: '住所変更の件',
          fromExtension: '1001',
          fromName: '山田 花子',
        },
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

    expect(recorder.events).toEqual([{ type: 'biztel-record-open-request', detail: { recordId: '0035g00000TkYqAAAV' }, bubbles: true, composed: true }]);
    expect(await axeViolations(el)).toEqual([]);
  });

  it('offers a note for the transfer target during a call and reports it when changed', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    const note = $<HTMLInputElement>(el, '#transfer-note');

    note.value = '折り返し希望';
    note.dispatchEvent(new Event('change', { bubbles: true }));

    expect(recorder.events).toEqual([
      { type: 'biztel-transfer-note-change', detail: { note: '折り返し希望', callId: talkingCall().id }, bubbles: true, composed: true },
    ]);
  });

  it('shows the note again, open, for the call it was written for — and never for another call', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    const note = $<HTMLInputElement>(el, '#transfer-note');
    note.value = '折り返し希望';
    note.dispatchEvent(new Event('change', { bubbles: true }));

    el.snapshot = snapshotFixture({ revision: 4, calls: [ringingCall({ id: 'call-other' })] }); // no note offered while a call rings
    await el.updateComplete;
    el.snapshot = snapshotFixture({ revision: 5, calls: [talkingCall()] });
    await el.updateComplete;
    expect([$<HTMLDetailsElement>(el, 'details.transfer-note').open, $<HTMLInputElement>(el, '#transfer-note').value]).toEqual([true, '折り返し希望']);

    el.snapshot = snapshotFixture({ revision: 6, calls: [talkingCall({ id: 'call-later' })] });
    await el.updateComplete;
    expect([$<HTMLDetailsElement>(el, 'details.transfer-note').open, $<HTMLInputElement>(el, '#transfer-note').value]).toEqual([false, '']);
  });

  it('folds the note under its summary, so the call card stays compact until the agent opens it', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    const details = $<HTMLDetailsElement>(el, 'details.transfer-note');

    expect(details.open).toBe(false);
    expect(textOf(details.querySelector('summary'))).toBe('画面転送メモ (任意)');
    details.open = true;
    expect(await axeViolations(el)).toEqual([]);
  });

  it.each([
    ['idle', snapshotFixture()],
    ['ringing', snapshotFixture({ revision: 2, calls: [ringingCall()] })],
    ['in hardphone mode', snapshotFixture({ revision: 3, agent: { hardphone: true }, calls: [talkingCall()] })],
  ])('offers no note when %s: no transfer could take it', async (_name, snapshot) => {
    const el = await mount(snapshot);

    expect(el.shadowRoot!.querySelector('.transfer-note')).toBeNull();
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

describe('reconnecting to the event server', () => {
  it('says so in an announced warning banner, with the attempt under way', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    el.reconnecting = true;
    el.reconnectAttempt = { attempt: 3, of: 20 };
    await el.updateComplete;

    const banner = $(el, '.banner-warning[data-connection="offline"]');
    expect(textOf(banner.querySelector('[role="status"]'))).toBe(
      'イベント通知サーバに再接続しています… （3/20 回目） 接続が戻るまで操作できません。表示は最後に受信した状態です。',
    );
    expect(await axeViolations(el)).toEqual([]);
  });

  it('makes every control visibly unavailable and shows the call as last known, its timer stopped', async () => {
    const el = await mount(snapshotFixture({ revision: 3, calls: [talkingCall()] }));
    const enabledBefore = $$<HTMLButtonElement>(el, 'button').filter((b) => !b.disabled).length;
    el.reconnecting = true;
    await el.updateComplete;

    expect($$<HTMLButtonElement>(el, '.actions button, .controls button').every((b) => b.disabled)).toBe(true);
    expect($$<HTMLButtonElement>(el, 'button').filter((b) => !b.disabled).length).toBeLessThan(enabledBefore);
    expect($(el, '.panel').classList.contains('offline')).toBe(true);
    expect(el.shadowRoot!.querySelector('.call .stopped-timer')).not.toBeNull();
    expect(el.shadowRoot!.querySelector('.call biztel-call-timer')).toBeNull();

    el.reconnecting = false;
    await el.updateComplete;
    expect($$<HTMLButtonElement>(el, '.actions button').some((b) => !b.disabled)).toBe(true);
    expect(el.shadowRoot!.querySelector('[data-connection="offline"]')).toBeNull();
  });
});

/**
 * `<biztel-call-panel>` when the softphone cannot take commands (contract v2): reconnecting (a
 * warning banner with the time left, the calls stale, every control disabled, timers standing
 * still) and another account's softphone (an error banner naming it, with the manual's rule).
 */
import { jest } from '@jest/globals';
import type { Call, SoftphoneStatus } from '@biztel/protocol';
import { catalogue } from '../i18n/index.js';
import { axeViolations } from '../testing/axe.js';
import { $, $$, textOf } from '../testing/dom.js';
import { SERVER_TIME, heldCall, parkedCall, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import type { BiztelCallTimer } from './call-timer.js';
import { buttonNamed, controlNamed, mount, numberField, padToggle, recordPanelEvents } from './call-panel-test-helpers.js';

const recorder = recordPanelEvents();

/** The connection dropped 5 s before the snapshot; the line waits 30 s. */
const DROPPED = SERVER_TIME - 5_000;
const RECONNECTING: SoftphoneStatus = { running: false, state: 'reconnecting', since: DROPPED, until: DROPPED + 30_000 };
const MISMATCH: SoftphoneStatus = { running: false, state: 'mismatch', account: 'agent02' };
const MANUAL_RULE = 'OpenCTI のアカウントは、ソフトフォンのアカウントと一致する必要があります。';

const lost = (calls: Call[], extra: Parameters<typeof snapshotFixture>[0] = {}) => snapshotFixture({ revision: 20, softphone: RECONNECTING, calls, ...extra });
const banner = (el: Element) => el.shadowRoot!.querySelector('.banner');
const fakeClock = () => jest.useFakeTimers({ now: SERVER_TIME, doNotFake: ['queueMicrotask', 'nextTick'] });

describe('<biztel-call-panel> while the softphone reconnects', () => {
  it('shows a warning banner with the time left until the line gives up, counting down on the server clock', async () => {
    fakeClock();
    const el = await mount(lost([talkingCall()]));
    const countdown = $<BiztelCallTimer>(el, '.banner biztel-call-timer');
    await countdown.updateComplete;

    expect(banner(el)?.getAttribute('data-softphone')).toBe('reconnecting');
    expect(textOf($(el, '.banner [role="status"]'))).toBe('ソフトフォンとの接続が切れました。再接続を待っています…');
    expect($(el, '.banner [role="timer"]').getAttribute('aria-label')).toBe('再接続を待つ残り時間');
    expect(textOf($(el, '.banner-left span'))).toBe('残り');
    expect(textOf(countdown.shadowRoot)).toBe('00:25');

    jest.advanceTimersByTime(30_000);
    await countdown.updateComplete;
    expect(textOf(countdown.shadowRoot)).toBe('00:00');
  });

  it('shows the call as last reported, dimmed and marked 状態未確認, its call time standing at the drop', async () => {
    fakeClock();
    const el = await mount(lost([talkingCall()]));

    const call = $(el, 'section.call');
    expect(call.classList.contains('stale')).toBe(true);
    expect(call.getAttribute('aria-label')).toBe('通話中 (状態未確認)');
    expect(textOf($(el, '.call .stale-badge'))).toBe('状態未確認');
    expect(textOf($(el, '.call .number'))).toBe('0312345678');
    // Answered 65 s before the snapshot, dropped 5 s before it: 60 s, and it stays there.
    const timer = $(el, '.call [role="timer"]');
    expect(timer.getAttribute('aria-label')).toBe('通話時間');
    expect(timer.querySelector('biztel-call-timer')).toBeNull();
    expect(textOf(timer)).toBe('01:00');
    jest.advanceTimersByTime(10_000);
    await el.updateComplete;
    expect(textOf($(el, '.call [role="timer"]'))).toBe('01:00');
    expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
  });

  it('disables 切断, 保留, パーク, 転送, 発信, the number field and the pad; clicks ask for nothing', async () => {
    const el = await mount(lost([talkingCall()]));

    const disabled = [buttonNamed(el, '発信'), buttonNamed(el, '切断'), controlNamed(el, 'パーク'), controlNamed(el, '保留'), controlNamed(el, '転送')];
    expect(disabled.map((b) => b.disabled)).toEqual([true, true, true, true, true]);
    expect(numberField(el).disabled).toBe(true);
    expect(padToggle(el).disabled).toBe(true);
    for (const button of disabled) button.click();
    expect(recorder.events).toEqual([]);
  });

  it('cannot answer a ringing call or take a held customer back', async () => {
    const ringingEl = await mount(lost([ringingCall()]));
    expect(buttonNamed(ringingEl, '応答').disabled).toBe(true);
    buttonNamed(ringingEl, '応答').click();

    const heldEl = await mount(lost([heldCall()]));
    expect(controlNamed(heldEl, '保留').disabled).toBe(true);
    expect(controlNamed(heldEl, '保留').getAttribute('aria-pressed')).toBe('true');
    controlNamed(heldEl, '保留').click();

    expect(recorder.events).toEqual([]);
  });

  it('marks the parked calls stale too', async () => {
    const el = await mount(lost([], { parked: [parkedCall('701', 20_000)] }));

    expect($(el, 'section.parked').classList.contains('stale')).toBe(true);
    expect(textOf($(el, '.parked h2 .stale-badge'))).toBe('状態未確認');
  });

  it('is live again once the softphone reports: no banner, no stale mark, controls enabled', async () => {
    const el = await mount(lost([talkingCall()]));
    el.snapshot = snapshotFixture({ revision: 21, calls: [talkingCall()] });
    await el.updateComplete;

    expect(banner(el)).toBeNull();
    expect($$(el, '.stale')).toEqual([]);
    expect($(el, '.call [role="timer"] biztel-call-timer')).not.toBeNull();
    expect(buttonNamed(el, '切断').disabled).toBe(false);
    expect(numberField(el).disabled).toBe(false);
  });

  it('is clean for axe, stale call and banner included', async () => {
    const el = await mount(lost([heldCall()], { parked: [parkedCall('701', 20_000)] }));

    expect(await axeViolations(el)).toEqual([]);
  });
});

describe('<biztel-call-panel> with another account’s softphone on the extension', () => {
  it('shows an error banner naming the softphone’s account, with the manual’s sentence verbatim', async () => {
    const el = await mount(snapshotFixture({ softphone: MISMATCH }));

    expect(banner(el)?.getAttribute('role')).toBe('alert');
    expect(banner(el)?.getAttribute('data-softphone')).toBe('mismatch');
    expect($$(el, '.banner p').map((p) => textOf(p))).toEqual(['ソフトフォンは別のアカウント（agent02）でサインインしています。', MANUAL_RULE]);
    expect(el.shadowRoot!.textContent).not.toContain('ソフトフォンが起動していません');
  });

  it('disables dialling: 発信, the number field and the pad', async () => {
    const el = await mount(snapshotFixture({ softphone: MISMATCH }));

    expect(buttonNamed(el, '発信').disabled).toBe(true);
    expect(buttonNamed(el, '切断').disabled).toBe(true);
    expect(numberField(el).disabled).toBe(true);
    expect(padToggle(el).disabled).toBe(true);
    buttonNamed(el, '発信').click();
    expect(recorder.events).toEqual([]);
  });

  it('shows the account as text, however it is spelled', async () => {
    // The protocol's schema refuses such an account; the banner does not rely on that.
    const el = await mount({ ...snapshotFixture(), softphone: { ...MISMATCH, account: 'a<b>&c' } });

    expect(textOf($(el, '.banner-title'))).toBe('ソフトフォンは別のアカウント（a<b>&c）でサインインしています。');
    expect(el.shadowRoot!.querySelector('.banner b')).toBeNull();
  });

  it('says so without an account when the server did not name it', async () => {
    const el = await mount(snapshotFixture({ softphone: { running: false, state: 'mismatch' } }));

    expect(textOf($(el, '.banner-title'))).toBe('ソフトフォンは別のアカウントでサインインしています。');
  });

  it('speaks English with the English catalogue', async () => {
    const el = await mount(snapshotFixture({ softphone: MISMATCH }));
    el.t = catalogue('en');
    await el.updateComplete;

    expect($$(el, '.banner p').map((p) => textOf(p))).toEqual([
      'The softphone is signed in with another account (agent02).',
      'The Open CTI account must match the softphone account.',
    ]);
  });

  it('is clean for axe', async () => {
    const el = await mount(snapshotFixture({ softphone: MISMATCH }));

    expect(await axeViolations(el)).toEqual([]);
  });
});

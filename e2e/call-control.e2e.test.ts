/**
 * End to end in real Chromium: the call-control flows of the manual (seed 001 §2, §6–§10,
 * seed 004) with two agents, each in their own browser, on the dev host with the simulator. Every
 * state checks that its primary actions are in view without scrolling (`inView`).
 */
import { describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { callSuite, inView, pressPad } from './call-suite.js';
import { withoutAutoAnswer } from './suite.js';

const suite = callSuite();
const { agentIn, customerCalls } = suite;

describe('hold and park (seed 001 §7)', () => {
  it('parks a customer; a colleague picks up by dialling the park number', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await customerCalls(a, '1001', '0455550101');

    await a.button('保留').click();
    await a.call('held').waitFor();
    await inView(a);
    expect(await a.button('保留').getAttribute('aria-pressed')).toBe('true');
    expect(await a.axe()).toEqual([]);
    await a.button('保留').click();
    await a.call('talking').waitFor();

    await a.button('パーク').click();
    await a.panel.getByText('701 でパークしました').first().waitFor();
    await inView(a);
    expect(await a.axe()).toEqual([]);

    await b.waitIdle();
    await b.panel.getByLabel('電話番号入力欄').fill('701');
    await b.panel.getByLabel('電話番号入力欄').press('Enter');
    await b.call('talking').getByText('0455550101').waitFor();
    await until(async () => (await a.panel.getByText('701 でパークしました').count()) === 0);
  });

  it('rings the parking agent back when the call stays parked for 300 s', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await customerCalls(a, '1001', '0312345678');
    await a.button('パーク').click();
    await a.panel.getByText('701 でパークしました').first().waitFor();

    await a.page.getByTestId('sim-advance-clock').click();

    await a.call('ringing').getByText('0312345678').waitFor();
    await a.panel.getByText('701 のパーク保留が戻りました').first().waitFor();
    // Who is coming back, from Salesforce, as for any inbound call.
    await a.call('ringing').getByText('株式会社サンプル商事').waitFor();
    await inView(a);
    await a.button('応答').click();
    await a.call('talking').waitFor();
  });
});

describe('transfers between two agents (seed 001 §8, §10)', () => {
  it('attended: 保留, dial the colleague, they answer, 転送 hands the customer over', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await customerCalls(a, '1001', '0455550103');

    expect(await a.button('転送').isDisabled()).toBe(true);
    await a.button('保留').click();
    await a.call('held').waitFor();
    await a.panel.getByLabel('電話番号入力欄').fill('1002');
    await inView(a);
    await a.button('発信').click();
    await b.call('ringing').getByText('1001').waitFor();
    await a.call('dialing').waitFor();
    await inView(a);
    await b.button('応答').click();
    await a.call('talking').getByText('1002').waitFor();
    await inView(a);
    expect(await a.axe()).toEqual([]);

    await a.button('転送').click();
    await a.waitIdle();
    await b.call('talking').getByText('0455550103').waitFor();
  });

  it('attended, cancelled: 保留 again before completing returns to the customer', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await customerCalls(a, '1001', '0455550104');
    await a.button('保留').click();
    await a.call('held').waitFor();
    await a.panel.getByLabel('電話番号入力欄').fill('1002');
    await a.panel.getByLabel('電話番号入力欄').press('Enter');
    await b.call('ringing').waitFor();

    await a.button('保留').click();

    await a.call('talking').getByText('0455550104').waitFor();
    await b.waitIdle();
  });

  it('* transfer: * and the target on the pad, automatic dial after a pause, 切断 completes it', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await customerCalls(a, '1001', '0455550105');

    await pressPad(a, '*');
    await a.panel.getByText('*転送: 転送先を入力してください').first().waitFor();
    await inView(a);
    await pressPad(a, '1002');
    await b.call('ringing').waitFor();
    await inView(a);
    expect(await a.axe()).toEqual([]);

    await a.button('切断').click();

    await a.waitIdle();
    await b.call('ringing').getByText('0455550105').waitFor();
    await b.button('応答').click();
    await b.call('talking').getByText('0455550105').waitFor();
  });

  it('# transfer: # and the target, the agent’s leg drops at once', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await customerCalls(a, '1001', '0455550106');

    await pressPad(a, '#1002');

    await a.waitIdle();
    await b.call('ringing').getByText('0455550106').waitFor();
  });
});

describe('signing in (seed 001 §2)', () => {
  it('asks before taking over an occupied seat, naming who sits there; OK takes it', async () => {
    await agentIn(suite.browserA, 'agent01', '1001', { seatId: 'S-1' });
    const b = await agentIn(suite.browserB, 'agent02', '1002', { seatId: 'S-1' });

    const dialog = b.panel.getByRole('alertdialog');
    await dialog.getByText('座席ID S-1 は既に着席中です。').waitFor();
    await dialog.getByText(/山田 花子/).waitFor();
    expect(await b.axe()).toEqual([]);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await b.waitIdle();
  });

  it('asks before taking over an extension another agent is signed in on; OK takes it and the first panel says who did', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    const b = await agentIn(suite.browserB, 'agent02', '1001');

    const dialog = b.panel.getByRole('alertdialog');
    await dialog.getByText('内線 1001 には 山田 花子 (agent01) がサインインしています。').waitFor();
    expect(await b.axe()).toEqual([]);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await b.waitIdle();

    await a.panel.getByRole('alert').getByText('佐藤 太郎 がこの内線にサインインしたため、サインアウトしました。').waitFor();
    await a.panel.getByRole('button', { name: 'サインイン', exact: true }).waitFor();
    // The extension is free again for the next tests.
    await b.panel.getByRole('button', { name: /ステータス: / }).click();
    await b.panel.getByRole('menuitem', { name: 'サインアウト' }).click();
    await b.panel.getByRole('button', { name: 'サインイン', exact: true }).waitFor();
  });

  it('hardphone mode: no caller ID, no number input, no dial pad; answering still works', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001', { hardphone: true });
    await a.waitIdle();
    expect(await a.panel.getByLabel('電話番号入力欄').count()).toBe(0);
    expect(await a.panel.getByText('通知番号').count()).toBe(0);
    expect(await a.panel.getByRole('button', { name: 'ダイヤルボタン表示' }).count()).toBe(0);

    await customerCalls(a, '1001', '0455550107');
    await a.button('保留').click();
    await a.call('held').waitFor();
    await inView(a);
    await a.button('切断').click();
    await a.waitIdle();
  });
});

describe('incoming calls the panel must label (seed 001 §6, seed 004)', () => {
  it('shows 非通知 for an anonymous caller', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await a.page.getByTestId('sim-from').fill('');
    await a.page.getByTestId('sim-inbound').click();
    await a.call('ringing').getByText('非通知').waitFor();
  });

  it('shows a chatbot call’s history with safe links only', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await a.page.getByTestId('sim-chat').selectOption('ok');
    await a.page.getByTestId('sim-inbound').click();
    await a.call('ringing').waitFor();
    await a.panel.getByText('チャット履歴あり').first().waitFor();

    // The transcript is open at ring time, and 応答 stays in view.
    expect(await a.panel.getByRole('button', { name: 'チャット履歴' }).getAttribute('aria-expanded')).toBe('true');
    await inView(a);
    const links = a.panel.getByRole('link', { name: /リンクを開く/ });
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((h) => h.startsWith('https://'))).toBe(true);
    expect(await a.axe()).toEqual([]);
  });

  it.each([
    ['fetch', 'チャットを取得できませんでした'],
    ['wrongNumber', 'お客様が誤った電話番号をチャット入力したか、'],
  ])('shows the manual’s text when the chat could not be had (%s)', async (scenario, text) => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await a.page.getByTestId('sim-chat').selectOption(scenario);
    await a.page.getByTestId('sim-inbound').click();
    await a.call('ringing').waitFor();
    await a.panel.getByText(text).waitFor();
  });
});

describe('the panel as an agent works with it (seed 001 §1, §3–§5)', () => {
  it('changes status from the status label and signs out to the form', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await a.panel.getByRole('button', { name: /ステータス: 受付可/ }).click();
    await a.panel.getByRole('menuitemradio', { name: '離席' }).click();
    await a.panel.getByRole('button', { name: /ステータス: 離席/ }).waitFor();

    await a.panel.getByRole('button', { name: /ステータス: 離席/ }).click();
    await a.panel.getByRole('menuitem', { name: 'サインアウト' }).click();
    await a.panel.getByRole('button', { name: 'サインイン', exact: true }).waitFor();
  });

  it('dials from the dial pad and the call button', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await pressPad(a, '0312345678');
    expect(await a.panel.getByLabel('電話番号入力欄').inputValue()).toBe('0312345678');
    await inView(a);
    await a.button('発信').click();
    await a.call('talking').getByText('0312345678').waitFor();
  });

  it('says clearly that the softphone is not running and dials nothing', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await suite.system.simulator.setSoftphoneRunning('1001', false);
    try {
      await a.panel.getByText('ソフトフォンが起動していません').waitFor();
      await a.panel.getByLabel('電話番号入力欄').fill('0312345678');
      await a.panel.getByLabel('電話番号入力欄').press('Enter');
      await a.panel
        .getByRole('alert')
        .getByText(/ソフトフォンが起動していないため発信できません/)
        .waitFor();
      expect(suite.system.simulator.pbx.callsOf('1001')).toEqual([]);
    } finally {
      await suite.system.simulator.setSoftphoneRunning('1001', true);
    }
  });

  it('offers only the windows the administrator allowed, and says the list is controlled', async () => {
    const c = await agentIn(suite.browserA, 'agent03', '1003');
    await c.waitIdle();
    // 003: an information icon, its message on hover — and on keyboard focus, dismissed by Escape.
    const tip = c.panel.getByRole('tooltip');
    const info = c.panel.getByRole('button', { name: '設定の制御について' });
    expect(await tip.isVisible()).toBe(false);
    await info.hover();
    await tip.getByText('管理者により一部設定が制御されています。').waitFor();
    await c.page.mouse.move(0, 0);
    await tip.waitFor({ state: 'hidden' });
    await info.focus();
    await tip.waitFor();
    await c.page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    expect(await c.axe()).toEqual([]);
    const options = await c.panel.getByLabel('通知番号').locator('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual(['指定なし (既定の通知番号)', 'サポート窓口 (0312345001)']);
    expect(await c.panel.getByRole('button', { name: '番号リスト' }).count()).toBe(0);

    await c.panel.getByLabel('通知番号').selectOption({ label: 'サポート窓口 (0312345001)' });
    await c.panel.getByLabel('電話番号入力欄').fill('0312345678');
    await withoutAutoAnswer(suite.system, async () => {
      await c.panel.getByLabel('電話番号入力欄').press('Enter');
      await c.call('dialing').waitFor();
      expect(suite.system.simulator.pbx.callsOf('1003')[0]?.callerIdNumber).toBe('0312345001');
    });
  });
});

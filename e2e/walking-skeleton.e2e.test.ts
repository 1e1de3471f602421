/**
 * End to end in real Chromium: the local system (event server + simulator + dev host) on free
 * ports, the panel in the dev host's utility bar, driven the way an agent uses it.
 */
import { describe, expect, it } from '@jest/globals';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { LocalSystem } from '../server/src/local-system.js';
import { remoteAnswers, withOneAgentPerTest, withoutAutoAnswer } from './suite.js';
import { until } from '@biztel/testing';
import { Agent } from './agent.js';
import { panel, signIn, type Browser } from './browser.js';

let system: LocalSystem;
let browser: Browser;
let agent: Agent;
let page: Page;

withOneAgentPerTest(
  { autoAnswerMs: 800 },
  (s, b) => {
    system = s;
    browser = b;
  },
  () => agent,
);

async function open(query = ''): Promise<Page> {
  agent = await Agent.open(browser, system, query);
  page = agent.page;
  return page;
}

const axeViolations = (_page: Page) => agent.axe();

describe('an agent on the walking skeleton', () => {
  it('signs in, takes an inbound call with a running timer, and hangs up', async () => {
    await open();
    const p = panel(page);
    const seat = p.getByLabel('座席ID');
    await seat.waitFor();
    expect([await seat.inputValue(), await seat.isEditable()]).toEqual(['', true]);
    await p.getByLabel('サインイン時のステータス').waitFor();
    expect(await p.getByLabel('ハードフォンで利用する').isChecked()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    // The utility panel's header and its item at rest say the same name, in the agent's language.
    await until(async () => (await page.getByTestId('panel-label').textContent())?.trim() === 'BIZTEL ソフトフォン', 'the panel label');
    expect(await page.getByTestId('utility-item').textContent()).toContain('BIZTEL ソフトフォン');

    await signIn(page, 'agent01', system.demo.password, '1001');
    await p.getByRole('button', { name: /ステータス: 受付可/ }).waitFor();

    await page.getByLabel('Caller number (empty = anonymous)').fill('09012345678');
    await page.getByTestId('sim-inbound').click();
    const call = p.locator('section.call[data-state="ringing"]');
    await call.getByText('着信中').waitFor();
    await call.getByText('09012345678').waitFor();

    await p.getByRole('button', { name: '応答' }).click();
    const talking = p.locator('section.call[data-state="talking"]');
    await talking.getByText('通話中').waitFor();
    const timer = talking.locator('biztel-call-timer');
    const shown = () => timer.evaluate((el) => el.shadowRoot?.textContent?.trim() ?? '');
    // It counts from the answer (a busy machine may take a few seconds to show it), and it runs.
    const first = await shown();
    expect(first).toMatch(/^00:0[0-9]$/);
    await until(async () => (await shown()) > first, 'the call timer to tick');
    // The utility item shows the same call time as the panel, turning at the same moment.
    const item = async () => (await page.getByTestId('utility-item').textContent())?.trim() ?? '';
    await until(async () => {
      const [before, label, after] = [await shown(), await item(), await shown()];
      return before === after && label.endsWith(`通話中 ${before}`);
    }, 'the utility item to show the panel’s call time');
    expect(await axeViolations(page)).toEqual([]);

    await p.getByRole('button', { name: '切断' }).click();
    await p.getByText('待機中').first().waitFor();
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });

  it('dials with the keyboard and Enter; the remote party answers; the agent hangs up', async () => {
    await open();
    const p = panel(page);
    await signIn(page, 'agent02', system.demo.password, '1002');
    await p.getByText('待機中').first().waitFor();

    await withoutAutoAnswer(system, async () => {
      await p.getByLabel('電話番号入力欄').fill('+81 3-1234-5678');
      await p.getByLabel('電話番号入力欄').press('Enter');
      const dialing = p.locator('section.call[data-state="dialing"]');
      await dialing.getByText('0312345678').waitFor();
      remoteAnswers(system, '1002');
      await p.locator('section.call[data-state="talking"]').getByText('通話中').waitFor();
    });

    await p.getByRole('button', { name: '切断' }).click();
    await p.getByText('待機中').first().waitFor();
  });

  it('dials with the call button; the remote party answers from the simulator controls', async () => {
    system.simulator.pbx.autoAnswerMs = null;
    try {
      await open();
      const p = panel(page);
      await signIn(page, 'agent03', system.demo.password, '1003');
      await p.getByText('待機中').first().waitFor();
      await p.getByLabel('電話番号入力欄').fill('0459876543');
      await p.getByRole('button', { name: '発信' }).click();
      await p.locator('section.call[data-state="dialing"]').waitFor();
      await page.getByTestId('sim-ext-1003').getByTestId('sim-remote-answer').click();
      await p.locator('section.call[data-state="talking"]').waitFor();
      await p.getByRole('button', { name: '切断' }).click();
      await p.getByText('待機中').first().waitFor();
    } finally {
      system.simulator.pbx.autoAnswerMs = 800;
    }
  });

  it('refuses a dial string with letters before anything is sent', async () => {
    await open();
    const p = panel(page);
    await signIn(page, 'agent01', system.demo.password, '1001');
    await p.getByText('待機中').first().waitFor();
    await p.getByLabel('電話番号入力欄').fill('03-CALL-ME');
    await p.getByLabel('電話番号入力欄').press('Enter');
    await p.getByRole('alert').getByText('電話番号には数字と * # + - ( ) のみ使えます。').waitFor();
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });

  it('shows the manual’s message for a wrong password and keeps the form except the password', async () => {
    await open();
    const p = panel(page);
    await signIn(page, 'agent01', 'not-the-password', '1001');
    await p.getByRole('alert').getByText('入力したアカウント、アカウントパスワード、サインイン端末が間違っているか、ログインが制限されています。').waitFor();
    expect(await p.getByLabel('アカウント', { exact: true }).inputValue()).toBe('agent01');
    expect(await p.getByLabel('サインイン端末').inputValue()).toBe('1001');
    expect(await p.getByLabel('アカウントパスワード').inputValue()).toBe('');
  });

  it('puts focus where the next action is: digits typed right after sign-in dial, Enter answers a ringing call', async () => {
    await open();
    const p = panel(page);
    await signIn(page, 'agent01', system.demo.password, '1001');
    await p.getByRole('button', { name: /ステータス: 受付可/ }).waitFor();
    await until(async () => (await p.getByLabel('電話番号入力欄').evaluate((el) => el.matches(':focus'))) === true, 'the number field focused');
    await page.keyboard.type('0312');
    expect(await p.getByLabel('電話番号入力欄').inputValue()).toBe('0312');
    await p.getByLabel('電話番号入力欄').fill('');

    await withoutAutoAnswer(system, async () => {
      system.simulator.pbx.inbound('1001', '09012345678');
      const answer = p.getByRole('button', { name: '応答' });
      await until(async () => (await answer.evaluate((el) => el.matches(':focus')).catch(() => false)) === true, '応答 focused');
      await page.keyboard.press('Enter');
      await p.locator('section.call[data-state="talking"]').waitFor();
    });
  });

  it('rejects empty sign-in fields in the form', async () => {
    await open();
    const p = panel(page);
    await p.getByRole('button', { name: 'サインイン' }).click();
    expect(await p.getByText('入力してください。').count()).toBe(3);
    expect(await p.getByLabel('アカウント', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });
});

describe('start-up checks', () => {
  it('explains that the Open CTI API is unavailable', async () => {
    await open('?opencti=missing');
    const p = panel(page);
    await p.getByText('BIZTEL設定をご確認ください。').waitFor();
    await p.getByText('Salesforce Open CTI APIが無効です。Salesforceのアカウント権限などをご確認ください。').waitFor();
    expect(await p.getByLabel('アカウント', { exact: true }).count()).toBe(0);
    // The missing script is the scenario itself; it is the only thing allowed to fail to load.
  });

  it('explains that the event server is unreachable', async () => {
    await open('?serverUrl=' + encodeURIComponent('http://127.0.0.1:9'));
    const p = panel(page);
    await p.getByText('BIZTEL設定をご確認ください。').waitFor();
    await p.getByText('BIZTEL Open CTIサーバに接続できません。BIZTEL Open CTIサーバのURL設定、ブラウザのセキュリティ設定などをご確認ください。').waitFor();
  });

  it('names the call center setting the panel cannot use, for the admin to correct', async () => {
    await open('?phoneSearch=eahc');
    const p = panel(page);
    await p.getByText('BIZTEL設定をご確認ください。').waitFor();
    await p.getByText('コールセンターのBIZTEL設定に使えない値があります。Salesforceの設定 → コールセンターで次の項目を直してください。').waitFor();
    expect(await p.getByText('/biztel/phoneSearch must be each, notations, digits: eahc').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('recovers by itself once the event server comes up (no reload), with 再試行 offered meanwhile', async () => {
    const gate = await closedGate(new URL(system.eventServerUrl));
    try {
      await open('?serverUrl=' + encodeURIComponent(gate.url));
      const p = panel(page);
      await p.getByText('接続できるまで自動的に再試行します。').waitFor();
      await p.getByRole('button', { name: '再試行' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);

      gate.open();
      await p.getByRole('button', { name: 'サインイン', exact: true }).waitFor({ timeout: 40_000 });
    } finally {
      await gate.close();
    }
  });
});

/** A TCP port in front of the event server that refuses every connection until `open()`: a server that is down, then up. */
async function closedGate(target: URL): Promise<{ url: string; open(): void; close(): Promise<void> }> {
  let opened = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!opened) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: () => void (opened = true),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

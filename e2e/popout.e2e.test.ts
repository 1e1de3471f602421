/**
 * End to end in real Chromium: the utility's pop-out on the dev host, as Lightning does it — the
 * panel page opens in a window of its own and leaves the utility bar; pop-in, or the agent closing
 * that window, brings it back. Open CTI keeps working from whichever window holds the panel.
 */
import { describe, expect, it } from '@jest/globals';
import type { LocalSystem } from '../server/src/local-system.js';
import { withOneAgentPerTest, withoutAutoAnswer } from './suite.js';
import { until } from '@biztel/testing';
import { Agent } from './agent.js';
import type { Browser } from './browser.js';

let system: LocalSystem;
let browser: Browser;
let agent: Agent;

withOneAgentPerTest(
  {},
  (s, b) => {
    system = s;
    browser = b;
  },
  () => agent,
);

const YAMADA = '0035g00000TkYqAAAV';
const OTHER_USER = '005000000000002AAA';

async function signedIn(query = ''): Promise<Agent> {
  agent = await Agent.open(browser, system, query);
  await agent.signIn('agent01', system.demo.password, '1001');
  await agent.waitIdle();
  return agent;
}

describe('pop-out (the utility in a window of its own)', () => {
  it('moves the panel page, for the same Salesforce user, into a new window and out of the utility bar', async () => {
    const a = await signedIn(`?user=${OTHER_USER}`);
    expect(await a.page.getByTestId('sf-user').textContent()).toContain(OTHER_USER);
    const iframeScope = await a.panel.locator('meta[name="biztel-user-scope"]').getAttribute('content');
    expect(iframeScope).toMatch(new RegExp(`^00D[A-Za-z0-9]{15}/${OTHER_USER}$`));

    const popout = await a.popOut();

    expect(await a.panelIframe.count()).toBe(0);
    expect(await a.page.locator('#utility-panel').isVisible()).toBe(false);
    await a.page.getByTestId('utility-item').click();
    await a.page.getByTestId('popout-placeholder').getByText('ソフトフォンは別ウィンドウで開いています').waitFor();
    expect(new URL(popout.url()).pathname).toBe('/apex/BiztelSoftphone');
    expect(await popout.locator('meta[name="biztel-user-scope"]').getAttribute('content')).toBe(iframeScope);
    expect(a.panelRoot()).toBe(popout);
    // A fresh page load that takes the session back by itself: no password asked.
    await popout.locator('biztel-call-panel').waitFor();
    expect(await popout.getByLabel('アカウントパスワード').count()).toBe(0);
  });

  it('takes click-to-dial, dial requests and the utility item from the popped-out window', async () => {
    const a = await signedIn();
    const popout = await a.popOut();
    await popout.locator('biztel-call-panel').waitFor();

    // A dial request from a record page component (Lightning Message Service) reaches the popped-out panel.
    await a.page.getByTestId(`record-${YAMADA}`).click();
    await a.page.getByTestId('lwc-dial').click();
    await a.call('dialing').getByText('0312345678').waitFor();
    await a.button('切断').click();
    await a.waitIdle();

    // The new instance enables the phone links again once it has the session.
    await until(async () => (await a.page.getByTestId(`c2d-${YAMADA}`).getAttribute('title')) === null);
    await a.page.getByTestId(`c2d-${YAMADA}`).click();

    await a.call('dialing').getByText('0312345678').waitFor();
    expect(system.simulator.pbx.callsOf('1001')[0]?.remoteNumber).toBe('0312345678');
    // The popped-out window is still "the utility": its label and icon show in the utility bar.
    await until(async () => (await a.page.getByTestId('utility-item').getAttribute('data-icon')) === 'call');
  });

  it('opens the utility for a ringing call even while popped out', async () => {
    const a = await signedIn();
    const popout = await a.popOut();
    await a.waitIdle();
    expect(await a.page.locator('#utility-panel').isVisible()).toBe(false);

    system.simulator.pbx.inbound('1001', '09012345678');

    await popout.locator('section.call[data-state="ringing"]').waitFor();
    await a.page.getByTestId('popout-placeholder').waitFor();
  });

  it('pops back in: the window closes and the utility bar loads the panel again, which receives click-to-dial', async () => {
    const a = await signedIn();
    const popout = await a.popOut();

    await a.popIn();

    expect(popout.isClosed()).toBe(true);
    expect(a.popout).toBeNull();
    expect(await a.page.getByTestId('popout-placeholder').count()).toBe(0);
    expect(await a.page.locator('#utility-panel').isVisible()).toBe(true);
    // The iframe pop-in built is a new window: it takes the session back, and container events reach it.
    await a.waitIdle();
    expect(await a.panel.getByLabel('アカウントパスワード').count()).toBe(0);
    await until(async () => (await a.page.getByTestId(`c2d-${YAMADA}`).getAttribute('title')) === null);
    await a.page.getByTestId(`c2d-${YAMADA}`).click();
    await a.panel.locator('section.call[data-state="dialing"]').getByText('0312345678').waitFor();
  });

  it('keeps the caller ID the agent chose through a pop-out, a pop-in and a reload, and dials with it', async () => {
    const a = await signedIn();
    await a.panel.getByRole('radio', { name: '窓口リスト' }).check();
    await a.panel.getByLabel('通知番号').selectOption({ label: '営業窓口 (0312345002)' });
    const chosen = async () => (await a.panelRoot().getByLabel('通知番号').locator('option:checked').textContent())?.trim();

    const popout = await a.popOut();
    await popout.locator('biztel-call-panel').waitFor();
    await until(async () => (await chosen()) === '営業窓口 (0312345002)', { what: 'the choice in the popped-out window' });
    await a.popIn();
    await a.waitIdle();
    await until(async () => (await chosen()) === '営業窓口 (0312345002)', { what: 'the choice after pop-in' });
    await a.page.reload();
    await a.waitIdle();
    await until(async () => (await chosen()) === '営業窓口 (0312345002)', { what: 'the choice after a reload' });

    await withoutAutoAnswer(system, async () => {
      await a.panel.getByLabel('電話番号入力欄').fill('0312345678');
      await a.panel.getByLabel('電話番号入力欄').press('Enter');
      await a.call('dialing').waitFor();
      expect(system.simulator.pbx.callsOf('1001')[0]?.callerIdNumber).toBe('0312345002');
    });
  });

  it('goes back to the utility bar when the agent closes the popped-out window', async () => {
    agent = await Agent.open(browser, system);
    const popout = await agent.popOut();

    await popout.close();

    await agent.docked();
    await agent.panel.getByLabel('アカウント', { exact: true }).waitFor();
    expect(await agent.page.getByTestId('popout').isVisible()).toBe(true);
  });

  it('keeps the panel in the utility bar and says so when the browser blocks the pop-up', async () => {
    agent = await Agent.open(browser, system);
    await agent.panel.getByLabel('アカウント', { exact: true }).waitFor();
    await agent.page.evaluate(() => {
      window.open = () => null;
    });

    await agent.page.getByTestId('popout').click();

    await agent.page.getByTestId('popout-blocked').waitFor();
    expect(await agent.panelIframe.count()).toBe(1);
    expect(await agent.page.getByTestId('popout-placeholder').count()).toBe(0);
    await agent.page.getByTestId('popout-blocked').getByRole('button', { name: '閉じる' }).click();
    await agent.page.getByTestId('popout-blocked').waitFor({ state: 'detached' });
  });
});

/**
 * End to end in real Chromium: the panel at the utility panel's size (360 × 520) and at 200 % zoom
 * (180 × 260 CSS px): no sideways scrolling, the call actions, the status and the utility header in
 * view in every state, targets of at least 24 × 24 px (issue 15 §1, WCAG 2.2 2.5.8 and 1.4.10).
 */
import { describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { callSuite, inView, pressPad } from './call-suite.js';

const suite = callSuite();
const { agentIn, customerCalls } = suite;

describe('the panel in the utility bar', () => {
  it('makes the 番号リスト/窓口リスト switch a target of at least 24 × 24 px (WCAG 2.2, 2.5.8)', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    for (const name of ['番号リスト', '窓口リスト']) {
      const box = await a.panel.locator('label', { hasText: name }).boundingBox();
      expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    }
  });

  it('fits the utility panel at 360 px and at 200 % zoom without sideways scrolling', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await customerCalls(a, '1001', '0455550108');
    await pressPad(a, '');
    const frame = a.page.frames().find((f) => f.url().includes('/apex/BiztelSoftphone'))!;
    const overflow = () => frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    await inView(a);

    // 200 % zoom of a 360 × 520 panel leaves 180 × 260 CSS px.
    await a.page.locator('#utility-panel').evaluate((el) => Object.assign((el as HTMLElement).style, { width: '180px', height: '260px' }));
    await until(async () => (await frame.evaluate(() => document.documentElement.clientWidth)) <= 180);
    expect(await overflow()).toBe(0);
    await inView(a);
  });

  it('keeps every call action, the status and the utility header in view at 200 % zoom, in every state', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    const b = await agentIn(suite.browserB, 'agent02', '1002');
    await a.waitIdle();
    await a.page.locator('#utility-panel').evaluate((el) => Object.assign((el as HTMLElement).style, { width: '180px', height: '260px' }));
    const reachable = async () => {
      await inView(a);
      const panel = (await a.panelIframe.boundingBox())!;
      const status = (await a.panel.getByRole('button', { name: /^ステータス:/ }).boundingBox())!;
      expect(status.y).toBeGreaterThanOrEqual(panel.y);
      expect(status.y + status.height).toBeLessThanOrEqual(panel.y + panel.height);
      // The call between them keeps room to be seen, whatever the bar holds (notice, hint).
      expect((await a.panel.locator('.body').boundingBox())!.height).toBeGreaterThanOrEqual(40);
      if ((await a.panel.locator('section.call').count()) > 0) {
        const card = (await a.panel.locator('section.call').first().boundingBox())!;
        expect(card.y + 20).toBeLessThanOrEqual(panel.y + panel.height);
      }
      await expect(a.page.getByTestId('popout').isVisible()).resolves.toBe(true);
    };
    await reachable();

    // The heaviest ringing card: business label, a Salesforce record, the chat history open.
    await a.page.getByTestId('sim-from').fill('0312345678');
    await a.page.getByTestId('sim-chat').selectOption('ok');
    await a.page.getByTestId('sim-inbound').click();
    await a.call('ringing').waitFor();
    await a.panel.getByText('株式会社サンプル商事').first().waitFor();
    await reachable();
    await a.button('応答').click();
    await a.call('talking').waitFor();
    await pressPad(a, '');
    await reachable();
    await pressPad(a, '*');
    await a.panel.getByText('*転送: 転送先を入力してください').first().waitFor();
    await reachable();
    // The one-line card stays on top of the keys, however far they are scrolled.
    const body = a.panel.locator('.body');
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    expect((await a.panel.locator('section.call').boundingBox())!.y).toBeLessThanOrEqual((await body.boundingBox())!.y + 8);
    await reachable();
    await a.button('保留').click();
    await a.call('talking').waitFor();

    await a.button('保留').click();
    await a.call('held').waitFor();
    await reachable();
    await a.panel.getByLabel('電話番号入力欄').fill('1002');
    await a.panel.getByLabel('電話番号入力欄').press('Enter');
    await b.call('ringing').waitFor();
    await b.button('応答').click();
    await a.call('talking').getByText('1002').waitFor();
    await reachable();
    expect(await a.axe()).toEqual([]);
  });
});

describe('a new call situation', () => {
  it('starts with the call card in view, however far the agent scrolled the panel before', async () => {
    const a = await agentIn(suite.browserA, 'agent01', '1001');
    await a.waitIdle();
    await a.page.locator('#utility-panel').evaluate((el) => Object.assign((el as HTMLElement).style, { width: '180px', height: '260px' }));
    const body = a.panel.locator('.body');
    await until(async () => (await body.evaluate((el) => el.scrollHeight - el.clientHeight)) > 20);
    await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await until(async () => (await body.evaluate((el) => el.scrollTop)) > 20);

    expect(suite.system.simulator.pbx.inbound('1001', '0455550108').ok).toBe(true);
    await a.call('ringing').waitFor();
    await until(async () => (await body.evaluate((el) => el.scrollTop)) === 0);
    const card = (await a.panel.locator('section.call').first().boundingBox())!;
    expect(card.y).toBeGreaterThanOrEqual((await body.boundingBox())!.y - 1);
  });
});

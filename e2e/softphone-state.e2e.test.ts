/**
 * End to end in real Chromium: the softphone's state as the panel shows it (contract v2) — another
 * account's softphone on the agent's extension, a softphone whose network drops during a call and
 * comes back (no Task meanwhile), and a softphone that quits during a call (one Task, no duration).
 * Each state is also saved as a screenshot of the 360 × 520 utility panel in e2e/results/screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { sleep, until } from '@biztel/testing';
import type { LocalSystem } from '../server/src/local-system.js';
import { withOneAgentPerTest } from './suite.js';
import { Agent } from './agent.js';
import type { Browser } from './browser.js';
import { readCrm } from './fault-views.js';

const SHOTS = join(process.cwd(), 'e2e/results/screenshots');
const RECONNECTING = 'ソフトフォンとの接続が切れました。再接続を待っています…';
const MANUAL_RULE = 'OpenCTI のアカウントは、ソフトフォンのアカウントと一致する必要があります。';

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

/** The utility panel (360 × 520) as the agent sees it. */
async function shot(a: Agent, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await a.page.locator('#utility-panel').screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The simulator card's control of `extension`'s softphone on the dev host page. */
const simControl = (a: Agent, extension: string, testId: string) => a.page.getByTestId(`sim-ext-${extension}`).getByTestId(testId);

async function onCall(extension: string, from: string): Promise<Agent> {
  agent = await Agent.open(browser, system);
  await agent.signIn('agent01', system.demo.password, extension);
  await agent.waitIdle();
  expect(system.simulator.pbx.inbound(extension, from).ok).toBe(true);
  await agent.button('応答').click();
  await agent.call('talking').waitFor();
  return agent;
}

describe('the softphone’s state in the panel (contract v2)', () => {
  it('another account’s softphone on the extension: the manual’s sentence, the account, dialling disabled', async () => {
    agent = await Agent.open(browser, system);
    // agent02's simulated softphone holds 1002.
    await agent.signIn('agent03', system.demo.password, '1002');

    const banner = agent.panel.locator('.banner[data-softphone="mismatch"]');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    await banner.getByText('ソフトフォンは別のアカウント（agent02）でサインインしています。').waitFor();
    await banner.getByText(MANUAL_RULE).waitFor();
    expect(await agent.button('発信').isDisabled()).toBe(true);
    expect(await agent.panel.getByLabel('電話番号入力欄').isDisabled()).toBe(true);
    expect(await agent.panel.getByText('ソフトフォンが起動していません').count()).toBe(0);
    expect(await agent.axe()).toEqual([]);
    await shot(agent, 'softphone-mismatch');
  });

  it('the softphone’s network drops during a call: a banner, the call stale and locked, no Task; live again once it is back', async () => {
    const a = await onCall('1001', '0312345678');
    const callId = system.simulator.pbx.callsOf('1001')[0]!.id;
    await sleep(2_000); // some call time, to see it stand still

    await simControl(a, '1001', 'sim-softphone-network').click();

    await a.panel.getByText(RECONNECTING).waitFor();
    await a.panel.locator('.banner[data-softphone="reconnecting"]').getByText('残り').waitFor();
    const stale = a.panel.locator('section.call.stale[data-state="talking"]');
    await stale.getByText('状態未確認').waitFor();
    await stale.getByText('0312345678').waitFor();
    for (const name of ['切断', '保留', 'パーク', '発信']) expect(await a.button(name).isDisabled()).toBe(true);
    expect(await a.axe()).toEqual([]);
    await shot(a, 'softphone-reconnecting');
    // The call timer stands still while the softphone is away.
    const frozen = await a.panel.locator('section.call [role="timer"]').textContent();
    expect(frozen).toMatch(/^00:0[1-9]$/);
    await sleep(1_200);
    expect(await a.panel.locator('section.call [role="timer"]').textContent()).toBe(frozen);

    await simControl(a, '1001', 'sim-softphone-network').click();

    await a.panel.getByText(RECONNECTING).waitFor({ state: 'detached' });
    await a.panel.locator('section.call[data-state="talking"]:not(.stale)').getByText('0312345678').waitFor();
    expect(await a.button('切断').isDisabled()).toBe(false);
    await shot(a, 'softphone-back');
    expect((await readCrm(a.page)).tasks).toEqual([]);

    // The call goes on and ends while the softphone runs: its one Task has a duration.
    await a.button('切断').click();
    await a.waitIdle();
    await a.page.getByTestId(`task-${callId}`).waitFor();
    expect((await readCrm(a.page)).tasks).toEqual([callId]);
    expect(await a.page.getByTestId(`task-${callId}`).textContent()).toMatch(/·\s+\d+ s/);
  });

  it('the softphone quits during a call: the call’s one Task has no duration and says its end is unknown', async () => {
    const a = await onCall('1001', '0312345679');
    const callId = system.simulator.pbx.callsOf('1001')[0]!.id;

    try {
      await simControl(a, '1001', 'sim-softphone').click();

      await a.panel.getByText('ソフトフォンが起動していません').waitFor();
      await a.waitIdle();
      await a.page.getByTestId(`task-${callId}`).waitFor();
      await sleep(400); // a window for a duplicate Task
      expect((await readCrm(a.page)).tasks).toEqual([callId]);
      expect(await a.page.getByTestId(`task-${callId}`).textContent()).toContain('duration unknown');
      const description = await a.page.evaluate(
        (id) =>
          (document.querySelector('dev-lightning') as unknown as { container: { saved: Record<string, unknown>[] } }).container.saved.find(
            (t) => t['CallObject'] === id,
          )?.['Description'],
        callId,
      );
      expect(description).toBe('終了時刻不明（ソフトフォンが終了したか接続が切れたため、通話の終了を確認できませんでした）');
      await shot(a, 'softphone-stopped');
    } finally {
      await system.simulator.setSoftphoneRunning('1001', true);
      await until(async () => (await a.panel.getByText('ソフトフォンが起動していません').count()) === 0, 'the softphone running again');
    }
  });
});

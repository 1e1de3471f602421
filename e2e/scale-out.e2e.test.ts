/**
 * Scale-out in real Chromium: the local system with two event-server nodes sharing Redis (as
 * `REDIS_URL=… EVENT_NODES=2 npm start` runs it). The panel talks to node 1, the simulated
 * softphones to node 2, so every click and every call event crosses Redis.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { LocalSystem } from '../server/src/local-system.js';
import { withLocalSystem } from './suite.js';
import { Agent } from './agent.js';
import { panel, signIn, type Browser } from './browser.js';

let system: LocalSystem;
let browser: Browser;
let agent: Agent | undefined;

const redisUrl = process.env['TEST_REDIS_URL'];
if (!redisUrl) throw new Error('needs TEST_REDIS_URL (set by server/cluster-global-setup.cjs)');
withLocalSystem({ nodes: 2, redisUrl, redisPrefix: `e2e-${randomUUID()}` }, (s, b) => {
  system = s;
  browser = b;
});

afterEach(async () => {
  await agent?.close();
  expect(agent?.errors).toEqual([]);
});

describe('two event-server nodes sharing Redis', () => {
  it('rings, answers and hangs up across nodes, and a reload mid-call resumes on the shared session', async () => {
    expect(system.eventNodes).toHaveLength(2);
    agent = await Agent.open(browser, system);
    const { page } = agent;
    const p = panel(page);
    await signIn(page, 'agent01', system.demo.password, '1001');
    await p.getByText('待機中').first().waitFor();

    system.simulator.pbx.inbound('1001', '0312340001');
    await p.locator('section.call[data-state="ringing"]').getByText('0312340001').waitFor();
    await p.getByRole('button', { name: '応答' }).click();
    await p.locator('section.call[data-state="talking"]').getByText('通話中').waitFor();

    await page.reload();
    await panel(page).locator('section.call[data-state="talking"]').getByText('0312340001').waitFor();
    expect(await panel(page).getByLabel('アカウントパスワード').count()).toBe(0);

    await panel(page).getByRole('button', { name: '切断' }).click();
    await panel(page).getByText('待機中').first().waitFor();
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });
});

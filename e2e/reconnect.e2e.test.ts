/**
 * End to end in real Chromium: the panel keeps working when the event server drops its
 * connection — it reconnects by itself and takes its session back without the password.
 */
import { describe, expect, it } from '@jest/globals';
import type { LocalSystem } from '../server/src/local-system.js';
import { withOneAgentPerTest } from './suite.js';
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

describe('a dropped connection (seed 001 §11, and beyond)', () => {
  it('reconnects during a call and shows the same call again, without asking for the password', async () => {
    agent = await Agent.open(browser, system);
    await agent.signIn('agent01', system.demo.password, '1001');
    await agent.waitIdle();
    system.simulator.pbx.inbound('1001', '0312345678');
    await agent.button('応答').click();
    await agent.call('talking').waitFor();

    system.eventServer.io.of('/panel').disconnectSockets(true);

    await agent.call('talking').getByText('0312345678').waitFor();
    await agent.panel.getByText('イベント通知サーバに再接続しています…').waitFor({ state: 'detached' });
    expect(await agent.panel.getByLabel('アカウントパスワード').count()).toBe(0);
    await agent.button('切断').click();
    await agent.waitIdle();
    expect(system.simulator.pbx.callsOf('1001')).toEqual([]);
  });
});

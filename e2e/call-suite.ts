/**
 * The frame of the call-control browser tests: the local system with quick park and transfer
 * timings, two headless Chromiums (agent A and colleague B each in their own), the agents of each
 * test closed after it with no page error, and the steps those tests repeat.
 */
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { startLocalSystem, type LocalSystem } from '../server/src/local-system.js';
import { Agent } from './agent.js';
import { launchBrowser, type Browser } from './browser.js';

export interface CallSuite {
  readonly system: LocalSystem;
  readonly browserA: Browser;
  readonly browserB: Browser;
  /** Opens the dev host in `browser` and signs `account` in on `extension`; closed after the test. */
  readonly agentIn: (browser: Browser, account: string, extension: string, options?: Parameters<Agent['signIn']>[3]) => Promise<Agent>;
  /** The customer (PSTN) calls `agent`'s extension and the agent answers; the actions in view throughout. */
  readonly customerCalls: (agent: Agent, extension: string, from: string) => Promise<void>;
}

/** Registers the start, the stop and the per-test clean-up; the suite's parts are there once `beforeAll` ran. */
export function callSuite(): CallSuite {
  let system: LocalSystem | undefined;
  let browsers: [Browser, Browser] | undefined;
  const agents: Agent[] = [];
  const running = () => {
    if (!system || !browsers) throw new Error('the call suite is not started');
    return { system, browsers };
  };

  beforeAll(async () => {
    system = await startLocalSystem({
      root: process.cwd(),
      port: 0,
      eventPort: 0,
      autoAnswerMs: 500,
      parkDelayMs: 300,
      transferDialPauseMs: 2500,
      logLevel: 'silent',
    });
    browsers = await Promise.all([launchBrowser(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(browsers?.map((b) => b.close()) ?? []);
    await system?.stop();
  });
  afterEach(async () => {
    const errors = agents.flatMap((a) => a.errors);
    await Promise.all(agents.splice(0).map((a) => a.close()));
    system?.simulator.pbx.reset();
    expect(errors).toEqual([]);
  });

  return {
    get system() {
      return running().system;
    },
    get browserA() {
      return running().browsers[0];
    },
    get browserB() {
      return running().browsers[1];
    },
    agentIn: async (browser, account, extension, options = {}) => {
      const agent = await Agent.open(browser, running().system);
      agents.push(agent);
      await agent.signIn(account, running().system.demo.password, extension, options);
      return agent;
    },
    customerCalls: async (agent, extension, from) => {
      expect(running().system.simulator.pbx.inbound(extension, from).ok).toBe(true);
      await agent.call('ringing').waitFor();
      await inView(agent);
      await agent.button('応答').click();
      await agent.call('talking').waitFor();
      await inView(agent);
    },
  };
}

/** Every primary action of the state is in view without scrolling (issue 15 §1). */
export async function inView(agent: Agent): Promise<void> {
  expect(await agent.actionsOutOfView()).toEqual([]);
}

/** Opens the dial pad if it is closed and presses `keys` on it. */
export async function pressPad(agent: Agent, keys: string): Promise<void> {
  const toggle = agent.panel.getByRole('button', { name: 'ダイヤルボタン表示' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const names: Record<string, string> = { '*': '* アスタリスク', '#': '# シャープ' };
  for (const key of keys)
    await agent.panel
      .getByRole('group', { name: 'ダイヤルボタン' })
      .getByRole('button', { name: names[key] ?? key, exact: true })
      .click();
}

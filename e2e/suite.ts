/**
 * The frame of most browser test files: the local system on free ports (quiet) and one headless
 * Chromium, started before the file's tests and stopped after them.
 */
import { afterAll, afterEach, beforeAll, expect } from '@jest/globals';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../server/src/local-system.js';
import type { Agent } from './agent.js';
import { launchBrowser, type Browser } from './browser.js';

/** Registers the start and stop; `ready` receives the system and browser once they run. */
export function withLocalSystem(options: Partial<LocalSystemOptions>, ready: (system: LocalSystem, browser: Browser) => void): void {
  let system: LocalSystem | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    system = await startLocalSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', ...options });
    browser = await launchBrowser();
    ready(system, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });
}

/**
 * `withLocalSystem` for a file whose tests drive one agent each: after every test that agent
 * (`current()`) is closed, the PBX reset, and its pages must have logged no error.
 */
export function withOneAgentPerTest(
  options: Partial<LocalSystemOptions>,
  ready: (system: LocalSystem, browser: Browser) => void,
  current: () => Agent | undefined,
): void {
  let running: LocalSystem | undefined;
  withLocalSystem(options, (system, browser) => {
    running = system;
    ready(system, browser);
  });
  afterEach(async () => {
    const agent = current();
    const errors = agent?.errors ?? [];
    await agent?.close();
    running?.simulator.pbx.reset();
    expect(errors).toEqual([]);
  });
}

/**
 * Runs `run` with the simulator's automatic answer of outbound calls off, so "dialing" stays on
 * screen until the test lets the remote party answer (`remoteAnswers`): a test that looks for the
 * dialing state never races the auto-answer timer on a busy machine.
 */
export async function withoutAutoAnswer<T>(system: LocalSystem, run: () => Promise<T>): Promise<T> {
  const pbx = system.simulator.pbx;
  const before = pbx.autoAnswerMs;
  pbx.autoAnswerMs = null;
  try {
    return await run();
  } finally {
    pbx.autoAnswerMs = before;
  }
}

/** The remote party of `extension`'s dialing call answers it. */
export function remoteAnswers(system: LocalSystem, extension: string): void {
  const pbx = system.simulator.pbx;
  const dialing = pbx.callsOf(extension).find((c) => c.state === 'dialing');
  if (!dialing) throw new Error(`${extension} has no dialing call: ${JSON.stringify(pbx.callsOf(extension))}`);
  const reply = pbx.remoteAnswer(dialing.id);
  if (!reply.ok) throw new Error(`remote answer refused: ${reply.code}`);
}

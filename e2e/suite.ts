/**
 * The frame of most browser test files: the local system on free ports (quiet) and one headless
 * Chromium, started before the file's tests and stopped after them.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../server/src/local-system.js';
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

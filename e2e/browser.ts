/**
 * Real Chromium for end-to-end tests (playwright-core, never a downloaded browser). A missing
 * browser is a failure with instructions, never a silent skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Headless flags that work on this kind of machine (no sandbox as root, no network chatter of Chromium's own). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install it with ' +
        '`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), ' +
        'or set CHROME_PATH to a Chrome/Chromium binary. (`bash .ci/run` installs it for you.)',
    );
  }
  return found;
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `args`: more Chromium flags (e.g. `--host-resolver-rules` for the SCV dev host's Salesforce
 * name); `ignoreHTTPSErrors`: accept the dev host's throw-away certificate.
 */
export async function launchBrowser(options: { args?: readonly string[]; ignoreHTTPSErrors?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'biztel-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    ...(options.ignoreHTTPSErrors ? { ignoreHTTPSErrors: true } : {}),
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The softphone panel inside the dev host's utility bar. */
export function panel(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="BIZTEL Softphone"]');
}

export async function signIn(page: Page, account: string, password: string, extension: string): Promise<void> {
  const p = panel(page);
  await p.getByLabel('アカウント', { exact: true }).fill(account);
  await p.getByLabel('アカウントパスワード').fill(password);
  await p.getByLabel('サインイン端末').fill(extension);
  await p.getByRole('button', { name: 'サインイン' }).click();
}

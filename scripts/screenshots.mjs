// Regenerates the README screenshots (docs/screenshots/*.png) from the running local system in
// headless Chromium. Usage: npm run screenshots   (needs `npm run build` output and Chromium).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startLocalSystem } from '../dist/server/server/src/local-system.js';

const out = 'docs/screenshots';
const system = await startLocalSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
const profile = mkdtempSync(join(tmpdir(), 'biztel-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 760 },
  deviceScaleFactor: 1,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  await page.goto(`${system.url}/`);
  const panel = page.frameLocator('iframe[title="BIZTEL Softphone"]');
  const utility = page.locator('#utility-panel');
  const shot = (name) => utility.screenshot({ path: `${out}/${name}.png` });

  await panel.getByLabel('アカウント', { exact: true }).waitFor();
  await shot('sign-in');
  await panel.getByLabel('アカウント', { exact: true }).fill('agent01');
  await panel.getByLabel('アカウントパスワード').fill(system.demo.password);
  await panel.getByLabel('サインイン端末').fill('1001');
  await panel.getByRole('button', { name: 'サインイン' }).click();
  await panel.getByText('待機中').first().waitFor();
  await shot('idle');

  system.simulator.pbx.inbound('1001', '09012345678', 'サポート窓口');
  await panel.locator('section.call[data-state="ringing"]').waitFor();
  await shot('ringing');
  await panel.getByRole('button', { name: '応答' }).click();
  await panel.locator('section.call[data-state="talking"]').waitFor();
  await page.waitForTimeout(3200);
  await shot('talking');
  await page.screenshot({ path: `${out}/dev-host.png` });
  await panel.getByRole('button', { name: '切断' }).click();

  const failed = await context.newPage();
  await failed.goto(`${system.url}/?serverUrl=${encodeURIComponent('http://127.0.0.1:9')}`);
  await failed.frameLocator('iframe[title="BIZTEL Softphone"]').getByText('BIZTEL設定をご確認ください。').waitFor({ timeout: 15000 });
  await failed.locator('#utility-panel').screenshot({ path: `${out}/startup-error.png` });
  console.log(`screenshots written to ${out}/`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await system.stop();
}

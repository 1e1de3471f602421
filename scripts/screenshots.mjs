// Regenerates the README screenshots (docs/screenshots/*.png) from the running local system in
// headless Chromium. Usage: npm run screenshots   (needs `npm run build` output and Chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SCV_DEV_HOST, startLocalSystem } from '../dist/server/local-system.js';

// Without a Japanese font every label renders as empty boxes: refuse rather than overwrite the
// committed screenshots with broken ones.
let japaneseFonts = '';
try {
  japaneseFonts = execFileSync('fc-list', [':lang=ja'], { encoding: 'utf8' }).trim();
} catch {
  // no fontconfig: treated as no fonts
}
if (!japaneseFonts) {
  console.error('screenshots: no Japanese font is installed (fc-list :lang=ja is empty); install one first, e.g. apt-get install -y fonts-noto-cjk');
  process.exit(2);
}

const out = 'docs/screenshots';
const system = await startLocalSystem({ root: process.cwd(), port: 0, eventPort: 0, scvPort: 0, autoAnswerMs: null, parkDelayMs: 300, logLevel: 'silent' });
const profile = mkdtempSync(join(tmpdir(), 'biztel-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 760 },
  deviceScaleFactor: 1,
  // The SCV dev host: an https page under a Salesforce name, with a throw-away certificate.
  ignoreHTTPSErrors: true,
  args: [
    `--host-resolver-rules=MAP ${SCV_DEV_HOST} 127.0.0.1`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
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

  system.simulator.pbx.inbound('1001', '09012345678', 'サポート窓口', {
    status: 'ok',
    messages: [
      { from: 'customer', kind: 'text', text: 'ソフトフォンにサインインできません。', at: Date.now() - 120_000 },
      { from: 'bot', kind: 'text', text: 'エラー内容を教えてください。担当者におつなぎします。', at: Date.now() - 60_000 },
    ],
  });
  await panel.locator('section.call[data-state="ringing"]').waitFor();
  await shot('ringing');
  await panel.getByRole('button', { name: '応答' }).click();
  await panel.locator('section.call[data-state="talking"]').waitFor();
  await panel.getByRole('button', { name: 'チャット履歴' }).click();
  await panel.getByRole('button', { name: 'ダイヤルボタン表示' }).click();
  await page.waitForTimeout(3200);
  await shot('talking');
  await page.screenshot({ path: `${out}/dev-host.png` });
  // 200 % zoom: the 360 × 520 utility panel leaves 180 × 260 CSS px.
  await utility.evaluate((el) => Object.assign(el.style, { width: '180px', height: '260px' }));
  await page.waitForTimeout(300);
  await utility.screenshot({ path: `${out}/zoom-200.png` });
  await utility.evaluate((el) => Object.assign(el.style, { width: '', height: '' }));
  await panel.getByRole('button', { name: 'ダイヤルボタン表示' }).click();

  await panel.getByRole('button', { name: '保留' }).click();
  await panel.locator('section.call[data-state="held"]').waitFor();
  await panel.getByLabel('電話番号入力欄').fill('1002');
  await panel.getByLabel('電話番号入力欄').press('Enter');
  await panel.locator('section.call[data-state="dialing"]').waitFor();
  const target = system.simulator.pbx.callsOf('1002')[0];
  await page.waitForTimeout(300);
  await shot('transfer');
  if (target) system.simulator.pbx.command('1002', { type: 'hangup', id: 'shot-1', callId: target.id });
  await panel.getByRole('button', { name: '保留' }).click();
  await panel.locator('section.call[data-state="talking"]').waitFor();
  await panel.getByRole('button', { name: 'パーク' }).click();
  await panel.getByText('701 でパークしました').first().waitFor();
  await shot('parked');
  system.simulator.pbx.reset();
  await panel.getByText('待機中').first().waitFor();

  // The panel's own connection to the event server drops mid-call: it reconnects by itself.
  system.simulator.pbx.inbound('1001', '0312345678');
  await panel.getByRole('button', { name: '応答' }).click();
  await panel.locator('section.call[data-state="talking"]').waitFor();
  await page.waitForTimeout(2200);
  await context.setOffline(true);
  await panel.locator('[data-connection="offline"]').waitFor();
  await page.waitForTimeout(1200);
  await shot('reconnecting');
  await context.setOffline(false);
  await panel.locator('[data-connection="offline"]').waitFor({ state: 'detached', timeout: 30000 });
  system.simulator.pbx.reset();
  await panel.getByText('待機中').first().waitFor();

  // The softphone's network drops mid-call: the call stays, stale, until it is back.
  system.simulator.pbx.inbound('1001', '0312345678');
  await panel.getByRole('button', { name: '応答' }).click();
  await panel.locator('section.call[data-state="talking"]').waitFor();
  await page.waitForTimeout(2200);
  system.simulator.setSoftphoneNetwork('1001', false);
  await panel.getByText('ソフトフォンとの接続が切れました', { exact: false }).waitFor();
  await page.waitForTimeout(1200);
  await shot('softphone-reconnecting');
  system.simulator.setSoftphoneNetwork('1001', true);
  await panel.getByText('ソフトフォンとの接続が切れました', { exact: false }).waitFor({ state: 'detached' });
  system.simulator.pbx.reset();
  await panel.getByText('待機中').first().waitFor();

  // A second tab of the same Salesforce user: it takes the session back and leaves pops to the first.
  const second = await context.newPage();
  await second.goto(`${system.url}/`);
  const secondPanel = second.frameLocator('iframe[title="BIZTEL Softphone"]');
  await secondPanel.getByText('待機中').first().waitFor();
  system.simulator.pbx.inbound('1001', '0312345678');
  await secondPanel.getByText('別の画面で処理中').waitFor();
  await secondPanel.getByText('山田 太郎').waitFor();
  await second.locator('#utility-panel').screenshot({ path: `${out}/second-window.png` });
  await second.close();
  system.simulator.pbx.reset();
  await panel.getByText('待機中').first().waitFor();
  await panel.getByRole('button', { name: '診断' }).click();
  await panel.getByRole('heading', { name: '診断情報' }).waitFor();
  await page.waitForTimeout(300);
  await shot('diagnostics');
  await panel.getByRole('button', { name: '閉じる' }).click();

  const failed = await context.newPage();
  await failed.goto(`${system.url}/?serverUrl=${encodeURIComponent('http://127.0.0.1:9')}`);
  await failed.frameLocator('iframe[title="BIZTEL Softphone"]').getByText('BIZTEL設定をご確認ください。').waitFor({ timeout: 15000 });
  await failed.locator('#utility-panel').screenshot({ path: `${out}/startup-error.png` });

  // Service Cloud Voice: the dev host with the connector's BIZTEL sign-in in SCV's login frame, then a call.
  const scv = await context.newPage();
  await scv.goto(system.scvUrl);
  const connector = scv.frameLocator('iframe[title="BIZTEL connector"]');
  await connector.getByLabel('アカウント', { exact: true }).fill('agent01');
  await connector.getByLabel('サインイン端末').fill('1001');
  await scv.screenshot({ path: `${out}/scv-login.png` });
  await connector.getByLabel('アカウントパスワード').fill(system.demo.password);
  await connector.getByRole('button', { name: 'サインイン' }).click();
  await scv.getByTestId('scv-state').getByText('Ready').waitFor();
  await scv.getByRole('button', { name: 'Place inbound call' }).click();
  await scv.getByTestId('scv-calls').getByText('ringing').waitFor();
  await scv.getByRole('button', { name: 'Accept' }).click();
  await scv.getByTestId('scv-calls').getByText('connected').waitFor();
  await scv.screenshot({ path: `${out}/scv-call.png` });
  console.log(`screenshots written to ${out}/`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  await system.stop();
}

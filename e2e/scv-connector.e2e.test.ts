/**
 * The Service Cloud Voice connector end to end, in real Chromium: the SCV dev host (an https page
 * under a Salesforce name, as scv-connector-base requires) frames the built connector page, sets
 * it up with the real library's handshake, and the agent signs in to BIZTEL in the login frame; the
 * simulator's calls reach the host as SCV telephony events and the host's requests reach the
 * simulated softphone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { SCV_DEV_HOST, startLocalSystem, type LocalSystem } from '../server/src/local-system.js';
import { until } from '@biztel/testing';
import { launchBrowser, type Browser } from './browser.js';

let system: LocalSystem;
let browser: Browser;

beforeAll(async () => {
  system = await startLocalSystem({ root: process.cwd(), port: 0, eventPort: 0, scvPort: 0, autoAnswerMs: null, logLevel: 'silent' });
  browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${SCV_DEV_HOST} 127.0.0.1`], ignoreHTTPSErrors: true });
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** The host's list of what the connector published, as text lines. */
const logOf = (page: Page) => page.getByTestId('scv-log').locator('li').allInnerTexts();
const published = async (page: Page, event: string) => (await logOf(page)).filter((l) => l.startsWith(`${event} `));

async function signedIn(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(system.scvUrl!);
  const frame = page.frameLocator('iframe[title="BIZTEL connector"]');
  await frame.getByLabel('アカウント', { exact: true }).fill('agent01');
  await frame.getByLabel('アカウントパスワード').fill(system.demo.password);
  await frame.getByLabel('サインイン端末').fill('1001');
  await frame.getByRole('button', { name: 'サインイン' }).click();
  await until(async () => (await page.getByTestId('scv-state').textContent()) === 'Ready', 'the connector ready');
  expect(errors).toEqual([]);
}

describe('the SCV connector on the SCV dev host', () => {
  it('signs in through the login frame, announces a ringing call, answers, holds and ends it through SCV requests', async () => {
    const page = await browser.newPage();
    await signedIn(page);
    expect(await published(page, 'LOGIN_RESULT')).toHaveLength(1);

    await page.getByRole('button', { name: 'Place inbound call' }).click();
    await until(async () => (await published(page, 'CALL_STARTED')).length === 1, 'CALL_STARTED');
    expect((await published(page, 'CALL_STARTED'))[0]).toContain('"phoneNumber":"09012345678"');

    await page.getByRole('button', { name: 'Accept' }).click();
    await until(async () => (await published(page, 'CALL_CONNECTED')).length === 1, 'CALL_CONNECTED');
    await until(() => system.simulator.pbx.callsOf('1001')[0]?.state === 'talking', 'the softphone talking');

    await page.getByRole('button', { name: 'Hold', exact: true }).click();
    await until(async () => (await published(page, 'HOLD_TOGGLE')).length === 1, 'HOLD_TOGGLE');
    await until(() => system.simulator.pbx.callsOf('1001')[0]?.state === 'held', 'the softphone holding');

    await page.getByRole('button', { name: 'End call' }).click();
    await until(async () => (await published(page, 'HANGUP')).length === 1, 'HANGUP');
    await until(() => system.simulator.pbx.callsOf('1001').length === 0, 'the call ended on the softphone');
    // Each change was told once: SCV derives some from the requests' answers, the rest from the snapshots.
    for (const event of ['CALL_STARTED', 'CALL_CONNECTED', 'HOLD_TOGGLE', 'HANGUP']) expect(await published(page, event)).toHaveLength(1);
    await page.close();
  });
});

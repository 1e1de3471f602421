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

let users = 0;
/** Each test is another Salesforce user (`?user=`), so no test finds the last one's session in storage. */
const nextUser = () => `005${String((users += 1)).padStart(12, '0')}AAA`;

/** Opens the SCV host as `user` (and `extra` query) and signs agent01 in on 1001 in the connector's login frame. */
async function signedIn(page: Page, user = nextUser(), extra = ''): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${system.scvUrl!}?user=${user}${extra}`);
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

  it('dials, adds a colleague as an attended transfer and completes it when the agent ends the call', async () => {
    const page = await browser.newPage();
    await signedIn(page);
    const pbx = system.simulator.pbx;
    await page.getByLabel('Number').fill('03-1234-5678');
    await page.getByRole('button', { name: 'Dial' }).click();
    await until(async () => (await published(page, 'CALL_STARTED')).length === 1, 'the outbound call started');
    const outbound = pbx.callsOf('1001')[0]!;
    expect(outbound).toMatchObject({ direction: 'outbound', remoteNumber: '0312345678' });
    expect(pbx.remoteAnswer(outbound.id).ok).toBe(true);
    await until(async () => (await published(page, 'CALL_CONNECTED')).length === 1, 'the call connected');

    await page.getByLabel('Number').fill('0698765432');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await until(async () => (await published(page, 'PARTICIPANT_ADDED')).length === 1, 'the participant added');
    const consultation = pbx.callsOf('1001').find((c) => c.transfer);
    expect(consultation).toMatchObject({ remoteNumber: '0698765432', transfer: { kind: 'attended', of: outbound.id } });
    expect(pbx.remoteAnswer(consultation!.id).ok).toBe(true);
    await until(async () => (await published(page, 'PARTICIPANT_CONNECTED')).length === 1, 'the participant connected');

    await page.getByRole('button', { name: 'End call' }).click();
    await until(async () => (await published(page, 'HANGUP')).length === 1, 'the agent off the call');
    await until(() => pbx.callsOf('1001').length === 0, 'the agent’s legs gone');
    for (const event of ['CALL_STARTED', 'CALL_CONNECTED', 'PARTICIPANT_ADDED', 'PARTICIPANT_CONNECTED', 'HANGUP'])
      expect(await published(page, event)).toHaveLength(1);
    pbx.reset();
    await page.close();
  });

  it('lists the transfer targets, sets the BIZTEL status from an Omni-Channel status and signs out of BIZTEL on log out', async () => {
    const page = await browser.newPage();
    await signedIn(page);
    await page.getByRole('button', { name: 'Contacts' }).click();
    await until(async () => (await published(page, 'PHONE_CONTACTS')).length === 1, 'the contacts');
    // The tenant's other extensions and its ring group, from the event server's directory.
    const contacts = (await published(page, 'PHONE_CONTACTS'))[0]!;
    for (const number of ['"phoneNumber":"1002"', '"phoneNumber":"1003"']) expect(contacts).toContain(number);
    expect(contacts).not.toContain('"phoneNumber":"1001"');
    await page.getByRole('button', { name: 'Break' }).click();
    await until(async () => (await published(page, 'SET_AGENT_STATUS_RESULT')).length === 1, 'the status set');
    expect((await published(page, 'SET_AGENT_STATUS_RESULT'))[0]).toContain('"success":true');
    await page.getByRole('button', { name: 'Log out' }).click();
    await until(async () => (await published(page, 'LOGOUT_RESULT')).length === 1, 'the logout');
    // SCV shows the login frame again: the BIZTEL sign-in form is back in it.
    await until(async () => (await page.frameLocator('iframe[title="BIZTEL connector"]').getByLabel('サインイン端末').count()) === 1, 'the sign-in form again');
    await page.close();
  });

  it('takes the session back after a reload and in another tab of the same user, with the call in progress, without the password', async () => {
    const page = await browser.newPage();
    const user = nextUser();
    await signedIn(page, user);
    await page.getByRole('button', { name: 'Place inbound call' }).click();
    await until(async () => (await published(page, 'CALL_STARTED')).length === 1, 'the call');
    await page.getByRole('button', { name: 'Accept' }).click();
    await until(async () => (await published(page, 'CALL_CONNECTED')).length === 1, 'the call connected');

    await page.reload();
    await until(async () => (await page.getByTestId('scv-state').textContent()) === 'Ready', 'the connector ready again');
    expect(await published(page, 'SHOW_LOGIN')).toEqual([]);
    // The host lists the call CONNECTOR_READY carried as in progress.
    expect(await page.getByTestId('scv-calls').innerText()).toContain('09012345678 — connected');
    // Another tab of the same Salesforce user joins the session; another user's tab asks for the password.
    const second = await browser.newPage();
    await second.goto(`${system.scvUrl!}?user=${user}`);
    await until(async () => (await second.getByTestId('scv-state').textContent()) === 'Ready', 'the second tab ready');
    expect(await published(second, 'SHOW_LOGIN')).toEqual([]);
    const stranger = await browser.newPage();
    await stranger.goto(`${system.scvUrl!}?user=${nextUser()}`);
    await until(async () => (await published(stranger, 'SHOW_LOGIN')).length === 1, 'the login frame for another user');
    await stranger.close();
    await second.close();
    system.simulator.pbx.reset();
    await page.close();
  });

  it('signs the user’s other tab in too when the agent signs in on one of them', async () => {
    const user = nextUser();
    const waiting = await browser.newPage();
    await waiting.goto(`${system.scvUrl!}?user=${user}`);
    await until(async () => (await published(waiting, 'SHOW_LOGIN')).length === 1, 'the login frame in the waiting tab');
    const page = await browser.newPage();
    await signedIn(page, user);
    await until(async () => (await waiting.getByTestId('scv-state').textContent()) === 'Ready', 'the waiting tab signed in too');
    expect(await published(waiting, 'LOGIN_RESULT')).toHaveLength(1);
    await waiting.close();
    await page.close();
  });

  it('works with the connector on another origin than the Salesforce page, as a vendor hosts it', async () => {
    const page = await browser.newPage();
    await signedIn(page, nextUser(), '&connector=cross');
    expect(page.frames().some((f) => f.url().startsWith('https://localhost:'))).toBe(true);
    await page.getByRole('button', { name: 'Place inbound call' }).click();
    await until(async () => (await published(page, 'CALL_STARTED')).length === 1, 'the call');
    await page.getByRole('button', { name: 'Accept' }).click();
    await until(async () => (await published(page, 'CALL_CONNECTED')).length === 1, 'the call connected');
    await page.getByRole('button', { name: 'End call' }).click();
    await until(async () => (await published(page, 'HANGUP')).length === 1, 'the call ended');
    await page.close();
  });
});

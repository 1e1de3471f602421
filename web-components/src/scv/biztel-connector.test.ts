/**
 * @jest-environment jest-fixed-jsdom
 *
 * The connector's set-up and session through the real scv-connector-base (testing/scv-connector-page.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { CONFIG, connectorPage, connectorPagePerTest, signedInPage } from '../testing/scv-connector-page.js';
import { until } from '../testing/wait.js';

connectorPagePerTest();

describe('setting up (SETUP_CONNECTOR from Salesforce)', () => {
  it('connects to the contact center’s event server and asks SCV for its login frame', async () => {
    const page = await connectorPage();
    page.setup();
    await until(() => page.events('SHOW_LOGIN').length === 1, 'the login frame');
    expect(page.server.argsOf('connect')).toEqual(['https://events.example.com']);
    expect(page.events('SHOW_LOGIN')[0]).toEqual({ loginFrameHeight: expect.any(Number) });
    expect(page.login.shown).toBe(1);
  });

  it('after the BIZTEL sign-in tells SCV the login succeeded, then the agent’s phone and what BIZTEL can do', async () => {
    const page = await signedInPage();
    expect(page.events('LOGIN_RESULT')).toEqual([{ success: true }]);
    expect(page.login.hidden).toBe(1);
    const ready = page.posted.find((m) => m.type === 'CONNECTOR_READY')!.payload as Record<string, Record<string, unknown>>;
    expect(ready['agentConfig']).toMatchObject({ SELECTED_PHONE: { type: 'SOFT_PHONE' }, PHONES: [{ type: 'SOFT_PHONE' }, { type: 'DESK_PHONE' }] });
    expect(ready['capabilities']).toMatchObject({ MUTE: false, MERGE: false, SWAP: false, RECORD: false, BLIND_TRANSFER: true });
    expect(ready['callInProgress']).toBeNull();
  });

  it('takes a stored session back without the login frame, with the call in progress', async () => {
    const page = await connectorPage({ token: `token-${'x'.repeat(40)}` });
    page.server.resumeReply = { ok: true, snapshot: snapshotFixture({ calls: [talkingCall()] }) };
    page.setup();
    await until(() => page.posted.some((m) => m.type === 'CONNECTOR_READY'), 'the connector ready');
    expect(page.events('SHOW_LOGIN')).toEqual([]);
    expect(page.events('LOGIN_RESULT')).toEqual([]);
    const ready = page.posted.find((m) => m.type === 'CONNECTOR_READY')!.payload as Record<string, unknown>;
    expect(ready['callInProgress']).toMatchObject({ callId: 'call-20250401-0001', state: 'connected', callType: 'Inbound' });
  });

  it('refuses a contact center without a usable event server URL (INVALID_PARAMS), connecting nowhere', async () => {
    const page = await connectorPage();
    page.setup({ '/biztel/serverUrl': 'http://events.example.com' });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'INVALID_PARAMS' });
    expect(page.server.argsOf('connect')).toEqual([]);
  });

  it('reports an unreachable event server as a failed log-in', async () => {
    const page = await connectorPage();
    page.server.connectError = new Error('ECONNREFUSED');
    page.setup();
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'CAN_NOT_LOG_IN' });
  });

  it('keeps the session per Salesforce org and user when the contact center’s values name them, else for the tab alone', async () => {
    const named = await connectorPage();
    named.setup({ ...CONFIG, organizationId: '00D000000000001EAA', userId: '005000000000001AAA' });
    await until(() => named.events('SHOW_LOGIN').length === 1, 'the login frame');
    expect(named.scopes).toEqual(['00D000000000001EAA/005000000000001AAA']);
    const forged = await connectorPage();
    forged.setup({ ...CONFIG, organizationId: '00D000000000001EAA', userId: '../../other' });
    await until(() => forged.events('SHOW_LOGIN').length === 1, 'the login frame');
    expect(forged.scopes).toEqual([null]);
  });

  it('refuses an event server the hosting site does not allow, before sending it anything (attack: any org may set the connector up)', async () => {
    const page = await connectorPage({ allowedServers: ['https://events.biztel.example'] });
    page.setup();
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'INVALID_PARAMS' });
    expect(page.server.argsOf('connect')).toEqual([]);
    const allowed = await connectorPage({ allowedServers: ['https://events.example.com'] });
    allowed.setup();
    await until(() => allowed.events('SHOW_LOGIN').length === 1, 'the login frame');
  });

  it('ignores a SETUP_CONNECTOR from a page that is not Salesforce (attack)', async () => {
    const page = await connectorPage({ origin: 'https://evil.example.com' });
    page.setup();
    await new Promise((resolve) => setTimeout(resolve, 50)); // a window for a connection that must not start
    expect(page.server.argsOf('connect')).toEqual([]);
    expect(page.posted).toEqual([]);
  });
});

describe('the session', () => {
  it('maps an Omni-Channel status to the BIZTEL status of that API name, and refuses one BIZTEL lacks', async () => {
    const page = await signedInPage();
    page.request({ type: 'SET_AGENT_STATUS', agentStatus: 'Available', statusInfo: { statusApiName: 'Break', statusName: 'Break' } });
    await until(() => page.events('SET_AGENT_STATUS_RESULT').length === 1, 'the result');
    expect(page.server.argsOf('setStatus')).toEqual([{ statusId: 'break' }]);
    expect(page.events('SET_AGENT_STATUS_RESULT')[0]).toEqual({ success: true });

    page.request({ type: 'SET_AGENT_STATUS', agentStatus: 'Available', statusInfo: { statusApiName: 'Lunch_On_Mars', statusName: 'Mars' } });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'INVALID_AGENT_STATUS' });
    expect(page.server.argsOf('setStatus')).toHaveLength(1);
  });

  it('tells SCV the agent is logged out when the server ends the session, and shows the login again', async () => {
    const page = await signedInPage();
    page.server.endSession({ reason: 'signedInElsewhere' });
    await until(() => page.events('LOGOUT_RESULT').length === 1, 'the logout');
    expect(page.events('LOGOUT_RESULT')[0]).toEqual({ success: true, loginFrameHeight: expect.any(Number) });
    expect(page.login.shown).toBe(2);
  });

  it('signs out of BIZTEL on LOGOUT', async () => {
    const page = await signedInPage();
    page.request({ type: 'LOGOUT' });
    await until(() => page.events('LOGOUT_RESULT').length === 1, 'the logout');
    expect(page.server.argsOf('signOut')).toHaveLength(1);
    expect(page.events('LOGOUT_RESULT')[0]).toMatchObject({ success: true });
  });
});

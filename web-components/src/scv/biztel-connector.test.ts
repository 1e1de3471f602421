/**
 * @jest-environment jest-fixed-jsdom
 *
 * The connector driven through the real `@salesforce/scv-connector-base` (its published build), as
 * Salesforce drives it: a `SETUP_CONNECTOR` window message from a Salesforce origin hands over a
 * MessageChannel port; requests arrive on it, telephony events leave on it. The event server is
 * the scriptable fake: the test plays the softphone by pushing the snapshots it would report.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import type { Call, Snapshot } from '@biztel/protocol';
import { memoryStore } from '../core/key-value-store.js';
import { ResumeStore } from '../session/resume-store.js';
import { FakeEventServer } from '../testing/fake-event-server.js';
import { recordingLogger } from '../testing/fake-services.js';
import { chatHistory, consultationCall, heldCall, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { until } from '../testing/wait.js';

const SALESFORCE = 'https://acme.lightning.force.com';
const CONFIG = { '/biztel/serverUrl': 'https://events.example.com', '/reqGeneralInfo/reqAdapterUrl': 'https://connector.example.com' };
const FORM = { account: 'yamada.taro', password: 'secret-pass', extension: '1001', seatId: '', initialStatusId: 'available', hardphone: false };

interface Posted {
  type: string;
  payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown; [key: string]: unknown };
}

const open: (() => void)[] = [];
beforeEach(() => {
  // The library reports each error it dispatches on the console: the tests read the dispatched events.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  open.splice(0).forEach((close) => close());
  jest.restoreAllMocks();
});

async function connectorPage({ token = null as string | null, origin = SALESFORCE } = {}) {
  jest.resetModules();
  const lib = await import('@salesforce/scv-connector-base');
  const { BiztelConnector } = await import('./biztel-connector.js');
  const server = new FakeEventServer();
  const login = { shown: 0, hidden: 0 };
  const resume = new ResumeStore(memoryStore(), '00D000000000001/005000000000001', null);
  if (token) resume.write(token);
  const connector = new BiztelConnector({
    services: { server, logger: recordingLogger(), now: () => Date.now(), resume },
    login: { show: () => (login.shown += 1), hide: () => (login.hidden += 1) },
    pageProtocol: 'https:',
  });
  lib.initializeConnector(connector);
  const { port1, port2 } = new MessageChannel();
  const posted: Posted[] = [];
  port2.on('message', (m: Posted) => posted.push(m));
  open.push(() => {
    port1.close();
    port2.close();
  });
  const setup = (config: object = CONFIG) => {
    const event = new Event('message');
    Object.defineProperties(event, {
      data: { value: { type: 'SETUP_CONNECTOR', connectorConfig: config } },
      origin: { value: origin },
      ports: { value: [port1] },
    });
    window.dispatchEvent(event);
  };
  const events = (type: string) =>
    posted
      .filter((m) => m.type === 'TELEPHONY_EVENT_DISPATCHED' && m.payload?.telephonyEventType === type)
      .map((m) => m.payload!.telephonyEventPayload as Record<string, unknown>);
  const request = (message: object) => port2.postMessage(message);
  const snapshot = (...calls: Call[]): Snapshot => snapshotFixture({ calls, revision: Date.now() });
  return { connector, server, login, posted, setup, events, request, snapshot };
}

/** A page signed in through the login form, with SCV told the connector is ready. */
async function signedInPage() {
  const page = await connectorPage();
  page.setup();
  await until(() => page.events('SHOW_LOGIN').length === 1, 'the login frame');
  await page.connector.app.session.signIn(FORM);
  await until(() => page.posted.some((m) => m.type === 'CONNECTOR_READY'), 'the connector ready');
  return page;
}

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

  it('ignores a SETUP_CONNECTOR from a page that is not Salesforce (attack)', async () => {
    const page = await connectorPage({ origin: 'https://evil.example.com' });
    page.setup();
    await new Promise((resolve) => setTimeout(resolve, 50)); // a window for a connection that must not start
    expect(page.server.argsOf('connect')).toEqual([]);
    expect(page.posted).toEqual([]);
  });
});

describe('calls', () => {
  it('announces a ringing call, answers it on ACCEPT_CALL and says it connected once', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(ringingCall({ chat: chatHistory() })));
    await until(() => page.events('CALL_STARTED').length === 1, 'the call started');
    expect(page.events('CALL_STARTED')[0]).toMatchObject({ callId: 'call-20250401-0001', callType: 'Inbound', phoneNumber: '0312345678', state: 'ringing' });
    expect(page.events('MESSAGE')).toEqual([{ type: 'biztel.chat', callId: 'call-20250401-0001', chat: chatHistory() }]);

    page.request({ type: 'ACCEPT_CALL', call: { callId: 'call-20250401-0001', callType: 'Inbound' } });
    await until(() => page.server.argsOf('answer').length === 1, 'the answer command');
    expect(page.server.argsOf('answer')).toEqual([{ callId: 'call-20250401-0001' }]);
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call connected');
    await new Promise((resolve) => setTimeout(resolve, 50)); // a window for a second announcement
    expect(page.events('CALL_CONNECTED')).toHaveLength(1);
  });

  it('holds and resumes the customer, hangs up on END_CALL, each told once', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.request({ type: 'HOLD', call: { callId: 'call-20250401-0001', callAttributes: { participantType: 'Initial_Caller' } } });
    await until(() => page.server.argsOf('hold').length === 1, 'the hold command');
    page.server.push(page.snapshot(heldCall()));
    await until(() => page.events('HOLD_TOGGLE').length === 1, 'the hold');
    expect(page.events('HOLD_TOGGLE')[0]).toMatchObject({ isCustomerOnHold: true, isThirdPartyOnHold: false });

    page.request({ type: 'END_CALL', call: { callId: 'call-20250401-0001' } });
    await until(() => page.server.argsOf('hangup').length === 1, 'the hang-up command');
    page.server.push(page.snapshot());
    await until(() => page.events('HANGUP').length === 1, 'the hang-up');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.events('HOLD_TOGGLE')).toHaveLength(1);
    expect(page.events('HANGUP')).toHaveLength(1);
  });

  it('dials the contact’s number as the panel would (normalised), and announces the call once', async () => {
    const page = await signedInPage();
    page.request({ type: 'DIAL', contact: { phoneNumber: '03-1234-5678' } });
    await until(() => page.server.argsOf('dial').length === 1, 'the dial command');
    expect(page.server.argsOf('dial')).toEqual([{ number: '0312345678' }]);
    page.server.push(page.snapshot(ringingCall({ id: 'out-1', direction: 'outbound', state: 'dialing' })));
    await until(() => page.events('CALL_STARTED').length === 1, 'the call started');
    expect(page.events('CALL_STARTED')[0]).toMatchObject({ callId: 'out-1', callType: 'Outbound' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.events('CALL_STARTED')).toHaveLength(1);
  });

  it('refuses to dial what is not a phone number (INVALID_DESTINATION), sending nothing (attack)', async () => {
    const page = await signedInPage();
    page.request({ type: 'DIAL', contact: { phoneNumber: 'javascript:alert(1)' } });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'INVALID_DESTINATION' });
    expect(page.events('CALL_FAILED')).toHaveLength(1);
    expect(page.server.argsOf('dial')).toEqual([]);
  });

  it('adds a participant as BIZTEL’s attended transfer, then completes it when the agent leaves', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.request({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '2002' }, call: { callId: 'call-20250401-0001' }, isBlindTransfer: false });
    await until(() => page.server.argsOf('hold').length === 1, 'the customer held');
    page.server.push(page.snapshot(heldCall()));
    await until(() => page.server.argsOf('dial').length === 1, 'the colleague dialled');
    expect(page.server.argsOf('dial')).toEqual([{ number: '2002' }]);
    page.server.push(page.snapshot(heldCall(), consultationCall('dialing')));
    await until(() => page.events('PARTICIPANT_ADDED').length === 1, 'the participant added');
    expect(page.events('PARTICIPANT_ADDED')[0]).toMatchObject({ callId: 'call-20250401-0002', phoneNumber: '2002', initialCallHasEnded: false });
    page.server.push(page.snapshot(heldCall(), consultationCall('talking')));
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 1, 'the participant connected');

    page.request({ type: 'END_CALL', call: { callId: 'call-20250401-0001', callAttributes: { participantType: 'Agent' } } });
    await until(() => page.server.argsOf('transfer').length === 1, 'the transfer completed');
    expect(page.server.argsOf('transfer')).toEqual([{ callId: 'call-20250401-0002' }]);
    expect(page.server.argsOf('hangup')).toEqual([]);
    page.server.push(page.snapshot());
    await until(() => page.events('HANGUP').length === 1, 'the agent off the call');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.events('PARTICIPANT_ADDED')).toHaveLength(1);
    expect(page.events('HANGUP')).toHaveLength(1);
  });

  it('answers a request for a call that is not the agent’s with an error, sending nothing (attack)', async () => {
    const page = await signedInPage();
    page.request({ type: 'DECLINE_CALL', call: { callId: 'someone-elses-call' } });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'CAN_NOT_DECLINE_THE_CALL' });
    expect(page.server.argsOf('hangup')).toEqual([]);
  });

  it('turns a command the server refuses into the request’s error', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.replies.hold = { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    page.request({ type: 'HOLD', call: { callId: 'call-20250401-0001' } });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'CAN_NOT_HOLD_CALL' });
  });
});

describe('phone contacts (SCV’s transfer dialog)', () => {
  it('lists colleagues with their status, free extensions and ring groups from the server’s directory, filtered by SCV’s search', async () => {
    const page = await signedInPage();
    page.request({ type: 'GET_PHONE_CONTACTS', filter: {} });
    await until(() => page.events('PHONE_CONTACTS').length === 1, 'the contacts');
    expect(page.events('PHONE_CONTACTS')[0]).toEqual({
      contacts: [
        expect.objectContaining({ type: 'Agent', name: '佐藤 花子 (1002)', phoneNumber: '1002', description: '受付可' }),
        expect.objectContaining({ type: 'PhoneBook', name: '1003', phoneNumber: '1003' }),
        expect.objectContaining({ type: 'Queue', name: 'サポートグループ', phoneNumber: '2000' }),
      ],
      contactTypes: ['Agent', 'Queue', 'PhoneBook'],
    });
    page.request({ type: 'GET_PHONE_CONTACTS', filter: { contains: 'サポート' } });
    await until(() => page.events('PHONE_CONTACTS').length === 2, 'the filtered contacts');
    expect((page.events('PHONE_CONTACTS')[1]!['contacts'] as { phoneNumber: string }[]).map((c) => c.phoneNumber)).toEqual(['2000']);
  });

  it('reports a directory the server refuses as the request’s error', async () => {
    const page = await signedInPage();
    page.server.directoryReply = { ok: false, code: 'RATE_LIMITED' };
    page.request({ type: 'GET_PHONE_CONTACTS', filter: {} });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'CAN_NOT_GET_PHONE_CONTACTS' });
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

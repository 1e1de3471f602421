/**
 * @jest-environment jest-fixed-jsdom
 *
 * The connector's calls and contacts through the real scv-connector-base (testing/scv-connector-page.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { CALLER_IDS, chatHistory, consultationCall, heldCall, ringingCall, talkingCall } from '../testing/fixtures.js';
import { connectorPagePerTest, signedInPage } from '../testing/scv-connector-page.js';
import { until } from '../testing/wait.js';

connectorPagePerTest();

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
        ...CALLER_IDS.windows.map((w) => expect.objectContaining({ type: 'PhoneBook', name: w.name, phoneNumber: w.number })),
      ],
      contactTypes: ['Agent', 'Queue', 'PhoneBook'],
    });
    page.request({ type: 'GET_PHONE_CONTACTS', filter: { contains: 'サポート' } });
    await until(() => page.events('PHONE_CONTACTS').length === 2, 'the filtered contacts');
    // Searching as the agent types is answered from the directory read a moment ago (the server limits reads).
    expect(page.server.argsOf('directory')).toHaveLength(1);
    // The ring group and the window (窓口) named サポート…
    const support = CALLER_IDS.windows.filter((w) => w.name.includes('サポート')).map((w) => w.number);
    expect((page.events('PHONE_CONTACTS')[1]!['contacts'] as { phoneNumber: string }[]).map((c) => c.phoneNumber)).toEqual(['2000', ...support]);
  });

  it('reports a directory the server refuses as the request’s error', async () => {
    const page = await signedInPage();
    page.server.directoryReply = { ok: false, code: 'RATE_LIMITED' };
    page.request({ type: 'GET_PHONE_CONTACTS', filter: {} });
    await until(() => page.events('ERROR').length === 1, 'the error');
    expect(page.events('ERROR')[0]).toEqual({ message: 'CAN_NOT_GET_PHONE_CONTACTS' });
  });
});

describe('more of SCV’s requests', () => {
  it('resumes the customer, sends keypad digits to the call, and never * or # (BIZTEL transfer keys) or anything else (attack)', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(heldCall()));
    // A call first seen on hold is announced started, connected, and on hold.
    await until(() => page.events('HOLD_TOGGLE').length === 1, 'the call on hold');
    expect(page.events('HOLD_TOGGLE')[0]).toMatchObject({ isCustomerOnHold: true });
    page.request({ type: 'RESUME', call: { callId: 'call-20250401-0001' } });
    await until(() => page.server.argsOf('unhold').length === 1, 'the unhold command');
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('HOLD_TOGGLE').length === 2, 'the resume');
    expect(page.events('HOLD_TOGGLE')[1]).toMatchObject({ isCustomerOnHold: false });

    page.request({ type: 'SEND_DIGITS', digits: '12' });
    await until(() => page.server.argsOf('dtmf').length === 1, 'the digits');
    expect(page.server.argsOf('dtmf')).toEqual([{ callId: 'call-20250401-0001', digits: '12' }]);
    // `*` and `#` would start a BIZTEL transfer (the customer held): never sent as a keypad tone.
    for (const digits of ['#', '1*', '1; DROP']) page.request({ type: 'SEND_DIGITS', digits });
    page.request({ type: 'SEND_DIGITS', digits: '3' });
    await until(() => page.server.argsOf('dtmf').length === 2, 'the next digits');
    expect(page.server.argsOf('dtmf')[1]).toEqual({ callId: 'call-20250401-0001', digits: '3' });
  });

  it('transfers blind as BIZTEL’s # transfer: the participant added and the agent off the call, each told once', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.request({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '2002' }, call: { callId: 'call-20250401-0001' }, isBlindTransfer: true });
    await until(() => page.server.argsOf('dtmf').length === 1, 'the # transfer');
    expect(page.server.argsOf('dtmf')).toEqual([{ callId: 'call-20250401-0001', digits: '#2002' }]);
    page.server.push(page.snapshot());
    await until(() => page.events('HANGUP').length === 1, 'the agent off the call');
    expect(page.events('PARTICIPANT_ADDED')).toEqual([expect.objectContaining({ phoneNumber: '2002', initialCallHasEnded: true })]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(page.events('HANGUP')).toHaveLength(1);
  });

  it('says the consultation ended while the customer stays (PARTICIPANT_REMOVED), and the customer hung up during it', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(heldCall(), consultationCall('talking')));
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 1, 'the consultation');
    page.server.push(page.snapshot(heldCall()));
    await until(() => page.events('PARTICIPANT_REMOVED').length === 1, 'the consultation gone');

    page.server.push(page.snapshot(heldCall(), consultationCall('talking', { id: 'call-20250401-0003' })));
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 2, 'a second consultation');
    page.server.push(page.snapshot(consultationCall('talking', { id: 'call-20250401-0003' })));
    // The library turns the initial caller's removal into PARTICIPANT_CONNECTED { initialCallHasEnded: true }.
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 3, 'the customer gone');
    expect(page.events('PARTICIPANT_CONNECTED')[2]).toEqual({ initialCallHasEnded: true });
  });

  it('declines mute, swap and conference with the library’s errors, sending nothing', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    const before = page.server.calls.length;
    page.request({ type: 'MUTE' });
    page.request({ type: 'SWAP_PARTICIPANTS', callToHold: {}, callToResume: {} });
    page.request({ type: 'CONFERENCE', calls: [] });
    await until(() => page.events('ERROR').length === 3, 'three errors');
    expect(page.events('ERROR')).toEqual([{ message: 'CAN_NOT_MUTE_CALL' }, { message: 'CAN_NOT_SWAP_PARTICIPANTS' }, { message: 'CAN_NOT_CONFERENCE' }]);
    expect(page.server.calls.slice(before).filter((c) => c.method !== 'ping')).toEqual([]);
  });
});

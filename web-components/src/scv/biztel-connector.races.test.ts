/**
 * @jest-environment jest-fixed-jsdom
 *
 * The connector's requests when the softphone's reports race them (found in review): a request that
 * fails or finds the state already there forgets what it expected, acts only on its own calls, and
 * SCV hears each change once and in order.
 */
import { describe, expect, it } from '@jest/globals';
import { consultationCall, heldCall, ringingCall, talkingCall } from '../testing/fixtures.js';
import { connectorPagePerTest, signedInPage } from '../testing/scv-connector-page.js';
import { until } from '../testing/wait.js';

connectorPagePerTest();
/** A window for an event that must not come (or must not come twice). */
const pause = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('requests that race the softphone (review)', () => {
  it('R1: a HOLD whose call ends first must not swallow a later hold change', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.request({ type: 'HOLD', call: { callId: 'call-20250401-0001', callAttributes: { participantType: 'Initial_Caller' } } });
    await until(() => page.server.argsOf('hold').length === 1, 'hold sent');
    page.server.push(page.snapshot()); // the caller hung up before the hold showed
    await until(() => page.events('HANGUP').length === 1, 'hangup');
    await pause();
    const before = page.events('HOLD_TOGGLE').length;
    // next call; the agent holds it on the BIZTEL softphone / desk phone (not through SCV)
    page.server.push(page.snapshot(talkingCall({ id: 'c2' })));
    await until(() => page.events('CALL_CONNECTED').length === 2, 'second call');
    page.server.push(page.snapshot(heldCall({ id: 'c2' })));
    await pause();
    expect(page.events('HOLD_TOGGLE').length).toBe(before + 1);
  });

  it('R2: attended ADD_PARTICIPANT with the customer already held must not swallow a later hold change', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(heldCall()));
    await until(() => page.events('HOLD_TOGGLE').length === 1, 'held call');
    page.request({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '2002' }, call: { callId: 'call-20250401-0001' }, isBlindTransfer: false });
    await until(() => page.server.argsOf('dial').length === 1, 'dial');
    page.server.push(page.snapshot(heldCall(), consultationCall('dialing')));
    await until(() => page.events('PARTICIPANT_ADDED').length === 1, 'added');
    page.server.push(page.snapshot(heldCall())); // colleague did not answer
    await until(() => page.events('PARTICIPANT_REMOVED').length === 1, 'removed');
    page.server.push(page.snapshot(talkingCall())); // customer taken off hold on the softphone/desk phone
    await pause();
    expect(page.events('HOLD_TOGGLE')).toHaveLength(2);
  });

  it('R3: attended ADD_PARTICIPANT whose dial is refused leaves SCV and BIZTEL agreeing on the hold', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall()));
    await until(() => page.events('CALL_CONNECTED').length === 1, 'the call');
    page.server.replies.dial = { ok: false, code: 'BUSY' };
    page.request({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '2002' }, call: { callId: 'call-20250401-0001' }, isBlindTransfer: false });
    await until(() => page.server.argsOf('hold').length === 1, 'hold');
    page.server.push(page.snapshot(heldCall()));
    await until(() => page.events('ERROR').length === 1, 'error');
    await pause();
    // BIZTEL: customer held. SCV: told neither HOLD_TOGGLE nor was the hold undone.
    expect({ holdToggles: page.events('HOLD_TOGGLE').length, unhold: page.server.argsOf('unhold').length }).not.toEqual({ holdToggles: 0, unhold: 0 });
  });

  it('R4: END_CALL (Agent) for one call must not also hang up a second call that is ringing', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(talkingCall(), ringingCall({ id: 'c2', remoteNumber: '0399999999' })));
    await until(() => page.events('CALL_STARTED').length === 2, 'both calls');
    page.request({ type: 'END_CALL', call: { callId: 'call-20250401-0001', callAttributes: { participantType: 'Agent' } } });
    await until(() => page.server.argsOf('hangup').length >= 1, 'hangup');
    await pause();
    expect(page.server.argsOf('hangup')).toEqual([{ callId: 'call-20250401-0001' }]);
  });

  it('R5: DIAL answers with the dialled call, not an inbound call that rang meanwhile', async () => {
    const page = await signedInPage();
    page.request({ type: 'DIAL', contact: { phoneNumber: '0311112222' } });
    await until(() => page.server.argsOf('dial').length === 1, 'dial');
    page.server.push(
      page.snapshot(ringingCall({ id: 'in-2' }), ringingCall({ id: 'out-1', direction: 'outbound', state: 'dialing', remoteNumber: '0311112222' })),
    );
    await until(() => page.events('CALL_STARTED').length === 2, 'calls');
    await pause();
    const started = page.events('CALL_STARTED').map((c) => `${String(c['callId'])}/${String(c['callType'])}`);
    // the DIAL answer (published by the library) should be the outbound call
    expect(started[started.length - 1]).toBe('out-1/Outbound');
  });

  it('R6: completing a transfer while another call rings still tells SCV the call ended', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(heldCall(), consultationCall('talking')));
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 1, 'consultation');
    page.server.push(page.snapshot(heldCall(), consultationCall('talking'), ringingCall({ id: 'c3', remoteNumber: '0399999999' })));
    await until(() => page.events('CALL_STARTED').length === 2, 'waiting call');
    page.request({ type: 'END_CALL', call: { callId: 'call-20250401-0001', callAttributes: { participantType: 'Agent' } } });
    await until(() => page.server.argsOf('transfer').length === 1, 'transfer');
    page.server.push(page.snapshot(ringingCall({ id: 'c3', remoteNumber: '0399999999' })));
    const told = () => page.events('HANGUP').length + page.events('PARTICIPANT_REMOVED').length;
    await until(() => told() > 0 || page.events('ERROR').length > 0, 'SCV told');
    await pause();
    expect({ told: told(), errors: page.events('ERROR') }).toEqual({ told: 1, errors: [] });
  });

  it('R7: order of events SCV receives when the consultation ends and the customer is resumed in one snapshot', async () => {
    const page = await signedInPage();
    page.server.push(page.snapshot(heldCall(), consultationCall('talking')));
    await until(() => page.events('PARTICIPANT_CONNECTED').length === 1, 'consultation');
    const mark = page.posted.length;
    page.server.push(page.snapshot(talkingCall()));
    const order = () =>
      page.posted
        .slice(mark)
        .filter((m) => m.type === 'TELEPHONY_EVENT_DISPATCHED')
        .map((m) => m.payload?.telephonyEventType);
    await until(() => order().length === 2, 'both events');
    expect(order()).toEqual(['PARTICIPANT_REMOVED', 'HOLD_TOGGLE']);
  });
});

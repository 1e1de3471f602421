import { describe, expect, it } from '@jest/globals';
import { applyScvEvent, type HostCall } from './scv-host-calls.js';

const customer = {
  callId: 'c1',
  callType: 'Inbound',
  state: 'connected',
  phoneNumber: '0312345678',
  callAttributes: { participantType: 'Initial_Caller' },
  callInfo: { isOnHold: false },
};
const run = (events: [string, unknown][]): HostCall[] => events.reduce<HostCall[]>((calls, [event, payload]) => applyScvEvent(calls, event, payload), []);

describe('the calls the SCV dev host lists', () => {
  it('follows a call from start to hang-up, hold included', () => {
    const calls = run([
      ['CALL_STARTED', { ...customer, state: 'ringing' }],
      ['CALL_CONNECTED', customer],
      ['HOLD_TOGGLE', { isCustomerOnHold: true, isThirdPartyOnHold: false }],
    ]);
    expect(calls).toEqual([{ callId: 'c1', callType: 'Inbound', state: 'connected', phoneNumber: '0312345678', party: 'customer', onHold: true }]);
    expect(applyScvEvent(calls, 'HANGUP', [customer])).toEqual([]);
  });

  it('tracks a consultation as the third party, and drops it when removed', () => {
    const consulting = run([
      ['CALL_CONNECTED', customer],
      ['PARTICIPANT_ADDED', { callId: 'c2', phoneNumber: '1002', initialCallHasEnded: false }],
      ['PARTICIPANT_CONNECTED', { callId: 'c2', phoneNumber: '1002', initialCallHasEnded: false }],
    ]);
    expect(consulting.map((c) => [c.callId, c.party, c.state])).toEqual([
      ['c1', 'customer', 'connected'],
      ['c2', 'thirdParty', 'transferred'],
    ]);
    expect(applyScvEvent(consulting, 'PARTICIPANT_REMOVED', { reason: null }).map((c) => c.callId)).toEqual(['c1']);
    // The customer left during the consultation: only the colleague stays.
    expect(applyScvEvent(consulting, 'PARTICIPANT_CONNECTED', { initialCallHasEnded: true }).map((c) => c.callId)).toEqual(['c2']);
  });

  it('clears the list on a hang-up naming no call, a log-out and a new login frame; starts from the call in progress', () => {
    const calls = run([['CALL_CONNECTED', customer]]);
    expect(applyScvEvent(calls, 'HANGUP', undefined)).toEqual([]);
    expect(applyScvEvent(calls, 'LOGOUT_RESULT', { success: true })).toEqual([]);
    expect(applyScvEvent([], 'CONNECTOR_READY', { callInProgress: customer })).toHaveLength(1);
    expect(applyScvEvent([], 'CONNECTOR_READY', { callInProgress: null })).toEqual([]);
  });
});

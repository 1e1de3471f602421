import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import { chatHistory, consultationCall, heldCall, ringingCall, snapshotFixture, talkingCall } from '../testing/fixtures.js';
import { callEvents, scvCall, scvCalls, type ScvCallEvent } from './scv-calls.js';

const snap = (...calls: Call[]) => snapshotFixture({ calls });
const kinds = (events: ScvCallEvent[]) => events.map((e) => e.type);

describe('a BIZTEL leg in SCV terms', () => {
  it('makes an inbound ringing leg a ringing inbound call of the initial caller', () => {
    expect(scvCall(ringingCall())).toMatchObject({
      callId: 'call-20250401-0001',
      callType: 'inbound',
      state: 'ringing',
      participant: 'initialCaller',
      phoneNumber: '0312345678',
      onHold: false,
      parentCallId: null,
    });
  });

  it('tells outbound, transferred-here and recalled legs apart', () => {
    expect(scvCall(ringingCall({ direction: 'outbound', state: 'dialing' })).callType).toBe('outbound');
    expect(scvCall(ringingCall({ transferredBy: '1002' })).callType).toBe('transfer');
    expect(scvCall(ringingCall({ direction: 'outbound', recall: { slot: '701' } })).callType).toBe('inbound');
  });

  it('makes a consultation a third party that transfers, then is transferred when answered', () => {
    expect(scvCall(consultationCall('dialing'))).toMatchObject({
      callType: 'addParticipant',
      participant: 'thirdParty',
      state: 'transferring',
      parentCallId: 'call-20250401-0001',
    });
    expect(scvCall(consultationCall('talking')).state).toBe('transferred');
  });

  it('counts a held leg and a leg collecting * / # digits as on hold', () => {
    expect(scvCall(heldCall()).onHold).toBe(true);
    expect(scvCall(talkingCall({ collecting: { kind: 'star', digits: '20' } })).onHold).toBe(true);
    expect(scvCall(talkingCall()).onHold).toBe(false);
  });

  it('carries the chatbot conversation and times a connected call from its answer', () => {
    const call = scvCall(talkingCall({ chat: chatHistory() }));
    expect(call.chat).toEqual(chatHistory());
    expect(call.startedAt).toBe(talkingCall().answeredAt);
  });

  it('lists customer calls before consultations', () => {
    expect(scvCalls(snap(consultationCall('dialing'), heldCall())).map((c) => c.participant)).toEqual(['initialCaller', 'thirdParty']);
    expect(scvCalls(null)).toEqual([]);
  });
});

describe('what SCV is told when the calls change', () => {
  it('announces a ringing call, its answer, and its end', () => {
    expect(kinds(callEvents(snap(), snap(ringingCall())))).toEqual(['callStarted']);
    expect(kinds(callEvents(snap(ringingCall()), snap(talkingCall())))).toEqual(['callConnected']);
    const end = callEvents(snap(talkingCall()), snap());
    expect(end).toEqual([{ type: 'hangup', calls: [expect.objectContaining({ callId: 'call-20250401-0001', state: 'ended' })] }]);
  });

  it('announces a call found already connected (first snapshot, reload) as started then connected', () => {
    expect(kinds(callEvents(null, snap(talkingCall())))).toEqual(['callStarted', 'callConnected']);
  });

  it('says nothing when nothing SCV knows changed', () => {
    expect(callEvents(snap(talkingCall()), snap(talkingCall({ businessLabel: '別の窓口' })))).toEqual([]);
  });

  it('toggles hold on the customer and on the third party', () => {
    const toHold = callEvents(snap(talkingCall()), snap(heldCall()));
    expect(toHold).toEqual([{ type: 'holdToggle', customerOnHold: true, thirdPartyOnHold: false, calls: [expect.objectContaining({ onHold: true })] }]);
    const back = callEvents(snap(heldCall()), snap(talkingCall()));
    expect(back).toMatchObject([{ type: 'holdToggle', customerOnHold: false }]);
    const third = callEvents(snap(heldCall(), consultationCall('talking')), snap(heldCall(), consultationCall('talking', { state: 'held' })));
    expect(third).toMatchObject([{ type: 'holdToggle', customerOnHold: true, thirdPartyOnHold: true }]);
  });

  it('walks an attended transfer: customer held, participant added, connected, transfer completed', () => {
    const consulting = snap(heldCall(), consultationCall('dialing'));
    expect(kinds(callEvents(snap(talkingCall()), consulting))).toEqual(['participantAdded', 'holdToggle']);
    const answered = snap(heldCall(), consultationCall('talking'));
    expect(kinds(callEvents(consulting, answered))).toEqual(['participantConnected']);
    const done = callEvents(answered, snap());
    expect(done).toMatchObject([{ type: 'hangup', calls: [{ participant: 'initialCaller' }, { participant: 'thirdParty' }] }]);
  });

  it('removes the participant who left while the other stays', () => {
    const both = snap(heldCall(), consultationCall('talking'));
    expect(callEvents(both, snap(heldCall()))).toEqual([
      { type: 'participantRemoved', call: expect.objectContaining({ participant: 'thirdParty', state: 'ended' }) },
    ]);
    expect(callEvents(both, snap(consultationCall('talking')))).toEqual([
      { type: 'participantRemoved', call: expect.objectContaining({ participant: 'initialCaller', state: 'ended' }) },
    ]);
  });

  it('hangs up a call that ended while an unrelated one goes on (after a reconnect) — it is no participant of it', () => {
    const other = ringingCall({ id: 'call-during-outage' });
    expect(callEvents(snap(talkingCall()), snap(other))).toEqual([
      { type: 'hangup', calls: [expect.objectContaining({ callId: 'call-20250401-0001', state: 'ended' })] },
      { type: 'callStarted', call: expect.objectContaining({ callId: 'call-during-outage' }) },
    ]);
  });
});

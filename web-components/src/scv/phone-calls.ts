/**
 * `scv-connector-base` objects from the connector's call descriptions (scv-calls.ts): the
 * `PhoneCall` SCV shows and the results its requests expect. What BIZTEL cannot do (mute, record,
 * merge, swap) is never offered on a call.
 */
import { CallInfo, Constants, Contact, PhoneCall, PhoneCallAttributes } from '@salesforce/scv-connector-base';
import type { ScvCall, ScvCallState, ScvCallType, ScvParticipant } from './scv-calls.js';

const CALL_TYPE: Record<ScvCallType, string> = {
  inbound: Constants.CALL_TYPE.INBOUND,
  outbound: Constants.CALL_TYPE.OUTBOUND,
  transfer: Constants.CALL_TYPE.TRANSFER,
  addParticipant: Constants.CALL_TYPE.ADD_PARTICIPANT,
};
const CALL_STATE: Record<ScvCallState, string> = {
  ringing: Constants.CALL_STATE.RINGING,
  connected: Constants.CALL_STATE.CONNECTED,
  transferring: Constants.CALL_STATE.TRANSFERRING,
  transferred: Constants.CALL_STATE.TRANSFERRED,
  ended: Constants.CALL_STATE.ENDED,
};
const PARTICIPANT: Record<ScvParticipant, string> = {
  initialCaller: Constants.PARTICIPANT_TYPE.INITIAL_CALLER,
  thirdParty: Constants.PARTICIPANT_TYPE.THIRD_PARTY,
};

/** The participant a `PhoneCall` from SCV names (`Agent` or none: the agent's own leg). */
export function participantOf(call: unknown): ScvParticipant | 'agent' {
  const type = (call as { callAttributes?: { participantType?: unknown } } | null)?.callAttributes?.participantType;
  if (type === Constants.PARTICIPANT_TYPE.THIRD_PARTY) return 'thirdParty';
  if (type === Constants.PARTICIPANT_TYPE.INITIAL_CALLER) return 'initialCaller';
  return 'agent';
}

/** The leg id of a `PhoneCall` SCV sends back, when it is a string. */
export function callIdOf(call: unknown): string | null {
  const id = (call as { callId?: unknown } | null)?.callId;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** `hardphone`: the agent signed in with a desk phone (the browser neither rings nor answers). */
export function phoneCall(call: ScvCall, hardphone: boolean): PhoneCall {
  const ringingInbound = call.state === 'ringing' && call.callType !== 'outbound';
  const live = call.state !== 'ended';
  return new PhoneCall({
    callId: call.callId,
    callType: CALL_TYPE[call.callType],
    contact: new Contact({ phoneNumber: call.phoneNumber }),
    state: CALL_STATE[call.state],
    phoneNumber: call.phoneNumber,
    callAttributes: new PhoneCallAttributes({
      participantType: PARTICIPANT[call.participant],
      isOnHold: call.onHold,
      ...(call.parentCallId ? { parentId: call.parentCallId } : {}),
    }),
    callInfo: new CallInfo({
      callStateTimestamp: new Date(call.startedAt),
      isOnHold: call.onHold,
      isMuted: false,
      isRecordingPaused: false,
      isSoftphoneCall: !hardphone,
      acceptEnabled: ringingInbound,
      declineEnabled: ringingInbound,
      holdEnabled: live && call.state !== 'ringing',
      addCallerEnabled: live && call.participant === 'initialCaller' && call.state === 'connected',
      extensionEnabled: live,
      muteEnabled: false,
      swapEnabled: false,
      conferenceEnabled: false,
      recordEnabled: false,
      showMuteButton: false,
      showRecordButton: false,
      showMergeButton: false,
      showSwapButton: false,
      showAddCallerButton: true,
      showAddBlindTransferButton: true,
      isReplayable: true,
      removeParticipantVariant: Constants.REMOVE_PARTICIPANT_VARIANT.ALWAYS as 'ALWAYS',
    }),
  });
}

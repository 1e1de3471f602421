/**
 * The agent's calls as Service Cloud Voice sees them, from the event server's snapshots. Pure: no
 * library, no DOM, no clock. The connector (scv/biztel-connector.ts) turns these descriptions into
 * `scv-connector-base` objects.
 *
 * SCV knows one customer call (the *initial caller*) and, during a consultation, one *third party*.
 * BIZTEL reports call legs: a consultation leg carries `transfer.of` (the held customer's leg), every
 * other leg is a customer call. A leg a colleague transferred here (`transferredBy`) is an SCV
 * `Transfer` call; a parked call ringing back (`recall`) is an inbound call again.
 */
import type { Call, Chat, Snapshot } from '@biztel/protocol';

export type ScvCallType = 'inbound' | 'outbound' | 'transfer' | 'addParticipant';
export type ScvCallState = 'ringing' | 'connected' | 'transferring' | 'transferred' | 'ended';
export type ScvParticipant = 'initialCaller' | 'thirdParty';

/** One BIZTEL leg in SCV's terms. `callId` is the leg's id, as the softphone reports it. */
export interface ScvCall {
  readonly callId: string;
  readonly callType: ScvCallType;
  readonly state: ScvCallState;
  readonly participant: ScvParticipant;
  /** The other party's number as the PBX reports it (`anonymous` for a withheld number). */
  readonly phoneNumber: string;
  readonly onHold: boolean;
  /** Server time (ms) the leg started; SCV's `callStateTimestamp`. */
  readonly startedAt: number;
  /** The customer's leg a consultation belongs to (third party only). */
  readonly parentCallId: string | null;
  /** The chatbot's conversation with the caller (seed 004), when the call came through it. */
  readonly chat: Chat | null;
}

/** What SCV must be told about a change of the agent's calls, in order. */
export type ScvCallEvent =
  | { readonly type: 'callStarted'; readonly call: ScvCall }
  | { readonly type: 'callConnected'; readonly call: ScvCall }
  | { readonly type: 'holdToggle'; readonly customerOnHold: boolean; readonly thirdPartyOnHold: boolean; readonly calls: readonly ScvCall[] }
  | { readonly type: 'participantAdded'; readonly call: ScvCall }
  | { readonly type: 'participantConnected'; readonly call: ScvCall }
  /** A leg ended while its counterpart goes on: the consultation (third party) or the customer (initial caller). */
  | { readonly type: 'participantRemoved'; readonly call: ScvCall }
  /** Calls that ended (with nothing of theirs going on): every leg that ended with them. */
  | { readonly type: 'hangup'; readonly calls: readonly ScvCall[] };

const isConsultation = (call: Call) => call.transfer !== undefined;

/** One leg in SCV's terms; `state` follows who the leg connects (a consultation transfers). */
export function scvCall(call: Call): ScvCall {
  const consultation = isConsultation(call);
  const answered = call.state === 'talking' || call.state === 'held' || call.state === 'parking';
  const callType: ScvCallType = consultation
    ? 'addParticipant'
    : call.transferredBy !== undefined
      ? 'transfer'
      : call.direction === 'inbound' || call.recall !== undefined
        ? 'inbound'
        : 'outbound';
  return {
    callId: call.id,
    callType,
    state: consultation ? (answered ? 'transferred' : 'transferring') : answered ? 'connected' : 'ringing',
    participant: consultation ? 'thirdParty' : 'initialCaller',
    phoneNumber: call.remoteNumber,
    onHold: call.state === 'held' || call.collecting !== undefined,
    startedAt: call.answeredAt ?? call.startedAt,
    parentCallId: call.transfer?.of ?? null,
    chat: call.chat ?? null,
  };
}

/** The agent's live legs in SCV's terms: customer calls first, then consultations. */
export function scvCalls(snapshot: Snapshot | null): ScvCall[] {
  if (!snapshot) return [];
  const calls = snapshot.calls.map(scvCall);
  return [...calls.filter((c) => c.participant === 'initialCaller'), ...calls.filter((c) => c.participant === 'thirdParty')];
}

const ended = (call: ScvCall): ScvCall => ({ ...call, state: 'ended', onHold: false });

/**
 * What changed between two snapshots of the same session, as SCV events. `before` null: the first
 * snapshot after sign-in, whose calls are announced as they stand (a call ringing, or one already
 * connected: started, then connected).
 */
export function callEvents(before: Snapshot | null, after: Snapshot): ScvCallEvent[] {
  const was = new Map(scvCalls(before).map((c) => [c.callId, c]));
  const now = scvCalls(after);
  const events: ScvCallEvent[] = [];
  const nowIds = new Set(now.map((c) => c.callId));
  const gone = [...was.values()].filter((c) => !nowIds.has(c.callId)).map(ended);
  // A leg whose customer or consultation goes on left a participant; any other leg ended its call
  // (the last one, or one of two unrelated calls, e.g. after a reconnect).
  const partOfGoingOn = (g: ScvCall) =>
    g.participant === 'thirdParty' ? now.some((c) => c.callId === g.parentCallId) : now.some((c) => c.parentCallId === g.callId);
  for (const call of gone.filter(partOfGoingOn)) events.push({ type: 'participantRemoved', call });
  const hungUp = gone.filter((g) => !partOfGoingOn(g));
  if (hungUp.length > 0) events.push({ type: 'hangup', calls: hungUp });
  for (const call of now) {
    const prior = was.get(call.callId);
    if (call.participant === 'initialCaller') {
      if (!prior) events.push({ type: 'callStarted', call });
      if (call.state === 'connected' && prior?.state !== 'connected') events.push({ type: 'callConnected', call });
    } else {
      if (!prior) events.push({ type: 'participantAdded', call });
      if (call.state === 'transferred' && prior?.state !== 'transferred') events.push({ type: 'participantConnected', call });
    }
  }
  const holdOf = (calls: Iterable<ScvCall>, who: ScvParticipant) => [...calls].some((c) => c.participant === who && c.onHold);
  const customerOnHold = holdOf(now, 'initialCaller');
  const thirdPartyOnHold = holdOf(now, 'thirdParty');
  const holdChanged = now.some((c) => {
    const prior = was.get(c.callId);
    return prior ? prior.onHold !== c.onHold : c.onHold;
  });
  if (holdChanged) events.push({ type: 'holdToggle', customerOnHold, thirdPartyOnHold, calls: now });
  return events;
}

/**
 * The calls the SCV dev host lists, as Salesforce's softphone would track them from the connector's
 * telephony events: the customer's call (the initial caller) and a consultation (the third party).
 * Pure: one event in, the new list out.
 */
export interface HostCall {
  readonly callId: string;
  readonly callType: string;
  readonly state: string;
  readonly phoneNumber: string;
  readonly party: 'customer' | 'thirdParty';
  readonly onHold: boolean;
}

type Loose = Record<string, unknown> | null | undefined;

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** A `PhoneCall` of an event, or null when it names no call. */
function phoneCall(raw: unknown): HostCall | null {
  const c = raw as Loose;
  if (!c || typeof c.callId !== 'string') return null;
  const attributes = c.callAttributes as Loose;
  const info = c.callInfo as Loose;
  return {
    callId: c.callId,
    callType: str(c.callType, '?'),
    state: str(c.state, '?'),
    phoneNumber: str(c.phoneNumber),
    party: attributes?.participantType === 'Third_Party' ? 'thirdParty' : 'customer',
    onHold: info?.isOnHold === true,
  };
}

const upsert = (calls: readonly HostCall[], call: HostCall): HostCall[] => {
  const i = calls.findIndex((c) => c.callId === call.callId);
  return i < 0 ? [...calls, call] : calls.map((c, j) => (j === i ? { ...c, ...call } : c));
};

/** The list after one telephony event (or `CONNECTOR_READY`, `SHOW_LOGIN`, `LOGOUT_RESULT`). */
export function applyScvEvent(calls: readonly HostCall[], event: string, payload: unknown): HostCall[] {
  const p = payload as Loose;
  switch (event) {
    case 'SHOW_LOGIN':
    case 'LOGOUT_RESULT':
      return [];
    case 'CONNECTOR_READY': {
      const call = phoneCall(p?.callInProgress);
      return call ? [call] : [];
    }
    case 'CALL_STARTED':
    case 'CALL_CONNECTED': {
      const call = phoneCall(p);
      return call ? upsert(calls, call) : [...calls];
    }
    case 'HOLD_TOGGLE':
      return calls.map((c) => ({ ...c, onHold: c.party === 'customer' ? p?.isCustomerOnHold === true : p?.isThirdPartyOnHold === true }));
    case 'PARTICIPANT_ADDED':
    case 'PARTICIPANT_CONNECTED': {
      const kept = p?.initialCallHasEnded === true ? calls.filter((c) => c.party !== 'customer') : [...calls];
      if (typeof p?.callId !== 'string') return kept;
      const state = event === 'PARTICIPANT_ADDED' ? 'transferring' : 'transferred';
      const existing = kept.find((c) => c.callId === p.callId);
      return upsert(kept, {
        callId: p.callId,
        callType: 'AddParticipant',
        state,
        phoneNumber: str(p.phoneNumber, existing?.phoneNumber),
        party: 'thirdParty',
        onHold: existing?.onHold ?? false,
      });
    }
    case 'PARTICIPANT_REMOVED':
      return calls.filter((c) => c.party !== 'thirdParty');
    case 'HANGUP': {
      const ended = new Set((Array.isArray(payload) ? payload : [payload]).map(phoneCall).flatMap((c) => (c ? [c.callId] : [])));
      return ended.size === 0 ? [] : calls.filter((c) => !ended.has(c.callId));
    }
    default:
      return [...calls];
  }
}

/**
 * What a change of the panel's state asks of the world, as data: the pure half of the application
 * layer (app/ performs the effects). `effects(before, after)` reads two panel states; following the
 * calls (`follow`) is refined by `callEffects` (call-follow-effects.ts). An effect says what should happen
 * or be true now; its performer skips what it already did (a label sent, a state published), so a
 * transition replayed on a page that takes over the side effects does nothing twice.
 */
import type { Call, Snapshot } from '@biztel/protocol';
import type { CallStateMessage } from './call-state-message.js';
import { callStateMessage, currentCall, type PanelState } from './panel-state.js';
import { displayNumber } from './phone.js';

/** What the CRM is searched with for a call's screen pop. */
export interface CallSearch {
  readonly number: string;
  readonly direction: 'inbound' | 'outbound';
}

export type Effect =
  /** A call started ringing: bring the minimised panel up. */
  | { readonly kind: 'showPanel' }
  /** Signed in: read the record on screen and report it (the server forgets it with the session). */
  | { readonly kind: 'readView' }
  /** The session came back after a drop: report the screen again. */
  | { readonly kind: 'reportView' }
  /** Phone links in the CRM dial only while signed in with a softphone. */
  | { readonly kind: 'clickToDial'; readonly enabled: boolean }
  /**
   * A call without a CRM lookup yet: show what a page of this user found before, else (owner page
   * only) search with `search`; null when the call is not worth a search (transfer, recall,
   * anonymous, internal, or not just starting).
   */
  | { readonly kind: 'lookUp'; readonly callId: string; readonly search: CallSearch | null }
  /** The owner page follows the calls against its journal (Tasks, pop-up rules: call-follow-effects.ts). */
  | { readonly kind: 'follow'; readonly snapshot: Snapshot }
  /** The agent signed out here: no call of the journal is open any more. */
  | { readonly kind: 'forgetOpenCalls'; readonly account: string; readonly at: number }
  /** The live call as other components of the CRM see it (LMS). */
  | { readonly kind: 'publish'; readonly message: CallStateMessage };

/** Extensions, park slots and feature codes are not worth a CRM search. */
const MIN_SEARCH_DIGITS = 6;

export function effects(before: PanelState, after: PanelState): Effect[] {
  const out: Effect[] = [];
  const was = before.phase === 'signedIn' ? currentCall(before.snapshot) : undefined;
  const is = after.phase === 'signedIn' ? currentCall(after.snapshot) : undefined;
  if (is?.state === 'ringing' && (was?.id !== is.id || was.state !== 'ringing')) out.push({ kind: 'showPanel' });
  if (after.phase === 'signedIn') {
    if (before.phase !== 'signedIn') out.push({ kind: 'readView' });
    else if (before.connection.kind === 'reconnecting' && after.connection.kind === 'online') out.push({ kind: 'reportView' });
    out.push({ kind: 'follow', snapshot: after.snapshot });
    for (const call of after.snapshot.calls) {
      if (after.lookups[call.id] === undefined) out.push({ kind: 'lookUp', callId: call.id, search: searchFor(call) });
    }
  } else if (before.phase === 'signedIn' && after.phase === 'signedOut' && after.step.kind === 'form' && after.step.error === null) {
    out.push({ kind: 'forgetOpenCalls', account: before.snapshot.agent.account, at: before.snapshot.serverTime });
  }
  const dial = clickToDial(after);
  if (dial !== null && dial !== clickToDial(before)) out.push({ kind: 'clickToDial', enabled: dial });
  if (before.phase === 'signedIn' || after.phase === 'signedIn') out.push({ kind: 'publish', message: callStateMessage(after) });
  return out;
}

/**
 * Screen pop (seed 001 §4, §6): a call that starts ringing in, or that the agent dials out, is
 * searched with its number (3.5.10+: outbound searches the dialled number). So is a parked call
 * ringing back: the agent may have moved on to other records in the five minutes it waited.
 * Transfers, anonymous callers and short internal numbers are not.
 */
export function searchFor(call: Call): CallSearch | null {
  if (call.transfer) return null;
  const starting = (call.direction === 'inbound' && call.state === 'ringing') || (call.direction === 'outbound' && call.state === 'dialing');
  if (!starting) return null;
  const shown = displayNumber(call.remoteNumber);
  if (shown.kind === 'anonymous' || shown.value.replace(/\D/g, '').length < MIN_SEARCH_DIGITS) return null;
  return { number: shown.value, direction: call.direction };
}

/** Whether phone links should dial: signed in without a hardphone; null before the panel is up. */
function clickToDial(state: PanelState): boolean | null {
  if (state.phase === 'starting' || state.phase === 'failed') return null;
  return state.phase === 'signedIn' && !state.snapshot.agent.hardphone;
}

/**
 * The panel's state machine: a pure `reduce(state, event)` over discriminated unions. The server's
 * snapshot is the truth for the agent and calls; the panel only adds what the server cannot know
 * (start-up checks, the form being submitted, the last notice to show).
 */
import { LOGOFF_STATUS_ID, type AgentStatus, type Call, type LineHolder, type SeatHolder, type Snapshot } from '@biztel/protocol';
import { assertNever } from './assert.js';
import type { NoticeCode, SignInError } from './panel-errors.js';
import { deepWithoutBidiControls } from './bidi.js';
import type { SignInForm } from './sign-in.js';
import type { CallStateMessage } from './call-state-message.js';
import { pruneLookups, type Lookups, type RecordRef } from './lookup.js';

/** Why the panel cannot work: the host API, the server at start-up, or the server later on. */
export type StartupFailure = 'opencti' | 'settings' | 'server' | 'connection';

/** The agent who took the extension over, as the server named them. */
export interface TakenBy {
  readonly account: string;
  readonly name?: string | undefined;
}

/** The sign-in form as last submitted, never with the password. */
export type FormMemory = Omit<SignInForm, 'password'>;

/**
 * Where a signed-out agent is: at the form (with the last refusal, if any, and who took the line
 * over when that was why), waiting for the server's answer, or asked whether to take over a seat
 * (`seatTaken`) or the extension (`lineTaken`) another agent holds.
 */
export type SignInStep =
  | { readonly kind: 'form'; readonly error: SignInError | null; readonly by?: TakenBy | undefined }
  | { readonly kind: 'submitting' }
  | { readonly kind: 'seatTaken'; readonly seat: SeatHolder }
  | { readonly kind: 'lineTaken'; readonly line: LineHolder };

/** A reconnection attempt under way: `attempt` of at most `of`. */
export interface ReconnectAttempt {
  readonly attempt: number;
  readonly of: number;
}

/** The signed-in panel's link to the server: online, or getting its session back by itself. */
export type Connection = { readonly kind: 'online' } | { readonly kind: 'reconnecting'; readonly attempt: ReconnectAttempt | null };

const SUBMITTING: SignInStep = { kind: 'submitting' };
const AT_FORM: SignInStep = { kind: 'form', error: null };
const ONLINE: Connection = { kind: 'online' };

export type PanelState =
  | { readonly phase: 'starting' }
  /** `retrying`: the event server was unreachable at start-up and is tried again by itself (再試行 tries at once). */
  | { readonly phase: 'failed'; readonly failure: StartupFailure; readonly detail: string; readonly retrying?: true }
  | {
      readonly phase: 'signedOut';
      readonly statuses: readonly AgentStatus[];
      readonly form: FormMemory;
      readonly step: SignInStep;
      /** Bumped on every rejected attempt so the form clears its password field. */
      readonly attempt: number;
    }
  | {
      readonly phase: 'signedIn';
      readonly snapshot: Snapshot;
      /** server clock − panel clock, so timers follow the server's call times. */
      readonly clockOffsetMs: number;
      readonly notice: NoticeCode | null;
      /** Remembered so a later sign-in offers the same account and extension. */
      readonly form: FormMemory;
      /** CRM records found for the other party, per call id (screen pop results). */
      readonly lookups: Lookups;
      readonly connection: Connection;
    };

export type PanelEvent =
  | { readonly type: 'startupFailed'; readonly failure: StartupFailure; readonly detail: string; readonly retrying?: true }
  /** The event server answered a start-up retry: start-up goes on. */
  | { readonly type: 'startupRecovered' }
  | { readonly type: 'ready'; readonly statuses: readonly AgentStatus[] }
  | { readonly type: 'signInSubmitted'; readonly form: FormMemory }
  | { readonly type: 'signInRejected'; readonly error: SignInError }
  | { readonly type: 'seatConflict'; readonly seat: SeatHolder }
  /** Another agent is signed in on the extension: ask before taking it over. */
  | { readonly type: 'lineConflict'; readonly line: LineHolder }
  /** The agent declined a takeover (of the seat or of the extension). */
  | { readonly type: 'seatConflictDismissed' }
  /** Something asked to dial (a clicked phone link) while signed out. */
  | { readonly type: 'signInRequired' }
  | { readonly type: 'signInAccepted'; readonly snapshot: Snapshot; readonly receivedAt: number }
  | { readonly type: 'snapshotReceived'; readonly snapshot: Snapshot; readonly receivedAt: number }
  | { readonly type: 'noticeRaised'; readonly notice: NoticeCode }
  | { readonly type: 'noticeDismissed' }
  | { readonly type: 'signedOut' }
  | { readonly type: 'connectionLost'; readonly detail: string }
  | { readonly type: 'connectionInterrupted' }
  /** While reconnecting: the socket's next attempt starts. */
  | { readonly type: 'reconnectAttempted'; readonly attempt: ReconnectAttempt }
  | { readonly type: 'sessionResumed'; readonly snapshot: Snapshot; readonly receivedAt: number }
  /** A new page (reload, pop-out, another tab) took the agent's session back with a resume token. */
  | { readonly type: 'sessionRestored'; readonly snapshot: Snapshot; readonly receivedAt: number }
  /** The session is gone (signed out in another window, or expired): back to the sign-in form. */
  | { readonly type: 'sessionEnded'; readonly error: SignInError; readonly by?: TakenBy | undefined }
  | { readonly type: 'lookupStarted'; readonly callId: string }
  | { readonly type: 'lookupFinished'; readonly callId: string; readonly records: readonly RecordRef[] }
  | { readonly type: 'lookupFailed'; readonly callId: string };

/** Notices about the line's softphone (not running, reconnecting, another account's). */
const SOFTPHONE_NOTICES: ReadonlySet<NoticeCode> = new Set(['softphoneNotRunning', 'softphoneReconnecting', 'softphoneMismatch']);

export const initialState: PanelState = { phase: 'starting' };

export const emptyForm: FormMemory = {
  account: '',
  extension: '',
  seatId: '',
  initialStatusId: '',
  hardphone: false,
};

export function reduce(state: PanelState, event: PanelEvent): PanelState {
  switch (event.type) {
    case 'startupFailed':
      if (state.phase === 'failed' && state.retrying && event.retrying) return { ...state, detail: event.detail };
      return state.phase === 'starting'
        ? { phase: 'failed', failure: event.failure, detail: event.detail, ...(event.retrying ? { retrying: true as const } : {}) }
        : state;
    case 'startupRecovered':
      return state.phase === 'failed' && state.retrying ? { phase: 'starting' } : state;
    case 'ready':
      if (state.phase !== 'starting') return state;
      return {
        phase: 'signedOut',
        statuses: event.statuses,
        form: { ...emptyForm, initialStatusId: defaultInitialStatus(event.statuses) },
        step: AT_FORM,
        attempt: 0,
      };
    case 'signInSubmitted':
      if (state.phase !== 'signedOut' || state.step.kind === 'submitting') return state;
      return { ...state, form: event.form, step: SUBMITTING };
    case 'signInRejected':
      if (state.phase !== 'signedOut' || state.step.kind !== 'submitting') return state;
      return { ...state, step: { kind: 'form', error: event.error }, attempt: state.attempt + 1 };
    case 'signInRequired':
      if (state.phase !== 'signedOut' || state.step.kind !== 'form' || state.step.error === 'signInFirst') return state;
      return { ...state, step: { kind: 'form', error: 'signInFirst' } };
    case 'seatConflict':
      if (state.phase !== 'signedOut' || state.step.kind !== 'submitting') return state;
      return { ...state, step: { kind: 'seatTaken', seat: event.seat } };
    case 'lineConflict':
      if (state.phase !== 'signedOut' || state.step.kind !== 'submitting') return state;
      return { ...state, step: { kind: 'lineTaken', line: event.line } };
    case 'seatConflictDismissed':
      if (state.phase !== 'signedOut' || (state.step.kind !== 'seatTaken' && state.step.kind !== 'lineTaken')) return state;
      return { ...state, step: AT_FORM };
    case 'signInAccepted':
      if (state.phase !== 'signedOut' || state.step.kind !== 'submitting') return state;
      return {
        phase: 'signedIn',
        snapshot: event.snapshot,
        clockOffsetMs: event.snapshot.serverTime - event.receivedAt,
        notice: null,
        form: state.form,
        lookups: {},
        connection: ONLINE,
      };
    case 'snapshotReceived':
      if (state.phase !== 'signedIn' || event.snapshot.revision <= state.snapshot.revision) return state;
      return {
        ...state,
        snapshot: event.snapshot,
        // A notice about the softphone no longer holds once it runs again.
        notice: state.notice !== null && SOFTPHONE_NOTICES.has(state.notice) && event.snapshot.softphone.state === 'running' ? null : state.notice,
        clockOffsetMs: event.snapshot.serverTime - event.receivedAt,
        lookups: pruneLookups(
          state.lookups,
          event.snapshot.calls.map((c) => c.id),
        ),
      };
    case 'noticeRaised':
      return state.phase === 'signedIn' ? { ...state, notice: event.notice } : state;
    case 'noticeDismissed':
      return state.phase === 'signedIn' && state.notice !== null ? { ...state, notice: null } : state;
    case 'signedOut':
      if (state.phase !== 'signedIn') return state;
      return {
        phase: 'signedOut',
        statuses: state.snapshot.statuses,
        form: { ...state.form, initialStatusId: defaultInitialStatus(state.snapshot.statuses) },
        step: AT_FORM,
        attempt: 0,
      };
    case 'sessionRestored': {
      if (state.phase !== 'starting' && (state.phase !== 'signedOut' || state.step.kind === 'submitting')) return state;
      const agent = event.snapshot.agent;
      return {
        phase: 'signedIn',
        snapshot: event.snapshot,
        clockOffsetMs: event.snapshot.serverTime - event.receivedAt,
        notice: null,
        form: { account: agent.account, extension: agent.extension, seatId: '', initialStatusId: agent.statusId, hardphone: agent.hardphone },
        lookups: {},
        connection: ONLINE,
      };
    }
    case 'sessionEnded':
      if (state.phase !== 'signedIn') return state;
      return {
        phase: 'signedOut',
        statuses: state.snapshot.statuses,
        form: { ...state.form, initialStatusId: defaultInitialStatus(state.snapshot.statuses) },
        step: { kind: 'form', error: event.error, ...(event.by ? { by: event.by } : {}) },
        attempt: 0,
      };
    case 'connectionInterrupted':
      return state.phase === 'signedIn' && state.connection.kind === 'online' ? { ...state, connection: { kind: 'reconnecting', attempt: null } } : state;
    case 'reconnectAttempted':
      return state.phase === 'signedIn' && state.connection.kind === 'reconnecting'
        ? { ...state, connection: { kind: 'reconnecting', attempt: event.attempt } }
        : state;
    case 'sessionResumed':
      // The server's snapshot is the truth after a reconnect, even if its revision went back
      // (a restarted server counts again from zero).
      if (state.phase !== 'signedIn' || state.connection.kind !== 'reconnecting') return state;
      return {
        ...state,
        connection: ONLINE,
        snapshot: event.snapshot,
        clockOffsetMs: event.snapshot.serverTime - event.receivedAt,
        lookups: pruneLookups(
          state.lookups,
          event.snapshot.calls.map((c) => c.id),
        ),
      };
    case 'lookupStarted':
      if (state.phase !== 'signedIn' || state.lookups[event.callId] !== undefined) return state;
      if (!state.snapshot.calls.some((c) => c.id === event.callId)) return state;
      return { ...state, lookups: { ...state.lookups, [event.callId]: { status: 'searching' } } };
    case 'lookupFinished':
    case 'lookupFailed':
      if (state.phase !== 'signedIn' || state.lookups[event.callId]?.status !== 'searching') return state;
      return {
        ...state,
        lookups: {
          ...state.lookups,
          [event.callId]: event.type === 'lookupFinished' ? { status: 'found', records: deepWithoutBidiControls(event.records) } : { status: 'failed' },
        },
      };
    case 'connectionLost':
      if (state.phase !== 'signedIn' && state.phase !== 'signedOut') return state;
      return { phase: 'failed', failure: 'connection', detail: event.detail };
    default:
      return assertNever(event);
  }
}

/** The first status that is not ログオフ: what an agent signing in usually wants. */
export function defaultInitialStatus(statuses: readonly AgentStatus[]): string {
  return (statuses.find((s) => s.id !== LOGOFF_STATUS_ID) ?? statuses[0])?.id ?? '';
}

/** The call the panel's buttons act on: the one the agent is on, else the one ringing. */
export function currentCall(snapshot: Snapshot): Call | undefined {
  return snapshot.calls.find((c) => c.state === 'talking' || c.state === 'dialing') ?? snapshot.calls.find((c) => c.state === 'ringing') ?? snapshot.calls[0];
}

/** The live call as other components of the CRM see it (published on every change). */
export function callStateMessage(state: PanelState): CallStateMessage {
  if (state.phase !== 'signedIn') return { v: 1, state: 'idle' };
  const call = currentCall(state.snapshot);
  if (!call) return { v: 1, state: 'idle' };
  return {
    v: 1,
    state: call.state,
    direction: call.direction,
    number: call.remoteNumber,
    callId: call.id,
    ...(call.answeredAt !== undefined ? { answeredAt: call.answeredAt, clockOffsetMs: Math.round(state.clockOffsetMs / 100) * 100 } : {}),
    ...(call.businessLabel !== undefined ? { businessLabel: call.businessLabel } : {}),
    ...(call.chat !== undefined ? { chat: call.chat } : {}),
  };
}

/** Milliseconds since the call was answered, on the server's clock; null before answer. */
export function callElapsedMs(call: Call, nowMs: number, clockOffsetMs: number): number | null {
  return call.answeredAt === undefined ? null : Math.max(0, nowMs + clockOffsetMs - call.answeredAt);
}

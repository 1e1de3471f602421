/**
 * How each panel event enters the operation log (操作ログ), in short: snapshots as revision, status
 * and call states; sign-in with the form but never the password; failures with their reason. Pure.
 */
import type { OperationKind } from './operation-log.js';
import type { PanelEvent } from './panel-state.js';

export interface OperationLine {
  readonly kind: OperationKind;
  readonly name: string;
  readonly detail?: unknown;
}

export function operationLine(event: PanelEvent): OperationLine {
  const line = (kind: OperationKind, detail?: unknown): OperationLine =>
    detail === undefined ? { kind, name: event.type } : { kind, name: event.type, detail };
  switch (event.type) {
    case 'snapshotReceived':
    case 'signInAccepted':
    case 'sessionResumed':
    case 'sessionRestored': {
      const { revision, agent, calls, parked } = event.snapshot;
      return line('event', {
        revision,
        status: agent.statusId,
        calls: calls.map((c) => `${c.id}:${c.direction}:${c.state}`).join(' '),
        parked: parked.map((p) => p.slot).join(' '),
      });
    }
    case 'signInSubmitted':
      return {
        kind: 'operation',
        name: 'signIn',
        detail: { account: event.form.account, extension: event.form.extension, seatId: event.form.seatId, hardphone: event.form.hardphone },
      };
    case 'connectionInterrupted':
      return line('connection');
    case 'reconnectAttempted':
      return { kind: 'connection', name: 'reconnect attempt', detail: `${event.attempt.attempt}/${event.attempt.of}` };
    case 'connectionLost':
      return line('connection', event.detail);
    case 'startupFailed':
      return line('error', `${event.failure}: ${event.detail}`);
    case 'noticeRaised':
      return line('error', event.notice);
    case 'signInRejected':
    case 'sessionEnded':
      return line('error', event.error);
    case 'lookupFinished':
      return line('event', { callId: event.callId, records: event.records.length });
    default:
      return line('event', 'callId' in event ? event.callId : undefined);
  }
}

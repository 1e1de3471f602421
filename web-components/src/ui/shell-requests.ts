/**
 * What each request of the views asks of the application layer: the shell listens for these types
 * on its shadow root. The six call buttons come from the command table (`CALL_COMMANDS`).
 */
import { CALL_COMMANDS } from '@biztel/protocol';
import type { SoftphoneApp } from '../app/softphone-app.js';
import { callRequestType } from './request-types.js';

export type RequestListener = readonly [type: string, listener: (event: Event) => void];

function on<K extends keyof HTMLElementEventMap>(type: K, handle: (event: HTMLElementEventMap[K]) => unknown): RequestListener {
  return [type, (event) => void handle(event as HTMLElementEventMap[K])];
}

/** The listeners of the shell; `dial` is the shell's own (it clears the panel's field on success). */
export function requestListeners(app: SoftphoneApp, dial: (event: HTMLElementEventMap['biztel-dial-request']) => unknown): RequestListener[] {
  const { commands, session, crm, signedIn, startup } = app;
  return [
    ...CALL_COMMANDS.map((command) => on(callRequestType(command), (e) => commands.run(command, e.detail.callId))),
    on('biztel-dtmf-request', (e) => commands.run('dtmf', e.detail.callId, e.detail.digits)),
    on('biztel-status-change-request', (e) => commands.run('setStatus', e.detail.statusId)),
    on('biztel-caller-id-change-request', (e) => commands.run('setCallerId', e.detail.callerId)),
    on('biztel-dial-request', dial),
    on('biztel-notice-dismiss-request', () => commands.dismissNotice()),
    on('biztel-sign-in-request', (e) => session.signIn(e.detail)),
    on('biztel-sign-out-request', () => session.signOut()),
    on('biztel-startup-retry-request', () => startup.retryNow()),
    on('biztel-seat-takeover-request', () => session.confirmTakeover()),
    on('biztel-seat-takeover-cancel', () => session.cancelTakeover()),
    on('biztel-record-open-request', (e) => crm.openRecord(e.detail.recordId)),
    on('biztel-record-create-request', (e) => crm.createRecord(e.detail.number)),
    on('biztel-transfer-note-change', (e) => signedIn.use((parts) => parts.screen.setNote(e.detail.note, e.detail.callId))),
  ];
}

/**
 * Publishing to Salesforce through `scv-connector-base`, typed by what its implementation handles:
 * its declarations omit `PARTICIPANT_REMOVED` (which `publishEvent` does handle) and mark
 * `registerLog` as required.
 */
import { publishError, publishEvent } from '@salesforce/scv-connector-base';

export type ScvEventType =
  | 'LOGIN_RESULT'
  | 'LOGOUT_RESULT'
  | 'CALL_STARTED'
  | 'CALL_CONNECTED'
  | 'HOLD_TOGGLE'
  | 'PARTICIPANT_ADDED'
  | 'PARTICIPANT_CONNECTED'
  | 'PARTICIPANT_REMOVED'
  | 'HANGUP'
  | 'MESSAGE';

type Publish = (event: { eventType: ScvEventType; payload: object; registerLog: boolean }) => Promise<void>;

/** The events still being published: each waits for the one before (the library awaits inside some). */
let queue: Promise<void> = Promise.resolve();

/**
 * Sends one event after those sent before it: the library publishes `PARTICIPANT_REMOVED` only after
 * asking the connector for the active calls, so events of one change would otherwise reach
 * Salesforce out of order. The library checks the payload's class. `registerLog: false` keeps the
 * payload out of Salesforce's telephony log (a chat holds what the customer typed).
 */
export function publish(eventType: ScvEventType, payload: object, registerLog = true): void {
  queue = queue.then(() => (publishEvent as unknown as Publish)({ eventType, payload, registerLog })).catch(() => undefined);
}

/** The agent can no longer work through the connector (`AGENT_ERROR`), after the events sent before it. */
export function publishFailure(message: string): void {
  queue = queue.then(() => publishError({ eventType: 'AGENT_ERROR', error: new Error(message) })).catch(() => undefined);
}

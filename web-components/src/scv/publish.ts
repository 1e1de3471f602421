/**
 * Publishing to Salesforce through `scv-connector-base`, typed by what its implementation handles:
 * its declarations omit `PARTICIPANT_REMOVED` (which `publishEvent` does handle) and mark
 * `registerLog` as required.
 */
import { publishEvent } from '@salesforce/scv-connector-base';

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

/**
 * Sends one event; the library checks the payload's class. `registerLog: false` keeps the payload
 * out of Salesforce's telephony log (a chat holds what the customer typed).
 */
export function publish(eventType: ScvEventType, payload: object, registerLog = true): void {
  void (publishEvent as unknown as Publish)({ eventType, payload, registerLog });
}

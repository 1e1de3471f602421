/**
 * The call center settings (`getCallCenterSettings`): the event-server URL in our custom section
 * item and the screen pop-up rules, validated into `HostSettings`.
 */
import { DEFAULT_PHONE_SEARCH, PHONE_SEARCH_STRATEGIES, type PhoneSearchStrategy } from '../core/phone-search-strategy.js';
import { DEFAULT_TASK_STATUS } from '../core/task-status.js';
import { readPopupRules } from '../core/popup-rules.js';
import { checkServerUrl, serverUrlProblem } from '../core/server-url.js';
import { HostError, type HostSettings } from './host-port.js';

/** Key of our custom (non-`req`) call center section item holding the event-server URL. */
export const SERVER_URL_SETTING = '/biztel/serverUrl';
/** The Status of the Task each call is logged as: Task statuses are per org (default `Completed`). */
export const TASK_STATUS_SETTING = '/biztel/taskStatus';
/** How numbers are searched: `each` (default), `notations` or `digits` (../core/phone-search-strategy.ts). */
export const PHONE_SEARCH_SETTING = '/biztel/phoneSearch';

/** Validates the call center settings: every value is a string; the server URL as `checkServerUrl` (core/server-url.ts) says. */
export function readSettings(settings: unknown, pageProtocol = 'https:'): HostSettings {
  if (typeof settings !== 'object' || settings === null) {
    throw new HostError('failed', 'getCallCenterSettings: no settings returned');
  }
  const raw = (settings as Record<string, unknown>)[SERVER_URL_SETTING];
  const url = checkServerUrl(raw, pageProtocol);
  if (!url.ok) throw new HostError('badSettings', serverUrlProblem(SERVER_URL_SETTING, raw, url.problem, 'call center'));
  const { rules, invalid } = readPopupRules(settings as Record<string, unknown>);
  const record = settings as Record<string, unknown>;
  return { serverUrl: url.origin, popupRules: rules, invalidPopupRules: invalid, taskStatus: readTaskStatus(record), phoneSearch: readPhoneSearch(record) };
}

/** The phone search strategy: one of the three names (any case); empty or unset: the default. */
function readPhoneSearch(settings: Record<string, unknown>): PhoneSearchStrategy {
  const raw = settings[PHONE_SEARCH_SETTING];
  if (typeof raw !== 'string' || raw.trim() === '') return DEFAULT_PHONE_SEARCH;
  const strategy = PHONE_SEARCH_STRATEGIES.find((s) => s === raw.trim().toLowerCase());
  if (!strategy) {
    throw new HostError('badSettings', `${PHONE_SEARCH_SETTING} must be ${PHONE_SEARCH_STRATEGIES.join(', ')}: ${raw.slice(0, 60)}`);
  }
  return strategy;
}

/** The Task status setting: any non-empty text up to 40 characters (the org's picklist decides); else the default. */
function readTaskStatus(settings: Record<string, unknown>): string {
  const raw = settings[TASK_STATUS_SETTING];
  if (typeof raw !== 'string' || raw.trim() === '') return DEFAULT_TASK_STATUS;
  const status = raw.trim();
  if (status.length > 40 || /[\u0000-\u001f\u007f]/.test(status)) {
    throw new HostError('badSettings', `${TASK_STATUS_SETTING} must be a Task status of at most 40 characters: ${raw.slice(0, 60)}`);
  }
  return status;
}

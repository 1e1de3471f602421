/**
 * The call center settings (`getCallCenterSettings`): the event-server URL in our custom section
 * item and the screen pop-up rules, validated into `HostSettings`.
 */
import { readPopupRules } from '../core/popup-rules.js';
import { HostError, type HostSettings } from './host-port.js';

/** Key of our custom (non-`req`) call center section item holding the event-server URL. */
export const SERVER_URL_SETTING = '/biztel/serverUrl';

/** Validates the call center settings: every value is a string; the server URL must be http(s). */
export function readSettings(settings: unknown): HostSettings {
  if (typeof settings !== 'object' || settings === null) {
    throw new HostError('failed', 'getCallCenterSettings: no settings returned');
  }
  const raw = (settings as Record<string, unknown>)[SERVER_URL_SETTING];
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} is not set in the call center`);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} is not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} must be an http(s) URL: ${raw.slice(0, 200)}`);
  }
  const { rules, invalid } = readPopupRules(settings as Record<string, unknown>);
  return { serverUrl: url.origin, popupRules: rules, invalidPopupRules: invalid };
}

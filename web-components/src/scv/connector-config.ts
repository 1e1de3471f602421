/**
 * The connector's settings, from the contact center Salesforce hands it (`connectorConfig`):
 * the event server's URL in our own section item, as in the Open CTI call center.
 */
import { checkServerUrl, serverUrlProblem } from '../core/server-url.js';
import { isUserScope } from '../session/resume-store.js';

/** The contact center item holding the BIZTEL event server's URL (the Open CTI call center's key). */
export const SERVER_URL_KEY = '/biztel/serverUrl';

/**
 * `userScope`: `<organizationId>/<userId>` from the values Salesforce adds to the contact center's
 * (the Open CTI page's scope), or null when they are missing or malformed.
 */
export type ConnectorSettings =
  { readonly ok: true; readonly serverUrl: string; readonly userScope: string | null } | { readonly ok: false; readonly problem: string };

export function readConnectorConfig(config: unknown, pageProtocol: string): ConnectorSettings {
  const raw = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[SERVER_URL_KEY] : undefined;
  const url = checkServerUrl(raw, pageProtocol);
  if (url.ok) return { ok: true, serverUrl: url.origin, userScope: userScopeOf(config as Record<string, unknown>) };
  return { ok: false, problem: serverUrlProblem(SERVER_URL_KEY, raw, url.problem, 'contact center') };
}

function userScopeOf(config: Record<string, unknown>): string | null {
  const { organizationId, userId } = config;
  const scope = `${String(organizationId)}/${String(userId)}`;
  return typeof organizationId === 'string' && typeof userId === 'string' && isUserScope(scope) ? scope : null;
}

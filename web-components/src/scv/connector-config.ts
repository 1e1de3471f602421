/**
 * The connector's settings, from the contact center Salesforce hands it (`connectorConfig`):
 * the event server's URL in our own section item, as in the Open CTI call center.
 */
import { checkServerUrl, serverUrlProblem } from '../core/server-url.js';

/** The contact center item holding the BIZTEL event server's URL (the Open CTI call center's key). */
export const SERVER_URL_KEY = '/biztel/serverUrl';

export type ConnectorSettings = { readonly ok: true; readonly serverUrl: string } | { readonly ok: false; readonly problem: string };

export function readConnectorConfig(config: unknown, pageProtocol: string): ConnectorSettings {
  const raw = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)[SERVER_URL_KEY] : undefined;
  const url = checkServerUrl(raw, pageProtocol);
  if (url.ok) return { ok: true, serverUrl: url.origin };
  return { ok: false, problem: serverUrlProblem(SERVER_URL_KEY, raw, url.problem, 'contact center') };
}

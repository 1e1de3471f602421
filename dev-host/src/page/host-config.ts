/**
 * What the fake Lightning page is told: the config the dev host server embeds in the page
 * (event server URL, demo accounts) and the query options (`?opencti=missing|error`,
 * `?serverUrl=…`, `?lang=en`, `?user=<id>` / `?org=<id>`, `?popup.<event>=…`, `?phoneSearch=…`,
 * `?taskStatus=…`, `?search=literal`), read once, and the call center settings and softphone URL
 * that follow from them.
 */
import { FAKE_ORG_ID, FAKE_USER_ID, fakeSalesforceId } from '@biztel/opencti/fake';

export interface DevHostConfig {
  eventServerUrl: string;
  demo: { accounts: { account: string; extension: string }[]; password: string };
}

export const config = JSON.parse(document.getElementById('dev-host-config')?.textContent ?? '{}') as DevHostConfig;
const query = new URLSearchParams(window.location.search);

export type Lang = 'ja' | 'en';
export const lang: Lang = query.get('lang') === 'en' ? 'en' : 'ja';
/** The Salesforce user (and org) the panel page runs for, as `$User.Id` / `$Organization.Id`. */
export const userId = fakeSalesforceId(query.get('user'), FAKE_USER_ID);
export const orgId = fakeSalesforceId(query.get('org'), FAKE_ORG_ID);
/** `?opencti=error`: every `getCallCenterSettings` fails, as with a broken call center. */
export const failCallCenterSettings = query.get('opencti') === 'error';
/** `?search=literal`: an org whose search escapes SOSL operators and does not equate `+81` with `0`. */
export const searchSyntax = query.get('search') === 'literal' ? 'literal' : 'sosl';

/** The call center the softphone reads with `getCallCenterSettings`, pointing at the event server. */
export function callCenterSettings(): Record<string, string> {
  const serverUrl = query.get('serverUrl') ?? config.eventServerUrl;
  return {
    '/label': 'Call Center',
    '/reqGeneralInfo/label': 'General Information',
    '/reqGeneralInfo/reqAdapterUrl': '/apex/BiztelSoftphone',
    '/reqGeneralInfo/reqUseApi': 'true',
    '/reqGeneralInfo/reqSoftphoneHeight': '520',
    '/reqGeneralInfo/reqSoftphoneWidth': '360',
    '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
    '/biztel/label': 'BIZTEL',
    '/biztel/sortOrder': '2.0',
    '/biztel/serverUrl': serverUrl,
    '/biztel/serverUrl/label': 'Event server URL',
    '/biztel/serverUrl/sortOrder': '0.0',
    ...optional('/biztel/phoneSearch', query.get('phoneSearch')),
    ...optional('/biztel/taskStatus', query.get('taskStatus')),
    ...popupSettingsFromQuery(),
  };
}

const optional = (item: string, value: string | null): Record<string, string> => (value === null ? {} : { [item]: value });

/**
 * Screen pop-up rules for trying them here: `?popup.incoming=/lightning/o/Case/new?x={TEL}` sets
 * the call center item `/biztelPopup/incoming` (and `popup.<event>Method=POST`), as an admin would.
 */
function popupSettingsFromQuery(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    const m = /^popup\.([A-Za-z]{1,40})$/.exec(key);
    if (m) out[`/biztelPopup/${m[1]}`] = value;
  }
  return out;
}

/** The softphone page (the call center's adapter URL) for this page's language, user and scenario. */
export function panelSrc(): string {
  const params = new URLSearchParams({ lang });
  if (query.get('opencti') === 'missing') params.set('opencti', 'missing');
  if (query.has('org')) params.set('org', orgId);
  if (query.has('user')) params.set('user', userId);
  return `/apex/BiztelSoftphone?${params.toString()}`;
}

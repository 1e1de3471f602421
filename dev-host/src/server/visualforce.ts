/**
 * The softphone's Visualforce page as Salesforce renders it for the dev host: the apex:page
 * wrapper stripped, the merge fields it uses resolved for the user in the query, and the URLs
 * Salesforce serves its scripts at (`opencti_min.js`, the panel's static resource).
 */
import { FAKE_ORG_ID, FAKE_USER_ID, fakeSalesforceId } from '@biztel/opencti/fake';

/** Where the page loads Salesforce's Open CTI library from. */
export const OPENCTI_PATH = '/support/api/62.0/lightning/opencti_min.js';
/** Where Salesforce serves the panel's zip static resource (`biztel_softphone`). */
export const PANEL_RESOURCE_URL = '/resource/biztel_softphone/';

/** `{!URLFOR($Resource.biztel_softphone, IF(LEFT($User.LanguageLocaleKey, 2) = 'en', '<en>', '<other>'))}` */
const PANEL_ENTRY_FIELD = /\{!URLFOR\(\$Resource\.biztel_softphone, IF\(LEFT\(\$User\.LanguageLocaleKey, 2\) = 'en', '([\w./-]+)', '([\w./-]+)'\)\)\}/g;

/** `{!URLFOR($Resource.biztel_softphone, '<path>')}` */
const PANEL_FILE_FIELD = /\{!URLFOR\(\$Resource\.biztel_softphone, '([\w./-]+)'\)\}/g;

/**
 * Renders our Visualforce page the way Salesforce would for this page: strips the apex:page
 * wrapper and resolves the merge fields it uses. Unknown merge fields are an error, so the dev
 * host never silently diverges from the page that is deployed. `?org=` and `?user=` play another
 * org or user (`$Organization.Id`, `$User.Id`); a value that is not a Salesforce id is replaced
 * by the default, so query text never reaches the HTML.
 */
export function renderVisualforce(page: string, query: URLSearchParams): string {
  const lang = query.get('lang') === 'en' ? 'en' : 'ja';
  const orgId = fakeSalesforceId(query.get('org'), FAKE_ORG_ID);
  const userId = fakeSalesforceId(query.get('user'), FAKE_USER_ID);
  let html = page.replace(/<apex:page[^>]*>/, '').replace('</apex:page>', '');
  html = html
    .replaceAll('{!LEFT($User.LanguageLocaleKey, 2)}', lang)
    .replaceAll('{!$Organization.Id}', orgId)
    .replaceAll('{!$User.Id}', userId)
    .replace(PANEL_ENTRY_FIELD, (_field, en: string, other: string) => `${PANEL_RESOURCE_URL}${lang === 'en' ? en : other}`)
    .replace(PANEL_FILE_FIELD, (_field, path: string) => `${PANEL_RESOURCE_URL}${path}`);
  const unknown = html.match(/\{![^}]*\}/);
  if (unknown) throw new Error(`dev host cannot render merge field ${unknown[0]}`);
  // Scenario: the Open CTI library is not available (e.g. the page is not opened by Lightning).
  if (query.get('opencti') === 'missing') html = html.replace(OPENCTI_PATH, '/support/api/missing/opencti_min.js');
  return `<!DOCTYPE html>\n${html.trim()}\n`;
}

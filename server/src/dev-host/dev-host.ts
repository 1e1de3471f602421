/**
 * The dev host: an HTTP server that plays Salesforce for local work. It serves a fake Lightning
 * page (utility bar + simulator controls), the softphone page rendered from the real Visualforce
 * page in force-app, a fake `opencti_min.js`, the built panel bundle, and the simulator's API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Simulator } from '../simulator/simulator.js';
import { handleControlRequest } from '../simulator/control-api.js';
import { FAKE_ORG_ID, FAKE_USER_ID, fakeSalesforceId } from '@biztel/opencti/fake';

export interface DevHostOptions {
  /** Repository root (where force-app/, dev-host/ and dist/ are). */
  readonly root: string;
  readonly simulator: Simulator;
  /** The event server URL the fake call center settings hand to the panel. */
  readonly eventServerUrl: string;
  readonly demo: { accounts: { account: string; extension: string }[]; password: string };
}

export const OPENCTI_PATH = '/support/api/62.0/lightning/opencti_min.js';

export function createDevHost(options: DevHostOptions): Server {
  const { root } = options;
  const files: Record<string, { path: string; type: string }> = {
    [OPENCTI_PATH]: { path: 'dist/dev-host/opencti-fake.js', type: 'text/javascript' },
    '/dev-host/lightning.js': { path: 'dist/dev-host/lightning-host.js', type: 'text/javascript' },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await handleControlRequest(options.simulator, req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed');
    if (url.pathname === '/') {
      const html = await readFile(join(root, 'dev-host/public/index.html'), 'utf8');
      const config = { eventServerUrl: options.eventServerUrl, demo: options.demo };
      return send(res, 200, 'text/html; charset=utf-8', html.replace('"__DEV_HOST_CONFIG__"', jsonForScript(config)));
    }
    if (url.pathname === '/apex/BiztelSoftphone') {
      const page = await readFile(join(root, 'force-app/main/default/pages/BiztelSoftphone.page'), 'utf8');
      return send(res, 200, 'text/html; charset=utf-8', renderVisualforce(page, url.searchParams));
    }
    const file = files[url.pathname] ?? resourceFile(url.pathname);
    if (!file) return text(res, 404, 'not found');
    try {
      return send(res, 200, `${file.type}; charset=utf-8`, await readFile(join(root, file.path)));
    } catch {
      return text(res, 404, `${file.path} is missing: run npm run build`);
    }
  }

  return createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) text(res, 500, String(error));
      else res.end();
    });
  });
}

/** The folder of the zip static resource the panel bundle is built into (see rollup.config.js). */
const PANEL_RESOURCE_DIR = 'force-app/main/default/staticresources/biztel_softphone';
const PANEL_RESOURCE_URL = '/resource/biztel_softphone/';

/** A script of the panel's zip static resource, as Salesforce serves it: `/resource/biztel_softphone/<path>.js`. */
function resourceFile(pathname: string): { path: string; type: string } | undefined {
  if (!pathname.startsWith(PANEL_RESOURCE_URL)) return undefined;
  const path = pathname.slice(PANEL_RESOURCE_URL.length);
  // Plain names in plain folders only: no `..`, no empty segment, nothing but .js.
  if (!/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.js$/.test(path)) return undefined;
  return { path: `${PANEL_RESOURCE_DIR}/${path}`, type: 'text/javascript' };
}

/** `{!URLFOR($Resource.biztel_softphone, IF(LEFT($User.LanguageLocaleKey, 2) = 'en', '<en>', '<other>'))}` */
const PANEL_ENTRY_FIELD =
  /\{!URLFOR\(\$Resource\.biztel_softphone, IF\(LEFT\(\$User\.LanguageLocaleKey, 2\) = 'en', '([\w./-]+)', '([\w./-]+)'\)\)\}/g;

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
    .replace(PANEL_ENTRY_FIELD, (_field, en: string, other: string) => `${PANEL_RESOURCE_URL}${lang === 'en' ? en : other}`);
  const unknown = html.match(/\{![^}]*\}/);
  if (unknown) throw new Error(`dev host cannot render merge field ${unknown[0]}`);
  // Scenario: the Open CTI library is not available (e.g. the page is not opened by Lightning).
  if (query.get('opencti') === 'missing') html = html.replace(OPENCTI_PATH, '/support/api/missing/opencti_min.js');
  return `<!DOCTYPE html>\n${html.trim()}\n`;
}

function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

function text(res: ServerResponse, status: number, body: string): void {
  send(res, status, 'text/plain; charset=utf-8', body);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

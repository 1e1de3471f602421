/**
 * The dev host: an HTTP server that plays Salesforce for local work. It serves a fake Lightning
 * page (utility bar + simulator controls), the softphone page rendered from the real Visualforce
 * page in force-app, a fake `opencti_min.js` and the built panel bundle; the Service Cloud Voice
 * host page (`/scv-host`) and the connector it frames (`/scv/`); and hands the simulator's
 * control API (`/sim/*`) to the handler it is given.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OPENCTI_PATH, PANEL_RESOURCE_URL, renderVisualforce } from './visualforce.js';

/** Answers a request it owns (true, response sent) or leaves it to the dev host (false). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface DevHostOptions {
  /** Repository root (where force-app/, dev-host/ and dist/ are). */
  readonly root: string;
  /** The simulator's control API (the page's simulator controls call `/sim/*`); asked first. */
  readonly control: RequestHandler;
  /** The event server URL the fake call center settings hand to the panel. */
  readonly eventServerUrl: string;
  readonly demo: { accounts: { account: string; extension: string }[]; password: string };
}

export function createDevHost(options: DevHostOptions): Server {
  const handle = devHostHandler(options);
  return createServer((req, res) => void handle(req, res));
}

/**
 * The dev host's requests, for any server (its http one, and the https one that plays the
 * Salesforce origin of the Service Cloud Voice host page): errors end as a 500.
 */
export function devHostHandler(options: DevHostOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { root } = options;
  const files: Record<string, { path: string; type: string }> = {
    [OPENCTI_PATH]: { path: 'dist/dev-host/opencti-fake.js', type: 'text/javascript' },
    '/dev-host/lightning.js': { path: 'dist/dev-host/lightning-host.js', type: 'text/javascript' },
    '/dev-host/scv-host.js': { path: 'dist/dev-host/scv-host.js', type: 'text/javascript' },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await options.control(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'method not allowed');
    if (url.pathname === '/') {
      const html = await readFile(join(root, 'dev-host/public/index.html'), 'utf8');
      const config = { eventServerUrl: options.eventServerUrl, demo: options.demo };
      return send(res, 200, 'text/html; charset=utf-8', html.replace('"__DEV_HOST_CONFIG__"', jsonForScript(config)));
    }
    if (url.pathname === '/scv-host') {
      const html = await readFile(join(root, 'dev-host/public/scv-host.html'), 'utf8');
      const config = { eventServerUrl: options.eventServerUrl, demo: options.demo };
      return send(res, 200, 'text/html; charset=utf-8', html.replace('"__DEV_HOST_CONFIG__"', jsonForScript(config)));
    }
    if (url.pathname === '/apex/BiztelSoftphone') {
      const page = await readFile(join(root, 'force-app/main/default/pages/BiztelSoftphone.page'), 'utf8');
      return send(res, 200, 'text/html; charset=utf-8', renderVisualforce(page, url.searchParams));
    }
    const file = files[url.pathname] ?? resourceFile(url.pathname) ?? connectorFile(url.pathname);
    if (!file) return text(res, 404, 'not found');
    try {
      return send(res, 200, `${file.type}; charset=utf-8`, await readFile(join(root, file.path)));
    } catch {
      return text(res, 404, `${file.path} is missing: run npm run build`);
    }
  }

  return (req, res) =>
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) text(res, 500, String(error));
      else res.end();
    });
}

/** The folder of the zip static resource the panel bundle is built into (see rollup.config.js). */
const PANEL_RESOURCE_DIR = 'force-app/main/default/staticresources/biztel_softphone';

/** A script of the panel's zip static resource, as Salesforce serves it: `/resource/biztel_softphone/<path>.js`. */
function resourceFile(pathname: string): { path: string; type: string } | undefined {
  if (!pathname.startsWith(PANEL_RESOURCE_URL)) return undefined;
  const path = pathname.slice(PANEL_RESOURCE_URL.length);
  // Plain names in plain folders only: no `..`, no empty segment, nothing but .js.
  if (!/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.js$/.test(path)) return undefined;
  return { path: `${PANEL_RESOURCE_DIR}/${path}`, type: 'text/javascript' };
}

/** The SCV connector page as BIZTEL would host it at a contact center's adapter URL: `/scv/connector.html` and its scripts. */
function connectorFile(pathname: string): { path: string; type: string } | undefined {
  const path = /^\/scv\/((?:chunks\/)?[A-Za-z0-9_-]+\.(js|html))$/.exec(pathname);
  if (!path) return undefined;
  return { path: `dist/scv-connector/${path[1]}`, type: path[2] === 'js' ? 'text/javascript' : 'text/html' };
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

/**
 * The dev host's HTTP side on a free port: the softphone page for the user in the query, the
 * panel resource's scripts and nothing outside them, the page config, and the control API first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_ORG_ID } from '@biztel/opencti/fake';
import { createDevHost, type RequestHandler } from './dev-host.js';

const userScope = (html: string) => /<meta name="biztel-user-scope" content="([^"]*)"\/>/.exec(html)?.[1];

/** A stand-in control API: owns `/sim/*`, answers it with the route. */
const control: RequestHandler = async (req, res) => {
  if (!req.url?.startsWith('/sim/')) return false;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`control ${req.method} ${req.url}`);
  return true;
};

/**
 * A repository root with the real pages and a stand-in panel resource, so the test needs no build:
 * an entry, its chunk, a source map and the resource's metadata file beside the folder.
 */
function fakeRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'dev-host-'));
  for (const dir of ['dev-host/public', 'force-app/main/default/pages']) cpSync(join(process.cwd(), dir), join(root, dir), { recursive: true });
  const resource = join(root, 'force-app/main/default/staticresources/biztel_softphone');
  mkdirSync(join(resource, 'chunks'), { recursive: true });
  writeFileSync(join(resource, 'panel-ja.js'), "import './chunks/main.js';\n");
  writeFileSync(join(resource, 'panel-ja.js.map'), '{}');
  writeFileSync(join(resource, 'chunks/main.js'), 'export {};\n');
  writeFileSync(join(resource, '../biztel_softphone.resource-meta.xml'), '<StaticResource/>');
  return root;
}

describe('the dev host serves the softphone page', () => {
  let server: Server;
  let url = '';
  let root = '';

  beforeAll(async () => {
    root = fakeRoot();
    server = createDevHost({
      root,
      control,
      eventServerUrl: 'http://127.0.0.1:8787',
      demo: { accounts: [{ account: 'agent01', extension: '1001' }], password: '</script>' },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('renders /apex/BiztelSoftphone for the user in the query', async () => {
    const res = await fetch(`${url}/apex/BiztelSoftphone?lang=en&user=005000000000002AAA`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(userScope(await res.text())).toBe(`${FAKE_ORG_ID}/005000000000002AAA`);
  });

  it('serves the scripts of the panel resource folder and nothing outside it', async () => {
    const entry = await fetch(`${url}/resource/biztel_softphone/panel-ja.js`);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await entry.text()).toContain('./chunks/');
    const chunk = await fetch(`${url}/resource/biztel_softphone/chunks/main.js`);
    expect(chunk.status).toBe(200);
    await chunk.text();

    for (const path of ['../biztel_softphone.resource-meta.xml', '..%2Fbiztel_softphone.resource-meta.xml', 'chunks//main.js', 'panel-ja.js.map']) {
      const res = await fetch(`${url}/resource/biztel_softphone/${path}`);
      expect(res.status).toBe(404);
      await res.text();
    }
  });

  it('hands the fake Lightning page its config as JSON that cannot close the script', async () => {
    const res = await fetch(`${url}/`);
    const html = await res.text();

    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).not.toContain('__DEV_HOST_CONFIG__');
    expect(html).not.toContain('"</script>"');
    const json = /<script id="dev-host-config" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual({
      eventServerUrl: 'http://127.0.0.1:8787',
      demo: { accounts: [{ account: 'agent01', extension: '1001' }], password: '</script>' },
    });
  });

  it('asks the control API first and serves what it leaves', async () => {
    const sim = await fetch(`${url}/sim/state`);
    expect(await sim.text()).toBe('control GET /sim/state');

    const other = await fetch(`${url}/nowhere`, { method: 'POST' });
    expect(other.status).toBe(405);
    await other.text();
  });
});

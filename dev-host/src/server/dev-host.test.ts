/**
 * The dev host's HTTP side on a free port: the softphone page for the user in the query, the
 * panel resource's scripts and nothing outside them, the page config, and the control API first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('the dev host serves the softphone page', () => {
  let server: Server;
  let url = '';

  beforeAll(async () => {
    server = createDevHost({
      root: process.cwd(),
      control,
      eventServerUrl: 'http://127.0.0.1:8787',
      demo: { accounts: [{ account: 'agent01', extension: '1001' }], password: '</script>' },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
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
    const json = /<script id="dev-host-config" type="application\/json">(.*)<\/script>/.exec(html)?.[1] ?? '';
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

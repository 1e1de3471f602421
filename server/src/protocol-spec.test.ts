/**
 * docs/protocol.md and docs/protocol/asyncapi.json state the server's defaults (limits, timings) and
 * its first words to each client: this holds them to what a server with default options says.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, deviceHelloSchema, helloSchema } from '@biztel/protocol';
import { asyncApiDocument } from '@biztel/protocol/spec';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { createEventServer, type EventServer } from './event-server.js';
import { MAX_MESSAGE_BYTES } from './event-server/io-server.js';
import { TEST_PANEL_ORIGIN } from './testing/panel-probe.js';

const quiet = { info() {}, warn() {}, error() {} };
let server: EventServer;
let http: HttpServer;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createEventServer({ directory: demoDirectory, allowedOrigins: [TEST_PANEL_ORIGIN], logger: quiet });
  http = createServer((_req, res) => res.writeHead(404).end());
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.close();
});

function first(namespace: string, event: string, auth?: Record<string, unknown>): Promise<unknown> {
  const socket = connect(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: TEST_PANEL_ORIGIN },
    auth,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once(event, resolve);
    socket.once('connect_error', reject);
  });
}

describe('the documented defaults are the server’s', () => {
  it('a softphone’s hello carries the limits the spec prints, the size limit among them', async () => {
    const hello = deviceHelloSchema.check(
      await first('/softphone', 'server:hello', { protocol: PROTOCOL_VERSION, account: 'agent03', password: DEMO_PASSWORD, extension: '1003' }),
      'hello',
    );

    expect(hello.ok && hello.value.limits).toEqual(asyncApiDocument()['x-limits']);
    expect(MAX_MESSAGE_BYTES).toBe((asyncApiDocument()['x-limits'] as { maxMessageBytes: number }).maxMessageBytes);
  });

  it('a panel is greeted with the documented hello', async () => {
    expect(helloSchema.check(await first('/panel', 'server:hello'), 'hello').ok).toBe(true);
  });
});

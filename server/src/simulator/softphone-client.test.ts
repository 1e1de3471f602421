/**
 * Integration: the simulated softphone keeps the softphone's side of the contract
 * (docs/protocol.md) against a real event server — it refuses a command past its deadline without
 * running it, runs a repeated command id once, and stays away once another softphone replaced it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command, DeviceState } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS, until } from '@biztel/testing';
import { DEMO_PASSWORD, demoDirectory } from '../config/directory.js';
import { createEventServer, type EventServer } from '../event-server.js';
import { fakeClock } from './pbx-fixture.js';
import { Pbx } from './pbx.js';
import { SimSoftphone } from './softphone-client.js';

const silent = { info() {}, warn() {}, error() {} };
let server: EventServer;
let http: HttpServer;
let url = '';

beforeAll(async () => {
  server = createEventServer({ directory: demoDirectory, allowedOrigins: [], logger: silent });
  http = createServer((_req, res) => res.writeHead(404).end());
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  http.closeAllConnections();
});

/** A simulated softphone on 1001 whose local clock can be moved by `skew.ms`. */
async function started() {
  const states: DeviceState[] = [];
  const box: { phone?: SimSoftphone } = {};
  const pbx = new Pbx({ clock: fakeClock().clock, extensions: ['1001'], autoAnswerMs: null, onChange: (_e, s) => (states.push(s), box.phone?.publish(s)) });
  const skew = { ms: 0 };
  const phone = (box.phone = new SimSoftphone(url, { account: 'agent01', password: DEMO_PASSWORD, extension: '1001' }, pbx, () => Date.now() + skew.ms));
  await phone.start();
  const socket = await until(() => [...server.io.of('/softphone').sockets.values()].find((s) => s.connected), { what: 'the softphone on the server' });
  await until(() => phone.greeted, { what: 'the hello' });
  const ask = (command: Command) => socket.timeout(WAIT_TIMEOUT_MS).emitWithAck('device:command', command) as Promise<unknown>;
  return { pbx, phone, skew, socket, ask, states };
}

describe('the simulated softphone', () => {
  it('refuses a command whose deadline its estimate of the server clock has passed, and does not run it', async () => {
    const { pbx, phone, skew, ask } = await started();
    try {
      skew.ms = 10 * 60_000; // its clock jumps ahead after the hello
      expect(await ask({ type: 'dial', id: 'late-1', deadline: Date.now() + 5_000, number: '0312345678' })).toEqual({
        ok: false,
        code: 'EXPIRED',
        message: 'the command arrived after its deadline',
      });
      expect(pbx.stateOf('1001').calls).toEqual([]);
    } finally {
      phone.stop();
      pbx.dispose();
    }
  });

  it('runs a repeated command id once and answers the repeat with the first answer', async () => {
    const { pbx, phone, ask } = await started();
    try {
      const dial: Command = { type: 'dial', id: 'dial-once-1', deadline: Date.now() + 60_000, number: '0312345678' };
      expect(await ask(dial)).toEqual({ ok: true });
      expect(await ask(dial)).toEqual({ ok: true });
      expect(pbx.stateOf('1001').calls).toHaveLength(1);
      // A second dial with another id is a new command: busy, not the first answer.
      expect(await ask({ ...dial, id: 'dial-once-2' })).toMatchObject({ ok: false });
    } finally {
      phone.stop();
      pbx.dispose();
    }
  });
});

/**
 * The control API over real HTTP (a server on a free port), driven by raw requests for validation
 * and by the dev host's `SimClient` (contract: client and API agree).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimClient, simStateSchema } from '@biztel/dev-host/sim-client';
import { OffsetClock } from './clock.js';
import { MAX_ADVANCE_MS, handleControlRequest, type SimulatorControl } from './control-api.js';
import { Pbx } from './pbx.js';

let server: Server;
let base = '';
let sim: SimulatorControl;
let client: SimClient;
/** The network changes asked of the fake simulator's softphones, in order. */
let networkChanges: string[] = [];

function freshSimulator(): SimulatorControl {
  const clock = new OffsetClock();
  const pbx = new Pbx({
    clock,
    extensions: ['1001', '1002', '1003'],
    autoAnswerMs: null,
    onChange: () => undefined,
    ringGroups: [{ extension: '2000', name: 'サポートグループ', members: ['1001', '1002', '1003'] }],
    parkSlots: { first: 701, last: 720 },
    parkRecallSeconds: 300,
    parkDelayMs: 1500,
  });
  for (const ext of ['1001', '1002']) pbx.attach(ext);
  return {
    pbx,
    clock,
    async setSoftphoneRunning(extension, running) {
      if (!pbx.hasExtension(extension)) return false;
      if (running) pbx.attach(extension);
      else pbx.detach(extension);
      return true;
    },
    setSoftphoneNetwork(extension, up) {
      if (!pbx.isRunning(extension)) return false;
      networkChanges.push(`${extension} ${up ? 'up' : 'down'}`);
      return true;
    },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    // As on the SCV dev host's https side: one more name the requests may be addressed to.
    handleControlRequest(sim, req, res, ['biztel-dev.lightning.force.com']).then(
      (handled) => {
        if (!handled) res.writeHead(418).end('not a simulator route');
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new SimClient(base);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  sim?.pbx.dispose();
  sim = freshSimulator();
  networkChanges = [];
});

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** 1001 answers a call from 0312345678 and parks it. */
function parkOn1001(): void {
  const r = sim.pbx.inbound('1001', '0312345678');
  if (!r.ok) throw new Error('inbound refused');
  sim.pbx.command('1001', { type: 'answer', id: 'a', callId: r.callId });
  sim.pbx.command('1001', { type: 'park', id: 'p', callId: r.callId });
}

describe('GET /sim/state', () => {
  it('reports extensions with calls and parked calls, ring groups, park slots and the clock', async () => {
    sim.pbx.inbound('1001', '0312345678', 'サポート窓口');

    const state = await client.state();

    expect(state).toEqual({
      autoAnswerMs: null,
      now: expect.any(Number),
      extensions: [
        { extension: '1001', running: true, calls: [expect.objectContaining({ state: 'ringing', remoteNumber: '0312345678' })], parked: [] },
        { extension: '1002', running: true, calls: [], parked: [] },
        { extension: '1003', running: false, calls: [], parked: [] },
      ],
      ringGroups: [{ extension: '2000', name: 'サポートグループ', members: ['1001', '1002', '1003'] }],
      parkSlots: { first: 701, last: 720 },
      parkRecallSeconds: 300,
    });
    expect(Math.abs(state!.now - Date.now())).toBeLessThan(5_000);
  });

  it('is exactly what the dev host’s schema accepts', async () => {
    parkOn1001();
    sim.clock.advance(1_500);
    const json: unknown = await (await fetch(`${base}/sim/state`)).json();

    expect(simStateSchema.check(json, 'state')).toEqual({ ok: true, value: json });
  });
});

describe('POST /sim/inbound', () => {
  it.each([
    ['ok', { status: 'ok', messages: expect.arrayContaining([expect.objectContaining({ url: 'javascript:alert(1)' })]) }],
    ['connect', { status: 'error', error: 'connect' }],
    ['fetch', { status: 'error', error: 'fetch' }],
    ['server', { status: 'error', error: 'server' }],
  ] as const)('chat %s gives the call its chat history', async (chat, expected) => {
    const result = await client.inbound('1001', '09012345678', { businessLabel: 'チャットボット', chat });

    expect(result).toEqual({ ok: true, callId: expect.any(String) });
    expect(sim.pbx.callsOf('1001')).toEqual([expect.objectContaining({ businessLabel: 'チャットボット', chat: expected })]);
  });

  it('without chat is a normal call', async () => {
    await client.inbound('1001', '09012345678');

    expect(sim.pbx.callsOf('1001')[0]).not.toHaveProperty('chat');
  });

  it('an empty caller number is anonymous', async () => {
    await client.inbound('1001', '');

    expect(sim.pbx.callsOf('1001')).toEqual([expect.objectContaining({ remoteNumber: 'anonymous' })]);
  });

  it('to a ring group rings its running members', async () => {
    const result = await client.inbound('2000', '0312345678');

    expect(result.ok).toBe(true);
    expect(sim.pbx.view().map((x) => x.calls.length)).toEqual([1, 1, 0]);
  });

  it('to a stopped softphone is refused with 409', async () => {
    expect(await post('/sim/inbound', { to: '1003', from: '0312345678' })).toEqual({ status: 409, json: { ok: false, code: 'SOFTPHONE_NOT_RUNNING' } });
  });
});

describe('remote party and parked customer', () => {
  it('remote answer and hang-up act on an outbound call', async () => {
    sim.pbx.command('1001', { type: 'dial', id: 'd', number: '0312345678' });
    const callId = sim.pbx.callsOf('1001')[0]!.id;

    expect(await client.remoteAnswer(callId)).toEqual({ ok: true });
    expect(sim.pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking' });
    expect(await client.remoteHangup(callId)).toEqual({ ok: true });
    expect(sim.pbx.callsOf('1001')).toEqual([]);
  });

  it('a parked customer hangs up', async () => {
    parkOn1001();
    sim.clock.advance(1_500);

    expect(await client.hangupParked('701')).toEqual({ ok: true });
    expect(sim.pbx.parkedBy('1001')).toEqual([]);
    expect(await client.hangupParked('701')).toEqual({ ok: false, message: 'NO_SUCH_CALL: no call is parked on 701' });
  });
});

describe('POST /sim/clock/advance', () => {
  it('completes a park, then after 300 s rings the parking phone back', async () => {
    parkOn1001();
    const before = sim.clock.now();

    const parked = await client.advanceClock(1_500);

    expect(parked).toEqual({ ok: true, now: expect.any(Number) });
    expect(parked.ok && parked.now! - before).toBeGreaterThanOrEqual(1_500);
    expect(sim.pbx.parkedBy('1001')).toEqual([expect.objectContaining({ slot: '701', remoteNumber: '0312345678' })]);

    await client.advanceClock(300_000);

    expect(sim.pbx.parkedBy('1001')).toEqual([]);
    expect(sim.pbx.callsOf('1001')).toEqual([expect.objectContaining({ state: 'ringing', recall: { slot: '701' } })]);
  });
});

describe('other controls', () => {
  it('starts and stops a softphone; an unknown one is 404', async () => {
    expect(await client.setSoftphone('1003', true)).toEqual({ ok: true });
    expect(sim.pbx.isRunning('1003')).toBe(true);
    expect(await client.setSoftphone('1003', false)).toEqual({ ok: true });
    expect(sim.pbx.isRunning('1003')).toBe(false);
    expect(await post('/sim/softphone', { extension: '7777', running: true })).toEqual({
      status: 404,
      json: { ok: false, code: 'NO_SUCH_EXTENSION', message: 'no softphone 7777' },
    });
  });

  it("drops and restores a running softphone's network, and refuses one that is not running", async () => {
    expect(await client.setSoftphoneNetwork('1001', false)).toEqual({ ok: true });
    expect(await client.setSoftphoneNetwork('1001', true)).toEqual({ ok: true });
    expect(await post('/sim/softphone/network', { extension: '1003', up: false })).toEqual({
      status: 404,
      json: { ok: false, code: 'NO_SUCH_EXTENSION', message: 'no running softphone 1003' },
    });
    expect(networkChanges).toEqual(['1001 down', '1001 up']);
  });

  it('refuses a cross-site page driving it (a text/plain form POST), and takes its own page and tools', async () => {
    const formPost = (headers: Record<string, string>) =>
      fetch(`${base}/sim/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...headers },
        body: JSON.stringify({ to: '1001', from: '0312345678' }),
      });
    const crossSite = await formPost({ origin: 'https://evil.example' });
    expect([crossSite.status, await crossSite.json()]).toEqual([
      403,
      { ok: false, code: 'FORBIDDEN_ORIGIN', message: 'the simulator takes requests from its own page only' },
    ]);
    const noOriginButCrossSite = await formPost({ 'sec-fetch-site': 'cross-site' });
    expect(noOriginButCrossSite.status).toBe(403);
    expect(sim.pbx.callsOf('1001')).toEqual([]);
    expect((await formPost({ origin: base })).status).toBe(200);
    expect((await formPost({})).status).toBe(200);
    expect(sim.pbx.callsOf('1001')).toHaveLength(2);
  });

  it('refuses a page that rebound its own name to this address (DNS rebinding): its Host is not an address', async () => {
    const { port } = new URL(base);
    const postWithHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ to: '1001', from: '0312345678' });
        const req = request(
          { host: '127.0.0.1', port, path: '/sim/inbound', method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'text/plain' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.once('error', reject);
        req.end(body);
      });
    expect(await postWithHost(`rebind.evil.example:${port}`)).toBe(403);
    expect(sim.pbx.callsOf('1001')).toEqual([]);
    expect(await postWithHost(`localhost:${port}`)).toBe(200);
    expect(await postWithHost(`127.0.0.1:${port}`)).toBe(200);
    expect(await postWithHost(`[::1]:${port}`)).toBe(200);
    // The name the listener was told to trust, and only that one.
    expect(await postWithHost(`biztel-dev.lightning.force.com:${port}`)).toBe(200);
    expect(await postWithHost(`evil.lightning.force.com:${port}`)).toBe(403);
  });

  it('switches auto-answer', async () => {
    expect(await post('/sim/settings', { autoAnswer: true, autoAnswerMs: 800 })).toEqual({ status: 200, json: { ok: true, autoAnswerMs: 800 } });
    expect(await post('/sim/settings', { autoAnswer: false })).toEqual({ status: 200, json: { ok: true, autoAnswerMs: null } });
  });

  it('reset ends every call and empties every park slot', async () => {
    parkOn1001();
    sim.clock.advance(1_500);
    sim.pbx.inbound('1002', '0312345678');

    expect(await client.reset()).toEqual({ ok: true });

    expect(sim.pbx.view().every((x) => x.calls.length === 0 && x.parked.length === 0)).toBe(true);
    expect((sim.clock as OffsetClock).pending).toBe(0);
  });

  it.each([
    ['GET', '/sim/nope'],
    ['GET', '/sim/inbound'],
    ['DELETE', '/sim/state'],
  ])('%s %s is 404', async (method, path) => {
    const res = await fetch(`${base}${path}`, { method });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, code: 'NOT_FOUND', message: `${method} ${path}` });
  });

  it('leaves paths outside /sim/ to the host', async () => {
    expect((await fetch(`${base}/simulator`)).status).toBe(418);
  });
});

describe('request validation (400, nothing changes, nothing crashes)', () => {
  it.each<[string, string, unknown, RegExp]>([
    ['a body that is not JSON', '/sim/inbound', '{to:', /body is not JSON/],
    ['an empty body', '/sim/clock/advance', '', /body is not JSON/],
    ['a JSON array', '/sim/inbound', '[1]', /body: expected an object/],
    ['a missing to', '/sim/inbound', { from: '0312345678' }, /body\.to: expected a string/],
    ['letters in the caller number', '/sim/inbound', { to: '1001', from: 'abc' }, /body\.from: has an invalid format/],
    [
      'an unknown chat scenario',
      '/sim/inbound',
      { to: '1001', from: '0312345678', chat: 'nope' },
      /body\.chat: expected one of ok, connect, wrongNumber, fetch, server/,
    ],
    ['a business label too long', '/sim/inbound', { to: '1001', from: '0312345678', businessLabel: 'x'.repeat(65) }, /body\.businessLabel: longer than 64/],
    ['a missing call ID', '/sim/remote/answer', {}, /body\.callId: expected a string/],
    ['a slot with letters', '/sim/parked/hangup', { slot: '70a' }, /body\.slot: has an invalid format/],
    ['running as a string', '/sim/softphone', { extension: '1001', running: 'yes' }, /body\.running: expected a boolean/],
    ['a network state as a string', '/sim/softphone/network', { extension: '1001', up: 'no' }, /body\.up: expected a boolean/],
    ['advancing by 0 ms', '/sim/clock/advance', { ms: 0 }, /body\.ms: out of range 1\.\.3600000/],
    ['advancing by more than an hour', '/sim/clock/advance', { ms: MAX_ADVANCE_MS + 1 }, /body\.ms: out of range/],
    ['advancing by a string', '/sim/clock/advance', { ms: '300000' }, /body\.ms: expected an integer/],
    ['advancing by a fraction', '/sim/clock/advance', { ms: 1.5 }, /body\.ms: expected an integer/],
    ['a prototype-polluting key', '/sim/clock/advance', '{"ms": 5, "__proto__": {"x": 1}}', /forbidden key/],
    ['a body over 8 KiB', '/sim/inbound', { to: '1001', from: '0312345678', pad: 'x'.repeat(9_000) }, /body larger than 8192 bytes/],
  ])('refuses %s', async (_what, path, body, message) => {
    const before = JSON.stringify(sim.pbx.view());
    const now = sim.clock.now();

    const { status, json } = await post(path, body);

    expect(status).toBe(400);
    expect(json).toEqual({ ok: false, code: 'INVALID_PAYLOAD', message: expect.stringMatching(message) });
    expect(JSON.stringify(sim.pbx.view())).toBe(before);
    expect(sim.clock.now() - now).toBeLessThan(1_000);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { SimClient, type SimResult } from './sim-client.js';

const BASE = 'http://sim.test';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const state = {
  autoAnswerMs: 3000,
  now: 1_717_000_100_000,
  extensions: [
    {
      extension: '1001',
      running: true,
      calls: [
        {
          id: 'clx1-1',
          direction: 'inbound',
          state: 'ringing',
          remoteNumber: '0312345678',
          startedAt: 1_717_000_000_000,
          businessLabel: 'サポート窓口',
          chat: { status: 'error', error: 'fetch' },
        },
      ],
      parked: [{ slot: '701', remoteNumber: '09012345678', parkedAt: 1_717_000_050_000, recallAt: 1_717_000_350_000 }],
    },
    { extension: '1002', running: false, calls: [], parked: [] },
  ],
  ringGroups: [{ extension: '2000', name: 'サポートグループ', members: ['1001', '1002'] }],
  parkSlots: { first: 701, last: 720 },
  parkRecallSeconds: 300,
};

/** Answers POST `path` with `reply`/`status` and records the JSON bodies and headers it received. */
function recordPost(path: string, reply: JsonBodyType, status = 200) {
  const received: { body: unknown; contentType: string | null }[] = [];
  server.use(
    http.post(`${BASE}${path}`, async ({ request }) => {
      received.push({ body: await request.json(), contentType: request.headers.get('content-type') });
      return HttpResponse.json(reply, { status });
    }),
  );
  return received;
}

describe('SimClient.state', () => {
  it('returns the validated simulator state', async () => {
    server.use(http.get(`${BASE}/sim/state`, () => HttpResponse.json(state)));

    await expect(new SimClient(BASE).state()).resolves.toEqual(state);
  });

  it('accepts a tenant without park slots (null)', async () => {
    server.use(http.get(`${BASE}/sim/state`, () => HttpResponse.json({ ...state, parkSlots: null })));

    await expect(new SimClient(BASE).state()).resolves.toMatchObject({ parkSlots: null });
  });

  it('accepts auto-answer switched off (null)', async () => {
    server.use(http.get(`${BASE}/sim/state`, () => HttpResponse.json({ ...state, autoAnswerMs: null })));

    await expect(new SimClient(BASE).state()).resolves.toMatchObject({ autoAnswerMs: null });
  });

  it('drops fields it does not know', async () => {
    server.use(http.get(`${BASE}/sim/state`, () => HttpResponse.json({ ...state, secret: 'x', version: 9 })));

    const result = await new SimClient(BASE).state();

    expect(result).toEqual(state);
  });

  it.each<[string, () => Response]>([
    ['a 500', () => HttpResponse.json({ error: 'boom' }, { status: 500 })],
    ['a 404', () => new HttpResponse('Not Found', { status: 404 })],
    ['a body that is not JSON', () => new HttpResponse('<html>proxy error</html>', { headers: { 'content-type': 'application/json' } })],
    [
      'a call in an unknown state',
      () =>
        HttpResponse.json({
          ...state,
          extensions: [{ extension: '1001', running: true, calls: [{ ...state.extensions[0]!.calls[0], state: 'exploded' }], parked: [] }],
        }),
    ],
    ['running as a string', () => HttpResponse.json({ ...state, extensions: [{ extension: '1001', running: 'yes', calls: [], parked: [] }] })],
    ['an extension without its parked list', () => HttpResponse.json({ ...state, extensions: [{ extension: '1001', running: true, calls: [] }] })],
    [
      'a parked call without recallAt',
      () =>
        HttpResponse.json({
          ...state,
          extensions: [{ extension: '1001', running: true, calls: [], parked: [{ slot: '701', remoteNumber: '1', parkedAt: 1 }] }],
        }),
    ],
    ['a ring group member that is not a number', () => HttpResponse.json({ ...state, ringGroups: [{ extension: '2000', name: 'x', members: ['abc'] }] })],
    ['park slots as a string', () => HttpResponse.json({ ...state, parkSlots: '701-720' })],
    ['no clock', () => HttpResponse.json({ ...state, now: undefined })],
    ['autoAnswerMs out of range', () => HttpResponse.json({ ...state, autoAnswerMs: -5 })],
    ['a JSON array', () => HttpResponse.json([state])],
    ['a network error', () => HttpResponse.error()],
  ])('returns null on %s', async (_what, reply) => {
    server.use(http.get(`${BASE}/sim/state`, reply));

    await expect(new SimClient(BASE).state()).resolves.toBeNull();
  });
});

describe('SimClient commands', () => {
  it('inbound() posts to/from/businessLabel/chat as JSON and returns the new call ID', async () => {
    const received = recordPost('/sim/inbound', { ok: true, callId: 'clx1-7' });

    const result = await new SimClient(BASE).inbound('2000', '0312345678', { businessLabel: 'サポート窓口', chat: 'ok' });

    expect(result).toEqual({ ok: true, callId: 'clx1-7' });
    expect(received).toEqual([{ body: { to: '2000', from: '0312345678', businessLabel: 'サポート窓口', chat: 'ok' }, contentType: 'application/json' }]);
  });

  it.each(['connect', 'wrongNumber', 'fetch', 'server'] as const)('inbound() sends the chat error scenario %s', async (chat) => {
    const received = recordPost('/sim/inbound', { ok: true, callId: 'clx1-9' });

    await new SimClient(BASE).inbound('1001', '', { chat });

    expect(received.map((r) => r.body)).toEqual([{ to: '1001', from: '', chat }]);
  });

  it('inbound() leaves businessLabel out when there is none', async () => {
    const received = recordPost('/sim/inbound', { ok: true, callId: 'clx1-8' });

    await new SimClient(BASE).inbound('1001', 'anonymous');

    expect(received.map((r) => r.body)).toEqual([{ to: '1001', from: 'anonymous' }]);
  });

  it.each<[string, string, (c: SimClient) => Promise<SimResult>, unknown]>([
    ['remoteAnswer', '/sim/remote/answer', (c) => c.remoteAnswer('clx1-1'), { callId: 'clx1-1' }],
    ['remoteHangup', '/sim/remote/hangup', (c) => c.remoteHangup('clx1-1'), { callId: 'clx1-1' }],
    ['setSoftphone (start)', '/sim/softphone', (c) => c.setSoftphone('1002', true), { extension: '1002', running: true }],
    ['setSoftphone (stop)', '/sim/softphone', (c) => c.setSoftphone('1002', false), { extension: '1002', running: false }],
    ['setAutoAnswer with a delay', '/sim/settings', (c) => c.setAutoAnswer(true, 1500), { autoAnswer: true, autoAnswerMs: 1500 }],
    ['setAutoAnswer off', '/sim/settings', (c) => c.setAutoAnswer(false), { autoAnswer: false }],
    ['hangupParked', '/sim/parked/hangup', (c) => c.hangupParked('701'), { slot: '701' }],
    ['reset', '/sim/reset', (c) => c.reset(), {}],
  ])('%s posts the right body and reports ok', async (_what, path, act, body) => {
    const received = recordPost(path, { ok: true });

    const result = await act(new SimClient(BASE));

    expect(result).toEqual({ ok: true });
    expect(received.map((r) => r.body)).toEqual([body]);
  });

  it('advanceClock() posts the milliseconds and returns the new simulator time', async () => {
    const received = recordPost('/sim/clock/advance', { ok: true, now: 1_717_000_300_000 });

    const result = await new SimClient(BASE).advanceClock(300_000);

    expect(result).toEqual({ ok: true, now: 1_717_000_300_000 });
    expect(received.map((r) => r.body)).toEqual([{ ms: 300_000 }]);
  });

  it('advanceClock() reports the API’s validation error', async () => {
    recordPost('/sim/clock/advance', { ok: false, code: 'INVALID_PAYLOAD', message: 'body.ms: out of range 1..3600000' }, 400);

    await expect(new SimClient(BASE).advanceClock(0)).resolves.toEqual({
      ok: false,
      message: 'INVALID_PAYLOAD: body.ms: out of range 1..3600000',
    });
  });

  it('turns a 409 refusal into ok:false naming the code', async () => {
    recordPost('/sim/inbound', { ok: false, code: 'SOFTPHONE_NOT_RUNNING' }, 409);

    const result = await new SimClient(BASE).inbound('1002', '0312345678');

    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('SOFTPHONE_NOT_RUNNING');
  });

  it('joins code and message of a refusal', async () => {
    recordPost('/sim/inbound', { ok: false, code: 'NO_SUCH_CALL', message: 'no extension 9999' }, 409);

    await expect(new SimClient(BASE).inbound('9999', '0312345678')).resolves.toEqual({
      ok: false,
      message: 'NO_SUCH_CALL: no extension 9999',
    });
  });

  it('falls back to the HTTP status when a refusal says nothing', async () => {
    recordPost('/sim/softphone', { ok: false }, 404);

    await expect(new SimClient(BASE).setSoftphone('7777', true)).resolves.toEqual({ ok: false, message: 'HTTP 404' });
  });

  it('turns a network error into ok:false with a message', async () => {
    server.use(http.post(`${BASE}/sim/inbound`, () => HttpResponse.error()));

    const result = await new SimClient(BASE).inbound('1001', '0312345678');

    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^simulator unreachable: /);
  });

  it('turns an answer without JSON into ok:false naming the status', async () => {
    server.use(http.post(`${BASE}/sim/remote/answer`, () => new HttpResponse('<h1>Bad Gateway</h1>', { status: 502 })));

    await expect(new SimClient(BASE).remoteAnswer('clx1-1')).resolves.toEqual({
      ok: false,
      message: 'simulator answered 502 without JSON',
    });
  });

  it('turns an answer of the wrong shape into ok:false with the validation error', async () => {
    recordPost('/sim/inbound', { ok: 'yes', callId: 'clx1-9' });

    await expect(new SimClient(BASE).inbound('1001', '0312345678')).resolves.toEqual({
      ok: false,
      message: 'reply.ok: expected a boolean',
    });
  });

  it('uses an injected fetcher instead of the global fetch', async () => {
    const seen: string[] = [];
    const fetcher: typeof fetch = async (input) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return Response.json({ ok: true });
    };

    const result = await new SimClient('http://other.test', fetcher).remoteHangup('c1');

    expect(result).toEqual({ ok: true });
    expect(seen).toEqual(['http://other.test/sim/remote/hangup']);
  });
});

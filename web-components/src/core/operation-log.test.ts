import { describe, expect, it, jest } from '@jest/globals';
import type { SignInRequest } from '@biztel/protocol';
import { OperationLog, redact, scrubText } from './operation-log.js';
import { logText } from './operation-log-text.js';

const T0 = Date.UTC(2025, 3, 1, 0, 0, 0); // 2025-04-01T00:00:00.000Z

/** A clock that advances one second per reading. */
function ticking(start = T0): () => number {
  let now = start - 1000;
  return () => (now += 1000);
}

const PASSWORD = 'Tr0ub4dor&3';
/** A resume token as the server issues it (32 random bytes, base64url). */
const RESUME_TOKEN = 'q7Vd0bX2mN9kL4pR8sT1wY6zA3cE5gH0jK2lM4nP6rS';

const signInRequest: SignInRequest = {
  account: 'yamada.taro',
  password: PASSWORD,
  extension: '1001',
  initialStatusId: 'available',
  hardphone: false,
};

// Anything that does not belong in the log: if one of these shows up, a secret leaked.
const SECRETS = [PASSWORD, RESUME_TOKEN, 's3cr3t-api-key', 'sid=abc123', 'xyzzy-bearer'];
const leaks = (text: string) => SECRETS.filter((secret) => text.includes(secret));

describe('OperationLog', () => {
  it('keeps entries oldest first, numbered, timed by its clock', () => {
    const log = new OperationLog({ now: ticking() });

    log.record('operation', 'dial', { number: '0312345678' });
    log.record('event', 'call:ringing');

    expect(log.entries()).toEqual([
      { seq: 1, at: T0, kind: 'operation', name: 'dial', detail: '{"number":"0312345678"}' },
      { seq: 2, at: T0 + 1000, kind: 'event', name: 'call:ringing' },
    ]);
    expect(log.dropped).toBe(0);
  });

  it('drops the oldest entries first when full and counts them', () => {
    const log = new OperationLog({ capacity: 3, now: ticking() });

    for (let i = 1; i <= 5; i++) log.record('event', `e${i}`);

    expect(log.entries().map((e) => e.name)).toEqual(['e3', 'e4', 'e5']);
    expect(log.entries().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.dropped).toBe(2);
    expect(log.last(2).map((e) => e.name)).toEqual(['e4', 'e5']);
    expect(log.last(10).map((e) => e.name)).toEqual(['e3', 'e4', 'e5']);
    expect(log.last(0)).toEqual([]);
  });

  it('holds 500 entries unless told otherwise', () => {
    const log = new OperationLog({ now: ticking() });

    for (let i = 1; i <= 501; i++) log.record('event', `e${i}`);

    expect(log.entries()).toHaveLength(500);
    expect(log.entries()[0]!.name).toBe('e2');
    expect(log.dropped).toBe(1);
  });

  it('refuses a capacity below one', () => {
    expect(() => new OperationLog({ capacity: 0 })).toThrow(RangeError);
  });

  it('never keeps the password of a sign-in request, even when handed the whole request', () => {
    const log = new OperationLog({ now: ticking() });

    log.record('operation', 'signIn', signInRequest);
    log.record('operation', 'signIn (form)', { ...signInRequest, password: undefined, form: { ...signInRequest } });

    const text = logText(log);
    expect(leaks(text)).toEqual([]);
    expect(JSON.parse(log.entries()[0]!.detail!)).toEqual({
      account: 'yamada.taro',
      password: '[redacted]',
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
  });

  it('redacts secrets under nested keys and in arrays, and written into free text', () => {
    const log = new OperationLog({ now: ticking() });

    log.record('event', 'session:resumed', {
      reply: { ok: true, resumeToken: RESUME_TOKEN, snapshot: { revision: 7 } },
      attempts: [{ AUTHORIZATION: 'Bearer xyzzy-bearer' }, { headers: { Cookie: 'sid=abc123' } }],
      client_secret: 's3cr3t-api-key',
    });
    log.record('error', 'request failed', `POST /signIn password=${PASSWORD}; Authorization: Bearer xyzzy-bearer`);
    log.record('connection', `resumed with ${RESUME_TOKEN}`);

    expect(leaks(logText(log))).toEqual([]);
    expect(JSON.parse(log.entries()[0]!.detail!)).toEqual({
      reply: { ok: true, resumeToken: '[redacted]', snapshot: { revision: 7 } },
      attempts: [{ AUTHORIZATION: '[redacted]' }, { headers: { Cookie: '[redacted]' } }],
      client_secret: '[redacted]',
    });
    expect(log.entries()[1]!.detail).toBe('POST /signIn password=[redacted] Authorization: Bearer [redacted]');
    expect(log.entries()[2]!.name).toBe('resumed with [redacted]');
  });

  it('keeps what only looks like a secret: event names, call ids, UUIDs and error codes', () => {
    const text = 'session:signIn session:resume call-20250401-0001 4f1d2c3b-9a8e-4d7c-b6a5-0123456789ab RECONNECTION_ATTEMPTS_EXHAUSTED 0035g00000AbCdEAAV';

    expect(scrubText(text, 500)).toBe(text);
  });

  it('bounds huge details to 500 characters and long names to 100', () => {
    const log = new OperationLog({ now: ticking() });

    log.record('event', 'x'.repeat(1_000), 'y'.repeat(1_000_000));
    log.record('event', 'many', { a: 'z'.repeat(10_000), b: Array.from({ length: 1_000 }, (_, i) => i) });

    const [first, second] = log.entries();
    expect(first!.name).toHaveLength(100);
    expect(first!.detail).toHaveLength(500);
    expect(first!.detail!.endsWith('…')).toBe(true);
    expect(second!.detail!.length).toBeLessThanOrEqual(500);
  });

  it('strips control characters from names and details, so one entry stays one line', () => {
    const log = new OperationLog({ now: ticking() });

    log.record('event', 'call:ring\u0000ing\nFAKE\tLINE', 'a\r\nb\u001b[31mred\u202e\u0007\u200f\u061c');

    const [entry] = log.entries();
    expect(entry!.name).toBe('call:ring ing FAKE LINE');
    expect(entry!.detail).toBe('a b [31mred ');
    expect(logText(log).trimEnd().split('\n')).toHaveLength(1);
  });

  it('exports header lines, the dropped count and one line per entry: ISO time, kind, name, detail', () => {
    const log = new OperationLog({ capacity: 2, now: ticking() });
    log.record('operation', 'dial', '0312345678');
    log.record('event', 'call:ringing');
    log.record('error', 'hangup failed', { code: 'NO_SUCH_CALL' });

    const text = logText(log, { version: '0.1.0', 'server\nURL': `https://octi.example.biztel.jp/?token=${RESUME_TOKEN}` });

    expect(text).toBe(
      [
        'version: 0.1.0',
        'server URL: https://octi.example.biztel.jp/?token=[redacted]',
        'dropped: 1',
        '',
        '2025-04-01T00:00:01.000Z\tevent\tcall:ringing',
        '2025-04-01T00:00:02.000Z\terror\thangup failed\t{"code":"NO_SUCH_CALL"}',
        '',
      ].join('\n'),
    );
  });

  it('tells subscribers of each entry until they unsubscribe; a failing subscriber stops nobody', () => {
    const log = new OperationLog({ now: ticking() });
    const broken = jest.fn(() => {
      throw new Error('view gone');
    });
    const listener = jest.fn();
    log.subscribe(broken);
    const unsubscribe = log.subscribe(listener);

    log.record('event', 'one');
    log.record('event', 'two');
    unsubscribe();
    log.record('event', 'three');

    expect(listener).toHaveBeenCalledTimes(2);
    expect(broken).toHaveBeenCalledTimes(3);
    expect(log.entries()).toHaveLength(3);
  });
});

describe('redact', () => {
  it('replaces values under password, token, secret, auth, cookie and session keys at any depth', () => {
    expect(
      redact({
        Password: 'a',
        pass: 'b',
        idToken: 'c',
        nested: [{ secretAnswer: 'd', sessionId: 'e', authCode: 'f', setCookie: ['g'] }, 'keep'],
        account: 'yamada.taro',
      }),
    ).toEqual({
      Password: '[redacted]',
      pass: '[redacted]',
      idToken: '[redacted]',
      nested: [{ secretAnswer: '[redacted]', sessionId: '[redacted]', authCode: '[redacted]', setCookie: '[redacted]' }, 'keep'],
      account: 'yamada.taro',
    });
  });

  it('truncates strings longer than 300 characters', () => {
    const out = redact({ text: 'あ'.repeat(1_000) }) as { text: string };

    expect(out.text).toHaveLength(300);
    expect(out.text.endsWith('…')).toBe(true);
  });

  it('survives cycles and bounds depth', () => {
    const cyclic: Record<string, unknown> = { name: 'root' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i++) deep = { child: deep };

    expect(redact(cyclic)).toEqual({ name: 'root', self: '[circular]' });
    expect(JSON.stringify(redact(deep))).toBe('{"child":{"child":{"child":{"child":{"child":{"child":"…"}}}}}}');
  });

  it('keeps a shared object that is not a cycle', () => {
    const shared = { id: 1 };

    expect(redact({ a: shared, b: shared })).toEqual({ a: { id: 1 }, b: { id: 1 } });
  });

  it('turns errors, dates, maps and sets into loggable values', () => {
    expect(
      redact({
        error: new TypeError(`bad password=${PASSWORD}`),
        at: new Date(T0),
        map: new Map<string, string>([
          ['token', RESUME_TOKEN],
          ['kind', 'x'],
        ]),
        set: new Set([1, 2]),
        big: 10n,
        fn: () => PASSWORD,
      }),
    ).toEqual({
      error: 'TypeError: bad password=[redacted]',
      at: '2025-04-01T00:00:00.000Z',
      map: { token: '[redacted]', kind: 'x' },
      set: [1, 2],
      big: '10',
      fn: '[function]',
    });
  });

  it('summarises binary data and keeps a `__proto__` key a plain key', () => {
    const out = redact({ bytes: new Uint8Array(4096), ...JSON.parse('{"__proto__": {"token": "abc"}}') }) as Record<string, unknown>;

    expect(JSON.stringify(out)).toBe('{"bytes":"[binary 4096 bytes]","__proto__":{"token":"[redacted]"}}');
  });

  it('removes credentials from URLs', () => {
    expect(redact('wss://agent:hunter2@octi.example.biztel.jp/socket.io')).toBe('wss://[redacted]@octi.example.biztel.jp/socket.io');
  });
});

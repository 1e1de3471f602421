import { describe, expect, it } from '@jest/globals';
import {
  callSchema,
  dialRequestSchema,
  errorReplySchema,
  helloSchema,
  PANEL_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  sessionEndedSchema,
  screenInfoSchema,
  signInReplySchema,
  signInRequestSchema,
  snapshotSchema,
  transferredScreenSchema,
  viewingRequestSchema,
} from './messages.js';
import { commandSchema, deviceAuthSchema, deviceReplySchema, deviceStateSchema, handshakeRefusalSchema } from './device-messages.js';
import type { Result } from './schema.js';

function errorOf<T>(r: Result<T>): string {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

// ---- realistic payloads ------------------------------------------------------------------

const ringingCall = {
  id: 'c1lqv0x2a-1',
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '0312345678',
  startedAt: 1_717_000_000_000,
  businessLabel: 'サポート窓口',
};
const talkingCall = {
  id: 'c1lqv0x2a-2',
  direction: 'outbound',
  state: 'talking',
  remoteNumber: '09012345678',
  startedAt: 1_717_000_000_000,
  answeredAt: 1_717_000_004_000,
};
const snapshot = {
  revision: 12,
  serverTime: 1_717_000_010_000,
  agent: { account: 'sato@example', extension: '1001', statusId: 'available', hardphone: false },
  statuses: [
    { id: 'logoff', label: 'ログオフ' },
    { id: 'available', label: '受付可' },
    { id: 'after-call', label: '後処理' },
  ],
  softphone: { running: true, state: 'running' },
  calls: [ringingCall, talkingCall],
  parked: [],
  callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
};
const signIn = {
  account: 'sato@example',
  password: 'correct horse battery staple',
  extension: '1001',
  seatId: 'A-12',
  initialStatusId: 'available',
  hardphone: false,
};

/** A deep copy of `base` with `patch` applied at a dotted path (`agent.extension`, `calls.1.state`). */
function withPatch(base: object, path: string, value: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

describe('callSchema', () => {
  it.each([
    ['a ringing inbound call with a business label', ringingCall],
    ['an answered outbound call', talkingCall],
    ['an anonymous caller', { ...ringingCall, remoteNumber: 'anonymous' }],
    ['a caller without a number', { ...ringingCall, remoteNumber: '' }],
  ])('accepts %s', (_what, call) => {
    expect(callSchema.check(call, 'call')).toEqual({ ok: true, value: call });
  });

  it.each([
    ['an unknown state', 'state', 'parked', 'call.state: expected one of ringing, dialing, talking, held, parking'],
    ['an unknown direction', 'direction', 'sideways', 'call.direction: expected one of inbound, outbound'],
    ['a missing id', 'id', undefined, 'call.id: expected a string'],
    ['an id with spaces', 'id', 'c 1', 'call.id: has an invalid format'],
    ['a negative start time', 'startedAt', -1, 'call.startedAt: out of range 0..8640000000000000'],
    ['a start time as a date string', 'startedAt', '2024-05-29T10:00:00Z', 'call.startedAt: expected an integer'],
    ['an empty business label', 'businessLabel', '', 'call.businessLabel: shorter than 1'],
    ['an oversize remote number', 'remoteNumber', '1'.repeat(65), 'call.remoteNumber: longer than 64'],
  ])('rejects %s', (_what, path, value, error) => {
    expect(errorOf(callSchema.check(withPatch(ringingCall, path, value), 'call'))).toBe(error);
  });
});

describe('snapshotSchema', () => {
  it('accepts a realistic snapshot unchanged', () => {
    expect(snapshotSchema.check(snapshot, 'snapshot')).toEqual({ ok: true, value: snapshot });
  });

  it('accepts a signed-in agent with no calls and the softphone stopped', () => {
    const idle = { ...snapshot, softphone: { running: false, state: 'stopped' }, calls: [] };

    expect(snapshotSchema.check(idle, 'snapshot').ok).toBe(true);
  });

  it('drops keys the server added that the panel does not know', () => {
    const extended = { ...snapshot, debug: { pid: 1 }, agent: { ...snapshot.agent, token: 'secret' } };

    const r = snapshotSchema.check(extended, 'snapshot');

    expect(r).toEqual({ ok: true, value: snapshot });
  });

  it.each([
    ['a missing revision', 'revision', undefined, 'snapshot.revision: expected an integer'],
    ['a fractional revision', 'revision', 1.5, 'snapshot.revision: expected an integer'],
    ['a missing agent', 'agent', undefined, 'snapshot.agent: expected an object'],
    ['an extension with letters', 'agent.extension', '10a1', 'snapshot.agent.extension: has an invalid format'],
    ['hardphone as a string', 'agent.hardphone', 'false', 'snapshot.agent.hardphone: expected a boolean'],
    ['a status label that is too long', 'statuses.1.label', 'x'.repeat(41), 'snapshot.statuses[1].label: longer than 40'],
    ['a call in an unknown state', 'calls.1.state', 'exploded', 'snapshot.calls[1].state: expected one of ringing, dialing, talking, held, parking'],
    ['calls that is not a list', 'calls', { 0: ringingCall }, 'snapshot.calls: expected an array'],
    ['softphone.running missing', 'softphone.running', undefined, 'snapshot.softphone.running: expected a boolean'],
  ])('rejects %s', (_what, path, value, error) => {
    expect(errorOf(snapshotSchema.check(withPatch(snapshot, path, value), 'snapshot'))).toBe(error);
  });

  it('rejects more than 8 calls and more than 50 statuses', () => {
    const manyCalls = { ...snapshot, calls: Array.from({ length: 9 }, (_, i) => ({ ...ringingCall, id: `c${i}` })) };
    const manyStatuses = {
      ...snapshot,
      statuses: Array.from({ length: 10_000 }, (_, i) => ({ id: `s${i}`, label: `S${i}` })),
    };

    expect(errorOf(snapshotSchema.check(manyCalls, 'snapshot'))).toBe('snapshot.calls: more than 8 items');
    expect(errorOf(snapshotSchema.check(manyStatuses, 'snapshot'))).toBe('snapshot.statuses: more than 50 items');
  });

  it('rejects a prototype-polluting agent', () => {
    const input = JSON.parse(JSON.stringify(snapshot).replace('"agent":{', '"agent":{"__proto__":{"isAdmin":true},')) as unknown;

    expect(errorOf(snapshotSchema.check(input, 'snapshot'))).toBe('snapshot.agent.__proto__: forbidden key');
    expect(Object.prototype).not.toHaveProperty('isAdmin');
  });
});

describe('signInRequestSchema', () => {
  it('accepts a complete form', () => {
    expect(signInRequestSchema.check(signIn, 'req')).toEqual({ ok: true, value: signIn });
  });

  it('accepts a request without a seat ID', () => {
    const { seatId: _seatId, ...withoutSeat } = signIn;

    const r = signInRequestSchema.check(withoutSeat, 'req');

    expect(r).toEqual({ ok: true, value: withoutSeat });
  });

  it('keeps a password with spaces and symbols as typed', () => {
    const req = { ...signIn, password: '  p@ss word;<>  ' };

    expect(signInRequestSchema.check(req, 'req')).toEqual({ ok: true, value: req });
  });

  it.each([
    ['a missing account', 'account', undefined, 'req.account: expected a string'],
    ['an account with spaces', 'account', 'sato taro', 'req.account: has an invalid format'],
    ['an empty password', 'password', '', 'req.password: shorter than 1'],
    ['an oversize password', 'password', 'p'.repeat(129), 'req.password: longer than 128'],
    ['an extension with letters', 'extension', '1001a', 'req.extension: has an invalid format'],
    ['an extension with a hyphen', 'extension', '10-01', 'req.extension: has an invalid format'],
    ['an oversize extension', 'extension', '1'.repeat(17), 'req.extension: longer than 16'],
    ['a seat ID with spaces', 'seatId', 'A 12', 'req.seatId: has an invalid format'],
    ['a missing initial status', 'initialStatusId', undefined, 'req.initialStatusId: expected a string'],
    ['hardphone missing', 'hardphone', undefined, 'req.hardphone: expected a boolean'],
  ])('rejects %s', (_what, path, value, error) => {
    expect(errorOf(signInRequestSchema.check(withPatch(signIn, path, value), 'req'))).toBe(error);
  });
});

describe('commandSchema', () => {
  it.each([
    [{ type: 'dial', id: 'cmd-1', deadline: 1_767_225_600_000, number: '0312345678' }],
    [{ type: 'dial', id: 'cmd-2', deadline: 1_767_225_600_000, number: '*8#' }],
    [{ type: 'answer', id: 'cmd-3', deadline: 1_767_225_600_000, callId: 'c1lqv0x2a-1' }],
    [{ type: 'hangup', id: 'cmd-4', deadline: 1_767_225_600_000, callId: 'c1lqv0x2a-1' }],
  ])('accepts %p', (command) => {
    expect(commandSchema.check(command, 'command')).toEqual({ ok: true, value: command });
  });

  it.each([
    ['an unknown command', { type: 'conference', id: 'cmd-1' }, 'command.type: expected one of dial, answer, hangup, hold, unhold, park, dtmf, transfer'],
    ['a dial number with letters', { type: 'dial', id: 'cmd-1', deadline: 1, number: '03-CALL-NOW' }, 'command.number: has an invalid format'],
    ['a dial number with a plus sign', { type: 'dial', id: 'cmd-1', deadline: 1, number: '+81312345678' }, 'command.number: has an invalid format'],
    ['an empty dial number', { type: 'dial', id: 'cmd-1', deadline: 1, number: '' }, 'command.number: shorter than 1'],
    ['an oversize dial number', { type: 'dial', id: 'cmd-1', deadline: 1, number: '1'.repeat(33) }, 'command.number: longer than 32'],
    ['an answer without callId', { type: 'answer', id: 'cmd-1', deadline: 1 }, 'command.callId: expected a string'],
    ['a hangup without id', { type: 'hangup', callId: 'c1', deadline: 1 }, 'command.id: expected a string'],
    ['a hangup without deadline', { type: 'hangup', id: 'cmd-1', callId: 'c1' }, 'command.deadline: expected an integer'],
  ])('rejects %s', (_what, command, error) => {
    expect(errorOf(commandSchema.check(command, 'command'))).toBe(error);
  });
});

describe('dialRequestSchema and deviceAuthSchema', () => {
  it('rejects a dial request with letters or script', () => {
    expect(dialRequestSchema.check({ number: '<script>' }, 'req').ok).toBe(false);
    expect(dialRequestSchema.check({ number: '0312345678' }, 'req').ok).toBe(true);
  });

  it('accepts a device handshake and rejects an extension with letters or another protocol version', () => {
    const auth = { protocol: PROTOCOL_VERSION, account: 'sato@example', password: 'pw', extension: '1001' };

    expect(deviceAuthSchema.check(auth, 'auth')).toEqual({ ok: true, value: auth });
    expect(errorOf(deviceAuthSchema.check({ ...auth, extension: 'abc' }, 'auth'))).toBe('auth.extension: has an invalid format');
    expect(errorOf(deviceAuthSchema.check({ ...auth, protocol: 1 }, 'auth'))).toBe(`auth.protocol: out of range 2..${PROTOCOL_VERSION}`);
    expect(deviceAuthSchema.check({ ...auth, protocol: 2 }, 'auth').ok).toBe(true);
  });
});

describe('replies', () => {
  it('signInReplySchema picks the success branch and validates its snapshot', () => {
    expect(signInReplySchema.check({ ok: true, snapshot }, 'reply')).toEqual({ ok: true, value: { ok: true, snapshot } });
    expect(errorOf(signInReplySchema.check({ ok: true }, 'reply'))).toBe('reply.snapshot: expected an object');
  });

  it('signInReplySchema picks the failure branch by ok:false', () => {
    const reply = { ok: false, code: 'AUTH_FAILED', message: 'bad password' };

    expect(signInReplySchema.check(reply, 'reply')).toEqual({ ok: true, value: reply });
  });

  it.each([
    ['an unknown error code', { ok: false, code: 'NOPE' }, 'reply.code: expected one of'],
    ['ok as the string "false"', { ok: 'false', code: 'BUSY' }, 'reply.ok: expected false'],
    ['an oversize message', { ok: false, code: 'BUSY', message: 'x'.repeat(501) }, 'reply.message: longer than 500'],
  ])('errorReplySchema rejects %s', (_what, reply, error) => {
    expect(errorOf(errorReplySchema.check(reply, 'reply'))).toContain(error);
  });

  it('helloSchema accepts only the panel protocol version (3), not the softphone one (2)', () => {
    const hello = { protocol: PANEL_PROTOCOL_VERSION, statuses: snapshot.statuses };

    expect(PANEL_PROTOCOL_VERSION).not.toBe(PROTOCOL_VERSION);
    expect(helloSchema.check(hello, 'hello')).toEqual({ ok: true, value: hello });
    expect(errorOf(helloSchema.check({ ...hello, protocol: PROTOCOL_VERSION }, 'hello'))).toBe(`hello.protocol: expected ${PANEL_PROTOCOL_VERSION}`);
    expect(errorOf(helloSchema.check({ ...hello, protocol: PANEL_PROTOCOL_VERSION + 1 }, 'hello'))).toBe(`hello.protocol: expected ${PANEL_PROTOCOL_VERSION}`);
  });
});

describe('one agent per line (panel protocol 3)', () => {
  it('a LINE_TAKEN refusal carries who holds the line', () => {
    const reply = { ok: false, code: 'LINE_TAKEN', line: { extension: '1001', account: 'agent01', name: '山田 花子', since: 1_717_000_000_000 } };

    expect(signInReplySchema.check(reply, 'reply')).toEqual({ ok: true, value: reply });
    expect(errorOf(signInReplySchema.check({ ...reply, line: { extension: '1001' } }, 'reply'))).toBe('reply.line.account: expected a string');
  });

  it('overwriteLine is an optional boolean of the sign-in request', () => {
    const req = { account: 'agent02', password: 'pw', extension: '1001', initialStatusId: 'available', hardphone: false };

    expect(signInRequestSchema.check({ ...req, overwriteLine: true }, 'req')).toEqual({ ok: true, value: { ...req, overwriteLine: true } });
    expect(errorOf(signInRequestSchema.check({ ...req, overwriteLine: 'yes' }, 'req'))).toBe('req.overwriteLine: expected a boolean');
  });

  it.each([[{ reason: 'signedOut' }], [{ reason: 'lineTakenOver', by: { account: 'agent02', name: '佐藤 太郎' } }], [{ reason: 'signedInElsewhere' }]])(
    'session:ended accepts %j',
    (event) => {
      expect(sessionEndedSchema.check(event, 'ended')).toEqual({ ok: true, value: event });
    },
  );

  it('session:ended refuses a reason it does not know', () => {
    expect(errorOf(sessionEndedSchema.check({ reason: 'kicked' }, 'ended'))).toContain('ended.reason: expected one of');
  });

  it('the softphone messages keep the codes of protocol 2: LINE_TAKEN is the panel’s only', () => {
    expect(deviceReplySchema.check({ ok: false, code: 'LINE_TAKEN' }, 'reply').ok).toBe(false);
    expect(handshakeRefusalSchema.check({ code: 'LINE_TAKEN', message: '' }, 'data').ok).toBe(false);
    expect(deviceReplySchema.check({ ok: false, code: 'SEAT_TAKEN' }, 'reply').ok).toBe(true);
  });
});

describe('screen transfer (seed 001 §9)', () => {
  const screen = { recordId: '0035g00000AbCdE', recordName: '株式会社サンプル 田中 様', objectType: 'Contact', note: '請求書の件、折り返し済み' };

  it.each([
    ['a 15-character id', { recordId: '0035g00000AbCdE' }],
    ['an 18-character id with every optional field', { ...screen, recordId: '0035g00000AbCdEAAZ' }],
    ['a custom object', { recordId: 'a015g00000XyZ12', objectType: 'Order_Item__c' }],
    ['an empty note', { recordId: '0035g00000AbCdE', note: '' }],
    ['a 140-character note', { recordId: '0035g00000AbCdE', note: 'あ'.repeat(140) }],
  ])('screenInfoSchema accepts %s', (_what, value) => {
    expect(screenInfoSchema.check(value, 'screen')).toEqual({ ok: true, value });
  });

  it.each([
    ['a URL', { recordId: 'https://example.my.salesforce.com/0035g00000AbCdE' }, 'screen.recordId: longer than 18'],
    ['a javascript: URL', { recordId: 'javascript:1234' }, 'screen.recordId: has an invalid format'],
    ['a relative path', { recordId: '/0035g00000AbCd' }, 'screen.recordId: has an invalid format'],
    ['16 characters', { recordId: '0035g00000AbCdEF' }, 'screen.recordId: has an invalid format'],
    ['14 characters', { recordId: '0035g00000AbCd' }, 'screen.recordId: shorter than 15'],
    ['a number', { recordId: 35_000_000_000_000 }, 'screen.recordId: expected a string'],
    ['no id at all', { recordName: '田中 様' }, 'screen.recordId: expected a string'],
    ['a 141-character note', { recordId: '0035g00000AbCdE', note: 'x'.repeat(141) }, 'screen.note: longer than 140'],
    ['a note on two lines', { recordId: '0035g00000AbCdE', note: '一行目\n二行目' }, 'screen.note: has an invalid format'],
    ['a 256-character record name', { recordId: '0035g00000AbCdE', recordName: 'x'.repeat(256) }, 'screen.recordName: longer than 255'],
    ['an object type with a dot', { recordId: '0035g00000AbCdE', objectType: 'Contact.Name' }, 'screen.objectType: has an invalid format'],
    ['an 81-character object type', { recordId: '0035g00000AbCdE', objectType: 'A'.repeat(81) }, 'screen.objectType: longer than 80'],
  ])('screenInfoSchema rejects %s', (_what, value, error) => {
    expect(errorOf(screenInfoSchema.check(value, 'screen'))).toBe(error);
  });

  it('drops a URL or any other key that is not part of a screen', () => {
    const r = screenInfoSchema.check({ ...screen, url: 'javascript:alert(1)', href: 'https://evil.example' }, 'screen');
    expect(r).toEqual({ ok: true, value: screen });
  });

  it('viewingRequestSchema takes a screen or null, never nothing', () => {
    expect(viewingRequestSchema.check({ screen }, 'req')).toEqual({ ok: true, value: { screen } });
    expect(viewingRequestSchema.check({ screen: null }, 'req')).toEqual({ ok: true, value: { screen: null } });
    expect(errorOf(viewingRequestSchema.check({}, 'req'))).toBe('req.screen: expected an object');
    expect(errorOf(viewingRequestSchema.check({ screen: 'https://x.example/0035g00000AbCdE' }, 'req'))).toBe('req.screen: expected an object');
  });

  it('a call in a snapshot carries the transferred screen and who sent it', () => {
    const transferred = { ...screen, fromExtension: '1001', fromName: '山田 花子' };
    const call = { ...talkingCall, transferredBy: '1001', screen: transferred };

    expect(callSchema.check(call, 'call')).toEqual({ ok: true, value: call });
    expect(transferredScreenSchema.check({ recordId: '0035g00000AbCdE', fromExtension: '1001' }, 's').ok).toBe(true);
    expect(errorOf(callSchema.check({ ...call, transferredBy: 'agent01' }, 'call'))).toBe('call.transferredBy: has an invalid format');
    expect(errorOf(callSchema.check({ ...call, screen: { ...transferred, fromExtension: undefined } }, 'call'))).toBe(
      'call.screen.fromExtension: expected a string',
    );
    expect(errorOf(callSchema.check({ ...call, screen: { ...transferred, recordId: 'javascript:alert(1)//' } }, 'call'))).toBe(
      'call.screen.recordId: longer than 18',
    );
  });

  it('a device state keeps transferredBy but never a screen: only the server attaches one', () => {
    const forged = { ...talkingCall, transferredBy: '1001', screen: { recordId: '0035g00000AbCdE', fromExtension: '1001' } };
    const r = deviceStateSchema.check({ calls: [forged], parked: [] }, 'device:state');

    expect(r).toEqual({ ok: true, value: { calls: [{ ...talkingCall, transferredBy: '1001' }], parked: [] } });
  });
});

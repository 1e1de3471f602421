/**
 * Example payloads of every message of both namespaces, for the AsyncAPI document and
 * docs/protocol.md. Typed with the wire types, and checked against the schemas by
 * spec/asyncapi.test.ts (our `check` and, through the emitted JSON Schema, ajv).
 */
import type { Command, DeviceAuth, DeviceBye, DeviceHello, DeviceReply, DeviceState, HandshakeRefusal } from '../device-messages.js';
import type {
  CommandMeta,
  DirectoryReply,
  Hello,
  Reply,
  ResumeRequest,
  SessionEnded,
  ShutdownNotice,
  SignInReply,
  SignInRequest,
  Snapshot,
  TokenReply,
} from '../messages.js';
import type { CommandRequest, PanelCommand } from '../commands.js';

const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const TOKEN = 'q0Zb7mJ4v2XcK9tW1sR8yN3hL6pD5fA0uE2gB4iT';

// ---- shared -----------------------------------------------------------------------------------

export const ringingCall = {
  id: 'c1lqv0x2a-1',
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '0312345678',
  startedAt: T0,
  businessLabel: 'サポート窓口',
} as const satisfies Snapshot['calls'][number];

const talkingCall = {
  id: 'c1lqv0x2a-2',
  direction: 'outbound',
  state: 'talking',
  remoteNumber: '09012345678',
  startedAt: T0 - 60_000,
  answeredAt: T0 - 55_000,
  callerIdNumber: '0312340000',
} as const satisfies Snapshot['calls'][number];

const transferredCall = {
  id: 'c1lqv0x2a-7',
  direction: 'inbound',
  state: 'talking',
  remoteNumber: '0451234567',
  startedAt: T0 - 30_000,
  answeredAt: T0 - 20_000,
  transferredBy: '1002',
  screen: { recordId: '0035g00000AbCdEAAV', recordName: '山田 太郎', objectType: 'Contact', note: '請求の件', fromExtension: '1002', fromName: '鈴木' },
} as const satisfies Snapshot['calls'][number];

const statuses = [
  { id: 'logoff', label: 'ログオフ' },
  { id: 'available', label: '受付可' },
  { id: 'after-call', label: '後処理' },
];

export const snapshot: Snapshot = {
  revision: 42,
  serverTime: T0,
  agent: { account: 'sato@example', extension: '1001', statusId: 'available', hardphone: false },
  statuses,
  softphone: { running: true, state: 'running' },
  calls: [ringingCall],
  parked: [{ slot: '701', remoteNumber: '0667778888', parkedAt: T0 - 40_000, recallAt: T0 + 260_000 }],
  callerIds: {
    mode: 'switchable',
    restricted: false,
    numbers: [{ number: '0312340000', label: '代表' }],
    windows: [{ id: 'support', name: 'サポート窓口', number: '0312341111' }],
  },
  callerIdChoice: { kind: 'window', id: 'support' },
};

// ---- /panel -----------------------------------------------------------------------------------

export const panelHello: Hello[] = [{ protocol: 5, statuses }];
export const snapshots: Snapshot[] = [
  snapshot,
  { ...snapshot, revision: 43, calls: [talkingCall, transferredCall], parked: [] },
  {
    ...snapshot,
    revision: 44,
    softphone: { running: false, state: 'reconnecting', since: T0 - 5_000, until: T0 + 25_000 },
  },
  { ...snapshot, revision: 45, softphone: { running: false, state: 'mismatch', account: 'tanaka@example' }, calls: [], parked: [] },
];
export const sessionEnded: SessionEnded[] = [
  { reason: 'signedOut' },
  { reason: 'lineTakenOver', by: { account: 'tanaka@example', name: '田中' } },
  { reason: 'signedInElsewhere' },
];
export const shutdownNotice: ShutdownNotice[] = [{ reconnectAfterMs: 1000 }];

export const signInRequests: SignInRequest[] = [
  { account: 'sato@example', password: 'correct horse battery staple', extension: '1001', seatId: 'A-12', initialStatusId: 'available', hardphone: false },
  { account: 'sato@example', password: 'correct horse battery staple', extension: '1001', initialStatusId: 'available', hardphone: false, overwriteSeat: true },
  { account: 'sato@example', password: 'correct horse battery staple', extension: '1001', initialStatusId: 'available', hardphone: false, overwriteLine: true },
];
export const signInReplies: SignInReply[] = [
  { ok: true, snapshot, resumeToken: TOKEN },
  { ok: false, code: 'AUTH_FAILED' },
  { ok: false, code: 'RATE_LIMITED', retryAfterMs: 300_000 },
  { ok: false, code: 'SEAT_TAKEN', seat: { seatId: 'A-12', account: 'tanaka@example', name: '田中', since: T0 - 3_600_000 } },
  { ok: false, code: 'LINE_TAKEN', line: { extension: '1001', account: 'tanaka@example', name: '田中', since: T0 - 7_200_000 } },
];
export const resumeRequests: ResumeRequest[] = [{ token: TOKEN }];
export const resumeReplies: SignInReply[] = [
  { ok: true, snapshot, resumeToken: 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4' },
  { ok: false, code: 'SESSION_EXPIRED', message: 'session expired' },
];
export const tokenRequests: CommandMeta[] = [{}, { commandId: 'tok-000001' }];
export const directoryRequests: CommandMeta[] = [{}];
export const directoryReplies: DirectoryReply[] = [
  {
    ok: true,
    entries: [
      { kind: 'extension', extension: '1002', agent: { account: 'suzuki@example', name: '鈴木 花子', statusId: 'available' } },
      { kind: 'extension', extension: '1003' },
      { kind: 'ringGroup', extension: '2000', name: 'サポートグループ' },
    ],
  },
  { ok: false, code: 'NOT_SIGNED_IN' },
];
export const tokenReplies: TokenReply[] = [
  { ok: true, token: TOKEN },
  { ok: false, code: 'NOT_SIGNED_IN' },
];
export const pingRequests: object[] = [{}];
export const pingReplies: { ok: true }[] = [{ ok: true }];

/** One example request per panel command (with the optional `commandId`). */
export const commandRequests: { readonly [C in PanelCommand]: readonly (CommandRequest<C> & CommandMeta)[] } = {
  signOut: [{ commandId: 'k2m9x0-signout' }],
  setStatus: [{ statusId: 'after-call', commandId: 'k2m9x0-0001' }],
  dial: [
    { number: '0312345678', commandId: 'k2m9x0-0002' },
    { number: '0312345678', callerId: { kind: 'window', id: 'support' }, commandId: 'k2m9x0-0003' },
    { number: '0312345678', callerId: { kind: 'number', number: '0312340000' } },
  ],
  answer: [{ callId: 'c1lqv0x2a-1', commandId: 'k2m9x0-0004' }],
  hangup: [{ callId: 'c1lqv0x2a-1', commandId: 'k2m9x0-0005' }],
  hold: [{ callId: 'c1lqv0x2a-1', commandId: 'k2m9x0-0006' }],
  unhold: [{ callId: 'c1lqv0x2a-1', commandId: 'k2m9x0-0007' }],
  park: [{ callId: 'c1lqv0x2a-1', commandId: 'k2m9x0-0008' }],
  transfer: [{ callId: 'c1lqv0x2a-3', commandId: 'k2m9x0-0009' }],
  dtmf: [{ callId: 'c1lqv0x2a-1', digits: '*1002', commandId: 'k2m9x0-0010' }],
  setCallerId: [{ callerId: { kind: 'number', number: '0312340000' }, commandId: 'k2m9x0-0011' }, { callerId: null }],
  viewing: [{ screen: { recordId: '0035g00000AbCdEAAV', recordName: '山田 太郎', objectType: 'Contact', note: '請求の件' } }, { screen: null }],
};
export const commandReplies: Reply[] = [
  { ok: true },
  { ok: false, code: 'NO_SUCH_CALL' },
  { ok: false, code: 'SOFTPHONE_RECONNECTING' },
  { ok: false, code: 'RESULT_UNKNOWN', message: 'the softphone did not answer before the deadline; the next state shows what happened' },
];

// ---- /softphone -------------------------------------------------------------------------------

export const deviceAuth: DeviceAuth[] = [{ protocol: 3, account: 'sato@example', password: 'correct horse battery staple', extension: '1001' }];
export const handshakeRefusals: HandshakeRefusal[] = [
  { code: 'UNSUPPORTED_PROTOCOL', message: 'this server speaks protocol 2 and 3; the softphone sent no protocol version', supported: [2, 3] },
  { code: 'NOT_ALLOWED', message: 'a softphone in a browser must come from an allowed origin' },
  { code: 'INVALID_PAYLOAD', message: 'auth.extension: has an invalid format' },
  { code: 'RATE_LIMITED', message: 'too many failed sign-ins', retryAfterMs: 300_000 },
  { code: 'AUTH_FAILED', message: 'account, password or extension not accepted' },
  { code: 'EXTENSION_IN_USE', message: "extension 1001 is held by another account's softphone" },
  { code: 'INTERNAL', message: 'the server could not check the sign-in' },
];
export const deviceHello: DeviceHello[] = [
  {
    protocol: 3,
    serverVersion: '0.1.0',
    serverTime: T0,
    account: 'sato@example',
    extension: '1001',
    limits: { maxMessageBytes: 65_536, maxCalls: 8, maxParked: 20, commandTimeoutMs: 5000, reconnectGraceMs: 30_000, commandIdRetentionMs: 120_000 },
  },
];
export const deviceStates: DeviceState[] = [
  { calls: [], parked: [] },
  { calls: [ringingCall], parked: [] },
  {
    calls: [
      { ...talkingCall, state: 'held', heldAt: T0 - 10_000 },
      {
        id: 'c1lqv0x2a-3',
        direction: 'outbound',
        state: 'dialing',
        remoteNumber: '1002',
        startedAt: T0 - 2_000,
        transfer: { kind: 'attended', of: 'c1lqv0x2a-2' },
      },
    ],
    parked: [{ slot: '701', remoteNumber: '0667778888', parkedAt: T0 - 40_000, recallAt: T0 + 260_000 }],
  },
];
const deadline = T0 + 5000;
export const deviceCommands: Command[] = [
  { type: 'dial', id: 'c-Vq3kJ0aYz1bX8wL2mN5pR7sT9uV0wX1yZ2aB3cD4', deadline, number: '0312345678', callerIdNumber: '0312341111' },
  { type: 'answer', id: 'c-8fJ2kL0mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2hI4', deadline, callId: 'c1lqv0x2a-1' },
  { type: 'hangup', id: 's-6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', deadline, callId: 'c1lqv0x2a-1' },
  { type: 'hold', id: 'c-hold0000000000000000000000000000000001', deadline, callId: 'c1lqv0x2a-2' },
  { type: 'unhold', id: 'c-unhold000000000000000000000000000000001', deadline, callId: 'c1lqv0x2a-2' },
  { type: 'park', id: 'c-park0000000000000000000000000000000001', deadline, callId: 'c1lqv0x2a-2' },
  { type: 'dtmf', id: 'c-dtmf0000000000000000000000000000000001', deadline, callId: 'c1lqv0x2a-2', digits: '#1003' },
  { type: 'transfer', id: 'c-xfer0000000000000000000000000000000001', deadline, callId: 'c1lqv0x2a-3' },
];
export const deviceReplies: DeviceReply[] = [
  { ok: true },
  { ok: false, code: 'EXPIRED' },
  { ok: false, code: 'NO_SUCH_CALL', message: 'no call c1lqv0x2a-9' },
  { ok: false, code: 'BUSY' },
];
export const deviceBye: DeviceBye[] = [
  { reason: 'replaced', message: 'the same account connected another softphone for this extension' },
  { reason: 'inUse', message: "extension 1001 is held by another account's softphone" },
  { reason: 'shutdown', reconnectAfterMs: 1000 },
];

/**
 * Realistic wire fixtures for tests: statuses, caller IDs, snapshots and calls, checked against the
 * protocol's own schemas so they cannot drift from what the server sends.
 */
import {
  LOGOFF_STATUS_ID,
  callerIdsSchema,
  parse,
  snapshotSchema,
  statusSchema,
  type AgentStatus,
  type Call,
  type CallerIds,
  type Snapshot,
} from '@biztel/protocol';

/** The statuses a BIZTEL tenant offers (as the event server's hello sends them). */
export const STATUSES: readonly AgentStatus[] = [
  { id: 'available', label: '受付可' },
  { id: 'wrapup', label: '後処理' },
  { id: 'away', label: '離席' },
  { id: 'break', label: '休憩' },
  { id: LOGOFF_STATUS_ID, label: 'ログオフ' },
].map((s) => parse(statusSchema, s, 'status'));

/** Caller IDs as distributed to the account (seed 003): both lists, switchable, nothing restricted. */
export const CALLER_IDS: CallerIds = parse(
  callerIdsSchema,
  {
    mode: 'switchable',
    restricted: false,
    numbers: [
      { number: '0312345678', label: '代表' },
      { number: '0501234567', label: '' },
    ],
    windows: [
      { id: 'cc-support', name: 'サポート窓口', number: '0120111222' },
      { id: 'cc-sales', name: '営業窓口', number: '0120333444' },
    ],
  },
  'callerIds',
);

/** 2025-04-01 09:00:00 JST, as the server's clock reports it. */
export const SERVER_TIME = Date.UTC(2025, 3, 1, 0, 0, 0);

type SnapshotOverrides = Partial<Omit<Snapshot, 'agent' | 'softphone'>> & {
  agent?: Partial<Snapshot['agent']>;
  softphone?: Partial<Snapshot['softphone']>;
};

/** A snapshot as the server pushes it; validated by the protocol schema so fixtures stay real. */
export function snapshotFixture(overrides: SnapshotOverrides = {}): Snapshot {
  const { agent, softphone, ...rest } = overrides;
  return parse(
    snapshotSchema,
    {
      revision: 1,
      serverTime: SERVER_TIME,
      statuses: STATUSES,
      calls: [],
      parked: [],
      callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
      ...rest,
      agent: { account: 'yamada.taro', extension: '1001', statusId: 'available', hardphone: false, ...agent },
      softphone: { running: true, state: 'running', ...softphone },
    },
    'snapshot',
  );
}

export function ringingCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-20250401-0001',
    direction: 'inbound',
    state: 'ringing',
    remoteNumber: '0312345678',
    startedAt: SERVER_TIME - 3_000,
    businessLabel: 'サポート窓口',
    ...overrides,
  };
}

export function talkingCall(overrides: Partial<Call> = {}): Call {
  return ringingCall({ state: 'talking', answeredAt: SERVER_TIME - 65_000, startedAt: SERVER_TIME - 70_000, ...overrides });
}

/** The customer put on hold 10 s ago (after 55 s of talking). */
export function heldCall(overrides: Partial<Call> = {}): Call {
  return talkingCall({ state: 'held', heldAt: SERVER_TIME - 10_000, ...overrides });
}

/** The agent's call to a transfer target (extension 2002) while the customer waits on hold. */
export function consultationCall(state: 'dialing' | 'talking', overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-20250401-0002',
    direction: 'outbound',
    state,
    remoteNumber: '2002',
    startedAt: SERVER_TIME - 8_000,
    ...(state === 'talking' ? { answeredAt: SERVER_TIME - 5_000 } : {}),
    transfer: { kind: 'attended', of: 'call-20250401-0001' },
    ...overrides,
  };
}

/** A chat history as the chatbot integration delivers it (seed 004), deliberately not in time order. */
export function chatHistory(): NonNullable<Call['chat']> {
  return {
    status: 'ok',
    messages: [
      { from: 'bot', kind: 'text', text: 'ご用件をお選びください。', at: SERVER_TIME - 120_000 },
      { from: 'customer', kind: 'text', text: '配送について', at: SERVER_TIME - 110_000 },
      { from: 'customer', kind: 'upload', text: '', url: 'https://chat.example.com/uploads/receipt.png', at: SERVER_TIME - 100_000 },
      { from: 'customer', kind: 'text', text: 'お問い合わせ番号 A-123', at: SERVER_TIME - 105_000 },
      { from: 'bot', kind: 'text', text: 'オペレーターにおつなぎします。', at: SERVER_TIME - 90_000 },
    ],
  };
}

/** A call parked on `slot` by this extension, `ago` ms ago. */
export function parkedCall(slot: string, ago = 20_000, remoteNumber = '0312345678'): Snapshot['parked'][number] {
  return { slot, remoteNumber, parkedAt: SERVER_TIME - ago, recallAt: SERVER_TIME - ago + 300_000 };
}

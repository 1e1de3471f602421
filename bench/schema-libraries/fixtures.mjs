// Inputs of the schema-library bench: a realistic `state:snapshot` (2 calls, 3 parked calls, a
// 10-message chat, a transferred screen), the same with one bad nested field, and the inputs that
// check each requirement. Every function returns a fresh object (validators may not mutate it).
const T0 = 1_764_000_000_000;

const chat = () => ({
  status: 'ok',
  messages: Array.from({ length: 10 }, (_, i) => ({
    from: i % 2 ? 'bot' : 'customer',
    kind: i === 4 ? 'url' : i === 7 ? 'upload' : 'text',
    text: i % 2 ? `ご用件を選んでください (${i})` : `請求書の宛先を変更したいです。番号は 0312345678 です (${i})`,
    ...(i === 4 || i === 7 ? { url: `https://chat.example.com/files/${i}/invoice.pdf` } : {}),
    at: T0 - 60_000 + i * 5_000,
  })),
});

export const validSnapshot = () => ({
  revision: 1234,
  serverTime: T0,
  agent: { account: 'agent01', extension: '1001', statusId: 'available', hardphone: false },
  statuses: ['available', 'busy', 'break', 'meeting', 'afterCall', 'logoff'].map((id) => ({ id, label: `状態 ${id}` })),
  softphone: { running: true },
  calls: [
    {
      id: 'call-1764000000000-1',
      direction: 'inbound',
      state: 'held',
      remoteNumber: '0312345678',
      startedAt: T0 - 65_000,
      answeredAt: T0 - 60_000,
      heldAt: T0 - 5_000,
      businessLabel: 'サポート窓口',
      chat: chat(),
      transferredBy: '1002',
      screen: {
        recordId: '0035g00000AbCdEAAV',
        recordName: '山田 太郎',
        objectType: 'Contact',
        note: '請求先の変更について',
        fromExtension: '1002',
        fromName: '佐藤 花子',
      },
    },
    {
      id: 'call-1764000000000-2',
      direction: 'outbound',
      state: 'dialing',
      remoteNumber: '1003',
      startedAt: T0 - 2_000,
      callerIdNumber: '0501234567',
      transfer: { kind: 'attended', of: 'call-1764000000000-1' },
    },
  ],
  parked: [701, 702, 703].map((slot, i) => ({ slot: String(slot), remoteNumber: `0901234567${i}`, parkedAt: T0 - 100_000 * (i + 1), recallAt: T0 + 200_000 })),
  callerIds: {
    mode: 'switchable',
    restricted: false,
    numbers: [
      { number: '0312345678', label: '代表' },
      { number: '0501234567', label: 'サポート' },
      { number: '0661234567', label: '大阪' },
    ],
    windows: [
      { id: 'support', name: 'サポート窓口', number: '0501234567' },
      { id: 'sales', name: '営業窓口', number: '0312345679' },
    ],
  },
});

/** One bad field deep inside: the 8th chat message of the first call has an unknown `kind`. */
export const INVALID_PATH = ['calls', 0, 'chat', 'messages', 7, 'kind'];
export const invalidSnapshot = () => {
  const s = validSnapshot();
  s.calls[0].chat.messages[7].kind = 'video';
  return s;
};

/** Unknown keys at four depths (top, call, screen, caller-id number): all must be dropped. */
export const withUnknownKeys = () => {
  const s = validSnapshot();
  s.extra = 1;
  s.calls[0].extra = { deep: true };
  s.calls[0].screen.url = 'https://evil.example.com';
  s.callerIds.numbers[0].extra = 'x';
  return s;
};

/** Each forbidden key as an own key (as JSON.parse makes it), at three depths: all must be refused. */
export const withForbiddenKeys = () => {
  const json = JSON.stringify(validSnapshot());
  return [
    JSON.parse(json.replace('"softphone":{', '"softphone":{"__proto__":{"polluted":true},')),
    JSON.parse(json.replace('"direction":"outbound"', '"constructor":{"prototype":{"polluted":true}},"direction":"outbound"')),
    JSON.parse(json.replace('"slot":"703"', '"prototype":{},"slot":"703"')),
  ];
};

/** Limits of strings, integers and arrays: every one must be refused. */
export const outOfLimits = () => {
  const cases = {
    'string too long': (s) => (s.statuses[0].label = 'x'.repeat(41)),
    'string too short': (s) => (s.calls[0].screen.recordId = '0035g00000AbCd'),
    'string pattern': (s) => (s.agent.extension = '10a1'),
    'control character': (s) => (s.calls[0].screen.note = 'a\u0007b'),
    'integer range': (s) => (s.parked[1].recallAt = -1),
    'not an integer': (s) => (s.serverTime = T0 + 0.5),
    'array too long': (s) => (s.calls = Array.from({ length: 9 }, () => s.calls[1])),
    'enum value': (s) => (s.calls[1].state = 'ended'),
    'union tag': (s) => (s.calls[0].chat = { status: 'gone' }),
    'missing key': (s) => delete s.softphone.running,
  };
  return Object.entries(cases).map(([name, change]) => {
    const s = validSnapshot();
    change(s);
    return { name, input: s };
  });
};

/** A union by a boolean tag (`{ ok: true, token } | { ok: false, code }`). */
export const replies = {
  valid: [
    { ok: true, token: 'abc' },
    { ok: false, code: 'BUSY' },
  ],
  invalid: [{ ok: 'true', token: 'abc' }, { ok: false, token: 'abc' }, { token: 'abc' }],
};

import { describe, expect, it } from '@jest/globals';
import { catalogue } from '../i18n/index.js';
import { diagnosticsText, latencyText, searchLines, type DiagnosticsInfo } from './diagnostics.js';
import { OperationLog } from './operation-log.js';

const T0 = Date.UTC(2025, 3, 1, 0, 0, 0);

function logOf(count: number, capacity = 500): OperationLog {
  let now = T0;
  const log = new OperationLog({ capacity, now: () => (now += 1000) });
  for (let i = 1; i <= count; i++) log.record('event', `e${i}`, { i });
  return log;
}

const info: DiagnosticsInfo = {
  connection: 'reconnecting',
  serverUrl: 'https://octi.example.biztel.jp',
  pageOrigin: 'https://mycompany--c.vf.force.com',
  latencyMs: 42,
  ownership: 'this',
  agent: 'yamada.taro@1001',
  initChecks: [
    { name: 'opencti', ok: true },
    { name: 'settings', ok: true, detail: 'reqServerUrl OK' },
    { name: 'eventServer', ok: false, detail: 'connect_error: websocket error' },
    { name: 'signIn', ok: null },
  ],
  version: '0.1.0',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
  lastSearch: null,
};

describe('diagnosticsText', () => {
  it('puts every field in words, the start-up checks and the newest 30 entries on the clipboard', () => {
    const log = logOf(40, 35);

    const text = diagnosticsText(info, log, catalogue('ja'), T0);

    expect(text.split('\n').slice(0, 18)).toEqual([
      '診断情報',
      '作成日時: 2025-04-01T00:00:00.000Z',
      '接続状態: 再接続中',
      'サーバURL: https://octi.example.biztel.jp',
      'このページのオリジン: https://mycompany--c.vf.force.com',
      'サーバ応答時間: 42 ms',
      '複数画面: この画面で着信を処理中',
      'アカウント@内線: yamada.taro@1001',
      'バージョン: 0.1.0',
      'ブラウザ: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
      '初期化チェック:',
      '  ✓ Salesforce Open CTI API: 成功',
      '  ✓ BIZTEL設定: 成功 — reqServerUrl OK',
      '  ✗ イベント通知サーバ: 失敗 — connect_error: websocket error',
      '  – サインイン: 未実施',
      '電話番号検索:',
      '  —',
      '',
    ]);
    const entryLines = text.split('\n').filter((line) => line.includes('\tevent\t'));
    expect(entryLines).toHaveLength(30);
    expect(entryLines[0]).toBe('2025-04-01T00:00:11.000Z\tevent\te11\t{"i":11}');
    expect(entryLines.at(-1)).toBe('2025-04-01T00:00:40.000Z\tevent\te40\t{"i":40}');
    expect(text).toContain('最近の操作とイベント:\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('古い記録 5件は削除されました (上限を超えたため)。');
  });

  it('speaks English with the English catalogue, and says what was not measured', () => {
    const text = diagnosticsText(
      { ...info, connection: 'disconnected', latencyMs: null, ownership: 'other', agent: '-', initChecks: [] },
      logOf(0),
      catalogue('en'),
    );

    expect(text).toBe(
      [
        'Diagnostics',
        'Connection: Disconnected',
        'Server URL: https://octi.example.biztel.jp',
        'This page’s origin: https://mycompany--c.vf.force.com',
        'Server latency: —',
        'Open windows: Handled in another window',
        'Account@extension: -',
        'Version: 0.1.0',
        'Browser: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
        'Start-up checks:',
        '  —',
        'Phone search:',
        '  —',
        '',
        'Recent operations and events:',
        'Nothing recorded yet.',
        '',
      ].join('\n'),
    );
  });

  it('keeps credentials and control characters out of what support receives', () => {
    const text = diagnosticsText(
      {
        ...info,
        serverUrl: 'https://agent:hunter2@octi.example.biztel.jp/?token=abc',
        agent: 'yamada\n接続状態: 接続中',
        initChecks: [{ name: 'signIn', ok: false, detail: 'rejected password=hunter2' }],
      },
      logOf(1),
      catalogue('ja'),
    );

    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abc');
    expect(text).toContain('サーバURL: https://[redacted]@octi.example.biztel.jp/?token=[redacted]');
    expect(text).toContain('アカウント@内線: yamada 接続状態: 接続中');
    expect(text.match(/^接続状態:/gm)).toHaveLength(1);
  });
});

describe('the phone search in 診断', () => {
  const report = {
    strategy: 'each',
    searches: [
      { term: '0312345678', found: 0 },
      { term: '03-1234-5678', found: 2 },
      { term: '+81312345678', found: null },
    ],
    records: 2,
    pop: 'done',
  } as const;

  it('says which strategy ran, what each search returned, the total and the pop', () => {
    const text = diagnosticsText({ ...info, lastSearch: report }, logOf(0), catalogue('ja'));

    expect(text).toContain(
      ['電話番号検索:', '  each · 合計 2 件 · ポップしました', '    0312345678 → 0 件', '    03-1234-5678 → 2 件', '    +81312345678 → 失敗'].join('\n'),
    );
  });

  it('in English too', () => {
    expect(searchLines({ ...report, strategy: 'notations', pop: 'layout' }, catalogue('en'))).toEqual([
      'notations · 2 in all · popped by the layout',
      '0312345678 → 0 found',
      '03-1234-5678 → 2 found',
      '+81312345678 → failed',
    ]);
  });
});

describe('latencyText', () => {
  it.each([
    [42, '42 ms'],
    [1234.6, '1,235 ms'],
    [0, '0 ms'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('%p → %p', (ms, expected) => {
    expect(latencyText(ms, catalogue('ja'))).toBe(expected);
  });
});

import { jest } from '@jest/globals';
import type { DiagnosticsInfo } from '../core/diagnostics.js';
import { OperationLog } from '../core/operation-log.js';
import { catalogue } from '../i18n/index.js';
import type { BiztelDiagnostics } from './diagnostics-view.js';
import { registerElements } from './register.js';
import { $, $$, focused, press, textOf } from '../testing/dom.js';
import { axeViolations } from '../testing/axe.js';
import { logText } from '../core/operation-log-text.js';

registerElements();

/** 2025-04-01 09:00:00 in the test machine's own time zone (the view shows local time). */
const T0 = new Date(2025, 3, 1, 9, 0, 0).getTime();
const two = (n: number) => String(n).padStart(2, '0');
const hms = (at: number) => {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
};
const XSS = '<img src=x onerror=alert(1)>';

const info: DiagnosticsInfo = {
  connection: 'connected',
  serverUrl: 'https://octi.example.biztel.jp/very/long/path/that/has/to/wrap/somewhere/in/a/narrow/utility/bar/panel',
  pageOrigin: 'https://mycompany--c.vf.force.com',
  latencyMs: 42,
  ownership: 'alone',
  agent: 'yamada.taro@1001',
  initChecks: [
    { name: 'opencti', ok: true },
    { name: 'eventServer', ok: false, detail: 'connect_error: websocket error' },
    { name: 'signIn', ok: null },
  ],
  version: '0.1.0',
  userAgent: 'Mozilla/5.0 (jsdom)',
  lastSearch: null,
};

function clockLog(capacity = 500): { log: OperationLog; clock: { now: number } } {
  const clock = { now: T0 };
  const log = new OperationLog({ capacity, now: () => (clock.now += 1000) });
  return { log, clock };
}

async function mount(log: OperationLog, overrides: Partial<DiagnosticsInfo> = {}): Promise<BiztelDiagnostics> {
  const el = document.createElement('biztel-diagnostics');
  el.t = catalogue('ja');
  el.info = { ...info, ...overrides };
  el.log = log;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const button = (el: Element, name: string) => {
  const found = $$<HTMLButtonElement>(el, 'button').find((b) => textOf(b) === name);
  if (!found) throw new Error(`no button 「${name}」`);
  return found;
};
const facts = (el: Element) => $$(el, 'dl > div').map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]);
const outcome = (el: Element) => textOf($(el, '[role="status"]'));

/** Lets the copy handler's awaited promises run and the view re-render. */
async function flush(el: BiztelDiagnostics): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
    await el.updateComplete;
  }
}

function setClipboard(clipboard: { writeText: (text: string) => Promise<void> } | undefined): void {
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
}

function setExecCommand(fn: ((command: string) => boolean) | undefined): void {
  Object.defineProperty(document, 'execCommand', { value: fn, configurable: true, writable: true });
}

afterEach(() => {
  document.body.replaceChildren();
  setClipboard(undefined);
  setExecCommand(undefined);
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('<biztel-diagnostics> (診断情報)', () => {
  it('shows the connection, server, latency, window, agent and version in words', async () => {
    const { log } = clockLog();
    const el = await mount(log);

    expect(textOf($(el, 'h2'))).toBe('診断情報');
    expect(facts(el)).toEqual([
      ['接続状態', '接続中'],
      ['サーバURL', info.serverUrl],
      ['このページのオリジン', 'https://mycompany--c.vf.force.com'],
      ['サーバ応答時間', '42 ms'],
      ['複数画面', 'この画面のみ'],
      ['アカウント@内線', 'yamada.taro@1001'],
      ['バージョン', '0.1.0'],
    ]);
  });

  it('says — for an unmeasured latency and names each state', async () => {
    const { log } = clockLog();
    const el = await mount(log, { latencyMs: null, connection: 'reconnecting', ownership: 'other' });
    expect(facts(el).slice(0, 5)).toEqual([
      ['接続状態', '再接続中'],
      ['サーバURL', info.serverUrl],
      ['このページのオリジン', 'https://mycompany--c.vf.force.com'],
      ['サーバ応答時間', '—'],
      ['複数画面', '別の画面で処理中'],
    ]);

    el.info = { ...info, connection: 'starting', ownership: 'this' };
    await el.updateComplete;
    expect(facts(el)[0]).toEqual(['接続状態', '初期化中']);
    expect(facts(el)[4]).toEqual(['複数画面', 'この画面で着信を処理中']);
  });

  it('lists the start-up checks with ✓ ✗ – and their details, in words for screen readers', async () => {
    const { log } = clockLog();
    const el = await mount(log);

    const checks = $$(el, '.check');
    expect(checks.map((c) => textOf(c))).toEqual([
      'Salesforce Open CTI API: 成功',
      'イベント通知サーバ: 失敗 connect_error: websocket error',
      'サインイン: 未実施',
    ]);
    expect(checks.map((c) => c.querySelector('.mark')!.textContent)).toEqual(['✓', '✗', '–']);
  });

  it('shows the newest phone search: strategy, total, pop, and each search (markup in a term stays text)', async () => {
    const el = await mount(new OperationLog(), {
      lastSearch: {
        strategy: 'each',
        searches: [
          { term: '0312345678', found: 1 },
          { term: XSS, found: null },
        ],
        records: 1,
        pop: 'failed',
      },
    });

    expect($$(el, '.search li').map(textOf)).toEqual(['each · 合計 1 件 · ポップに失敗', '0312345678 → 1 件', `${XSS} → 失敗`]);
    expect(el.shadowRoot?.querySelector('img')).toBeNull();
    el.info = { ...el.info, lastSearch: null };
    await el.updateComplete;
    expect($$(el, '.search li').map(textOf)).toEqual(['—']);
  });

  it('lists the newest 20 entries, newest first, as text (markup in a detail stays text)', async () => {
    const { log } = clockLog();
    for (let i = 1; i <= 24; i++) log.record('event', `call:event${i}`);
    log.record('error', 'dial failed', XSS);
    const el = await mount(log);

    const rows = $$(el, '.events li');
    expect(rows).toHaveLength(20);
    expect(textOf(rows[0])).toBe(`${hms(T0 + 25_000)} エラー dial failed ${XSS}`);
    expect(textOf(rows[1])).toBe(`${hms(T0 + 24_000)} イベント call:event24`);
    expect(textOf(rows.at(-1))).toBe(`${hms(T0 + 6_000)} イベント call:event6`);
    expect(el.shadowRoot!.querySelector('img')).toBeNull();
  });

  it('says nothing was recorded yet, and how many old entries were dropped', async () => {
    const { log } = clockLog(2);
    const el = await mount(log);
    expect(textOf(el.shadowRoot)).toContain('記録はまだありません。');
    expect(el.shadowRoot!.querySelector('.dropped')).toBeNull();

    for (let i = 1; i <= 5; i++) log.record('operation', `op${i}`);
    await el.updateComplete;

    expect(textOf($(el, '.dropped'))).toBe('古い記録 3件は削除されました (上限を超えたため)。');
    expect($$(el, '.events li')).toHaveLength(2);
  });

  it('re-renders when the log records something, and stops listening when removed', async () => {
    const { log } = clockLog();
    const subscribe = jest.spyOn(log, 'subscribe');
    const unsubscribes: jest.Mock[] = [];
    subscribe.mockImplementation(function (this: OperationLog, listener: () => void) {
      const off = jest.fn(OperationLog.prototype.subscribe.call(this, listener));
      unsubscribes.push(off);
      return off;
    });
    const el = await mount(log);

    log.record('event', 'call:ringing');
    await el.updateComplete;
    expect($$(el, '.events li').map((li) => textOf(li.querySelector('.name')))).toEqual(['call:ringing']);

    el.remove();
    expect(unsubscribes).toHaveLength(1);
    expect(unsubscribes[0]).toHaveBeenCalledTimes(1);
  });

  it('follows a new log when the property changes', async () => {
    const first = clockLog().log;
    const second = clockLog().log;
    const el = await mount(first);

    el.log = second;
    await el.updateComplete;
    second.record('event', 'from the second log');
    await el.updateComplete;

    expect(textOf($(el, '.events'))).toContain('from the second log');
  });

  it('copies the diagnostics text to the clipboard and says so', async () => {
    const { log } = clockLog();
    log.record('event', 'call:ringing', { number: '0312345678' });
    const writeText = jest.fn((_text: string) => Promise.resolve());
    setClipboard({ writeText });
    const el = await mount(log);

    button(el, 'コピー').click();
    await flush(el);

    expect(writeText).toHaveBeenCalledTimes(1);
    const copied = writeText.mock.calls[0]![0];
    expect(copied).toMatch(/^診断情報\n/);
    expect(copied).toContain('接続状態: 接続中');
    expect(copied).toContain('アカウント@内線: yamada.taro@1001');
    expect(copied).toContain('\tevent\tcall:ringing\t{"number":"0312345678"}');
    expect(outcome(el)).toBe('コピーしました');
    expect(el.shadowRoot!.querySelector('textarea')).toBeNull();
  });

  it('falls back to a selected text box and execCommand when the clipboard refuses', async () => {
    const { log } = clockLog();
    log.record('event', 'call:ringing');
    setClipboard({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    let selected = '';
    const execCommand = jest.fn((_command: string) => {
      const area = focused(el) as HTMLTextAreaElement;
      selected = area.value.slice(area.selectionStart, area.selectionEnd);
      return true;
    });
    setExecCommand(execCommand);
    const el = await mount(log);

    button(el, 'コピー').click();
    await flush(el);

    expect(execCommand.mock.calls).toEqual([['copy']]);
    expect(selected).toMatch(/^診断情報\n[\s\S]*\tevent\tcall:ringing\n$/);
    expect(outcome(el)).toBe('コピーしました');
    expect(el.shadowRoot!.querySelector('textarea')).toBeNull();
    expect(focused(el)).toBe(button(el, 'コピー'));
  });

  it('leaves the text selected in a read-only box and says so when no way of copying works', async () => {
    const { log } = clockLog();
    setExecCommand(() => false);
    const el = await mount(log);

    button(el, 'コピー').click();
    await flush(el);

    expect(outcome(el)).toBe('コピーできませんでした。下の欄の文字を選択してコピーしてください。');
    const area = $<HTMLTextAreaElement>(el, 'textarea');
    expect(area.readOnly).toBe(true);
    expect(area.value).toMatch(/^診断情報\n/);
    expect(focused(el)).toBe(area);
    expect(textOf(el.shadowRoot!.querySelector(`label[for="${area.id}"]`))).toBe('サポートへ送る診断情報');
    expect(await axeViolations(el)).toEqual([]);
  });

  it('downloads the whole operation log as a text file and revokes the URL afterwards', async () => {
    jest.useFakeTimers({ now: new Date(2025, 3, 1, 9, 5, 7), doNotFake: ['queueMicrotask', 'nextTick'] });
    const { log } = clockLog();
    log.record('operation', 'signIn', { account: 'yamada.taro', password: 'Tr0ub4dor&3' });
    log.record('event', 'call:ringing');
    const blobs: Blob[] = [];
    jest.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:https://panel.example/1234';
    });
    const revoke = jest.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string; connected: boolean }[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    const el = await mount(log);

    button(el, '操作ログをダウンロード').click();
    await el.updateComplete;

    expect(clicked).toEqual([{ href: 'blob:https://panel.example/1234', download: 'biztel-operation-log-20250401-090507.txt', connected: true }]);
    expect(el.shadowRoot!.querySelector('a')).toBeNull();
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/plain;charset=utf-8');
    const text = await blobs[0]!.text();
    expect(text).toBe(
      logText(log, {
        作成日時: new Date(2025, 3, 1, 9, 5, 7).toISOString(),
        バージョン: '0.1.0',
        ブラウザ: 'Mozilla/5.0 (jsdom)',
        サーバURL: info.serverUrl,
        'アカウント@内線': 'yamada.taro@1001',
        接続状態: '接続中',
      }),
    );
    expect(text).not.toContain('Tr0ub4dor');
    expect(outcome(el)).toBe('操作ログをダウンロードしました');
    expect(revoke).not.toHaveBeenCalled();

    jest.runOnlyPendingTimers();
    expect(revoke.mock.calls).toEqual([['blob:https://panel.example/1234']]);
  });

  it('asks to close on 閉じる and on Escape, without the event leaving the element', async () => {
    const { log } = clockLog();
    const el = await mount(log);
    const onElement = jest.fn();
    const onDocument = jest.fn();
    el.addEventListener('biztel-diagnostics-close', onElement);
    document.addEventListener('biztel-diagnostics-close', onDocument);

    button(el, '閉じる').click();
    press(button(el, 'コピー'), 'Escape');

    document.removeEventListener('biztel-diagnostics-close', onDocument);
    expect(onElement).toHaveBeenCalledTimes(2);
    expect(onDocument).not.toHaveBeenCalled();
  });

  it('speaks English with the English catalogue', async () => {
    const { log } = clockLog();
    const el = await mount(log, { connection: 'disconnected' });
    el.t = catalogue('en');
    await el.updateComplete;

    expect(textOf($(el, 'h2'))).toBe('Diagnostics');
    expect(facts(el)[0]).toEqual(['Connection', 'Disconnected']);
    expect($$(el, '.actions button').map((b) => textOf(b))).toEqual(['Copy', 'Download operation log', 'Close']);
  });

  it('is axe clean with entries, checks and a dropped count', async () => {
    const { log } = clockLog(3);
    for (let i = 1; i <= 5; i++) log.record(i % 2 ? 'event' : 'error', `e${i}`, XSS);
    const el = await mount(log);

    expect(await axeViolations(el)).toEqual([]);
  });
});

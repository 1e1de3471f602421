import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  CHECK_LABEL,
  CONNECTION_LABEL,
  OWNERSHIP_LABEL,
  checkMark,
  checkResultLabel,
  diagnosticsText,
  infoText,
  latencyText,
  searchLines,
  type DiagnosticsInfo,
} from '../core/diagnostics.js';
import { OperationLog, type OperationKind } from '../core/operation-log.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { diagnosticsStyles } from './diagnostics-view.styles.js';
import { DiagnosticsCloseEvent } from './events.js';
import { fill } from './format.js';
import { controls } from './tokens.js';
import { logText } from '../core/operation-log-text.js';

/** How many of the newest log entries the view lists. */
export const VISIBLE_ENTRIES = 20;

const KIND_LABEL: Record<OperationKind, MessageKey> = {
  operation: 'diagKindOperation',
  event: 'diagKindEvent',
  connection: 'diagKindConnection',
  error: 'diagKindError',
};

const EMPTY_INFO: DiagnosticsInfo = {
  connection: 'starting',
  serverUrl: '',
  pageOrigin: '',
  latencyMs: null,
  ownership: 'alone',
  agent: '-',
  initChecks: [],
  version: '',
  userAgent: '',
  lastSearch: null,
};

type Outcome = 'none' | 'copied' | 'copyFailed' | 'downloaded';

const two = (n: number) => String(n).padStart(2, '0');

/** `biztel-operation-log-YYYYMMDD-HHmmss.txt` in the agent's local time. */
export function logFileName(at: Date): string {
  const date = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}`;
  const time = `${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `biztel-operation-log-${date}-${time}.txt`;
}

/**
 * @summary The diagnostics view (診断情報) for support: connection state, server URL and latency,
 * which window handles calls, the agent, the version, the start-up checks and the newest
 * operation-log entries (as text, never markup). コピー puts the diagnostics text on the clipboard
 * (falling back to a selected read-only text box and `execCommand('copy')`), 操作ログをダウンロード
 * saves the whole log as a text file, 閉じる or Escape asks the shell to close the view.
 * Re-renders whenever the log records something.
 * @fires biztel-diagnostics-close - 閉じる or Escape (not bubbling; the shell listens on the element)
 * @csspart events - the scrollable list of recent entries
 */
export class BiztelDiagnostics extends LitElement {
  static override styles = [controls, diagnosticsStyles];

  private unsubscribe: (() => void) | undefined;
  private revokeTimer: ReturnType<typeof setTimeout> | undefined;
  private pendingUrl: string | undefined;

  @state() private outcome: Outcome = 'none';
  /** The text offered for manual copying when the clipboard could not be used. */
  @state() private fallbackText: string | null = null;

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) info: DiagnosticsInfo = EMPTY_INFO;
  @property({ attribute: false }) log: OperationLog = new OperationLog();

  override connectedCallback(): void {
    super.connectedCallback();
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.revokePending();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('log') && changed.get('log') !== undefined && this.isConnected) this.listen();
  }

  private listen(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.log.subscribe(() => this.requestUpdate());
  }

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.dispatchEvent(new DiagnosticsCloseEvent());
  }

  private async copy(): Promise<void> {
    const text = diagnosticsText(this.info, this.log, this.t, Date.now());
    this.outcome = 'none';
    try {
      const clipboard = this.ownerDocument.defaultView?.navigator.clipboard;
      if (!clipboard?.writeText) throw new Error('no clipboard');
      await clipboard.writeText(text);
      this.fallbackText = null;
      this.outcome = 'copied';
    } catch {
      this.outcome = (await this.copyByHand(text)) ? 'copied' : 'copyFailed';
    }
  }

  /**
   * Without the async clipboard (a denied permission, an old browser, a non-secure frame): select
   * the text in a read-only box and ask for `copy`. When even that fails the box stays, selected,
   * for the agent to copy with the keyboard.
   */
  private async copyByHand(text: string): Promise<boolean> {
    this.fallbackText = text;
    await this.updateComplete;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea');
    if (!area) return false;
    area.focus();
    area.select();
    let copied = false;
    try {
      copied = typeof this.ownerDocument.execCommand === 'function' && this.ownerDocument.execCommand('copy');
    } catch {
      copied = false;
    }
    if (copied) {
      this.fallbackText = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('.copy')?.focus();
    }
    return copied;
  }

  private download(): void {
    const now = new Date();
    const t = this.t;
    const info = this.info;
    const text = logText(this.log, {
      [t.diagGeneratedAt]: now.toISOString(),
      [t.diagVersion]: info.version,
      [t.diagUserAgent]: info.userAgent,
      [t.diagServerUrl]: info.serverUrl,
      [t.diagAgent]: info.agent,
      [t.diagConnection]: t[CONNECTION_LABEL[info.connection]],
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = this.ownerDocument.createElement('a');
    link.href = url;
    link.download = logFileName(now);
    link.hidden = true;
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    // Revoked on the next task: some browsers read the blob only after the click returns.
    this.revokePending();
    this.pendingUrl = url;
    this.revokeTimer = setTimeout(() => this.revokePending(), 0);
    this.outcome = 'downloaded';
  }

  private revokePending(): void {
    clearTimeout(this.revokeTimer);
    this.revokeTimer = undefined;
    if (this.pendingUrl !== undefined) URL.revokeObjectURL(this.pendingUrl);
    this.pendingUrl = undefined;
  }

  /** Moves focus to the view's heading (the shell calls it when the view opens). */
  focusHeading(): void {
    const heading = this.renderRoot.querySelector<HTMLElement>('h2');
    heading?.focus();
    // The view opens under the panel: bring it into the (short) utility panel's view.
    heading?.scrollIntoView?.({ block: 'start' });
  }

  override render() {
    const { t, info } = this;
    return html`
      <section class="diag" aria-labelledby="diag-heading" @keydown=${this.onKeydown}>
        <h2 id="diag-heading" tabindex="-1">${t.diagnosticsHeading}</h2>
        <dl>
          ${this.renderFact(t.diagConnection, t[CONNECTION_LABEL[info.connection]])} ${this.renderFact(t.diagServerUrl, infoText(info.serverUrl))}
          ${this.renderFact(t.diagPageOrigin, infoText(info.pageOrigin))} ${this.renderFact(t.diagLatency, latencyText(info.latencyMs, t))}
          ${this.renderFact(t.diagOwnership, t[OWNERSHIP_LABEL[info.ownership]])} ${this.renderFact(t.diagAgent, infoText(info.agent))}
          ${this.renderFact(t.diagVersion, infoText(info.version))}
        </dl>
        <h3>${t.diagInitChecks}</h3>
        ${this.renderChecks()}
        <h3>${t.diagPhoneSearch}</h3>
        <ul class="search">
          ${searchLines(info.lastSearch, t).map((line) => html`<li>${line}</li>`)}
        </ul>
        <h3 id="diag-events">${t.diagRecentEvents}</h3>
        ${this.renderEntries()} ${this.log.dropped > 0 ? html`<p class="dropped">${fill(t.diagDropped, { count: String(this.log.dropped) })}</p>` : nothing}
        <div class="actions">
          <button class="btn copy" type="button" @click=${() => void this.copy()}>${t.diagCopy}</button>
          <button class="btn download" type="button" @click=${this.download}>${t.diagDownload}</button>
          <button class="btn close" type="button" @click=${() => this.dispatchEvent(new DiagnosticsCloseEvent())}>${t.diagClose}</button>
        </div>
        <p class="outcome ${this.outcome === 'copyFailed' ? 'failed' : ''}" role="status">${this.outcomeText()}</p>
        ${
          this.fallbackText === null
            ? nothing
            : html`<div class="copy-text">
                <label for="copy-text">${t.diagCopyText}</label>
                <textarea id="copy-text" class="input" readonly .value=${this.fallbackText}></textarea>
              </div>`
        }
      </section>
    `;
  }

  private renderFact(label: string, value: string) {
    return html`<div>
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  }

  /** The start-up checks, each with its mark, result and detail. */
  private renderChecks() {
    const { t, info } = this;
    return info.initChecks.length === 0
      ? html`<p class="weak">${t.diagNone}</p>`
      : html`<ul class="checks">
          ${info.initChecks.map((check) => {
            const result = checkResultLabel(check.ok);
            const cls = check.ok === null ? 'notrun' : check.ok ? 'ok' : 'failed';
            return html`<li class="check ${cls}">
              <span class="mark" aria-hidden="true">${checkMark(check.ok)}</span>
              <span>${t[CHECK_LABEL[check.name]]}: ${t[result]}${check.detail ? html` <span class="weak">${infoText(check.detail)}</span>` : nothing}</span>
            </li>`;
          })}
        </ul>`;
  }

  private renderEntries() {
    const { t } = this;
    const entries = [...this.log.last(VISIBLE_ENTRIES)].reverse();
    if (entries.length === 0) return html`<p class="weak">${t.diagNoEvents}</p>`;
    const time = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    return html`<div class="events" part="events" role="region" aria-labelledby="diag-events" tabindex="0">
      <ol>
        ${entries.map(
          (entry) =>
            html`<li class="entry ${entry.kind}">
              <time datetime=${new Date(entry.at).toISOString()}>${time.format(entry.at)}</time>
              <span class="kind">${t[KIND_LABEL[entry.kind]]}</span>
              <span class="name">${entry.name}</span>
              ${entry.detail === undefined ? nothing : html`<span class="detail">${entry.detail}</span>`}
            </li>`,
        )}
      </ol>
    </div>`;
  }

  private outcomeText(): string {
    switch (this.outcome) {
      case 'none':
        return '';
      case 'copied':
        return this.t.diagCopied;
      case 'copyFailed':
        return this.t.diagCopyFailed;
      case 'downloaded':
        return this.t.diagDownloaded;
    }
  }
}

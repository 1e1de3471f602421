import { LitElement, css, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LOGOFF_STATUS_ID, type Call, type Snapshot } from '../protocol/index.js';
import { currentCall, type NoticeCode } from '../core/panel-state.js';
import { displayNumber } from '../core/phone.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import {
  AnswerRequestEvent,
  DialRequestEvent,
  HangupRequestEvent,
  NoticeDismissRequestEvent,
  SignOutRequestEvent,
  StatusChangeRequestEvent,
} from './events.js';
import { controls, tokens } from './tokens.js';

const NOTICE_TEXT: Record<NoticeCode, MessageKey> = {
  softphoneNotRunning: 'noticeSoftphoneNotRunning',
  noSuchCall: 'noticeNoSuchCall',
  busy: 'noticeBusy',
  timeout: 'noticeTimeout',
  disconnected: 'noticeDisconnected',
  rejected: 'noticeRejected',
  notAllowed: 'noticeNotAllowed',
  dialEmpty: 'noticeDialEmpty',
  dialInvalidCharacters: 'noticeDialInvalidCharacters',
  dialTooLong: 'noticeDialTooLong',
};

/**
 * @summary The signed-in panel: status, message area, info area, number input, call/answer and
 * hang-up buttons (seed 001 §1). Renders the server's snapshot; every button only emits a request.
 * @fires biztel-dial-request
 * @fires biztel-answer-request
 * @fires biztel-hangup-request
 * @fires biztel-status-change-request
 * @fires biztel-sign-out-request
 * @fires biztel-notice-dismiss-request
 * @csspart message - the message area
 */
export class BiztelCallPanel extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      .panel {
        display: grid;
        gap: var(--biztel-space-small);
        padding: var(--biztel-space-small) var(--biztel-space-medium) var(--biztel-space-medium);
      }
      .top {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: var(--biztel-space-x-small);
        position: relative;
      }
      .status-button {
        display: inline-flex;
        align-items: center;
        gap: var(--biztel-space-x-small);
        min-height: 2rem;
        padding: 0 var(--biztel-space-x-small);
        border: 1px solid var(--biztel-color-border);
        border-radius: 1rem;
        background: var(--biztel-color-surface);
        color: var(--biztel-color-text);
        cursor: pointer;
      }
      .dot {
        width: 0.625rem;
        height: 0.625rem;
        border-radius: 50%;
        background: var(--biztel-color-success);
      }
      .dot.logoff {
        background: #939393;
      }
      .dot.other {
        background: var(--biztel-color-warning);
      }
      .menu {
        position: absolute;
        top: calc(100% + 0.25rem);
        left: 0;
        z-index: 2;
        min-width: 12rem;
        margin: 0;
        padding: var(--biztel-space-xx-small) 0;
        list-style: none;
        background: var(--biztel-color-surface);
        border: 1px solid var(--biztel-color-border);
        border-radius: var(--biztel-radius);
        box-shadow: 0 2px 3px rgba(0, 0, 0, 0.16);
      }
      .menu button {
        display: flex;
        width: 100%;
        gap: var(--biztel-space-x-small);
        padding: var(--biztel-space-x-small) var(--biztel-space-small);
        border: 0;
        background: none;
        color: var(--biztel-color-text);
        text-align: left;
        cursor: pointer;
      }
      .menu button:hover,
      .menu button:focus-visible {
        background: var(--biztel-color-surface-alt);
      }
      .menu .check {
        width: 1rem;
        color: var(--biztel-color-brand);
      }
      .menu hr {
        margin: var(--biztel-space-xx-small) 0;
        border: 0;
        border-top: 1px solid var(--biztel-color-border);
      }
      .meta {
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
        text-align: right;
      }
      .meta .stopped {
        color: var(--biztel-color-error);
      }
      .call {
        display: grid;
        gap: var(--biztel-space-xx-small);
        padding: var(--biztel-space-small);
        border-radius: var(--biztel-radius);
        border-left: 4px solid var(--biztel-color-border);
        background: var(--biztel-color-surface-alt);
      }
      .call[data-state='ringing'] {
        border-left-color: var(--biztel-color-ringing);
        background: #eef4ff;
      }
      .call[data-state='dialing'] {
        border-left-color: var(--biztel-color-ringing);
      }
      .call[data-state='talking'] {
        border-left-color: var(--biztel-color-talking);
        background: #ebf7e6;
      }
      .call[data-state='held'] {
        border-left-color: var(--biztel-color-held);
        background: #fef0e0;
      }
      .message {
        margin: 0;
        font-size: var(--biztel-font-size-large);
        font-weight: 700;
        display: flex;
        justify-content: space-between;
        gap: var(--biztel-space-x-small);
      }
      .number {
        margin: 0;
        font-size: var(--biztel-font-size-x-large);
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      .label {
        margin: 0;
        color: var(--biztel-color-text-weak);
      }
      .notice {
        display: flex;
        align-items: flex-start;
        gap: var(--biztel-space-x-small);
        margin: 0;
        padding: var(--biztel-space-x-small);
        border: 1px solid var(--biztel-color-error);
        border-radius: var(--biztel-radius);
        background: #fef1ee;
        color: var(--biztel-color-error);
      }
      .notice span {
        flex: 1;
      }
      .notice button {
        border: 0;
        background: none;
        color: inherit;
        cursor: pointer;
        font-size: 1rem;
        line-height: 1;
      }
      .dial {
        display: flex;
        gap: var(--biztel-space-x-small);
      }
      .dial .input {
        flex: 1;
        min-height: 2.25rem;
        font-size: var(--biztel-font-size-large);
      }
      .actions {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: var(--biztel-space-x-small);
      }
    `,
  ];

  @query('#number') private numberInput?: HTMLInputElement;

  @state() private menuOpen = false;

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) snapshot!: Snapshot;
  @property({ type: Number }) clockOffsetMs = 0;
  @property({ attribute: false }) notice: NoticeCode | null = null;

  /** Clears the number field (after a dial request was accepted). */
  clearNumber(): void {
    if (this.numberInput) this.numberInput.value = '';
  }

  private onDialSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(new DialRequestEvent(this.numberInput?.value ?? ''));
  }

  private toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus());
    }
  }

  private onMenuKeydown(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.menu button')];
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closeMenu();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  /** Tabbing or clicking away closes the menu (without pulling focus back). */
  private onTopFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    const top = event.currentTarget as HTMLElement;
    if (this.menuOpen && next && !top.contains(next)) this.menuOpen = false;
  }

  private readonly onDocumentPointerDown = (event: PointerEvent): void => {
    const top = this.renderRoot.querySelector('.top');
    if (this.menuOpen && top && !event.composedPath().includes(top)) this.menuOpen = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('pointerdown', this.onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('pointerdown', this.onDocumentPointerDown);
  }

  private closeMenu(): void {
    this.menuOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.status-button')?.focus());
  }

  private choose(event: Event): void {
    this.closeMenu();
    this.dispatchEvent(event);
  }

  override render() {
    const { t, snapshot } = this;
    const call = currentCall(snapshot);
    return html`
      <div class="panel">
        ${this.renderTop()}
        ${call ? this.renderCall(call) : html`<p class="message" part="message">${t.idle}</p>`}
        ${this.notice
          ? html`<p class="notice" role="alert">
              <span>${t[NOTICE_TEXT[this.notice]]}</span>
              <button type="button" aria-label=${t.dismiss} @click=${() => this.dispatchEvent(new NoticeDismissRequestEvent())}>
                ×
              </button>
            </p>`
          : nothing}
        ${snapshot.agent.hardphone ? nothing : this.renderDial()}
        ${this.renderActions(call)}
      </div>
    `;
  }

  private renderTop() {
    const { t, snapshot } = this;
    const current = snapshot.statuses.find((s) => s.id === snapshot.agent.statusId);
    const dotClass = snapshot.agent.statusId === LOGOFF_STATUS_ID ? 'logoff' : snapshot.agent.statusId === 'available' ? '' : 'other';
    return html`
      <div class="top" @keydown=${this.menuOpen ? this.onMenuKeydown : nothing} @focusout=${this.onTopFocusOut}>
        <button
          class="status-button"
          type="button"
          aria-haspopup="menu"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-label="${t.status}: ${current?.label ?? snapshot.agent.statusId} (${t.changeStatus})"
          @click=${this.toggleMenu}
        >
          <span class="dot ${dotClass}" aria-hidden="true"></span>
          <span class="status-label">${current?.label ?? snapshot.agent.statusId}</span>
          <span aria-hidden="true">▾</span>
        </button>
        <div class="meta">
          <div>${t.extensionLabel} ${snapshot.agent.extension}${snapshot.agent.hardphone ? ` · ${t.hardphoneMode}` : ''}</div>
          ${snapshot.softphone.running || snapshot.agent.hardphone
            ? nothing
            : html`<div class="stopped">${t.softphoneStopped}</div>`}
        </div>
        ${this.menuOpen
          ? html`<ul class="menu" role="menu" aria-label=${t.changeStatus}>
              ${snapshot.statuses
                .filter((s) => s.id !== LOGOFF_STATUS_ID)
                .map(
                  (s) => html`<li role="none">
                    <button
                      type="button"
                      role="menuitemradio"
                      aria-checked=${s.id === snapshot.agent.statusId ? 'true' : 'false'}
                      @click=${() => this.choose(new StatusChangeRequestEvent(s.id))}
                    >
                      <span class="check" aria-hidden="true">${s.id === snapshot.agent.statusId ? '✓' : ''}</span>${s.label}
                    </button>
                  </li>`,
                )}
              <li role="none"><hr /></li>
              <li role="none">
                <button type="button" role="menuitem" @click=${() => this.choose(new SignOutRequestEvent())}>
                  <span class="check" aria-hidden="true"></span>${t.signOut}
                </button>
              </li>
            </ul>`
          : nothing}
      </div>
    `;
  }

  private renderCall(call: Call) {
    const { t } = this;
    const shown = displayNumber(call.remoteNumber);
    return html`
      <section class="call" data-state=${call.state} aria-label=${t[call.state]}>
        <p class="message" part="message">
          <span>${t[call.state]}</span>
          ${call.answeredAt !== undefined
            ? html`<span role="timer" aria-label=${t.callTimer}
                ><biztel-call-timer .since=${call.answeredAt} .offset=${this.clockOffsetMs}></biztel-call-timer
              ></span>`
            : nothing}
        </p>
        <p class="number">${shown.kind === 'anonymous' ? t.anonymous : shown.value}</p>
        ${call.businessLabel ? html`<p class="label">${t.businessLabel}: ${call.businessLabel}</p>` : nothing}
      </section>
    `;
  }

  private renderDial() {
    const { t } = this;
    return html`
      <form id="dial-form" class="dial" @submit=${this.onDialSubmit}>
        <label class="visually-hidden" for="number">${t.numberInput}</label>
        <input
          id="number"
          class="input"
          type="tel"
          inputmode="tel"
          autocomplete="off"
          maxlength="64"
          placeholder=${t.numberPlaceholder}
        />
      </form>
    `;
  }

  /** 発信/応答 is one button (seed 001 §1): it answers a ringing call, otherwise it dials. */
  private renderActions(call: Call | undefined) {
    const { t, snapshot } = this;
    const ringing = call?.state === 'ringing' && call.direction === 'inbound';
    const callButton = ringing
      ? html`<button class="btn btn-success" type="button" @click=${() => call && this.dispatchEvent(new AnswerRequestEvent(call.id))}>
          ${t.answer}
        </button>`
      : html`<button class="btn btn-success" type="submit" form="dial-form" ?disabled=${call !== undefined || snapshot.agent.hardphone}>
          ${t.dial}
        </button>`;
    return html`
      <div class="actions">
        ${callButton}
        <button
          class="btn btn-destructive"
          type="button"
          ?disabled=${!call}
          @click=${() => call && this.dispatchEvent(new HangupRequestEvent(call.id))}
        >
          ${t.hangUp}
        </button>
      </div>
    `;
  }
}

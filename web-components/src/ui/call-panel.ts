import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { LOGOFF_STATUS_ID, type Call, type CallerIdChoice, type Snapshot } from '../protocol/index.js';
import { callControls, type CallControls, type PanelMessage } from '../core/call-controls.js';
import {
  callerIdChoice,
  callerIdLists,
  callerIdOptions,
  effectiveCallerIdList,
  type CallerIdList,
  type CallerIdOption,
} from '../core/caller-id.js';
import type { NoticeCode } from '../core/panel-state.js';
import { displayNumber } from '../core/phone.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import {
  AnswerRequestEvent,
  DialRequestEvent,
  DtmfRequestEvent,
  HangupRequestEvent,
  HoldRequestEvent,
  NoticeDismissRequestEvent,
  ParkRequestEvent,
  SignOutRequestEvent,
  StatusChangeRequestEvent,
  TransferRequestEvent,
  UnholdRequestEvent,
  type DialPadPressEvent,
} from './events.js';
import { fill } from './format.js';
import { icon } from './icons.js';
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

const LIST_TEXT: Record<CallerIdList, MessageKey> = { numbers: 'callerIdNumbers', windows: 'callerIdWindows' };

/** Keys that are DTMF tones when typed during a call. */
const DTMF_KEY = /^[0-9*#]$/;
const MAX_NUMBER_LENGTH = 64;

/**
 * @summary The signed-in panel (seed 001 §1): status, caller-ID selector, message and info area,
 * park / hold / transfer, number input with the dial pad, call/answer and hang-up, the chat
 * history of a chatbot call and the calls this extension parked. Renders the server's snapshot
 * through the pure `callControls` view-model; every control only emits a request.
 * @fires biztel-dial-request - 発信 or Enter in the number field: `{ input, callerId? }`
 * @fires biztel-answer-request - 応答: `{ callId }`
 * @fires biztel-hangup-request - 切断: `{ callId }`
 * @fires biztel-hold-request - 保留 while the customer is on the line: `{ callId }`
 * @fires biztel-unhold-request - 保留 while the customer is held: `{ callId }`
 * @fires biztel-park-request - パーク: `{ callId }`
 * @fires biztel-transfer-request - 転送 (attended transfer answered): `{ callId }` of the consultation leg
 * @fires biztel-dtmf-request - a pad key, or a digit / `*` / `#` typed in the number field, during a call: `{ callId, digits }`
 * @fires biztel-status-change-request - a status chosen in the menu: `{ statusId }`
 * @fires biztel-sign-out-request - サインアウト in the menu
 * @fires biztel-notice-dismiss-request - the notice's close button
 * @csspart message - the message area
 * @csspart controls - the park / hold / transfer group
 * @csspart actions - the call/answer and hang-up buttons
 * @cssproperty --biztel-color-ringing - colour of a ringing call (also --biztel-color-talking, -held, -parked)
 */
export class BiztelCallPanel extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .panel {
        display: grid;
        gap: var(--biztel-space-small);
        padding: var(--biztel-space-small) var(--biztel-space-medium) var(--biztel-space-medium);
      }
      .panel > * {
        min-width: 0;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--biztel-space-x-small);
        position: relative;
      }
      .status-button {
        display: inline-flex;
        align-items: center;
        gap: var(--biztel-space-x-small);
        min-width: 0;
        min-height: 2rem;
        padding: 0 var(--biztel-space-x-small);
        border: 1px solid var(--biztel-color-border);
        border-radius: 1rem;
        background: var(--biztel-color-surface);
        color: var(--biztel-color-text);
        cursor: pointer;
      }
      .status-label {
        overflow-wrap: anywhere;
      }
      .dot {
        flex: none;
        width: 0.625rem;
        height: 0.625rem;
        border-radius: 50%;
        background: var(--biztel-color-success);
      }
      .dot.logoff {
        background: var(--biztel-color-disabled);
      }
      .dot.other {
        background: var(--biztel-color-warning);
      }
      .menu {
        position: absolute;
        top: calc(100% + 0.25rem);
        left: 0;
        z-index: 2;
        box-sizing: border-box;
        min-width: min(12rem, 100%);
        max-width: 100%;
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
        flex: none;
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

      /* caller-ID selector (通知番号選択欄) */
      .caller-id {
        display: grid;
        gap: var(--biztel-space-xx-small);
      }
      .caller-id-head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--biztel-space-xx-small);
      }
      .field-label {
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
      }
      .switch {
        display: inline-flex;
        min-width: 0;
        margin: 0;
        padding: 0;
        border: 0;
      }
      .switch input {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
        margin: 0;
      }
      .switch label {
        padding: 0.125rem var(--biztel-space-x-small);
        border: 1px solid var(--biztel-color-border);
        background: var(--biztel-color-surface);
        color: var(--biztel-color-brand);
        font-size: var(--biztel-font-size-small);
        cursor: pointer;
      }
      .switch label:first-of-type {
        border-radius: var(--biztel-radius) 0 0 var(--biztel-radius);
      }
      .switch label:last-of-type {
        border-left: 0;
        border-radius: 0 var(--biztel-radius) var(--biztel-radius) 0;
      }
      .switch input:checked + label {
        background: var(--biztel-color-brand);
        border-color: var(--biztel-color-brand);
        color: #fff;
      }
      .switch input:focus-visible + label {
        outline: 2px solid var(--biztel-color-focus);
        outline-offset: 2px;
      }
      .caller-id select {
        min-width: 0;
        text-overflow: ellipsis;
      }
      .note,
      .hint {
        display: flex;
        align-items: flex-start;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
      }
      .note .icon {
        color: var(--biztel-color-brand);
      }
      .hint.warning {
        color: var(--biztel-color-warning);
      }

      /* message area (メッセージ画面) and info area (情報画面) */
      .call,
      .idle,
      .held-customer {
        display: grid;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        padding: var(--biztel-space-small);
        border-radius: var(--biztel-radius);
        border-left: 4px solid var(--biztel-color-border);
        background: var(--biztel-color-surface-alt);
      }
      [data-state='ringing'],
      [data-state='dialing'] {
        border-left-color: var(--biztel-color-ringing);
        background: var(--biztel-color-ringing-surface);
      }
      [data-state='dialing'] {
        background: var(--biztel-color-surface-alt);
      }
      [data-state='talking'] {
        border-left-color: var(--biztel-color-talking);
        background: var(--biztel-color-talking-surface);
      }
      [data-state='held'] {
        border-left-color: var(--biztel-color-held);
        background: var(--biztel-color-held-surface);
      }
      [data-state='parking'],
      [data-state='parked'] {
        border-left-color: var(--biztel-color-parked);
        background: var(--biztel-color-parked-surface);
      }
      .message {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 var(--biztel-space-x-small);
        margin: 0;
        font-size: var(--biztel-font-size-large);
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .message > span {
        min-width: 0;
      }
      .number {
        margin: 0;
        font-size: var(--biztel-font-size-x-large);
        font-variant-numeric: tabular-nums;
        overflow-wrap: anywhere;
      }
      .label,
      .role,
      .timer-line {
        margin: 0;
        color: var(--biztel-color-text-weak);
        overflow-wrap: anywhere;
      }
      .timer-line {
        display: flex;
        justify-content: space-between;
        gap: var(--biztel-space-x-small);
        font-variant-numeric: tabular-nums;
      }
      .chat-flag {
        display: inline-flex;
        align-items: center;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        color: var(--biztel-color-link);
        font-weight: 600;
      }
      .held-customer .number {
        font-size: var(--biztel-font-size-large);
      }

      .notice {
        display: flex;
        align-items: flex-start;
        gap: var(--biztel-space-x-small);
        margin: 0;
        padding: var(--biztel-space-x-small);
        border: 1px solid var(--biztel-color-error);
        border-radius: var(--biztel-radius);
        background: var(--biztel-color-error-surface);
        color: var(--biztel-color-error);
        overflow-wrap: anywhere;
      }
      .notice span {
        flex: 1;
        min-width: 0;
      }
      .notice button {
        border: 0;
        background: none;
        color: inherit;
        cursor: pointer;
        font-size: 1rem;
        line-height: 1;
      }

      /* park / hold / transfer */
      .controls {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 4.5rem), 1fr));
        gap: var(--biztel-space-x-small);
      }
      .btn {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .hold[aria-pressed='true'] {
        background: var(--biztel-color-held);
        border-color: var(--biztel-color-held);
        color: #fff;
      }
      .transfer:not(:disabled) {
        background: var(--biztel-color-brand);
        border-color: var(--biztel-color-brand);
        color: #fff;
      }

      .dial {
        display: flex;
        gap: var(--biztel-space-x-small);
      }
      .dial .input {
        flex: 1;
        min-width: 0;
        min-height: 2.25rem;
        font-size: var(--biztel-font-size-large);
      }
      .pad-toggle {
        flex: none;
        width: 2.25rem;
        padding: 0;
      }
      .pad-toggle[aria-expanded='true'] {
        background: var(--biztel-color-surface-alt);
        border-color: var(--biztel-color-brand);
      }
      .actions {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 4.5rem), 1fr));
        gap: var(--biztel-space-x-small);
      }

      /* calls this extension parked */
      .parked {
        display: grid;
        gap: var(--biztel-space-xx-small);
      }
      .parked h2 {
        display: flex;
        align-items: center;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        font-size: var(--biztel-font-size);
        color: var(--biztel-color-text-weak);
      }
      .parked h2 .icon {
        color: var(--biztel-color-parked);
      }
      .parked ul {
        display: grid;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .parked li {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        gap: 0 var(--biztel-space-x-small);
        padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
        border-left: 4px solid var(--biztel-color-parked);
        border-radius: var(--biztel-radius);
        background: var(--biztel-color-parked-surface);
        overflow-wrap: anywhere;
      }
      .parked .slot {
        font-weight: 700;
      }
      .parked .remote {
        font-variant-numeric: tabular-nums;
      }

      @container (max-width: 16rem) {
        .panel {
          padding: var(--biztel-space-x-small);
          gap: var(--biztel-space-x-small);
        }
        .meta {
          text-align: left;
        }
        .btn {
          padding: 0 var(--biztel-space-xx-small);
        }
      }
    `,
  ];

  /** The view-model of the current snapshot (recomputed whenever the snapshot changes). */
  private view!: CallControls;

  @query('#number') private numberInput?: HTMLInputElement;
  @query('#caller-id') private callerIdSelect?: HTMLSelectElement;

  @state() private menuOpen = false;
  @state() private padOpen = false;
  /** The list the agent switched to (null: the first list the settings allow). */
  @state() private callerIdList: CallerIdList | null = null;
  /** The selected caller-ID option value; '' is 指定なし. */
  @state() private callerIdValue = '';

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) snapshot!: Snapshot;
  @property({ type: Number }) clockOffsetMs = 0;
  @property({ attribute: false }) notice: NoticeCode | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('pointerdown', this.onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('pointerdown', this.onDocumentPointerDown);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('snapshot') || !this.view) this.view = callControls(this.snapshot);
  }

  protected override updated(): void {
    // Options render after the select's own bindings, so the selection is applied once they exist.
    if (this.callerIdSelect && this.callerIdSelect.value !== this.callerIdValue) this.callerIdSelect.value = this.callerIdValue;
  }

  private onDialSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const { primary } = this.view;
    if (primary.mode !== 'dial' || !primary.enabled) return;
    this.dispatchEvent(new DialRequestEvent(this.numberInput?.value ?? '', this.chosenCallerId()));
  }

  /** During a call, digits, `*` and `#` typed into the number field are tones for the call. */
  private onNumberKeydown(event: KeyboardEvent): void {
    const { pad } = this.view;
    if (pad.kind !== 'dtmf' || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (DTMF_KEY.test(event.key)) {
      event.preventDefault();
      this.dispatchEvent(new DtmfRequestEvent(pad.callId, event.key));
    } else if (event.key === 'Enter') {
      event.preventDefault();
    }
  }

  private onPadPress(event: DialPadPressEvent): void {
    event.stopPropagation();
    const { pad } = this.view;
    if (pad.kind === 'dtmf') {
      this.dispatchEvent(new DtmfRequestEvent(pad.callId, event.detail.key));
    } else if (pad.kind === 'number' && this.numberInput && this.numberInput.value.length < MAX_NUMBER_LENGTH) {
      this.numberInput.value += event.detail.key;
    }
  }

  private onHoldClick(): void {
    const { hold } = this.view;
    if (!hold.shown) return;
    this.dispatchEvent(hold.pressed ? new UnholdRequestEvent(hold.callId) : new HoldRequestEvent(hold.callId));
  }

  private onCallerIdListChange(event: Event): void {
    this.callerIdList = (event.target as HTMLInputElement).value as CallerIdList;
    this.callerIdValue = '';
  }

  private onCallerIdChange(event: Event): void {
    this.callerIdValue = (event.target as HTMLSelectElement).value;
  }

  private chosenCallerId(): CallerIdChoice | undefined {
    const ids = this.snapshot.callerIds;
    return callerIdChoice(ids, effectiveCallerIdList(ids, this.callerIdList), this.callerIdValue);
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

  private closeMenu(): void {
    this.menuOpen = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.status-button')?.focus());
  }

  private choose(event: Event): void {
    this.closeMenu();
    this.dispatchEvent(event);
  }

  /** Clears the number field (after a dial request was accepted). */
  clearNumber(): void {
    if (this.numberInput) this.numberInput.value = '';
  }

  override render() {
    const { view } = this;
    const chatCall = [view.current, view.heldCustomer].find((c) => c?.chat !== undefined);
    return html`
      <div class="panel">
        ${this.renderTop()} ${view.dialling ? this.renderCallerId() : nothing} ${this.renderMessageArea(view)}
        ${view.parked.length > 0 ? this.renderParked(view) : nothing}
        ${this.notice
          ? html`<p class="notice" role="alert">
              <span>${this.t[NOTICE_TEXT[this.notice]]}</span>
              <button type="button" aria-label=${this.t.dismiss} @click=${() => this.dispatchEvent(new NoticeDismissRequestEvent())}>
                ×
              </button>
            </p>`
          : nothing}
        ${this.renderControls(view)} ${view.dialling ? this.renderDial(view) : nothing} ${this.renderActions(view)}
        ${chatCall?.chat
          ? keyed(chatCall.id, html`<biztel-chat-transcript .t=${this.t} .chat=${chatCall.chat}></biztel-chat-transcript>`)
          : nothing}
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

  /** 通知番号選択欄 (seed 001 §5, seed 003): 番号リスト / 窓口リスト, then the list's options. */
  private renderCallerId() {
    const { t } = this;
    const ids = this.snapshot.callerIds;
    const lists = callerIdLists(ids);
    const list = effectiveCallerIdList(ids, this.callerIdList);
    const options = callerIdOptions(ids, list);
    return html`
      <div class="caller-id">
        <div class="caller-id-head">
          <label class="field-label" for="caller-id">${t.callerId}</label>
          ${lists.length > 1
            ? html`<fieldset class="switch">
                <legend class="visually-hidden">${t.callerIdListChoice}</legend>
                ${lists.map(
                  (l) => html`<input
                      id="caller-id-list-${l}"
                      type="radio"
                      name="caller-id-list"
                      value=${l}
                      .checked=${l === list}
                      @change=${this.onCallerIdListChange}
                    /><label for="caller-id-list-${l}">${t[LIST_TEXT[l]]}</label>`,
                )}
              </fieldset>`
            : nothing}
        </div>
        <select
          id="caller-id"
          class="input"
          aria-describedby=${ids.restricted ? 'caller-id-restricted' : nothing}
          @change=${this.onCallerIdChange}
        >
          <option value="" ?selected=${this.callerIdValue === ''}>${t.callerIdDefault}</option>
          ${options.map(
            (o) => html`<option value=${o.value} ?selected=${o.value === this.callerIdValue}>${this.optionText(o)}</option>`,
          )}
        </select>
        ${ids.restricted
          ? html`<p class="note" id="caller-id-restricted">${icon('info')}<span>${t.callerIdRestricted}</span></p>`
          : nothing}
      </div>
    `;
  }

  private optionText(option: CallerIdOption): string {
    return option.name === '' ? option.number : fill(this.t.callerIdOption, { name: option.name, number: option.number });
  }

  private messageText(message: PanelMessage): string {
    const { t } = this;
    switch (message.kind) {
      case 'idle':
        return t.idle;
      case 'call':
        return t[message.state];
      case 'recall':
        return fill(t.recallMessage, { slot: message.slot });
      case 'parked':
        return fill(t.parkedMessage, { slot: message.slot });
      case 'collecting':
        return message.transfer === 'star' ? t.collectingStar : t.collectingHash;
    }
  }

  private shownNumber(call: { remoteNumber: string }): string {
    const shown = displayNumber(call.remoteNumber);
    return shown.kind === 'anonymous' ? this.t.anonymous : shown.value;
  }

  private timer(label: string, since: number) {
    return html`<span role="timer" aria-label=${label}
      ><biztel-call-timer .since=${since} .offset=${this.clockOffsetMs}></biztel-call-timer
    ></span>`;
  }

  /** メッセージ画面 and 情報画面: the state, the other party, timers; the held customer during a transfer. */
  private renderMessageArea(view: CallControls) {
    const { t } = this;
    const text = this.messageText(view.message);
    const call = view.current;
    if (!call) {
      return html`<p class="message idle" part="message" data-state=${view.message.kind === 'parked' ? 'parked' : 'idle'}>
        <span>${text}</span>
      </p>`;
    }
    const stateAttr = call.recall && call.state === 'ringing' ? 'ringing' : call.state;
    const ownHold = view.heldCustomer === null && view.holdTimerFrom !== null;
    return html`
      <section class="call" data-state=${stateAttr} aria-label=${text}>
        <p class="message" part="message">
          <span>${text}</span>
          ${view.callTimerFrom !== null ? this.timer(t.callTimer, view.callTimerFrom) : nothing}
        </p>
        ${view.consultation ? html`<p class="role">${t.transferTarget}</p>` : nothing}
        <p class="number">${this.shownNumber(call)}</p>
        ${call.businessLabel ? html`<p class="label">${t.businessLabel}: ${call.businessLabel}</p>` : nothing}
        ${view.message.kind === 'collecting'
          ? html`<p class="timer-line"><span>${t.collectingDigits}</span> <span class="digits">${view.message.digits}</span></p>`
          : nothing}
        ${ownHold && view.holdTimerFrom !== null
          ? html`<p class="timer-line"><span>${t.holdTimer}</span> ${this.timer(t.holdTimer, view.holdTimerFrom)}</p>`
          : nothing}
        ${call.chat ? html`<p class="chat-flag">${icon('chat')}<span>${t.chatIndicator}</span></p>` : nothing}
      </section>
      ${view.heldCustomer ? this.renderHeldCustomer(view.heldCustomer, view.holdTimerFrom) : nothing}
    `;
  }

  private renderHeldCustomer(customer: Call, holdFrom: number | null) {
    const { t } = this;
    return html`<section class="held-customer" data-state="held" aria-label=${t.heldCustomer}>
      <p class="timer-line">
        <span>${t.heldCustomer}</span>
        ${holdFrom !== null ? this.timer(t.holdTimer, holdFrom) : nothing}
      </p>
      <p class="number">${this.shownNumber(customer)}</p>
    </section>`;
  }

  /** パーク / 保留 / 転送: shown only during a call (seed 001 §1). */
  private renderControls(view: CallControls) {
    const { t } = this;
    const { park, hold, transfer } = view;
    if (!park.shown && !hold.shown && !transfer.shown) return nothing;
    return html`
      <div class="controls" part="controls" role="group" aria-label=${t.callControls}>
        ${park.shown
          ? html`<button
              class="btn park"
              type="button"
              ?disabled=${!park.enabled}
              @click=${() => park.enabled && this.dispatchEvent(new ParkRequestEvent(park.callId))}
            >
              ${icon('park')}<span>${t.park}</span>
            </button>`
          : nothing}
        ${hold.shown
          ? html`<button
              class="btn hold"
              type="button"
              aria-pressed=${hold.pressed ? 'true' : 'false'}
              @click=${this.onHoldClick}
            >
              ${icon('hold')}<span>${t.hold}</span>
            </button>`
          : nothing}
        ${transfer.shown
          ? html`<button
              class="btn transfer"
              type="button"
              ?disabled=${!transfer.active}
              title=${transfer.active ? nothing : t.transferInactiveHint}
              @click=${() => transfer.active && this.dispatchEvent(new TransferRequestEvent(transfer.callId))}
            >
              ${icon('transfer')}<span>${t.transfer}</span>
            </button>`
          : nothing}
      </div>
    `;
  }

  /** 電話番号入力欄, ダイヤルボタン表示 and the dial pad. */
  private renderDial(view: CallControls) {
    const { t } = this;
    const dtmf = view.pad.kind === 'dtmf';
    return html`
      <form id="dial-form" class="dial" @submit=${this.onDialSubmit}>
        <label class="visually-hidden" for="number">${t.numberInput}</label>
        <input
          id="number"
          class="input"
          type="tel"
          inputmode="tel"
          autocomplete="off"
          maxlength=${MAX_NUMBER_LENGTH}
          placeholder=${t.numberPlaceholder}
          aria-describedby=${dtmf ? 'dtmf-hint' : nothing}
          @keydown=${this.onNumberKeydown}
        />
        <button
          class="btn pad-toggle"
          type="button"
          aria-expanded=${this.padOpen ? 'true' : 'false'}
          aria-controls="dial-pad"
          title=${t.dialPadToggle}
          @click=${() => (this.padOpen = !this.padOpen)}
        >
          ${icon('dialPad')}<span class="visually-hidden">${t.dialPadToggle}</span>
        </button>
      </form>
      ${dtmf ? html`<p class="hint" id="dtmf-hint">${t.dtmfHint}</p>` : nothing}
      <biztel-dial-pad id="dial-pad" .t=${t} ?hidden=${!this.padOpen} @biztel-dial-pad-press=${this.onPadPress}></biztel-dial-pad>
    `;
  }

  /** 発信/応答 is one button (seed 001 §1): it answers a ringing call, otherwise it dials. */
  private renderActions(view: CallControls) {
    const { t } = this;
    const { primary, hangUp } = view;
    const callButton =
      primary.mode === 'answer'
        ? html`<button class="btn btn-success" type="button" @click=${() => this.dispatchEvent(new AnswerRequestEvent(primary.callId))}>
            ${icon('phone')}<span>${t.answer}</span>
          </button>`
        : html`<button class="btn btn-success" type="submit" form="dial-form" ?disabled=${!primary.enabled}>
            ${icon('phone')}<span>${t.dial}</span>
          </button>`;
    const blocked = hangUp.blockedBy === 'parking';
    return html`
      <div class="actions" part="actions">
        ${callButton}
        <button
          class="btn btn-destructive"
          type="button"
          ?disabled=${!hangUp.enabled}
          aria-describedby=${blocked ? 'hangup-hint' : nothing}
          title=${blocked ? t.hangUpParkingHint : nothing}
          @click=${() => hangUp.enabled && hangUp.callId !== null && this.dispatchEvent(new HangupRequestEvent(hangUp.callId))}
        >
          ${icon('hangUp')}<span>${t.hangUp}</span>
        </button>
      </div>
      ${blocked ? html`<p class="hint warning" id="hangup-hint">${icon('info')}<span>${t.hangUpParkingHint}</span></p>` : nothing}
    `;
  }

  /** The calls this extension parked, so the agent can tell a colleague the park number (seed 001 §7). */
  private renderParked(view: CallControls) {
    const { t } = this;
    return html`
      <section class="parked" aria-labelledby="parked-heading">
        <h2 id="parked-heading">${icon('park')}<span>${t.parkedHeading}</span></h2>
        <ul>
          ${view.parked.map(
            (p) => html`<li>
              <span class="slot">${fill(t.parkedMessage, { slot: p.slot })}</span>
              <span class="remote">${this.shownNumber(p)}</span>
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}

import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Call, Snapshot } from '@biztel/protocol';
import type { Lookups } from '../core/lookup.js';
import { callControls, offlineControls, type CallControls } from '../core/call-controls.js';
import type { NoticeCode } from '../core/panel-errors.js';
import type { Catalogue } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { DialRequestEvent, DtmfRequestEvent, type DialPadPressEvent, RecordOpenRequestEvent, TransferNoteChangeEvent } from './events.js';
import type { BiztelCallerIdSelect } from './caller-id-select.js';
import { callCardStyles } from './call-card.styles.js';
import { callPanelStyles } from './call-panel.styles.js';
import { renderActionBar } from './call-action-bar.js';
import { renderCallerId, renderMessageArea, renderParked, renderTop, shownNumber } from './call-panel-sections.js';
import { fill } from './format.js';
import { icon } from './icons.js';
import { renderSoftphoneBanner } from './softphone-banner.js';
import type { BiztelStatusMenu } from './status-menu.js';
import { controls, tokens } from './tokens.js';

/** Keys that are DTMF tones when typed during a call. */
const DTMF_KEY = /^[0-9*#]$/;
const MAX_NUMBER_LENGTH = 64;
/** How many of the tones sent on a call the echo under the number field shows (the latest). */
const MAX_SENT_SHOWN = 24;

/**
 * @summary The signed-in panel (seed 001 §1): status (`<biztel-status-menu>`), caller-ID selector
 * (`<biztel-caller-id-select>`), message and info area, park / hold / transfer, number input with
 * the dial pad, call/answer and hang-up, the chat history of a chatbot call and the calls this
 * extension parked. Renders the server's snapshot through the pure `callControls` view-model;
 * every control only emits a request. A softphone whose connection dropped, or signed in with
 * another account, gets a banner and disables every control (`softphone-banner.ts`).
 * @fires biztel-dial-request - 発信 or Enter in the number field: `{ input, callerId? }`
 * @fires biztel-answer-request - 応答: `{ callId }`
 * @fires biztel-hangup-request - 切断: `{ callId }`
 * @fires biztel-hold-request - 保留 while the customer is on the line: `{ callId }`
 * @fires biztel-unhold-request - 保留 while the customer is held: `{ callId }`
 * @fires biztel-park-request - パーク: `{ callId }`
 * @fires biztel-transfer-request - 転送 (attended transfer answered): `{ callId }` of the consultation leg
 * @fires biztel-dtmf-request - a pad key, or a digit / `*` / `#` typed in the number field, during a call: `{ callId, digits }`
 * @fires biztel-status-change-request - a status chosen in the menu: `{ statusId }` (from `<biztel-status-menu>`)
 * @fires biztel-sign-out-request - サインアウト in the menu (from `<biztel-status-menu>`)
 * @fires biztel-notice-dismiss-request - the notice's close button
 * @slot footer - the end of the part that scrolls (the shell's 診断 link)
 * @csspart message - the message area
 * @csspart action-bar - the bar at the bottom: the notice and hint, the call controls and buttons
 * @csspart controls - the park / hold / transfer group
 * @csspart actions - the call/answer and hang-up buttons
 * @cssproperty --biztel-color-ringing - colour of a ringing call (also --biztel-color-talking, -held, -parked)
 */
export class BiztelCallPanel extends LitElement {
  static override styles = [tokens, controls, callPanelStyles, callCardStyles];

  /** The view-model of the current snapshot (recomputed whenever the snapshot changes). */
  private view!: CallControls;

  @query('#number') private numberInput?: HTMLInputElement;
  @query('biztel-status-menu') private statusMenu?: BiztelStatusMenu;
  @query('biztel-caller-id-select') private callerIdSelect?: BiztelCallerIdSelect;

  @state() private padOpen = false;
  /** 画面転送メモ as typed, for the customer call it was written for. */
  @state() private note: { readonly callId: string; readonly text: string } | null = null;
  /** The tones this panel sent on a call, shown under the number field (typed digits echo nowhere else). */
  @state() private sent: { readonly callId: string; readonly digits: string } | null = null;

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) snapshot!: Snapshot;
  @property({ type: Number }) clockOffsetMs = 0;
  @property({ attribute: false }) notice: NoticeCode | null = null;
  /** CRM records found per call id (the info area). */
  @property({ attribute: false }) lookups: Lookups = {};
  /** The connection dropped; the panel is reconnecting by itself (commands fail meanwhile). */
  @property({ type: Boolean }) reconnecting = false;
  /** Which reconnection attempt is under way (of how many), when known. */
  @property({ attribute: false }) reconnectAttempt: { attempt: number; of: number } | null = null;
  /** Call logs (Tasks) not yet saved in the CRM; they are retried automatically. */
  @property({ type: Number }) pendingLogs = 0;
  /**
   * With the panel open in several windows: whether this one pops screens and logs calls
   * (`this`) or another one does (`other`); nothing is said when it is the only one.
   */
  @property({ attribute: false }) ownership: 'alone' | 'this' | 'other' = 'alone';

  /** When the connection dropped, on the server's clock (the timers stop there). */
  private offlineSince: number | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('reconnecting')) this.offlineSince = this.reconnecting ? Date.now() + this.clockOffsetMs : null;
    if (changed.has('snapshot') || changed.has('reconnecting') || !this.view) {
      const live = callControls(this.snapshot);
      this.view = this.reconnecting ? offlineControls(live, this.offlineSince) : live;
    }
  }

  /** The call situation focus was last placed for (`focusNextAction`). */
  private focusedFor: string | null = null;

  protected override updated(): void {
    const current = this.view.current;
    const situation = `${this.view.primary.mode}:${current?.id ?? ''}:${current?.state ?? ''}`;
    if (situation === this.focusedFor) return;
    this.focusedFor = situation;
    this.showCallCard();
    this.focusNextAction();
  }

  /**
   * A new call situation starts with the call card in view (the body may have stayed scrolled down
   * to the keys of an earlier call); with the pad open, its keys come into view after it.
   */
  private showCallCard(): void {
    // Only a body the agent scrolled is scrolled back: setting scrollTop lays the panel out at
    // once, before the frame would (≈ 0.7 ms of every ring: issue 17, ring → paint).
    const body = this.renderRoot.querySelector('.body');
    if (body && this.bodyScrolled) body.scrollTop = 0;
    this.bodyScrolled = false;
    if (this.padOpen) this.revealPad();
  }

  /** Whether the body is scrolled away from its top (kept by its scroll events: reading scrollTop would lay out). */
  private bodyScrolled = false;

  private onBodyScroll(event: Event): void {
    this.bodyScrolled = (event.currentTarget as HTMLElement).scrollTop > 0;
  }

  private revealPad(): void {
    // (`?.()`: jsdom, where the component tests run, has no layout and no scrollIntoView.)
    this.renderRoot.querySelector('biztel-dial-pad')?.scrollIntoView?.({ block: 'nearest' });
  }

  /**
   * After sign-in and whenever the call situation changes, focus goes where the agent's next action
   * is — 応答 while a call rings, else the number field — but only when it fell to the page body
   * (the button pressed went away) or rests in the empty number field, in a page that has focus:
   * never from the CRM page, nor from another control of the panel or a number being typed.
   */
  private focusNextAction(): void {
    const doc = this.ownerDocument;
    const atBody = doc.activeElement === null || doc.activeElement === doc.body;
    const inEmptyNumber = (this.renderRoot as ShadowRoot).activeElement === this.numberInput && this.numberInput?.value === '';
    if (!doc.hasFocus() || !(atBody || inEmptyNumber)) return;
    const { primary } = this.view;
    const answer = primary.mode === 'answer' && primary.enabled ? this.renderRoot.querySelector<HTMLButtonElement>('.actions .btn-success') : null;
    (answer ?? (this.numberInput?.disabled === false ? this.numberInput : null))?.focus();
  }

  /** Also waits for the status menu and the caller-ID selector, which render the panel's parts. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await Promise.all([this.statusMenu?.updateComplete, this.callerIdSelect?.updateComplete]);
    return done;
  }

  private onDialSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const { primary } = this.view;
    if (primary.mode !== 'dial' || !primary.enabled) return;
    this.dispatchEvent(new DialRequestEvent(this.numberInput?.value ?? '', this.callerIdSelect?.choice));
  }

  /** During a call, digits, `*` and `#` typed into the number field are tones for the call. */
  private onNumberKeydown(event: KeyboardEvent): void {
    const { pad } = this.view;
    if (pad.kind !== 'dtmf' || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (DTMF_KEY.test(event.key)) {
      event.preventDefault();
      this.sendTone(pad.callId, event.key);
    } else if (event.key === 'Enter') {
      event.preventDefault();
    }
  }

  private onPadPress(event: DialPadPressEvent): void {
    event.stopPropagation();
    const { pad } = this.view;
    if (pad.kind === 'dtmf') {
      this.sendTone(pad.callId, event.detail.key);
    } else if (pad.kind === 'number' && this.numberInput && this.numberInput.value.length < MAX_NUMBER_LENGTH) {
      this.numberInput.value += event.detail.key;
    }
  }

  private sendTone(callId: string, key: string): void {
    const before = this.sent?.callId === callId ? this.sent.digits : '';
    this.sent = { callId, digits: (before + key).slice(-MAX_SENT_SHOWN) };
    this.dispatchEvent(new DtmfRequestEvent(callId, key));
  }

  private togglePad(): void {
    this.padOpen = !this.padOpen;
    // Opened in a small panel: the keys come into view, above the action bar.
    if (this.padOpen) void this.updateComplete.then(() => this.revealPad());
  }

  /** Clears the number field (after a dial request was accepted). */
  clearNumber(): void {
    if (this.numberInput) this.numberInput.value = '';
  }

  override render() {
    const { view, t } = this;
    const chatCall = [view.current, view.heldCustomer].find((c) => c?.chat !== undefined);
    // The card shrinks while the open pad sends tones to the call (not while a call rings: who it is matters then).
    const compact = this.padOpen && view.pad.kind === 'dtmf';
    const area = { clockOffsetMs: this.clockOffsetMs, lookups: this.lookups, renderScreen: (call: Call) => this.renderScreen(call), compact };
    // The status stays on top and the action bar at the bottom; only the part between them scrolls.
    return html`
      <div class="panel ${this.reconnecting ? 'offline' : ''}">
        <div class="top">${renderTop(t, this.snapshot)}</div>
        <div class="body" @scroll=${this.onBodyScroll}>
          ${renderSoftphoneBanner(t, view.locked, this.clockOffsetMs, this.reconnectAttempt)} ${renderMessageArea(t, view, area)}
          ${
            this.ownership === 'alone'
              ? nothing
              : html`<p class="hint ownership" data-ownership=${this.ownership}>${this.ownership === 'this' ? t.ownershipThis : t.ownershipOther}</p>`
          }
          ${view.parked.length > 0 ? renderParked(t, view) : nothing}
          ${this.pendingLogs > 0 ? html`<p class="hint pending-logs">${fill(t.logsPending, { count: String(this.pendingLogs) })}</p>` : nothing}
          ${view.transferNote && view.hold.shown ? this.renderTransferNote(view.hold.callId) : nothing}
          ${
            view.dialling
              ? html`<div class="dialling" ?hidden=${view.primary.mode === 'answer' || !view.primary.enabled}>${renderCallerId(t, this.snapshot)}</div>
                  ${this.renderDial(view)}`
              : nothing
          }
          ${chatCall?.chat ? keyed(chatCall.id, html`<biztel-chat-transcript .t=${t} .chat=${chatCall.chat}></biztel-chat-transcript>`) : nothing}
          <slot name="footer"></slot>
        </div>
        ${renderActionBar(t, view, this.notice, this)}
      </div>
    `;
  }

  private shownNumber(call: { remoteNumber: string }): string {
    return shownNumber(this.t, call);
  }

  /**
   * 画面転送メモ, folded under its summary so a call card stays compact; open again, with its text,
   * whenever it is shown for the call it was written for. Offered only while a transfer is possible
   * (see `CallControls.transferNote`); a note is for one customer call, never a later one.
   */
  private renderTransferNote(callId: string) {
    const { t } = this;
    const text = this.note?.callId === callId ? this.note.text : '';
    return html`<details class="transfer-note" ?open=${text !== ''}>
      <summary>${t.transferNoteLabel}</summary>
      <input
        id="transfer-note"
        class="input"
        type="text"
        maxlength="140"
        autocomplete="off"
        aria-label=${t.transferNoteLabel}
        .value=${text}
        @change=${(e: Event) => {
          const value = (e.target as HTMLInputElement).value;
          this.note = { callId, text: value };
          this.dispatchEvent(new TransferNoteChangeEvent(value, callId));
        }}
      />
    </details>`;
  }

  /** 画面転送 (seed 001 §9): the record the transferring agent was viewing, as a link to open it. */
  private renderScreen(call: Call) {
    const { t } = this;
    const screen = call.screen;
    if (!screen) return nothing;
    const from = screen.fromName ? `${screen.fromName} (${screen.fromExtension})` : screen.fromExtension;
    return html`<div class="screen-transfer">
      <p class="hint">${fill(t.screenTransferFrom, { from })}</p>
      <button class="screen-link" type="button" @click=${() => this.dispatchEvent(new RecordOpenRequestEvent(screen.recordId))}>
        ${fill(t.screenTransferOpen, { number: this.shownNumber(call), name: screen.recordName || screen.recordId })}
      </button>
      ${screen.note ? html`<p class="screen-note">${fill(t.screenTransferNote, { note: screen.note })}</p>` : nothing}
    </div>`;
  }

  /** 電話番号入力欄, ダイヤルボタン表示 and the dial pad. */
  private renderDial(view: CallControls) {
    const { t } = this;
    // Digits typed while */# collects go to the transfer, not to the caller: no DTMF hint then.
    const dtmf = view.pad.kind === 'dtmf' && view.message.kind !== 'collecting';
    // Once tones went to this call, the line echoes them instead of the hint.
    const sent = view.pad.kind === 'dtmf' && this.sent?.callId === view.pad.callId ? this.sent.digits : '';
    const locked = view.locked !== null;
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
          aria-describedby=${dtmf || sent ? 'dtmf-hint' : nothing}
          ?disabled=${locked}
          @keydown=${this.onNumberKeydown}
        />
        <button
          class="btn pad-toggle"
          type="button"
          aria-expanded=${this.padOpen && !locked ? 'true' : 'false'}
          aria-controls="dial-pad"
          title=${t.dialPadToggle}
          ?disabled=${locked}
          @click=${this.togglePad}
        >
          ${icon('dialPad')}<span class="visually-hidden">${t.dialPadToggle}</span>
        </button>
      </form>
      ${dtmf || sent ? html`<p class="hint" id="dtmf-hint">${sent ? fill(t.dtmfSent, { digits: sent }) : t.dtmfHint}</p>` : nothing}
      <biztel-dial-pad id="dial-pad" .t=${t} ?hidden=${!this.padOpen || locked} @biztel-dial-pad-press=${this.onPadPress}></biztel-dial-pad>
    `;
  }
}

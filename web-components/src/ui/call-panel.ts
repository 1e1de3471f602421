import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Call, Snapshot } from '@biztel/protocol';
import type { Lookups } from '../core/lookup.js';
import { callControls, offlineControls, type CallControls } from '../core/call-controls.js';
import type { NoticeCode } from '../core/panel-errors.js';
import type { Catalogue } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import {
  AnswerRequestEvent,
  DialRequestEvent,
  DtmfRequestEvent,
  HangupRequestEvent,
  HoldRequestEvent,
  NoticeDismissRequestEvent,
  ParkRequestEvent,
  TransferRequestEvent,
  UnholdRequestEvent,
  type DialPadPressEvent,
  RecordOpenRequestEvent,
  TransferNoteChangeEvent,
} from './events.js';
import type { BiztelCallerIdSelect } from './caller-id-select.js';
import { callPanelStyles } from './call-panel.styles.js';
import { NOTICE_TEXT, renderCallerId, renderMessageArea, renderParked, renderTop, shownNumber } from './call-panel-sections.js';
import { fill } from './format.js';
import { icon } from './icons.js';
import { renderSoftphoneBanner } from './softphone-banner.js';
import type { BiztelStatusMenu } from './status-menu.js';
import { controls, tokens } from './tokens.js';

/** Keys that are DTMF tones when typed during a call. */
const DTMF_KEY = /^[0-9*#]$/;
const MAX_NUMBER_LENGTH = 64;

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
 * @csspart message - the message area
 * @csspart controls - the park / hold / transfer group
 * @csspart actions - the call/answer and hang-up buttons
 * @cssproperty --biztel-color-ringing - colour of a ringing call (also --biztel-color-talking, -held, -parked)
 */
export class BiztelCallPanel extends LitElement {
  static override styles = [tokens, controls, callPanelStyles];

  /** The view-model of the current snapshot (recomputed whenever the snapshot changes). */
  private view!: CallControls;

  @query('#number') private numberInput?: HTMLInputElement;
  @query('biztel-status-menu') private statusMenu?: BiztelStatusMenu;
  @query('biztel-caller-id-select') private callerIdSelect?: BiztelCallerIdSelect;

  @state() private padOpen = false;

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
    this.focusNextAction();
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
    if (!hold.shown || !hold.enabled) return;
    this.dispatchEvent(hold.pressed ? new UnholdRequestEvent(hold.callId) : new HoldRequestEvent(hold.callId));
  }

  /** Clears the number field (after a dial request was accepted). */
  clearNumber(): void {
    if (this.numberInput) this.numberInput.value = '';
  }

  override render() {
    const { view } = this;
    const chatCall = [view.current, view.heldCustomer].find((c) => c?.chat !== undefined);
    const area = { clockOffsetMs: this.clockOffsetMs, lookups: this.lookups, renderScreen: (call: Call) => this.renderScreen(call) };
    return html`
      <div class="panel ${this.reconnecting ? 'offline' : ''}">
        ${renderTop(this.t, this.snapshot)} ${renderSoftphoneBanner(this.t, view.locked, this.clockOffsetMs, this.reconnectAttempt)}
        ${view.dialling ? renderCallerId(this.t, this.snapshot) : nothing} ${renderMessageArea(this.t, view, area)}
        ${
          this.ownership === 'alone'
            ? nothing
            : html`<p class="hint ownership" data-ownership=${this.ownership}>${this.ownership === 'this' ? this.t.ownershipThis : this.t.ownershipOther}</p>`
        }
        ${view.parked.length > 0 ? renderParked(this.t, view) : nothing}
        ${this.pendingLogs > 0 ? html`<p class="hint pending-logs">${fill(this.t.logsPending, { count: String(this.pendingLogs) })}</p>` : nothing}
        ${
          this.notice
            ? html`<p class="notice" role="alert">
                <span>${this.t[NOTICE_TEXT[this.notice]]}</span>
                <button type="button" aria-label=${this.t.dismiss} @click=${() => this.dispatchEvent(new NoticeDismissRequestEvent())}>×</button>
              </p>`
            : nothing
        }
        ${this.renderControls(view)} ${view.dialling ? this.renderDial(view) : nothing} ${this.renderActions(view)}
        ${chatCall?.chat ? keyed(chatCall.id, html`<biztel-chat-transcript .t=${this.t} .chat=${chatCall.chat}></biztel-chat-transcript>`) : nothing}
      </div>
    `;
  }

  private shownNumber(call: { remoteNumber: string }): string {
    return shownNumber(this.t, call);
  }

  /** パーク / 保留 / 転送: shown only during a call (seed 001 §1). */
  private renderControls(view: CallControls) {
    const { t } = this;
    const { park, hold, transfer } = view;
    if (!park.shown && !hold.shown && !transfer.shown) return nothing;
    return html`
      <div class="controls" part="controls" role="group" aria-label=${t.callControls}>
        ${
          park.shown
            ? html`<button
                class="btn park"
                type="button"
                ?disabled=${!park.enabled}
                @click=${() => park.enabled && this.dispatchEvent(new ParkRequestEvent(park.callId))}
              >
                ${icon('park')}<span>${t.park}</span>
              </button>`
            : nothing
        }
        ${
          hold.shown
            ? html`<button class="btn hold" type="button" aria-pressed=${hold.pressed ? 'true' : 'false'} ?disabled=${!hold.enabled} @click=${this.onHoldClick}>
                ${icon('hold')}<span>${t.hold}</span>
              </button>`
            : nothing
        }
        ${
          transfer.shown
            ? html`<button
                class="btn transfer"
                type="button"
                ?disabled=${!transfer.active}
                title=${transfer.active ? nothing : t.transferInactiveHint}
                @click=${() => transfer.active && this.dispatchEvent(new TransferRequestEvent(transfer.callId))}
              >
                ${icon('transfer')}<span>${t.transfer}</span>
              </button>`
            : nothing
        }
      </div>
      ${
        hold.shown
          ? html`<div class="transfer-note">
              <label for="transfer-note">${t.transferNoteLabel}</label>
              <input
                id="transfer-note"
                class="input"
                type="text"
                maxlength="140"
                autocomplete="off"
                @change=${(e: Event) => this.dispatchEvent(new TransferNoteChangeEvent((e.target as HTMLInputElement).value))}
              />
            </div>`
          : nothing
      }
    `;
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
          aria-describedby=${dtmf ? 'dtmf-hint' : nothing}
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
          @click=${() => (this.padOpen = !this.padOpen)}
        >
          ${icon('dialPad')}<span class="visually-hidden">${t.dialPadToggle}</span>
        </button>
      </form>
      ${dtmf ? html`<p class="hint" id="dtmf-hint">${t.dtmfHint}</p>` : nothing}
      <biztel-dial-pad id="dial-pad" .t=${t} ?hidden=${!this.padOpen || locked} @biztel-dial-pad-press=${this.onPadPress}></biztel-dial-pad>
    `;
  }

  /** 発信/応答 is one button (seed 001 §1): it answers a ringing call, otherwise it dials. */
  private renderActions(view: CallControls) {
    const { t } = this;
    const { primary, hangUp } = view;
    const callButton =
      primary.mode === 'answer'
        ? html`<button
            class="btn btn-success"
            type="button"
            ?disabled=${!primary.enabled}
            @click=${() => primary.enabled && this.dispatchEvent(new AnswerRequestEvent(primary.callId))}
          >
            ${icon('phone')}<span>${t.answer}</span>
          </button>`
        : html`<button class="btn btn-success" type="submit" form="dial-form" ?disabled=${!primary.enabled}>${icon('phone')}<span>${t.dial}</span></button>`;
    const hint = hangUp.blockedBy === 'parking' ? t.hangUpParkingHint : hangUp.blockedBy === 'collecting' ? t.hangUpCollectingHint : null;
    const blocked = hint !== null;
    return html`
      <div class="actions" part="actions">
        ${callButton}
        <button
          class="btn btn-destructive"
          type="button"
          ?disabled=${!hangUp.enabled}
          aria-describedby=${blocked ? 'hangup-hint' : nothing}
          title=${hint ?? nothing}
          @click=${() => hangUp.enabled && hangUp.callId !== null && this.dispatchEvent(new HangupRequestEvent(hangUp.callId))}
        >
          ${icon('hangUp')}<span>${t.hangUp}</span>
        </button>
      </div>
      ${blocked ? html`<p class="hint warning" id="hangup-hint">${icon('info')}<span>${hint}</span></p>` : nothing}
    `;
  }
}

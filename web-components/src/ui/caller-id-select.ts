import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { CallerIdChoice, CallerIds } from '@biztel/protocol';
import {
  callerIdChoice,
  callerIdLists,
  callerIdOptions,
  callerIdValue,
  effectiveCallerIdList,
  type CallerIdList,
  type CallerIdOption,
} from '../core/caller-id.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { callerIdSelectStyles } from './caller-id-select.styles.js';
import { CallerIdChangeRequestEvent } from './events.js';
import { fill } from './format.js';
import { icon } from './icons.js';
import { controls } from './tokens.js';

const LIST_TEXT: Record<CallerIdList, MessageKey> = { numbers: 'callerIdNumbers', windows: 'callerIdWindows' };

const NO_CALLER_IDS: CallerIds = Object.freeze({ mode: 'switchable', restricted: false, numbers: [], windows: [] });

/**
 * @summary 通知番号選択欄 (seed 001 §5, seed 003): the switch between 番号リスト and 窓口リスト when
 * the distributed settings allow both, then the list's options after 指定なし, and a note when an
 * administrator restricts the settings. The choice is kept with the session on the server: the
 * element shows the session's `chosen` (so every page of the agent, a reload and a pop-out show the
 * same), asks for each change the agent makes, and the panel reads `choice` when it dials.
 * @fires biztel-caller-id-change-request - the agent chose another caller ID: `{ callerId }` (null: 指定なし)
 */
export class BiztelCallerIdSelect extends LitElement {
  static override styles = [controls, callerIdSelectStyles];

  @query('#caller-id') private select?: HTMLSelectElement;

  /** The list the agent switched to (null: the first list the settings allow). */
  @state() private list: CallerIdList | null = null;
  /** The selected option value; '' is 指定なし. */
  @state() private value = '';
  /** Escape hid the tip while the pointer or focus is still on the icon (WCAG 1.4.13: dismissible). */
  @state() private tipDismissed = false;

  @property({ attribute: false }) t: Catalogue = ja;
  /** The caller IDs distributed to the account. */
  @property({ attribute: false }) callerIds: CallerIds = NO_CALLER_IDS;
  /** The caller ID chosen for the session, as the server keeps it (undefined: 指定なし). */
  @property({ attribute: false }) chosen: CallerIdChoice | undefined = undefined;

  /** The session's choice last shown: a new snapshot with the same one leaves the agent's selection alone. */
  private shownChoice = 'null';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('chosen')) return;
    const key = JSON.stringify(this.chosen ?? null);
    if (key === this.shownChoice) return;
    this.shownChoice = key;
    if (!this.chosen) {
      this.value = '';
      return;
    }
    const { list, value } = callerIdValue(this.chosen);
    this.list = list;
    this.value = value;
  }

  protected override updated(): void {
    // Options render after the select's own bindings, so the selection is applied once they exist.
    if (this.select && this.select.value !== this.value) this.select.value = this.value;
  }

  private onListChange(event: Event): void {
    const had = this.choice;
    this.list = (event.target as HTMLInputElement).value as CallerIdList;
    this.value = '';
    if (had) this.dispatchEvent(new CallerIdChangeRequestEvent(null));
  }

  private onChange(event: Event): void {
    this.value = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new CallerIdChangeRequestEvent(this.choice ?? null));
  }

  /**
   * The caller ID a dial carries: undefined for 指定なし, and also when the choice is no longer
   * offered (the settings changed since it was picked), so the server's default rule applies.
   */
  get choice(): CallerIdChoice | undefined {
    const ids = this.callerIds;
    return callerIdChoice(ids, effectiveCallerIdList(ids, this.list), this.value);
  }

  override render() {
    const { t } = this;
    const ids = this.callerIds;
    const lists = callerIdLists(ids);
    const list = effectiveCallerIdList(ids, this.list);
    const options = callerIdOptions(ids, list);
    return html`
      <div class="caller-id">
        <div class="caller-id-head">
          <span class="label-line">
            <label class="field-label" for="caller-id">${t.callerId}</label>
            ${ids.restricted ? this.renderRestrictedInfo() : nothing}
          </span>
          ${
            lists.length > 1
              ? html`<fieldset class="switch">
                  <legend class="visually-hidden">${t.callerIdListChoice}</legend>
                  ${lists.map(
                    (l) =>
                      html`<input
                          id="caller-id-list-${l}"
                          type="radio"
                          name="caller-id-list"
                          value=${l}
                          .checked=${l === list}
                          @change=${this.onListChange}
                        /><label for="caller-id-list-${l}">${t[LIST_TEXT[l]]}</label>`,
                  )}
                </fieldset>`
              : nothing
          }
        </div>
        <select id="caller-id" class="input" aria-describedby=${ids.restricted ? 'caller-id-restricted' : nothing} @change=${this.onChange}>
          <option value="" ?selected=${this.value === ''}>${t.callerIdDefault}</option>
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === this.value}>${this.optionText(o)}</option>`)}
        </select>
      </div>
    `;
  }

  /**
   * seed 003: 「常時インフォメーションアイコンが表示され、カーソルを合わせると『管理者により一部設定が制御されています。』と
   * メッセージが表示されます。」 The icon is a button, so the tip also shows on keyboard focus; the
   * text describes the button and the selector for screen readers whether shown or not.
   */
  /** While the pointer is on the icon, Escape hides the tip wherever the focus is. */
  private readonly onEscape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.tipDismissed = true;
  };

  private onTipHover(): void {
    this.ownerDocument.addEventListener('keydown', this.onEscape);
  }

  private onTipLeave(): void {
    this.ownerDocument.removeEventListener('keydown', this.onEscape);
    this.tipDismissed = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('keydown', this.onEscape);
  }

  private renderRestrictedInfo() {
    const { t } = this;
    return html`<span class="info ${this.tipDismissed ? 'dismissed' : ''}" @mouseenter=${this.onTipHover} @mouseleave=${this.onTipLeave}>
      <button
        type="button"
        class="info-button"
        aria-label=${t.callerIdRestrictedInfo}
        aria-describedby="caller-id-restricted"
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') this.tipDismissed = true;
        }}
        @blur=${() => (this.tipDismissed = false)}
      >
        ${icon('info')}
      </button>
      <span class="tip" role="tooltip" id="caller-id-restricted" aria-label=${t.callerIdRestricted}>${t.callerIdRestricted}</span>
    </span>`;
  }

  private optionText(option: CallerIdOption): string {
    return option.name === '' ? option.number : fill(this.t.callerIdOption, { name: option.name, number: option.number });
  }
}

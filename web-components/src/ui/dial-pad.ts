import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Catalogue } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { DialPadPressEvent } from './events.js';
import { controls, tokens } from './tokens.js';

/** The keys in the order of a telephone keypad: three columns, four rows. */
export const DIAL_PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type DialPadKey = (typeof DIAL_PAD_KEYS)[number];
const COLUMNS = 3;

const isDialPadKey = (key: string): key is DialPadKey => (DIAL_PAD_KEYS as readonly string[]).includes(key);

/**
 * @summary The dial pad (ダイヤルボタン, seed 001 §1): 0-9, * and # as native buttons in a 3 × 4
 * grid. One key is in the tab order at a time (roving tabindex): the arrow keys move between keys,
 * Home/End jump to the first/last key, and typing a digit, `*` or `#` presses that key.
 * What a key does is the panel's business: the pad only reports presses.
 * @fires biztel-dial-pad-press - a key was pressed (click, Enter, Space or typed); `detail.key`. Not composed.
 * @csspart key - each key
 */
export class BiztelDialPad extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      :host([hidden]) {
        display: none;
      }
      .pad {
        display: grid;
        grid-template-columns: repeat(${COLUMNS}, minmax(0, 1fr));
        gap: var(--biztel-space-xx-small);
      }
      .key {
        min-width: 0;
        min-height: 2.5rem;
        border: 1px solid var(--biztel-color-border);
        border-radius: var(--biztel-radius);
        background: var(--biztel-color-surface);
        color: var(--biztel-color-text);
        font-size: var(--biztel-font-size-x-large);
        font-variant-numeric: tabular-nums;
        cursor: pointer;
      }
      .key:hover {
        background: var(--biztel-color-surface-alt);
      }
      .key:active {
        background: var(--biztel-color-border);
      }
    `,
  ];

  /** The key that is in the tab order. */
  @state() private activeIndex = 0;

  @property({ attribute: false }) t: Catalogue = ja;

  private onKeydown(event: KeyboardEvent): void {
    const index = this.indexOf(event.target);
    if (index < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const next = this.nextIndex(index, event.key);
    if (next !== null) {
      event.preventDefault();
      this.moveTo(next);
    } else if (isDialPadKey(event.key)) {
      event.preventDefault();
      const typed = DIAL_PAD_KEYS.indexOf(event.key);
      this.moveTo(typed);
      this.pressKey(typed);
    }
  }

  private onClick(event: MouseEvent): void {
    const index = this.indexOf(event.target);
    if (index >= 0) this.pressKey(index);
  }

  private nextIndex(index: number, key: string): number | null {
    const last = DIAL_PAD_KEYS.length - 1;
    switch (key) {
      case 'ArrowRight':
        return Math.min(index + 1, last);
      case 'ArrowLeft':
        return Math.max(index - 1, 0);
      case 'ArrowDown':
        return index + COLUMNS <= last ? index + COLUMNS : index;
      case 'ArrowUp':
        return index - COLUMNS >= 0 ? index - COLUMNS : index;
      case 'Home':
        return 0;
      case 'End':
        return last;
      default:
        return null;
    }
  }

  private indexOf(target: EventTarget | null): number {
    const key = target instanceof HTMLElement ? target.closest<HTMLElement>('.key')?.dataset['key'] : undefined;
    return key !== undefined && isDialPadKey(key) ? DIAL_PAD_KEYS.indexOf(key) : -1;
  }

  private moveTo(index: number): void {
    this.activeIndex = index;
    this.renderRoot.querySelectorAll<HTMLButtonElement>('.key')[index]?.focus();
  }

  private pressKey(index: number): void {
    const key = DIAL_PAD_KEYS[index];
    if (key === undefined) return;
    this.activeIndex = index;
    this.dispatchEvent(new DialPadPressEvent(key));
  }

  override render() {
    const { t } = this;
    return html`
      <div class="pad" role="group" aria-label=${t.dialPad} @keydown=${this.onKeydown} @click=${this.onClick}>
        ${DIAL_PAD_KEYS.map(
          (key, index) =>
            html`<button
              class="key"
              part="key"
              type="button"
              data-key=${key}
              tabindex=${index === this.activeIndex ? '0' : '-1'}
              aria-label=${key === '*' ? t.dialPadStar : key === '#' ? t.dialPadHash : nothing}
            >
              ${key}
            </button>`,
        )}
      </div>
    `;
  }
}

import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LOGOFF_STATUS_ID, type AgentStatus } from '@biztel/protocol';
import type { Catalogue } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { SignOutRequestEvent, StatusChangeRequestEvent } from './events.js';
import { statusMenuStyles } from './status-menu.styles.js';
import { controls } from './tokens.js';

/**
 * @summary The status label (seed 001 §1) and its menu: a button showing the agent's status that
 * opens a menu of the statuses (without ログオフ) and サインアウト (unavailable during a call, with why). ArrowUp/ArrowDown move through
 * the menu (wrapping), Escape closes it and returns focus to the button; tabbing or clicking outside
 * the row closes it without moving focus. Choosing an item only emits a request.
 * @slot - content shown beside the status button in the same row (the panel's extension line);
 * clicking it leaves the menu open.
 * @fires biztel-status-change-request - a status chosen in the menu: `{ statusId }`
 * @fires biztel-sign-out-request - サインアウト in the menu
 */
export class BiztelStatusMenu extends LitElement {
  static override styles = [controls, statusMenuStyles];

  @state() private open = false;

  @property({ attribute: false }) t: Catalogue = ja;
  /** The statuses the tenant offers, in the server's order. */
  @property({ attribute: false }) statuses: readonly AgentStatus[] = [];
  /** The agent's current status. */
  @property({ attribute: 'status-id' }) statusId = '';
  /** The agent is on a call: サインアウト is unavailable until it ends (seed 002). */
  @property({ type: Boolean, attribute: 'on-call' }) onCall = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('pointerdown', this.onDocumentPointerDown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('pointerdown', this.onDocumentPointerDown);
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.menu button')?.focus());
    }
  }

  private onKeydown(event: KeyboardEvent): void {
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.menu button')];
    const index = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  /** Tabbing or clicking away closes the menu (without pulling focus back). */
  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    const top = event.currentTarget as HTMLElement;
    if (this.open && next && !top.contains(next)) this.open = false;
  }

  private readonly onDocumentPointerDown = (event: PointerEvent): void => {
    const top = this.renderRoot.querySelector('.top');
    if (this.open && top && !event.composedPath().includes(top)) this.open = false;
  };

  private close(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.status-button')?.focus());
  }

  private choose(event: Event): void {
    this.close();
    this.dispatchEvent(event);
  }

  override render() {
    const { t, statusId } = this;
    const label = this.statuses.find((s) => s.id === statusId)?.label ?? statusId;
    const dotClass = statusId === LOGOFF_STATUS_ID ? 'logoff' : statusId === 'available' ? '' : 'other';
    return html`
      <div class="top" @keydown=${this.open ? this.onKeydown : nothing} @focusout=${this.onFocusOut}>
        <button
          class="status-button"
          type="button"
          aria-haspopup="menu"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-label="${t.status}: ${label} (${t.changeStatus})"
          @click=${this.toggle}
        >
          <span class="dot ${dotClass}" aria-hidden="true"></span>
          <span class="status-label">${label}</span>
          <span aria-hidden="true">▾</span>
        </button>
        <slot></slot>
        ${this.open ? this.renderMenu() : nothing}
      </div>
    `;
  }

  private renderMenu() {
    const { t, statusId } = this;
    return html`<ul class="menu" role="menu" aria-label=${t.changeStatus}>
      ${this.statuses
        .filter((s) => s.id !== LOGOFF_STATUS_ID)
        .map(
          (s) =>
            html`<li role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked=${s.id === statusId ? 'true' : 'false'}
                @click=${() => this.choose(new StatusChangeRequestEvent(s.id))}
              >
                <span class="check" aria-hidden="true">${s.id === statusId ? '✓' : ''}</span>${s.label}
              </button>
            </li>`,
        )}
      <li role="none"><hr /></li>
      <li role="none">
        <button
          type="button"
          role="menuitem"
          aria-disabled=${this.onCall ? 'true' : nothing}
          @click=${() => !this.onCall && this.choose(new SignOutRequestEvent())}
        >
          <span class="check" aria-hidden="true"></span>
          <span class="item-text">${t.signOut}${this.onCall ? html`<span class="note">${t.signOutOnCall}</span>` : nothing}</span>
        </button>
      </li>
    </ul>`;
  }
}

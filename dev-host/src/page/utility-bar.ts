/**
 * `<dev-utility-bar>`: Lightning's utility bar with the softphone item. The item shows the label
 * and icon the softphone set and opens or closes the utility panel; the panel frames the softphone
 * page, or says where it went once popped out (pop-out, pop-in, minimise, a blocked pop-up).
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Lang } from './host-config.js';
import { LightningWatch, type LightningState } from './lightning-state.js';
import { PopoutController, type PopoutState } from './popout-controller.js';
import { sharedStyles, utilityBarStyles } from './styles.js';

/** The utility bar's own words, in the user's language like Lightning's. */
const UTILITY_TEXT = {
  ja: {
    popOut: 'ポップアウト',
    popIn: 'ポップイン',
    minimise: '最小化',
    poppedOut: 'ソフトフォンは別ウィンドウで開いています',
    blocked: 'ポップアップがブロックされたため、ソフトフォンを別ウィンドウで開けませんでした。',
    dismiss: '閉じる',
  },
  en: {
    popOut: 'Pop out',
    popIn: 'Pop in',
    minimise: 'Minimise',
    poppedOut: 'The softphone is open in a separate window',
    blocked: 'The browser blocked the pop-up window, so the softphone stays here.',
    dismiss: 'Close',
  },
} as const satisfies Record<Lang, Record<string, string>>;

/** How the dev host draws the SLDS utility icons the panel sets on its item. */
const ITEM_ICON_GLYPH: Record<string, string> = { call: '📞', pause: '⏸', phone_portrait: '☎', offline: '○' };

export class DevUtilityBar extends LitElement {
  static override styles = [sharedStyles, utilityBarStyles];

  @property({ attribute: false }) lightning: LightningState | undefined;
  /** The softphone page's URL (the call center's adapter URL). */
  @property() src = '';
  /** The user's language, for the bar's own words. */
  @property() locale: Lang = 'ja';

  private readonly popout = new PopoutController(this, {
    page: window,
    onChange: (from, to) => this.utilityMoved(from, to),
  });

  constructor() {
    super();
    new LightningWatch(this, () => this.lightning);
  }

  /**
   * The softphone left the utility bar or came back: either way the page instance that enabled
   * click-to-dial is gone, so the links wait for the new one (as in Lightning). Popped out, the
   * utility panel closes (opening it shows where the softphone went); back in the bar, it opens on
   * the freshly loaded panel.
   */
  private utilityMoved(from: PopoutState, to: PopoutState): void {
    this.lightning?.change((c) => {
      if (from.kind === 'poppedOut' || to.kind === 'poppedOut') c.clickToDialEnabled = false;
      if (to.kind === 'poppedOut') c.panelVisible = false;
      if (from.kind === 'poppedOut' && to.kind === 'docked') c.panelVisible = true;
    });
  }

  private setPanelVisible(visible: boolean): void {
    this.lightning?.change((c) => (c.panelVisible = visible));
  }

  override render() {
    const c = this.lightning?.container;
    if (!c) return nothing;
    return html`<button
        class="utility-item"
        data-testid="utility-item"
        data-icon=${c.itemIcon}
        title=${c.itemIcon ? `utility:${c.itemIcon}` : ''}
        aria-expanded=${c.panelVisible ? 'true' : 'false'}
        aria-controls="utility-panel"
        @click=${() => this.setPanelVisible(!c.panelVisible)}
      >
        ${ITEM_ICON_GLYPH[c.itemIcon] ?? '📞'} ${c.itemLabel || 'BIZTEL Softphone'}
      </button>
      <div id="utility-panel" class="utility-panel" ?hidden=${!c.panelVisible}>${this.renderPanel()}</div>`;
  }

  /** The utility panel: its bar (pop-out, minimise) and the softphone page, or where it went. */
  private renderPanel() {
    const text = UTILITY_TEXT[this.locale];
    const popout = this.popout.state;
    const poppedOut = popout.kind === 'poppedOut';
    return html`<div class="bar">
        <span data-testid="panel-label">${this.lightning?.container.panelLabel || 'BIZTEL Softphone'}</span>
        <span class="actions">
          ${
            poppedOut
              ? nothing
              : html`<button data-testid="popout" aria-label=${text.popOut} title=${text.popOut} @click=${() => this.popout.popOut(this.src)}>↗</button>`
          }
          <button aria-label=${text.minimise} title=${text.minimise} @click=${() => this.setPanelVisible(false)}>▁</button>
        </span>
      </div>
      ${
        popout.kind === 'blocked'
          ? html`<p class="notice error" role="alert" data-testid="popout-blocked">
              ${text.blocked}
              <button aria-label=${text.dismiss} title=${text.dismiss} @click=${() => this.popout.dismiss()}>×</button>
            </p>`
          : nothing
      }
      ${
        poppedOut
          ? html`<div class="popped-out" data-testid="popout-placeholder">
              <p>${text.poppedOut}</p>
              <button data-testid="popin" @click=${() => this.popout.popIn()}>${text.popIn}</button>
            </div>`
          : html`<iframe title="BIZTEL Softphone" src=${this.src}></iframe>`
      }`;
  }
}

customElements.define('dev-utility-bar', DevUtilityBar);

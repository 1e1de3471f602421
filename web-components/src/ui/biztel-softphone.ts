import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { callElapsedMs, currentCall, type PanelState } from '../core/panel-state.js';
import { formatDuration, msToNextSecond } from '../core/duration.js';
import { displayNumber } from '../core/phone.js';
import { catalogue, pickLocale, type StartCatalogue } from '../i18n/index.js';
import { createSoftphoneApp, type SoftphoneApp, type SoftphoneServices } from '../app/softphone-app.js';
import { requestListeners } from './shell-requests.js';
import { StartupRetryRequestEvent } from './sign-in-events.js';
import { signInFormFor } from './sign-in-form.js';
import { fill } from './format.js';
import type { BiztelCallPanel } from './call-panel.js';
import type { BiztelDiagnostics } from './diagnostics-view.js';
import { controls, tokens } from './tokens.js';

/** Groups of views loaded on demand (see `BiztelSoftphone.loadViews`). */
export type ViewGroup = 'signedIn' | 'diagnostics';

/**
 * @summary The BIZTEL Open CTI softphone panel: the one root element the Visualforce page holds.
 * It reaches the application layer (app/) through one object, renders the view for the current
 * phase and hands the views' requests to the application layer.
 * @cssproperty --biztel-color-brand - brand colour (SLDS brand blue by default)
 */
export class BiztelSoftphone extends LitElement {
  /** Builds the real services; set by the bundle entry, replaced by tests. */
  static services: () => SoftphoneServices = () => {
    throw new Error('BiztelSoftphone.services is not configured');
  };

  /**
   * Loads a group of views the page does not start with: the signed-in views once the agent signs
   * in (or a session is taken back), the diagnostics view when first opened. Set by the bundle
   * entry; unset where every element is registered up front (tests). Elements rendered before their
   * group is defined upgrade when it is, with the properties already set.
   */
  static loadViews: ((group: ViewGroup) => Promise<void>) | undefined = undefined;

  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
        min-height: 100%;
        background: var(--biztel-color-surface);
      }
      /* signed in: the panel fits the window, so its action bar stays in view (see call-panel.styles.ts) */
      .root.fit {
        display: flex;
        flex-direction: column;
        height: 100vh;
      }
      .root.fit > biztel-call-panel {
        flex: 1 1 auto;
        min-height: 0;
      }
      .starting,
      .failed {
        padding: var(--biztel-space-medium);
      }
      .failed h2 {
        margin: 0 0 var(--biztel-space-x-small);
        font-size: var(--biztel-font-size-large);
        color: var(--biztel-color-error);
      }
      .failed p {
        margin: 0 0 var(--biztel-space-x-small);
      }
      .failed .setting {
        font-family: ui-monospace, monospace;
        font-size: var(--biztel-font-size-small);
        overflow-wrap: anywhere;
      }
      details {
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
        overflow-wrap: anywhere;
      }
      .diagnostics-toggle {
        display: flex;
        justify-content: flex-end;
        padding: 0 var(--biztel-space-medium) var(--biztel-space-x-small);
      }
      .diagnostics-toggle[slot] {
        padding: 0;
      }
      .diagnostics-toggle button {
        min-height: 1.5rem;
        padding: 0 var(--biztel-space-xx-small);
        border: 0;
        background: none;
        color: var(--biztel-color-link);
        font-size: var(--biztel-font-size-small);
        text-decoration: underline;
        cursor: pointer;
      }
    `,
  ];

  /** The store and the controllers of the application layer. */
  private readonly app: SoftphoneApp = createSoftphoneApp(this, BiztelSoftphone.services());

  /** Only the start strings: the rest arrive with the views (see i18n/ja.ts); the views get the whole catalogue. */
  @state() private t: StartCatalogue = catalogue('ja');
  @state() private announcement = '';
  /** The diagnostics view (診断情報) is shown under the phase's content. */
  @state() private diagnosticsOpen = false;
  private lastAnnouncedCall = false;
  private lastRinging: string | null = null;
  /** The signed-in chunks were fetched as the agent typed (see `warmUp`). */
  private warmedUp = false;
  private readonly viewsLoading = new Map<ViewGroup, Promise<void>>();
  private labelTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposers: (() => void)[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.t = catalogue(pickLocale(this.ownerDocument.documentElement.lang));
    this.scheduleItemLabel();
    // On the shadow root, so a request's target is the view that sent it.
    for (const [type, listener] of requestListeners(this.app, (e) => this.onDial(e))) {
      this.renderRoot.addEventListener(type, listener);
      this.disposers.push(() => this.renderRoot.removeEventListener(type, listener));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.labelTimer);
    this.labelTimer = undefined;
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  protected override updated(): void {
    this.updateItemLabel();
  }

  /**
   * The item's label is refreshed every second, at the moment the call timer turns: the utility
   * bar shows the same time as the panel's timer, not up to a second behind.
   */
  private scheduleItemLabel(): void {
    const s = this.app.store.state;
    const call = s.phase === 'signedIn' ? currentCall(s.snapshot) : undefined;
    const wait = call?.answeredAt === undefined ? 1000 : msToNextSecond(Date.now() + (s.phase === 'signedIn' ? s.clockOffsetMs : 0), call.answeredAt);
    this.labelTimer = setTimeout(() => {
      this.updateItemLabel();
      this.scheduleItemLabel();
    }, wait);
  }

  /**
   * The utility-bar item says what the panel would (e.g. `通話中 03:12`), so a minimised panel still
   * informs; the CRM sync sends it only when the text changes.
   */
  private updateItemLabel(): void {
    const s = this.app.store.state;
    const crm = this.app.crm;
    // The panel's header and the item at rest say the same name, in the agent's language.
    crm.showPanelLabel(this.t.appName);
    if (s.phase !== 'signedIn') {
      crm.showItemLabel(this.t.appName, 'offline');
      return;
    }
    const call = currentCall(s.snapshot);
    if (!call) {
      crm.showItemLabel(s.snapshot.statuses.find((x) => x.id === s.snapshot.agent.statusId)?.label ?? this.t.appName, 'phone_portrait');
      return;
    }
    // While the call is only its last report (either connection down) the panel's timer stands: no time here either.
    const stale = s.connection.kind === 'reconnecting' || s.snapshot.softphone.state === 'reconnecting';
    const elapsed = stale ? null : callElapsedMs(call, Date.now(), s.clockOffsetMs);
    const icon = call.state === 'held' ? 'pause' : 'call';
    crm.showItemLabel(elapsed === null ? this.t[call.state] : `${this.t[call.state]} ${formatDuration(elapsed)}`, icon);
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const s = this.app.store.state;
    // The signed-in views load while the sign-in request is on its way, or when a session comes back.
    if (s.phase === 'signedIn' || (s.phase === 'signedOut' && s.step.kind === 'submitting')) void this.loadViews('signedIn');
    const hadCall = this.lastAnnouncedCall;
    const call = s.phase === 'signedIn' ? currentCall(s.snapshot) : undefined;
    this.lastAnnouncedCall = call !== undefined;
    // A call that starts ringing closes 診断: the panel fits the window again, 応答 in view.
    const ringing = call?.state === 'ringing' ? call.id : null;
    if (ringing !== null && ringing !== this.lastRinging) this.diagnosticsOpen = false;
    this.lastRinging = ringing;
    this.announcement = this.announce(s, hadCall);
  }

  /**
   * What the single live region says: ringing / connected / held / parked / ended with the number,
   * so a screen-reader user hears every change of the call.
   */
  private announce(s: PanelState, hadCall: boolean): string {
    if (s.phase !== 'signedIn') return '';
    if (s.connection.kind === 'reconnecting') return this.t.reconnecting;
    const call = currentCall(s.snapshot);
    if (!call) {
      const parked = s.snapshot.parked.at(-1);
      if (parked) return fill(this.t.parkedMessage, { slot: parked.slot });
      return hadCall ? this.t.callEnded : this.t.idle;
    }
    const shown = displayNumber(call.remoteNumber);
    return `${this.t[call.state]} ${shown.kind === 'anonymous' ? this.t.anonymous : shown.value}`;
  }

  /**
   * The agent types in the sign-in form: the signed-in views and controllers are fetched now, so
   * the sign-in click does not wait for them (once per page; typing later changes nothing).
   */
  private warmUp(): void {
    if (this.app.store.state.phase !== 'signedOut' || this.warmedUp) return;
    this.warmedUp = true;
    void this.loadViews('signedIn');
    this.app.signedIn.prefetch();
  }

  /** Starts loading a group of views once; a failure is logged and tried again the next time. */
  private loadViews(group: ViewGroup): Promise<void> {
    const load = BiztelSoftphone.loadViews;
    let loading = this.viewsLoading.get(group);
    if (!load || loading) return loading ?? Promise.resolve();
    loading = load(group).catch((error: unknown) => {
      this.viewsLoading.delete(group);
      this.app.diagnostics.operationLog.record('error', `could not load the ${group} views`, String(error));
    });
    this.viewsLoading.set(group, loading);
    return loading;
  }

  private async toggleDiagnostics(): Promise<void> {
    this.diagnosticsOpen = !this.diagnosticsOpen;
    if (!this.diagnosticsOpen) return;
    await this.loadViews('diagnostics');
    await this.updateComplete;
    const view = this.renderRoot.querySelector<BiztelDiagnostics>('biztel-diagnostics');
    await view?.updateComplete;
    view?.focusHeading();
  }

  /** 閉じる in the view: back to the toggle, where the agent left off. */
  private async closeDiagnostics(): Promise<void> {
    this.diagnosticsOpen = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.diagnostics-toggle button')?.focus();
  }

  private async onDial(event: HTMLElementEventMap['biztel-dial-request']): Promise<void> {
    const panel = event.target as BiztelCallPanel;
    if (await this.app.commands.dial(event.detail.input, event.detail.callerId)) panel.clearNumber();
  }

  override render() {
    const s = this.app.store.state;
    return html`
      <main class="root ${s.phase === 'signedIn' && !this.diagnosticsOpen ? 'fit' : ''}" @input=${this.warmUp}>
        <h1 class="visually-hidden">${this.t.appName}</h1>
        ${this.renderPhase(s)} ${s.phase === 'signedIn' ? nothing : this.renderDiagnosticsToggle()} ${this.renderDiagnostics()}
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      </main>
    `;
  }

  /**
   * 診断 under every phase (support needs it most when start-up fails); signed in, at the end of
   * the call panel's scrolling part (its `footer` slot), so it takes no room from the call actions.
   */
  private renderDiagnosticsToggle(slot?: 'footer') {
    return html`<div class="diagnostics-toggle" slot=${slot ?? nothing}>
      <button
        type="button"
        aria-expanded=${this.diagnosticsOpen ? 'true' : 'false'}
        aria-controls=${this.diagnosticsOpen ? 'diagnostics' : nothing}
        @click=${this.toggleDiagnostics}
      >
        ${this.t.diagnosticsOpen}
      </button>
    </div>`;
  }

  /** The diagnostics view, under the phase's content, while open. */
  private renderDiagnostics() {
    return html`${
      this.diagnosticsOpen
        ? html`<biztel-diagnostics
            id="diagnostics"
            .t=${this.t}
            .info=${this.app.diagnostics.info()}
            .log=${this.app.diagnostics.operationLog}
            @biztel-diagnostics-close=${this.closeDiagnostics}
          ></biztel-diagnostics>`
        : nothing
    }`;
  }

  private renderPhase(s: PanelState) {
    const t = this.t;
    switch (s.phase) {
      case 'starting':
        return html`<p class="starting" role="status">${t.starting}</p>`;
      case 'failed':
        return html`<div class="failed" role="alert">
          ${
            s.failure === 'connection'
              ? html`<h2>${t.connectionLost}</h2>`
              : html`<h2>${t.startupFailedHeading}</h2>
                  <p>${s.failure === 'opencti' ? t.startupFailedOpenCti : s.failure === 'settings' ? t.startupFailedSettings : t.startupFailedServer}</p>`
          }
          ${
            // A call center value the panel cannot use: the detail names it, for the admin to correct.
            s.failure === 'settings'
              ? html`<p class="setting">${s.detail}</p>`
              : html`<details>
                  <summary>${t.technicalDetail}</summary>
                  ${s.detail}
                </details>`
          }
          ${
            s.failure === 'connection'
              ? html`<button class="btn" type="button" @click=${() => this.ownerDocument.defaultView?.location.reload()}>${t.reload}</button>`
              : s.retrying
                ? html`<p class="retrying">${t.startupRetrying}</p>
                    <button class="btn" type="button" @click=${(e: Event) => e.currentTarget?.dispatchEvent(new StartupRetryRequestEvent())}>
                      ${t.retry}
                    </button>`
                : nothing
          }
        </div>`;
      case 'signedOut':
        return signInFormFor(t, s);
      case 'signedIn':
        return html`<biztel-call-panel
          .t=${t}
          .snapshot=${s.snapshot}
          .clockOffsetMs=${s.clockOffsetMs}
          .notice=${s.notice}
          .lookups=${s.lookups}
          .pendingLogs=${this.app.signedIn.parts?.calls.pendingLogs ?? 0}
          .ownership=${this.app.tabs.ownership}
          .reconnectAttempt=${s.connection.kind === 'reconnecting' ? s.connection.attempt : null}
          ?reconnecting=${s.connection.kind === 'reconnecting'}
          >${this.renderDiagnosticsToggle('footer')}</biztel-call-panel
        >`;
    }
  }
}

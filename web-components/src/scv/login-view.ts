/**
 * The connector's own page while SCV shows it (its login frame): the panel's BIZTEL sign-in form
 * over the connector's session — the same fields, checks, takeover questions and messages as the
 * Open CTI panel. Once signed in SCV hides the frame; the page then says so, for the moment it
 * may still be seen.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { StartCatalogue } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { SeatTakeoverCancelEvent, SeatTakeoverRequestEvent, SignInRequestEvent } from '../ui/sign-in-events.js';
import { signInFormFor } from '../ui/sign-in-form.js';
import type { LoginView } from './connector-deps.js';
import type { ConnectorApp } from './connector-app.js';

export class BiztelScvLogin extends LitElement implements LoginView {
  @property({ attribute: false }) t: StartCatalogue = ja;
  @property({ attribute: false }) app: ConnectorApp | null = null;
  /** SCV shows the login frame (`show`) or hid it (`hide`, once signed in). */
  @state() private shown = false;
  private stopUpdates: () => void = () => undefined;

  static override styles = css`
    :host {
      display: block;
      font-family: system-ui, 'Noto Sans JP', sans-serif;
      color: #181818;
    }
    p {
      margin: 16px;
    }
  `;

  constructor() {
    super();
    this.addEventListener(SignInRequestEvent.type, (e) => void this.app?.session.signIn(e.detail));
    this.addEventListener(SeatTakeoverRequestEvent.type, () => void this.app?.session.confirmTakeover());
    this.addEventListener(SeatTakeoverCancelEvent.type, () => this.app?.session.cancelTakeover());
  }

  show(app: ConnectorApp): void {
    this.app = app;
    this.shown = true;
  }

  hide(): void {
    this.shown = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('app')) return;
    this.stopUpdates();
    this.stopUpdates = this.app?.host.onUpdate(() => this.requestUpdate()) ?? (() => undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopUpdates();
  }

  protected override render() {
    const s = this.app?.store.state;
    const t = this.t;
    if (!s || !this.shown) return s?.phase === 'signedIn' ? html`<p role="status">${s.snapshot.agent.account} · ${s.snapshot.agent.extension}</p>` : nothing;
    if (s.phase !== 'signedOut') return html`<p role="status">${t.starting}</p>`;
    return signInFormFor(t, s);
  }
}

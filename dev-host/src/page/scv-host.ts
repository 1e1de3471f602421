/**
 * The Service Cloud Voice dev host (`/scv-host`): plays Salesforce's side of partner telephony for
 * the BIZTEL connector. It frames the connector page (`/scv/connector.html`), performs the real
 * library's setup handshake — `SETUP_CONNECTOR` with the contact center's settings and a
 * `MessageChannel` port — sends the requests Salesforce's Omni-Channel softphone would send, and
 * lists every message the connector publishes, newest first. Served over https under a Salesforce name: the
 * library ignores a setup from any other origin.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { SimClient } from '../sim-client.js';
import { applyScvEvent, type HostCall } from './scv-host-calls.js';
import { sharedStyles } from './styles.js';

interface HostConfig {
  eventServerUrl: string;
  demo: { accounts: { account: string; extension: string }[]; password: string };
}

/** A message from the connector: `TELEPHONY_EVENT_DISPATCHED` carries the telephony event. */
interface Posted {
  type: string;
  payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown; loginFrameHeight?: number } & Record<string, unknown>;
}

/**
 * The connector page: from this origin, or with `?connector=cross` from `https://localhost` on the
 * same port — another origin, as a vendor-hosted connector is (its storage then is its own).
 */
const CONNECTOR_URL =
  new URLSearchParams(location.search).get('connector') === 'cross' ? `https://localhost:${location.port}/scv/connector.html` : '/scv/connector.html';

function readConfig(): HostConfig {
  const raw = document.getElementById('dev-host-config')?.textContent ?? '{}';
  return JSON.parse(raw) as HostConfig;
}

@customElement('dev-scv-host')
export class DevScvHost extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: 380px 1fr;
        gap: 1rem;
        padding: 1rem;
        font-family: system-ui, 'Noto Sans JP', sans-serif;
        background: #f3f3f3;
        min-height: 100vh;
        box-sizing: border-box;
      }
      iframe {
        width: 360px;
        border: 1px solid #c9c9c9;
        border-radius: 0.25rem;
        background: #fff;
      }
      section {
        min-width: 0;
      }
      ol {
        overflow-wrap: anywhere;
        font:
          12px/1.4 ui-monospace,
          monospace;
        max-height: 40vh;
        overflow: auto;
        padding-left: 1.5rem;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
        align-items: center;
        margin-bottom: 0.5rem;
      }
      button:disabled {
        opacity: 0.45;
        cursor: default;
      }
      .row input#number {
        width: 12rem;
      }
      .row label {
        display: flex;
        align-items: center;
        gap: 0.25rem;
        margin: 0;
      }
      .row input[type='checkbox'] {
        width: auto;
        margin: 0;
      }
    `,
  ];

  private readonly config = readConfig();
  private readonly sim = new SimClient('');
  private port: MessagePort | null = null;
  @state() private frameHeight = 0;
  @state() private ready = false;
  @state() private calls: HostCall[] = [];
  /** The extension the simulator rings (the demo accounts' extensions). */
  @state() private ringExtension = '';
  @state() private log: string[] = [];
  @query('#number') private numberInput!: HTMLInputElement;
  @query('#blind') private blindInput!: HTMLInputElement;

  private setUp(frame: HTMLIFrameElement): void {
    const channel = new MessageChannel();
    this.port = channel.port1;
    channel.port1.onmessage = (e: MessageEvent<Posted>) => this.heard(e.data);
    // Salesforce adds the org and the user to the contact center's values (`?user=` plays another user).
    const userId = new URLSearchParams(location.search).get('user') ?? '005000000000001AAA';
    const connectorConfig = {
      '/biztel/serverUrl': this.config.eventServerUrl,
      '/reqGeneralInfo/reqAdapterUrl': frame.src,
      organizationId: '00D000000000001EAA',
      userId,
    };
    frame.contentWindow?.postMessage({ type: 'SETUP_CONNECTOR', connectorConfig }, new URL(frame.src).origin, [channel.port2]);
  }

  private heard(message: Posted): void {
    if (message.type === 'LOG') return;
    const event = message.type === 'TELEPHONY_EVENT_DISPATCHED' ? (message.payload?.telephonyEventType ?? '?') : message.type;
    const payload = message.type === 'TELEPHONY_EVENT_DISPATCHED' ? message.payload?.telephonyEventPayload : message.payload;
    this.log = [`${event} ${JSON.stringify(payload ?? null).slice(0, 600)}`, ...this.log.slice(0, 199)];
    if (event === 'SHOW_LOGIN' || event === 'LOGOUT_RESULT') {
      this.frameHeight = (payload as { loginFrameHeight?: number } | null)?.loginFrameHeight ?? 640;
      this.ready = false;
    }
    if (event === 'CONNECTOR_READY') {
      // For the start-up bench (bench/startup.mjs): when the connector told SCV it is ready.
      performance.mark('connector-ready');
      this.ready = true;
      this.frameHeight = 0;
    }
    this.calls = applyScvEvent(this.calls, event, payload);
  }

  private send(message: Record<string, unknown>): void {
    this.log = [`→ ${JSON.stringify(message).slice(0, 600)}`, ...this.log.slice(0, 199)];
    this.port?.postMessage(message);
  }

  /** A call as SCV sends it back in its requests (the `PhoneCall` fields the connector reads). */
  private scvCall(call: HostCall | undefined, participantType: string) {
    return call ? { callId: call.callId, callType: call.callType, callAttributes: { participantType } } : undefined;
  }

  protected override render() {
    const customer = this.calls.find((c) => c.party === 'customer');
    const third = this.calls.find((c) => c.party === 'thirdParty');
    const mine = this.scvCall(customer, 'Initial_Caller');
    const theirs = this.scvCall(third, 'Third_Party');
    const extensions = this.config.demo.accounts.map((a) => a.extension);
    const ringing = this.ringExtension || extensions[0] || '';
    const account = this.config.demo.accounts[0];
    return html`
      <section>
        <h1 style="font-size:1rem">Service Cloud Voice — dev host</h1>
        <p class="muted">Plays Salesforce's Omni-Channel softphone for the BIZTEL connector (real scv-connector-base).</p>
        <iframe
          title="BIZTEL connector"
          src=${CONNECTOR_URL}
          style="height:${this.frameHeight}px; display:${this.frameHeight === 0 ? 'none' : 'block'}"
          @load=${(e: Event) => this.setUp(e.target as HTMLIFrameElement)}
        ></iframe>
        ${account ? html`<p class="muted">Demo: ${account.account} / ${this.config.demo.password} / ${account.extension}</p>` : nothing}
        <p data-testid="scv-state">${this.ready ? 'Ready' : 'Not logged in'}</p>
      </section>
      <section>
        <div class="card">
          <h2>Calls</h2>
          <ul data-testid="scv-calls">
            ${this.calls.map(
              (c) =>
                html`<li>
                  ${c.party === 'customer' ? 'Customer' : 'Participant'}: ${c.callType} ${c.phoneNumber} — ${c.state}${c.onHold ? ' (on hold)' : ''}
                </li>`,
            )}
          </ul>
          <div class="row">
            <button ?disabled=${customer?.state !== 'ringing'} @click=${() => this.send({ type: 'ACCEPT_CALL', call: mine })}>Accept</button>
            <button ?disabled=${customer?.state !== 'ringing'} @click=${() => this.send({ type: 'DECLINE_CALL', call: mine })}>Decline</button>
            <button ?disabled=${!customer || customer.onHold} @click=${() => this.send({ type: 'HOLD', call: mine })}>Hold</button>
            <button ?disabled=${!customer?.onHold} @click=${() => this.send({ type: 'RESUME', call: mine })}>Resume</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'END_CALL', call: { ...mine, callAttributes: { participantType: 'Agent' } } })}>
              End call
            </button>
          </div>
          <div class="row">
            <button ?disabled=${!third || third.onHold} @click=${() => this.send({ type: 'HOLD', call: theirs })}>Hold participant</button>
            <button ?disabled=${!third?.onHold} @click=${() => this.send({ type: 'RESUME', call: theirs })}>Resume participant</button>
            <button ?disabled=${!third} @click=${() => this.send({ type: 'END_CALL', call: theirs })}>Remove participant</button>
          </div>
          <div class="row">
            <input id="number" aria-label="Number" value="0312345678" />
            <button ?disabled=${!this.ready} @click=${() => this.send({ type: 'DIAL', contact: { phoneNumber: this.numberInput.value } })}>Dial</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'SEND_DIGITS', digits: this.numberInput.value })}>Send digits</button>
            <label><input id="blind" type="checkbox" /> blind</label>
            <button
              ?disabled=${customer?.state !== 'connected' || !!third}
              @click=${() => this.send({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: this.numberInput.value }, call: mine, isBlindTransfer: this.blindInput.checked })}
            >
              Add participant
            </button>
          </div>
          <div class="row">
            <button
              ?disabled=${!this.ready}
              @click=${() => this.send({ type: 'SET_AGENT_STATUS', agentStatus: 'Available', statusInfo: { statusApiName: 'available' } })}
            >
              Available
            </button>
            <button
              ?disabled=${!this.ready}
              @click=${() => this.send({ type: 'SET_AGENT_STATUS', agentStatus: 'Available', statusInfo: { statusApiName: 'break' } })}
            >
              Break
            </button>
            <button ?disabled=${!this.ready} @click=${() => this.send({ type: 'GET_PHONE_CONTACTS', filter: {} })}>Contacts</button>
            <button ?disabled=${!this.ready} @click=${() => this.send({ type: 'LOGOUT' })}>Log out</button>
          </div>
        </div>
        <div class="card">
          <h2>Simulator</h2>
          <div class="row">
            <label
              >Ring
              <select aria-label="Extension to ring" @change=${(e: Event) => (this.ringExtension = (e.target as HTMLSelectElement).value)}>
                ${extensions.map((x) => html`<option ?selected=${x === ringing}>${x}</option>`)}
              </select></label
            >
            <button ?disabled=${!ringing} @click=${() => void this.sim.inbound(ringing, '09012345678')}>Place inbound call</button>
            <button ?disabled=${!customer} @click=${() => void this.sim.remoteHangup(customer!.callId)}>Caller hangs up</button>
          </div>
        </div>
        <div class="card">
          <h2>Messages from the connector (newest first)</h2>
          <ol data-testid="scv-log">
            ${this.log.map((line) => html`<li>${line}</li>`)}
          </ol>
        </div>
      </section>
    `;
  }
}

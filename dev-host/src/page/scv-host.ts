/**
 * The Service Cloud Voice dev host (`/scv-host`): plays Salesforce's side of partner telephony for
 * the BIZTEL connector. It frames the connector page (`/scv/connector.html`), performs the real
 * library's setup handshake — `SETUP_CONNECTOR` with the contact center's settings and a
 * `MessageChannel` port — sends the requests Salesforce's Omni-Channel softphone would send, and
 * lists every message the connector publishes. Served over https under a Salesforce name: the
 * library ignores a setup from any other origin.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { SimClient } from '../sim-client.js';
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

/** A call as SCV last heard of it (`PhoneCall` fields the host uses). */
interface ScvCall {
  callId: string;
  callType?: string;
  state?: string;
  phoneNumber?: string;
  callAttributes?: { participantType?: string };
}

function readConfig(): HostConfig {
  const raw = document.getElementById('dev-host-config')?.textContent ?? '{}';
  return JSON.parse(raw) as HostConfig;
}

const callsIn = (payload: unknown): ScvCall[] => {
  const list = Array.isArray(payload) ? payload : payload && typeof payload === 'object' && 'calls' in payload ? payload.calls : [payload];
  return (Array.isArray(list) ? list : [list]).filter((c): c is ScvCall => typeof (c as ScvCall | null)?.callId === 'string');
};

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
  @state() private calls: ScvCall[] = [];
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
    frame.contentWindow?.postMessage({ type: 'SETUP_CONNECTOR', connectorConfig }, location.origin, [channel.port2]);
  }

  private heard(message: Posted): void {
    if (message.type === 'LOG') return;
    const event = message.type === 'TELEPHONY_EVENT_DISPATCHED' ? (message.payload?.telephonyEventType ?? '?') : message.type;
    const payload = message.type === 'TELEPHONY_EVENT_DISPATCHED' ? message.payload?.telephonyEventPayload : message.payload;
    this.log = [...this.log.slice(-199), `${event} ${JSON.stringify(payload ?? null).slice(0, 300)}`];
    if (event === 'SHOW_LOGIN' || event === 'LOGOUT_RESULT') {
      this.frameHeight = (payload as { loginFrameHeight?: number } | null)?.loginFrameHeight ?? 460;
      this.ready = false;
      this.calls = [];
    }
    if (message.type === 'CONNECTOR_READY') {
      // For the start-up bench (bench/startup.mjs): when the connector told SCV it is ready.
      performance.mark('connector-ready');
      this.ready = true;
      this.frameHeight = 0;
      this.calls = callsIn((message.payload as { callInProgress?: unknown } | undefined)?.callInProgress ?? []);
    }
    if (event === 'HANGUP') {
      const ended = new Set(callsIn(payload).map((c) => c.callId));
      this.calls = ended.size === 0 ? [] : this.calls.filter((c) => !ended.has(c.callId));
    } else if (['CALL_STARTED', 'CALL_CONNECTED', 'HOLD_TOGGLE', 'PARTICIPANT_ADDED', 'PARTICIPANT_CONNECTED'].includes(event)) {
      for (const call of callsIn(payload))
        this.calls = [...this.calls.filter((c) => c.callId !== call.callId), { ...this.calls.find((c) => c.callId === call.callId), ...call }];
    } else if (event === 'PARTICIPANT_REMOVED') {
      this.calls = this.calls.filter((c) => c.callAttributes?.participantType !== 'Third_Party');
    }
  }

  private send(message: Record<string, unknown>): void {
    this.log = [...this.log.slice(-199), `→ ${JSON.stringify(message).slice(0, 300)}`];
    this.port?.postMessage(message);
  }

  private get customer(): ScvCall | undefined {
    return this.calls.find((c) => c.callAttributes?.participantType !== 'Third_Party') ?? this.calls[0];
  }

  protected override render() {
    const customer = this.customer;
    const third = this.calls.find((c) => c.callAttributes?.participantType === 'Third_Party');
    const account = this.config.demo.accounts[0];
    return html`
      <section>
        <h1 style="font-size:1rem">Service Cloud Voice — dev host</h1>
        <p class="muted">Plays Salesforce's Omni-Channel softphone for the BIZTEL connector (real scv-connector-base).</p>
        <iframe
          title="BIZTEL connector"
          src="/scv/connector.html"
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
            ${this.calls.map((c) => html`<li>${c.callType} ${c.phoneNumber} — ${c.state} ${c.callAttributes?.participantType ?? ''}</li>`)}
          </ul>
          <div class="row">
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'ACCEPT_CALL', call: customer })}>Accept</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'DECLINE_CALL', call: customer })}>Decline</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'HOLD', call: customer })}>Hold</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'RESUME', call: customer })}>Resume</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'END_CALL', call: { ...customer, callAttributes: { participantType: 'Agent' } } })}>
              End call
            </button>
            <button ?disabled=${!third} @click=${() => this.send({ type: 'END_CALL', call: third })}>Remove participant</button>
          </div>
          <div class="row">
            <input id="number" aria-label="Number" value="0312345678" />
            <button ?disabled=${!this.ready} @click=${() => this.send({ type: 'DIAL', contact: { phoneNumber: this.numberInput.value } })}>Dial</button>
            <button ?disabled=${!customer} @click=${() => this.send({ type: 'SEND_DIGITS', digits: this.numberInput.value })}>Send digits</button>
            <label><input id="blind" type="checkbox" /> blind</label>
            <button
              ?disabled=${!customer}
              @click=${() => this.send({ type: 'ADD_PARTICIPANT', contact: { phoneNumber: this.numberInput.value }, call: customer, isBlindTransfer: this.blindInput.checked })}
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
            <button ?disabled=${!account} @click=${() => void this.sim.inbound(account!.extension, '09012345678')}>Place inbound call</button>
            <button ?disabled=${!customer} @click=${() => void this.sim.remoteHangup(customer!.callId)}>Caller hangs up</button>
          </div>
        </div>
        <div class="card">
          <h2>Messages from the connector</h2>
          <ol data-testid="scv-log">
            ${this.log.map((line) => html`<li>${line}</li>`)}
          </ol>
        </div>
      </section>
    `;
  }
}

/**
 * `<dev-simulator-controls>`: the PBX simulator's card on the fake Lightning page. It polls the
 * simulator's state (every 500 ms) and drives it through its control API: inbound calls (with a
 * business label or through the chatbot IVR), auto-answer, the clock, softphones started and
 * stopped, a running softphone's network dropped and restored (the reconnect grace), the remote
 * party answering or hanging up, parked callers hanging up.
 */
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { displayNumber } from '@biztel/web-components/core/phone';
import type { Call } from '@biztel/protocol';
import { SimClient, type SimChatScenario, type SimState } from '../sim-client.js';
import { sharedStyles, simulatorStyles } from './styles.js';

const CHAT_OPTIONS: readonly (readonly [SimChatScenario | '', string])[] = [
  ['', 'Normal call'],
  ['ok', 'Chatbot call with history'],
  ['connect', 'Chatbot: チャット接続に失敗しました'],
  ['wrongNumber', 'Chatbot: お客様が誤った電話番号をチャット入力したか、…'],
  ['fetch', 'Chatbot: チャットを取得できませんでした'],
  ['server', 'Chatbot: サーバ接続に失敗しました'],
];

const UNREACHABLE = 'simulator unreachable';

export class DevSimulatorControls extends LitElement {
  static override styles = [sharedStyles, simulatorStyles];

  /** The extension (or ring group) an inbound call rings; the agent may pick another. */
  @property() to = '1001';

  private readonly sim = new SimClient('');
  private poll: ReturnType<typeof setInterval> | undefined;

  @state() private simState: SimState | null = null;
  @state() private simError = '';
  @state() private from = '09012345678';
  @state() private businessLabel = '';
  @state() private chat: SimChatScenario | '' = '';
  /**
   * Extensions whose softphone's network this page dropped (the simulator's state does not say):
   * forgotten when that softphone is stopped or started.
   */
  @state() private networkDown: ReadonlySet<string> = new Set();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
    this.poll = setInterval(() => void this.refresh(), 500);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.poll);
  }

  private async refresh(): Promise<void> {
    const s = await this.sim.state();
    this.simState = s;
    if (!s) this.simError = UNREACHABLE;
    else if (this.simError === UNREACHABLE) this.simError = '';
  }

  private async act(pending: Promise<{ ok: boolean; message?: string }>): Promise<void> {
    const r = await pending;
    this.simError = r.ok ? '' : (r.message ?? 'failed');
    await this.refresh();
  }

  private setSoftphone(extension: string, running: boolean): Promise<void> {
    this.markNetwork(extension, false);
    return this.act(this.sim.setSoftphone(extension, running));
  }

  private async setNetwork(extension: string, up: boolean): Promise<void> {
    const r = await this.sim.setSoftphoneNetwork(extension, up);
    if (r.ok) this.markNetwork(extension, !up);
    await this.act(Promise.resolve(r));
  }

  private markNetwork(extension: string, down: boolean): void {
    const next = new Set(this.networkDown);
    if (down) next.add(extension);
    else next.delete(extension);
    this.networkDown = next;
  }

  private placeInbound(): Promise<void> {
    const businessLabel = this.businessLabel.trim();
    return this.act(this.sim.inbound(this.to, this.from.trim(), { ...(businessLabel ? { businessLabel } : {}), ...(this.chat ? { chat: this.chat } : {}) }));
  }

  override render() {
    const s = this.simState;
    return html`<aside class="card" aria-label="Simulator">
      <h2>Simulator</h2>
      <label for="sim-to">Ring extension</label>
      <select id="sim-to" data-testid="sim-to" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
        ${s?.extensions.map((x) => html`<option value=${x.extension} ?selected=${x.extension === this.to}>${x.extension}</option>`)}
        ${s?.ringGroups.map(
          (g) =>
            html`<option value=${g.extension} ?selected=${g.extension === this.to}>${g.extension} ${g.name} (ring group: ${g.members.join(', ')})</option>`,
        )}
      </select>
      <label for="sim-from">Caller number (empty = anonymous)</label>
      <input id="sim-from" data-testid="sim-from" .value=${this.from} @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
      <label for="sim-label">Business label (業務ラベル, optional)</label>
      <input
        id="sim-label"
        data-testid="sim-label"
        .value=${this.businessLabel}
        @input=${(e: Event) => (this.businessLabel = (e.target as HTMLInputElement).value)}
      />
      <label for="sim-chat">Chatbot IVR (チャットボット連携)</label>
      <select
        id="sim-chat"
        data-testid="sim-chat"
        .value=${this.chat}
        @change=${(e: Event) => (this.chat = (e.target as HTMLSelectElement).value as SimChatScenario | '')}
      >
        ${CHAT_OPTIONS.map(([value, label]) => html`<option value=${value} ?selected=${value === this.chat}>${label}</option>`)}
      </select>
      <div class="row">
        <button class="brand" data-testid="sim-inbound" @click=${() => this.placeInbound()}>Place inbound call</button>
      </div>
      <div class="check">
        <input
          id="sim-auto"
          data-testid="sim-auto"
          type="checkbox"
          .checked=${s?.autoAnswerMs !== null}
          @change=${(e: Event) => this.act(this.sim.setAutoAnswer((e.target as HTMLInputElement).checked))}
        />
        <label for="sim-auto" style="margin:0"
          >Remote party answers outbound calls automatically${s?.autoAnswerMs != null ? ` (${s.autoAnswerMs / 1000} s)` : ''}</label
        >
      </div>
      <div class="row">
        <button data-testid="sim-advance-clock" @click=${() => this.act(this.sim.advanceClock(300_000))}>Advance clock 300 s</button>
        <button data-testid="sim-reset" @click=${() => this.act(this.sim.reset())}>End all calls</button>
      </div>
      ${s?.parkSlots ? html`<p class="muted">Park slots ${s.parkSlots.first}–${s.parkSlots.last}; recall after ${s.parkRecallSeconds} s. Dial a slot to pick up.</p>` : nothing}
      ${this.simError ? html`<p class="error" role="alert">${this.simError}</p>` : nothing} ${s?.extensions.map((x) => this.renderExtension(x, s.now))}
    </aside>`;
  }

  private renderExtension(x: SimState['extensions'][number], now: number) {
    const down = x.running && this.networkDown.has(x.extension);
    return html`<div class="ext" data-testid="sim-ext-${x.extension}">
      <div class="row">
        <strong>${x.extension}</strong>
        <span class=${x.running && !down ? '' : 'error'}
          >${!x.running ? 'softphone stopped' : down ? 'softphone offline (network down)' : 'softphone running'}</span
        >
        <button data-testid="sim-softphone" @click=${() => this.setSoftphone(x.extension, !x.running)}>${x.running ? 'Stop' : 'Start'} softphone</button>
        ${
          x.running
            ? html`<button
                data-testid="sim-softphone-network"
                aria-pressed=${down ? 'true' : 'false'}
                title=${down ? 'The softphone reconnects and reports its calls' : 'The connection drops without a goodbye: the line waits for the softphone (reconnect grace)'}
                @click=${() => this.setNetwork(x.extension, down)}
              >
                ${down ? 'Restore network (ネットワーク復旧)' : 'Drop network (ネットワーク切断)'}
              </button>`
            : nothing
        }
      </div>
      ${x.calls.map(
        (call) =>
          html`<div class="call" data-testid="sim-call">
            <span>${call.direction === 'inbound' ? '←' : '→'} ${shownNumber(call.remoteNumber)} · ${call.state}${callNotes(call)}</span>
            ${
              call.direction === 'outbound' && call.state === 'dialing'
                ? html`<button data-testid="sim-remote-answer" @click=${() => this.act(this.sim.remoteAnswer(call.id))}>Remote answers</button>`
                : nothing
            }
            <button data-testid="sim-remote-hangup" @click=${() => this.act(this.sim.remoteHangup(call.id))}>Remote hangs up</button>
          </div>`,
      )}
      ${x.parked.map(
        (p) =>
          html`<div class="call" data-testid="sim-parked" data-slot=${p.slot}>
            <span>🅿 ${p.slot} · ${shownNumber(p.remoteNumber)} · recall in ${Math.max(0, Math.ceil((p.recallAt - now) / 1000))} s</span>
            <button data-testid="sim-parked-hangup" @click=${() => this.act(this.sim.hangupParked(p.slot))}>Customer hangs up</button>
          </div>`,
      )}
    </div>`;
  }
}

function shownNumber(remoteNumber: string): string {
  const n = displayNumber(remoteNumber);
  return n.kind === 'anonymous' ? 'anonymous' : n.value;
}

/** Transfer, digit collection, recall and chat markers of a call, for the simulator list. */
function callNotes(call: Call): string {
  const notes = [
    call.transfer ? `${call.transfer.kind} transfer` : '',
    call.collecting ? `${call.collecting.kind === 'star' ? '*' : '#'}${call.collecting.digits}…` : '',
    call.recall ? `recall ${call.recall.slot}` : '',
    call.chat ? `chat ${call.chat.status === 'ok' ? call.chat.messages.length : call.chat.error}` : '',
    call.callerIdNumber ? `as ${call.callerIdNumber}` : '',
  ].filter(Boolean);
  return notes.length ? ` · ${notes.join(' · ')}` : '';
}

customElements.define('dev-simulator-controls', DevSimulatorControls);

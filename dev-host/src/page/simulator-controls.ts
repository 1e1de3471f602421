/**
 * `<dev-simulator-controls>`: the PBX simulator's card on the fake Lightning page. It polls the
 * simulator's state (every 500 ms) and drives it through its control API: inbound calls (with a
 * business label or through the chatbot IVR), auto-answer, the clock, softphones started and
 * stopped, the remote party answering or hanging up, parked callers hanging up.
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
    return html`<div class="ext" data-testid="sim-ext-${x.extension}">
      <div class="row">
        <strong>${x.extension}</strong>
        <span class=${x.running ? '' : 'error'}>${x.running ? 'softphone running' : 'softphone stopped'}</span>
        <button data-testid="sim-softphone" @click=${() => this.act(this.sim.setSoftphone(x.extension, !x.running))}>
          ${x.running ? 'Stop' : 'Start'} softphone
        </button>
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

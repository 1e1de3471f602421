/**
 * The dev host's fake Lightning page: a utility bar hosting the softphone page in an iframe, the
 * Open CTI "softphone container" answering its calls (shared fake, same contract as Salesforce),
 * a small org (record list, record page, search page, new-record form, click-to-dial links) and
 * the simulator's controls, and the utility's pop-out. Query options: `?opencti=missing|error`,
 * `?serverUrl=…`, `?lang=en`, `?user=<id>` / `?org=<id>` (the Salesforce user the panel page runs
 * for: two tabs with two users play two Salesforce users in one browser).
 */
import { LitElement, css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { createMemoryContainer, type FakeRecord, type MemoryContainer } from '@biztel/opencti/fake';
import { FAKE_ORG_ID, FAKE_USER_ID, fakeSalesforceId } from '@biztel/opencti/fake';
import { serveContainer } from '@biztel/opencti/fake';
import { displayNumber } from '@biztel/web-components/core/phone';
import type { Call } from '@biztel/protocol';
import { SAMPLE_RECORDS } from './sample-records.js';
import { SimClient, type SimChatScenario, type SimState } from '../sim-client.js';
import { PopoutController, type PopoutState } from './popout-controller.js';

interface DevHostConfig {
  eventServerUrl: string;
  demo: { accounts: { account: string; extension: string }[]; password: string };
}

const config = JSON.parse(document.getElementById('dev-host-config')?.textContent ?? '{}') as DevHostConfig;
const query = new URLSearchParams(window.location.search);
const lang = query.get('lang') === 'en' ? 'en' : 'ja';
/** The Salesforce user (and org) the panel page runs for, as `$User.Id` / `$Organization.Id`. */
const userId = fakeSalesforceId(query.get('user'), FAKE_USER_ID);
const orgId = fakeSalesforceId(query.get('org'), FAKE_ORG_ID);

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
} as const satisfies Record<'ja' | 'en', Record<string, string>>;
const text = UTILITY_TEXT[lang];

function callCenterSettings(serverUrl: string): Record<string, string> {
  return {
    '/label': 'Call Center',
    '/reqGeneralInfo/label': 'General Information',
    '/reqGeneralInfo/reqAdapterUrl': '/apex/BiztelSoftphone',
    '/reqGeneralInfo/reqUseApi': 'true',
    '/reqGeneralInfo/reqSoftphoneHeight': '520',
    '/reqGeneralInfo/reqSoftphoneWidth': '360',
    '/reqGeneralInfo/reqSalesforceCompatibilityMode': 'Lightning',
    '/biztel/label': 'BIZTEL',
    '/biztel/sortOrder': '2.0',
    '/biztel/serverUrl': serverUrl,
    '/biztel/serverUrl/label': 'Event server URL',
    '/biztel/serverUrl/sortOrder': '0.0',
    ...popupSettingsFromQuery(),
  };
}

/**
 * Screen pop-up rules for trying them here: `?popup.incoming=/lightning/o/Case/new?x={TEL}` sets
 * the call center item `/biztelPopup/incoming` (and `popup.<event>Method=POST`), as an admin would.
 */
function popupSettingsFromQuery(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) {
    const m = /^popup\.([A-Za-z]{1,40})$/.exec(key);
    if (m) out[`/biztelPopup/${m[1]}`] = value;
  }
  return out;
}

/** How the dev host draws the SLDS utility icons the panel sets on its item. */
const ITEM_ICON_GLYPH: Record<string, string> = { call: '📞', pause: '⏸', phone_portrait: '☎', offline: '⭘' };

class DevLightning extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr auto;
      height: 100vh;
      font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Hiragino Sans', Meiryo, sans-serif;
      font-size: 13px;
      color: #181818;
      background: #f3f3f3;
    }
    header {
      display: flex;
      align-items: center;
      gap: 1rem;
      padding: 0 1rem;
      height: 3rem;
      background: #fff;
      border-bottom: 3px solid #0176d3;
    }
    header strong {
      font-size: 1rem;
    }
    header .hint {
      color: #5c5c5c;
    }
    header .user {
      margin-left: auto;
      color: #5c5c5c;
      font-size: 11px;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 22rem;
      gap: 1rem;
      padding: 1rem;
      overflow: auto;
    }
    .card {
      background: #fff;
      border: 1px solid #e5e5e5;
      border-radius: 0.25rem;
      padding: 1rem;
      margin-bottom: 1rem;
    }
    .card h2 {
      margin: 0 0 0.75rem;
      font-size: 1rem;
    }
    label {
      display: block;
      margin: 0.5rem 0 0.25rem;
      color: #5c5c5c;
      font-size: 12px;
    }
    input,
    select,
    button {
      font: inherit;
    }
    input,
    select {
      box-sizing: border-box;
      width: 100%;
      height: 2rem;
      padding: 0 0.5rem;
      border: 1px solid #c9c9c9;
      border-radius: 0.25rem;
    }
    button {
      min-height: 2rem;
      padding: 0 0.75rem;
      border: 1px solid #c9c9c9;
      border-radius: 0.25rem;
      background: #fff;
      color: #0176d3;
      cursor: pointer;
    }
    button.brand {
      background: #0176d3;
      border-color: #0176d3;
      color: #fff;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
      margin-top: 0.5rem;
    }
    .ext {
      border-top: 1px solid #e5e5e5;
      padding: 0.5rem 0;
    }
    .call {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      flex-wrap: wrap;
      margin: 0.25rem 0 0 1rem;
    }
    .muted {
      color: #5c5c5c;
    }
    .error {
      color: #ba0517;
    }
    .check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin-top: 0.75rem;
    }
    .check input {
      width: auto;
      height: auto;
    }
    footer {
      position: relative;
      display: flex;
      align-items: center;
      height: 2.5rem;
      padding: 0 0.5rem;
      background: #fff;
      border-top: 1px solid #c9c9c9;
    }
    .utility-item {
      border: 0;
      border-radius: 0;
      height: 2.5rem;
      color: #181818;
    }
    .utility-item[aria-expanded='true'] {
      border-top: 3px solid #0176d3;
    }
    .utility-panel {
      position: absolute;
      bottom: 2.5rem;
      left: 0.5rem;
      width: 360px;
      height: 520px;
      display: flex;
      flex-direction: column;
      background: #fff;
      border: 1px solid #c9c9c9;
      border-radius: 0.25rem 0.25rem 0 0;
      box-shadow: 0 -2px 6px rgba(0, 0, 0, 0.15);
    }
    .utility-panel[hidden] {
      display: none;
    }
    .utility-panel .bar {
      flex: none;
      height: 2rem;
      box-sizing: border-box;
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0 0.5rem;
      background: #f3f3f3;
      border-bottom: 1px solid #c9c9c9;
      font-weight: 600;
    }
    .utility-panel .bar button {
      min-height: 1.5rem;
      border: 0;
      background: none;
    }
    .utility-panel .bar .actions {
      display: flex;
      gap: 0.25rem;
    }
    .utility-panel .notice {
      flex: none;
      margin: 0;
      padding: 0.5rem;
      border-bottom: 1px solid #c9c9c9;
    }
    .utility-panel .popped-out {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 1rem;
      text-align: center;
      color: #5c5c5c;
    }
    iframe {
      flex: 1;
      width: 100%;
      min-height: 0;
      border: 0;
    }
    pre {
      margin: 0;
      white-space: pre-wrap;
      font-size: 12px;
    }
    .records {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .records li {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      flex-wrap: wrap;
      padding: 0.375rem 0;
      border-top: 1px solid #e5e5e5;
    }
    .records li:first-child {
      border-top: 0;
    }
    .records a {
      color: #0176d3;
    }
    .object {
      color: #5c5c5c;
      font-size: 12px;
    }
    button.c2d {
      min-height: 1.5rem;
      padding: 0 0.25rem;
      border: 0;
      background: none;
      text-decoration: underline;
    }
    .c2d-disabled {
      color: #5c5c5c;
    }
    dl.fields {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.25rem 1rem;
      margin: 0;
    }
    dl.fields dt {
      color: #5c5c5c;
    }
    dl.fields dd {
      margin: 0;
    }
    .modal {
      border: 1px solid #0176d3;
      box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);
    }
  `;

  readonly container: MemoryContainer;
  private readonly sim = new SimClient('');
  private poll: ReturnType<typeof setInterval> | undefined;
  private readonly popout = new PopoutController(this, {
    page: window,
    onChange: (from, to) => this.utilityMoved(from, to),
  });

  @state() private simState: SimState | null = null;
  @state() private simError = '';
  @state() private to = config.demo?.accounts[0]?.extension ?? '1001';
  @state() private from = '09012345678';
  @state() private businessLabel = '';
  @state() private chat: SimChatScenario | '' = '';

  constructor() {
    super();
    const serverUrl = query.get('serverUrl') ?? config.eventServerUrl;
    const container = createMemoryContainer({ settings: callCenterSettings(serverUrl), records: SAMPLE_RECORDS });
    if (query.get('opencti') === 'error') container.failNext('getCallCenterSettings', 'GENERIC_ERROR', Number.MAX_SAFE_INTEGER);
    container.panelVisible = true;
    // Re-render whenever the softphone page changes something Lightning shows.
    const handle = container.handle.bind(container);
    container.handle = async (method, arg) => {
      try {
        return await handle(method, arg);
      } finally {
        this.requestUpdate();
      }
    };
    this.container = container;
    serveContainer(window, container);
  }

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
    if (!s) this.simError = 'simulator unreachable';
    else if (this.simError === 'simulator unreachable') this.simError = '';
  }

  private async act(pending: Promise<{ ok: boolean; message?: string }>): Promise<void> {
    const r = await pending;
    this.simError = r.ok ? '' : (r.message ?? 'failed');
    await this.refresh();
  }

  private panelSrc(): string {
    const params = new URLSearchParams({ lang });
    if (query.get('opencti') === 'missing') params.set('opencti', 'missing');
    if (query.has('org')) params.set('org', orgId);
    if (query.has('user')) params.set('user', userId);
    return `/apex/BiztelSoftphone?${params.toString()}`;
  }

  /**
   * The softphone left the utility bar or came back: either way the page instance that enabled
   * click-to-dial is gone, so the links wait for the new one (as in Lightning). Popped out, the
   * utility panel closes (opening it shows where the softphone went); back in the bar, it opens on
   * the freshly loaded panel.
   */
  private utilityMoved(from: PopoutState, to: PopoutState): void {
    if (from.kind === 'poppedOut' || to.kind === 'poppedOut') this.container.clickToDialEnabled = false;
    if (to.kind === 'poppedOut') this.container.panelVisible = false;
    if (from.kind === 'poppedOut' && to.kind === 'docked') this.container.panelVisible = true;
  }

  override render() {
    const c = this.container;
    const live = c.published.at(-1)?.message as { state?: string; number?: string } | undefined;
    return html`
      <header>
        <strong>BIZTEL Service</strong>
        <span class="hint">Dev host — plays Salesforce Lightning (Open CTI) for local work</span>
        <span class="user" data-testid="sf-user" title=${`$User.Id (?user=…); $Organization.Id ${orgId}`}>user ${userId}</span>
      </header>
      <main>
        <section>
          ${this.renderPage()} ${this.renderRecordList()}
          <div class="card">
            <h2>Demo sign-in</h2>
            <p>
              Password <code>${config.demo?.password}</code> ·
              ${config.demo?.accounts.map((a) => html`<code>${a.account}</code> / ext <code>${a.extension}</code> `)}
            </p>
            <p class="muted">Open this page in a second tab to be a second agent.</p>
          </div>
          <div class="card" data-testid="lms-card">
            <h2>Lightning Message Service (BiztelCallState__c)</h2>
            <pre data-testid="lms-last">${live ? JSON.stringify(live) : '—'}</pre>
          </div>
        </section>
        <div class="side">
          <div class="card" data-testid="task-card">
            <h2>Activity: call logs saved with saveLog</h2>
            <div class="row">
              <button data-testid="fail-next-savelog" @click=${() => {
                this.container.failNext('saveLog', 'SERVER_ERROR');
                this.requestUpdate();
              }}>Make the next saveLog fail</button>
            </div>
            <ul data-testid="task-list">
              ${this.container.saved.map(
                (task) => html`<li data-testid="task-${String(task['CallObject'] ?? task['Id'])}">
                  ${String(task['Subject'] ?? '')} · ${String(task['CallType'] ?? '')} · ${String(task['CallDurationInSeconds'] ?? '')} s
                  ${task['WhoId'] ? html` · WhoId <code>${String(task['WhoId'])}</code>` : ''}
                </li>`,
              )}
            </ul>
          </div>
          ${this.renderSimulator()}
        </div>
      </main>
      <footer>
        <button
          class="utility-item"
          data-testid="utility-item"
          data-icon=${c.itemIcon}
          title=${c.itemIcon ? `utility:${c.itemIcon}` : ''}
          aria-expanded=${c.panelVisible ? 'true' : 'false'}
          aria-controls="utility-panel"
          @click=${() => {
            c.panelVisible = !c.panelVisible;
            this.requestUpdate();
          }}
        >
          ${ITEM_ICON_GLYPH[c.itemIcon] ?? '📞'} ${c.itemLabel || 'BIZTEL Softphone'}
        </button>
        <div id="utility-panel" class="utility-panel" ?hidden=${!c.panelVisible}>${this.renderUtilityPanel()}</div>
      </footer>
    `;
  }

  /** The utility panel: its bar (pop-out, minimise) and the softphone page, or where it went. */
  private renderUtilityPanel() {
    const popout = this.popout.state;
    const poppedOut = popout.kind === 'poppedOut';
    return html`<div class="bar">
        <span>BIZTEL Softphone</span>
        <span class="actions">
          ${poppedOut
            ? nothing
            : html`<button data-testid="popout" aria-label=${text.popOut} title=${text.popOut} @click=${() => this.popout.popOut(this.panelSrc())}>
                ↗
              </button>`}
          <button
            aria-label=${text.minimise}
            title=${text.minimise}
            @click=${() => {
              this.container.panelVisible = false;
              this.requestUpdate();
            }}
          >
            ▁
          </button>
        </span>
      </div>
      ${popout.kind === 'blocked'
        ? html`<p class="notice error" role="alert" data-testid="popout-blocked">
            ${text.blocked}
            <button aria-label=${text.dismiss} title=${text.dismiss} @click=${() => this.popout.dismiss()}>×</button>
          </p>`
        : nothing}
      ${poppedOut
        ? html`<div class="popped-out" data-testid="popout-placeholder">
            <p>${text.poppedOut}</p>
            <button data-testid="popin" @click=${() => this.popout.popIn()}>${text.popIn}</button>
          </div>`
        : html`<iframe title="BIZTEL Softphone" src=${this.panelSrc()}></iframe>`}`;
  }

  // ---- the fake org: records, screen pops, click-to-dial ------------------------------------

  private open(recordId: string | null): void {
    this.container.navigate(recordId);
    this.requestUpdate();
  }

  private renderRecordList() {
    return html`<div class="card" data-testid="record-list">
      <h2>Recently viewed</h2>
      <ul class="records">
        ${this.container.records.map(
          (r) => html`<li>
            <a
              href=${`/lightning/r/${r.RecordType}/${r.Id}/view`}
              data-testid="record-${r.Id}"
              @click=${(e: Event) => {
                e.preventDefault();
                this.open(r.Id);
              }}
              >${r.Name}</a
            >
            <span class="object">${r.RecordType}</span>
            ${this.renderPhone(r, 'Phone', `c2d-${r.Id}`)}
          </li>`,
        )}
      </ul>
    </div>`;
  }

  /** The page a navigation or screen pop opened: a record, the search page or a new-record form. */
  private renderPage() {
    const page = this.container.page;
    switch (page.kind) {
      case 'home':
        return nothing;
      case 'record': {
        const r = page.record;
        return html`<section class="card" data-testid="current-record" aria-labelledby="current-record-title">
          <h2 id="current-record-title">${r.RecordType}: ${r.Name}</h2>
          <dl class="fields">
            <dt>Name</dt>
            <dd data-testid="current-record-name">${r.Name}</dd>
            <dt>Phone</dt>
            <dd>${this.renderPhone(r, 'Phone', 'current-record-c2d')}</dd>
            ${r.MobilePhone
              ? html`<dt>Mobile</dt>
                  <dd>${this.renderPhone(r, 'MobilePhone', 'current-record-c2d-mobile')}</dd>`
              : nothing}
            <dt>Record Id</dt>
            <dd><code data-testid="current-record-id">${r.Id}</code></dd>
          </dl>
          <div class="row">
            <button
              data-testid="lwc-dial"
              title="What the biztelLiveCall component on a record page publishes on BiztelDialRequest__c"
              @click=${() =>
                void this.container.handle('publish', {
                  channelName: 'BiztelDialRequest__c',
                  message: { v: 1, number: r.Phone, recordId: r.Id, recordName: r.Name },
                })}
            >
              LWC: ${r.Phone} に発信
            </button>
            <button @click=${() => this.open(null)}>Close</button>
          </div>
        </section>`;
      }
      case 'search':
        return html`<div class="card" data-testid="search-results">
          <h2>Search results for “${page.searchString}”</h2>
          <ul class="records">
            ${page.matches.map(
              (r) => html`<li>
                <button data-testid="search-result-${r.Id}" @click=${() => this.open(r.Id)}>${r.Name}</button>
                <span class="object">${r.RecordType}</span>
                <span>${r.Phone}</span>
              </li>`,
            )}
          </ul>
          ${page.matches.length === 0 ? html`<p class="muted">No results</p>` : nothing}
        </div>`;
      case 'newRecord':
        return html`<div class="card modal" role="dialog" aria-labelledby="new-record-title" data-testid="new-record-modal">
          <h2 id="new-record-title">New ${page.entityName}</h2>
          <dl class="fields">
            ${Object.entries(page.defaultFieldValues).map(
              ([field, value]) => html`<dt>${field}</dt>
                <dd data-testid="new-record-${field}">${value}</dd>`,
            )}
          </dl>
          ${Object.keys(page.defaultFieldValues).length === 0 ? html`<p class="muted">No prefilled fields</p>` : nothing}
          <div class="row"><button @click=${() => this.open(null)}>Cancel</button></div>
        </div>`;
      case 'url':
        return html`<div class="card" data-testid="url-pop">
          <h2>Opened by a pop-up rule</h2>
          <p><code data-testid="url-pop-url">${page.url}</code></p>
        </div>`;
    }
  }

  /** A phone field as Lightning shows it: a click-to-dial link while the softphone enabled it. */
  private renderPhone(record: FakeRecord, field: 'Phone' | 'MobilePhone', testid: string) {
    const number = record[field];
    if (!number) return nothing;
    if (!this.container.clickToDialEnabled) {
      return html`<span class="c2d-disabled" data-testid=${testid} title="Click to dial disabled"
        >${number} <small>(click to dial disabled)</small></span
      >`;
    }
    return html`<button
      class="c2d"
      data-testid=${testid}
      aria-label=${`Call ${number} (${record.Name})`}
      @click=${() => {
        this.container.clickToDial(record, field);
        this.requestUpdate();
      }}
    >
      📞 ${number}
    </button>`;
  }

  // ---- simulator controls -----------------------------------------------------------------

  private renderSimulator() {
    const s = this.simState;
    return html`<aside class="card" aria-label="Simulator">
      <h2>Simulator</h2>
      <label for="sim-to">Ring extension</label>
      <select id="sim-to" data-testid="sim-to" .value=${this.to} @change=${(e: Event) => (this.to = (e.target as HTMLSelectElement).value)}>
        ${s?.extensions.map((x) => html`<option value=${x.extension} ?selected=${x.extension === this.to}>${x.extension}</option>`)}
        ${s?.ringGroups.map(
          (g) => html`<option value=${g.extension} ?selected=${g.extension === this.to}>${g.extension} ${g.name} (ring group: ${g.members.join(', ')})</option>`,
        )}
      </select>
      <label for="sim-from">Caller number (empty = anonymous)</label>
      <input id="sim-from" data-testid="sim-from" .value=${this.from} @input=${(e: Event) => (this.from = (e.target as HTMLInputElement).value)} />
      <label for="sim-label">Business label (業務ラベル, optional)</label>
      <input id="sim-label" data-testid="sim-label" .value=${this.businessLabel} @input=${(e: Event) => (this.businessLabel = (e.target as HTMLInputElement).value)} />
      <label for="sim-chat">Chatbot IVR (チャットボット連携)</label>
      <select id="sim-chat" data-testid="sim-chat" .value=${this.chat} @change=${(e: Event) => (this.chat = (e.target as HTMLSelectElement).value as SimChatScenario | '')}>
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
        <label for="sim-auto" style="margin:0">Remote party answers outbound calls automatically${s?.autoAnswerMs != null ? ` (${s.autoAnswerMs / 1000} s)` : ''}</label>
      </div>
      <div class="row">
        <button data-testid="sim-advance-clock" @click=${() => this.act(this.sim.advanceClock(300_000))}>Advance clock 300 s</button>
        <button data-testid="sim-reset" @click=${() => this.act(this.sim.reset())}>End all calls</button>
      </div>
      ${s?.parkSlots ? html`<p class="muted">Park slots ${s.parkSlots.first}–${s.parkSlots.last}; recall after ${s.parkRecallSeconds} s. Dial a slot to pick up.</p>` : nothing}
      ${this.simError ? html`<p class="error" role="alert">${this.simError}</p>` : nothing}
      ${s?.extensions.map((x) => this.renderExtension(x, s.now))}
    </aside>`;
  }

  private renderExtension(x: SimState['extensions'][number], now: number) {
    return html`<div class="ext" data-testid="sim-ext-${x.extension}">
      <div class="row">
        <strong>${x.extension}</strong>
        <span class=${x.running ? '' : 'error'}>${x.running ? 'softphone running' : 'softphone stopped'}</span>
        <button data-testid="sim-softphone" @click=${() => this.act(this.sim.setSoftphone(x.extension, !x.running))}>${x.running ? 'Stop' : 'Start'} softphone</button>
      </div>
      ${x.calls.map((call) => html`<div class="call" data-testid="sim-call">
        <span>${call.direction === 'inbound' ? '←' : '→'} ${shownNumber(call.remoteNumber)} · ${call.state}${callNotes(call)}</span>
        ${call.direction === 'outbound' && call.state === 'dialing'
          ? html`<button data-testid="sim-remote-answer" @click=${() => this.act(this.sim.remoteAnswer(call.id))}>Remote answers</button>`
          : nothing}
        <button data-testid="sim-remote-hangup" @click=${() => this.act(this.sim.remoteHangup(call.id))}>Remote hangs up</button>
      </div>`)}
      ${x.parked.map((p) => html`<div class="call" data-testid="sim-parked" data-slot=${p.slot}>
        <span>🅿 ${p.slot} · ${shownNumber(p.remoteNumber)} · recall in ${Math.max(0, Math.ceil((p.recallAt - now) / 1000))} s</span>
        <button data-testid="sim-parked-hangup" @click=${() => this.act(this.sim.hangupParked(p.slot))}>Customer hangs up</button>
      </div>`)}
    </div>`;
  }

  private placeInbound(): Promise<void> {
    const businessLabel = this.businessLabel.trim();
    return this.act(
      this.sim.inbound(this.to, this.from.trim(), { ...(businessLabel ? { businessLabel } : {}), ...(this.chat ? { chat: this.chat } : {}) }),
    );
  }
}

const CHAT_OPTIONS: readonly (readonly [SimChatScenario | '', string])[] = [
  ['', 'Normal call'],
  ['ok', 'Chatbot call with history'],
  ['connect', 'Chatbot: チャット接続に失敗しました'],
  ['fetch', 'Chatbot: チャットを取得できませんでした'],
  ['server', 'Chatbot: サーバ接続に失敗しました'],
];

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

customElements.define('dev-lightning', DevLightning);

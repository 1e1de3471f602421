/**
 * The dev host's fake Lightning page (the rollup entry of `/dev-host/lightning.js`): `<dev-lightning>`
 * wires the Open CTI "softphone container" (the shared fake, same contract as Salesforce, served
 * to the softphone page by postMessage) to the page's parts — the record page and record list of a
 * small org, the utility bar framing the softphone, the simulator's controls — and shows what the
 * softphone saved and published. Query options: see host-config.ts (two tabs with two `?user=`
 * play two Salesforce users in one browser).
 */
import { LitElement, html } from 'lit';
import { createMemoryContainer, serveContainer, type MemoryContainer } from '@biztel/opencti/fake';
import { callCenterSettings, config, failCallCenterSettings, lang, orgId, panelSrc, searchSyntax, userId } from './host-config.js';
import { LightningState, LightningWatch } from './lightning-state.js';
import { SAMPLE_RECORDS } from './sample-records.js';
import { pageStyles, sharedStyles } from './styles.js';
import './record-list.js';
import './record-page.js';
import './simulator-controls.js';
import './utility-bar.js';

/** A saved Task field as text: strings and numbers as they are, anything else (a nested object) as nothing. */
function fieldText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

class DevLightning extends LitElement {
  static override styles = [sharedStyles, pageStyles];

  /** What Lightning holds: read by the e2e tests and benchmarks (`document.querySelector('dev-lightning').container`). */
  readonly container: MemoryContainer;
  private readonly lightning: LightningState;
  private stopServing = (): void => {};

  constructor() {
    super();
    const container = createMemoryContainer({ settings: callCenterSettings(), records: SAMPLE_RECORDS, searchSyntax });
    if (failCallCenterSettings) container.failNext('getCallCenterSettings', 'GENERIC_ERROR', Number.MAX_SAFE_INTEGER);
    container.panelVisible = true;
    this.container = container;
    this.lightning = new LightningState(container);
    new LightningWatch(this, () => this.lightning);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopServing = serveContainer(window, this.lightning.served);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopServing();
  }

  override render() {
    const c = this.container;
    const states = c.published.filter((p) => p.channelName === 'BiztelCallState__c');
    const live = states.at(-1)?.message as { state?: string; number?: string } | undefined;
    return html`
      <header>
        <strong>BIZTEL Service</strong>
        <span class="hint">Dev host — plays Salesforce Lightning (Open CTI) for local work</span>
        <span class="user" data-testid="sf-user" title=${`$User.Id (?user=…); $Organization.Id ${orgId}`}>user ${userId}</span>
      </header>
      <main>
        <section>
          <dev-record-page .lightning=${this.lightning}></dev-record-page>
          <dev-record-list .lightning=${this.lightning}></dev-record-list>
          <div class="card">
            <h2>Demo sign-in</h2>
            <p>
              Password <code>${config.demo?.password}</code> ·
              ${config.demo?.accounts.map((a) => html`<code>${a.account}</code> / ext <code>${a.extension}</code> `)}
            </p>
            <p class="muted">
              A second agent: open <a href="/?user=005000000000002AAA" target="_blank">/?user=005000000000002AAA</a> in a second tab (a second tab of the same
              user joins this session).
            </p>
          </div>
          <div class="card" data-testid="lms-card">
            <h2>Lightning Message Service (BiztelCallState__c)</h2>
            <pre data-testid="lms-last">${live ? JSON.stringify(live) : '—'}</pre>
            <p class="muted">Published <span data-testid="lms-count">${states.length}</span> time(s).</p>
            <button
              data-testid="lms-request"
              title="What the biztelLiveCall component publishes on BiztelDialRequest__c when a record page opens: the panel answers with the live call"
              @click=${() => void this.lightning.served.handle('publish', { channelName: 'BiztelDialRequest__c', message: { v: 1, request: 'callState' } })}
            >
              A component opens (asks for the live call)
            </button>
          </div>
        </section>
        <div class="side">
          <div class="card" data-testid="task-card">
            <h2>Activity: call logs saved with saveLog</h2>
            <div class="row">
              <button data-testid="fail-next-savelog" @click=${() => this.lightning.change((x) => x.failNext('saveLog', 'SERVER_ERROR'))}>
                Make the next saveLog fail
              </button>
            </div>
            <ul data-testid="task-list">
              ${c.saved.map(
                (task) =>
                  html`<li data-testid="task-${fieldText(task['CallObject']) || fieldText(task['Id'])}">
                    ${fieldText(task['Subject'])} · ${fieldText(task['CallType'])} ·
                    ${task['CallDurationInSeconds'] === undefined ? 'duration unknown' : `${fieldText(task['CallDurationInSeconds'])} s`}
                    ${task['WhoId'] ? html` · WhoId <code>${fieldText(task['WhoId'])}</code>` : ''}
                  </li>`,
              )}
            </ul>
          </div>
          <dev-simulator-controls .to=${config.demo?.accounts[0]?.extension ?? '1001'}></dev-simulator-controls>
        </div>
      </main>
      <dev-utility-bar .lightning=${this.lightning} .src=${panelSrc()} .locale=${lang}></dev-utility-bar>
    `;
  }
}

customElements.define('dev-lightning', DevLightning);

/**
 * `<dev-record-page>`: the page a navigation or screen pop opened in the fake Lightning page's
 * main area: a record (with the biztelLiveCall component's dial button), the search page, a
 * new-record form, or a URL a pop-up rule opened. Nothing on the home page.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { LightningWatch, type LightningState } from './lightning-state.js';
import { phoneField } from './phone-field.js';
import { recordStyles, sharedStyles } from './styles.js';

export class DevRecordPage extends LitElement {
  static override styles = [sharedStyles, recordStyles];

  @property({ attribute: false }) lightning: LightningState | undefined;

  constructor() {
    super();
    new LightningWatch(this, () => this.lightning);
  }

  private open(recordId: string | null): void {
    this.lightning?.change((c) => c.navigate(recordId));
  }

  override render() {
    const lightning = this.lightning;
    if (!lightning) return nothing;
    const page = lightning.container.page;
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
            <dd>${phoneField(lightning, r, 'Phone', 'current-record-c2d')}</dd>
            ${
              r.MobilePhone
                ? html`<dt>Mobile</dt>
                    <dd>${phoneField(lightning, r, 'MobilePhone', 'current-record-c2d-mobile')}</dd>`
                : nothing
            }
            <dt>Record Id</dt>
            <dd><code data-testid="current-record-id">${r.Id}</code></dd>
          </dl>
          <div class="row">
            <button
              data-testid="lwc-dial"
              title="What the biztelLiveCall component on a record page publishes on BiztelDialRequest__c"
              @click=${() =>
                void lightning.served.handle('publish', {
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
              (r) =>
                html`<li>
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
              ([field, value]) =>
                html`<dt>${field}</dt>
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
}

customElements.define('dev-record-page', DevRecordPage);

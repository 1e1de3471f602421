/**
 * `<dev-record-list>`: the fake org's "Recently viewed" card: every record, opened with a click
 * (navigation the softphone hears), with its phone as a click-to-dial link.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { LightningWatch, type LightningState } from './lightning-state.js';
import { phoneField } from './phone-field.js';
import { recordStyles, sharedStyles } from './styles.js';

export class DevRecordList extends LitElement {
  static override styles = [sharedStyles, recordStyles];

  @property({ attribute: false }) lightning: LightningState | undefined;

  constructor() {
    super();
    new LightningWatch(this, () => this.lightning);
  }

  override render() {
    const lightning = this.lightning;
    if (!lightning) return nothing;
    return html`<div class="card" data-testid="record-list">
      <h2>Recently viewed</h2>
      <ul class="records">
        ${lightning.container.records.map(
          (r) =>
            html`<li>
              <a
                href=${`/lightning/r/${r.RecordType}/${r.Id}/view`}
                data-testid="record-${r.Id}"
                @click=${(e: Event) => {
                  e.preventDefault();
                  lightning.change((c) => c.navigate(r.Id));
                }}
                >${r.Name}</a
              >
              <span class="object">${r.RecordType}</span>
              ${phoneField(lightning, r, 'Phone', `c2d-${r.Id}`)}
            </li>`,
        )}
      </ul>
    </div>`;
  }
}

customElements.define('dev-record-list', DevRecordList);

import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Lookup } from '../core/lookup.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { ja } from '../i18n/ja.js';
import { RecordCreateRequestEvent, RecordOpenRequestEvent } from './events.js';
import { controls } from './tokens.js';

const OBJECT_LABEL: Record<string, MessageKey> = {
  Contact: 'objectContact',
  Account: 'objectAccount',
  Lead: 'objectLead',
  Case: 'objectCase',
};

/**
 * @summary The info area (情報画面, seed 001 §1): the CRM records found for the other party's
 * number, each openable; with no match, a way to create a record with the number prefilled.
 * @fires biztel-record-open-request - the agent opens a found record
 * @fires biztel-record-create-request - the agent creates a record for an unknown number
 */
export class BiztelRecordInfo extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      .info {
        display: grid;
        gap: var(--biztel-space-xx-small);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .record {
        display: flex;
        width: 100%;
        min-width: 0;
        gap: var(--biztel-space-x-small);
        align-items: baseline;
        padding: var(--biztel-space-xx-small) 0;
        border: 0;
        background: none;
        color: var(--biztel-color-link);
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .record .name {
        font-weight: 600;
        overflow-wrap: anywhere;
        text-decoration: underline;
      }
      .record .type {
        color: var(--biztel-color-text-weak);
        font-size: var(--biztel-font-size-small);
        white-space: nowrap;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        gap: var(--biztel-space-x-small);
        align-items: center;
        margin: 0;
        color: var(--biztel-color-text-weak);
      }
      .status .btn {
        min-height: 1.75rem;
      }
    `,
  ];

  @property({ attribute: false }) t: Catalogue = ja;
  @property({ attribute: false }) lookup: Lookup | undefined = undefined;
  /** The other party's number, prefilled when the agent creates a record. */
  @property() number = '';

  override render() {
    const { t, lookup } = this;
    if (!lookup) return nothing;
    switch (lookup.status) {
      case 'searching':
        return html`<p class="status">${t.crmSearching}</p>`;
      case 'failed':
        return html`<p class="status">${t.crmFailed}</p>`;
      case 'found':
        if (lookup.records.length === 0) {
          return html`<p class="status">
            <span>${t.crmNoMatch}</span>
            <button class="btn" type="button" @click=${() => this.dispatchEvent(new RecordCreateRequestEvent(this.number))}>${t.crmCreate}</button>
          </p>`;
        }
        return html`<ul class="info" aria-label=${t.crmInfo}>
          ${lookup.records.map(
            (r) =>
              html`<li>
                <button class="record" type="button" @click=${() => this.dispatchEvent(new RecordOpenRequestEvent(r.id))}>
                  <span class="name">${r.name}</span>
                  <span class="type">${OBJECT_LABEL[r.objectType] ? t[OBJECT_LABEL[r.objectType]!] : r.objectType}</span>
                </button>
              </li>`,
          )}
        </ul>`;
    }
  }
}

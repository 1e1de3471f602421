/**
 * A phone field as Lightning shows it on a record: a click-to-dial link while the softphone has
 * click-to-dial enabled, plain text (marked disabled) otherwise.
 */
import { html, nothing } from 'lit';
import type { FakeRecord } from '@biztel/opencti/fake';
import type { LightningState } from './lightning-state.js';

export function phoneField(lightning: LightningState, record: FakeRecord, field: 'Phone' | 'MobilePhone', testid: string) {
  const number = record[field];
  if (!number) return nothing;
  if (!lightning.container.clickToDialEnabled) {
    return html`<span class="c2d-disabled" data-testid=${testid} title="Click to dial disabled">${number} <small>(click to dial disabled)</small></span>`;
  }
  return html`<button
    class="c2d"
    data-testid=${testid}
    aria-label=${`Call ${number} (${record.Name})`}
    @click=${() => lightning.change((c) => c.clickToDial(record, field))}
  >
    📞 ${number}
  </button>`;
}

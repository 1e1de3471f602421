import { catalogue } from '../i18n/index.js';
import type { Lookup } from '../core/lookup.js';
import { registerElements } from './register.js';
import { $, $$, textOf } from '../testing/dom.js';
import { axeViolations } from '../testing/axe.js';
import { recordEvents } from '../testing/events.js';

registerElements();

let recorder: ReturnType<typeof recordEvents>;
beforeEach(() => {
  recorder = recordEvents(document);
});
afterEach(() => {
  recorder.stop();
  document.body.replaceChildren();
});

async function mount(lookup: Lookup | undefined, number = '0312345678') {
  const el = document.createElement('biztel-record-info');
  el.lookup = lookup;
  el.number = number;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const found: Lookup = {
  status: 'found',
  records: [
    { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' },
    { id: '0015g00000XyZaBAAV', name: '株式会社サンプル', objectType: 'Account' },
    { id: '5005g00000QrStUAAV', name: '<b>not markup</b>', objectType: 'Custom__c' },
  ],
};

describe('<biztel-record-info> (情報画面)', () => {
  it('shows nothing before a lookup', async () => {
    const el = await mount(undefined);
    expect(textOf(el.shadowRoot)).toBe('');
  });

  it('says it is searching, then what it found, with object types in the agent’s language', async () => {
    const el = await mount({ status: 'searching' });
    expect(textOf(el.shadowRoot)).toBe('Salesforceを検索中…');

    el.lookup = found;
    await el.updateComplete;
    expect($$(el, 'button.record').map((b) => textOf(b))).toEqual(['山田 太郎 取引先責任者', '株式会社サンプル 取引先', '<b>not markup</b> Custom__c']);
    expect(el.shadowRoot!.querySelector('b')).toBeNull();
    expect(recorder.events).toEqual([]);
  });

  it('asks to open the record the agent clicks', async () => {
    const el = await mount(found);

    $$<HTMLButtonElement>(el, 'button.record')[1]!.click();

    expect(recorder.events).toEqual([{ type: 'biztel-record-open-request', detail: { recordId: '0015g00000XyZaBAAV' }, bubbles: true, composed: true }]);
  });

  it('offers to create a record with the number when nothing matched', async () => {
    const el = await mount({ status: 'found', records: [] }, '09011112222');
    expect(textOf($(el, '.status'))).toContain('該当するレコードはありません');

    $<HTMLButtonElement>(el, '.status button').click();

    expect(recorder.events).toEqual([{ type: 'biztel-record-create-request', detail: { number: '09011112222' }, bubbles: true, composed: true }]);
  });

  it('says when the search failed, in English too', async () => {
    const el = await mount({ status: 'failed' });
    el.t = catalogue('en');
    await el.updateComplete;
    expect(textOf(el.shadowRoot)).toBe('Could not search Salesforce');
  });

  it('is axe clean with records and with no match', async () => {
    const el = await mount(found);
    expect(await axeViolations(el)).toEqual([]);
    el.lookup = { status: 'found', records: [] };
    await el.updateComplete;
    expect(await axeViolations(el)).toEqual([]);
  });
});

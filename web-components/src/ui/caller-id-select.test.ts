import { catalogue } from '../i18n/index.js';
import type { CallerIds } from '@biztel/protocol';
import type { BiztelCallerIdSelect } from './caller-id-select.js';
import { registerElements } from './register.js';
import { $, $$, choose, describedText, textOf } from '../testing/dom.js';
import { CALLER_IDS } from '../testing/fixtures.js';
import { axeViolations } from '../testing/axe.js';
import { recordEventsPerTest } from '../testing/events.js';

registerElements();

const recorder = recordEventsPerTest();

async function mount(callerIds: CallerIds) {
  const el = document.createElement('biztel-caller-id-select');
  el.callerIds = callerIds;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const withCallerIds = (patch: Partial<CallerIds> = {}): CallerIds => ({ ...CALLER_IDS, ...patch });
const callerIdSelect = (el: Element) => $<HTMLSelectElement>(el, '#caller-id');
const optionTexts = (el: Element) => $$<HTMLOptionElement>(el, '#caller-id option').map((o) => textOf(o));
const listRadios = (el: Element) => $$<HTMLInputElement>(el, 'input[name="caller-id-list"]');

/** Picks a list or an option as the agent would, then lets the element render. */
async function pick(el: BiztelCallerIdSelect, what: { list?: number; value?: string }): Promise<void> {
  if (what.list !== undefined) listRadios(el)[what.list]!.click();
  if (what.value !== undefined) choose(callerIdSelect(el), what.value);
  await el.updateComplete;
}

describe('<biztel-caller-id-select>', () => {
  it('offers 番号リスト / 窓口リスト and the number list, with 指定なし first', async () => {
    const el = await mount(withCallerIds());

    expect(textOf($(el, 'label[for="caller-id"]'))).toBe('通知番号');
    expect(textOf($(el, '.switch legend'))).toBe('表示リスト');
    expect(listRadios(el).map((r) => [textOf($(el, `label[for="${r.id}"]`)), r.checked])).toEqual([
      ['番号リスト', true],
      ['窓口リスト', false],
    ]);
    expect(optionTexts(el)).toEqual(['指定なし (既定の通知番号)', '代表 (0312345678)', '0501234567']);
    expect(callerIdSelect(el).value).toBe('');
  });

  it('switches to the window list', async () => {
    const el = await mount(withCallerIds());

    listRadios(el)[1]!.click();
    await el.updateComplete;

    expect(listRadios(el).map((r) => r.checked)).toEqual([false, true]);
    expect(optionTexts(el)).toEqual(['指定なし (既定の通知番号)', 'サポート窓口 (0120111222)', '営業窓口 (0120333444)']);
  });

  it.each([
    ['numbersOnly', ['指定なし (既定の通知番号)', '代表 (0312345678)', '0501234567']],
    ['windowsOnly', ['指定なし (既定の通知番号)', 'サポート窓口 (0120111222)', '営業窓口 (0120333444)']],
  ] as const)('shows only one list and no switch in %s mode', async (mode, options) => {
    const el = await mount(withCallerIds({ mode }));

    expect(listRadios(el)).toEqual([]);
    expect(optionTexts(el)).toEqual(options);
  });

  it('notes that an administrator controls the settings in the tip of an information icon, which describes the selector too', async () => {
    const el = await mount(withCallerIds({ restricted: true }));

    const button = $<HTMLButtonElement>(el, '.info-button');
    expect(button.getAttribute('aria-label')).toBe('設定の制御について');
    expect(describedText(el, button)).toBe('管理者により一部設定が制御されています。');
    expect($(el, '#caller-id-restricted').getAttribute('role')).toBe('tooltip');
    expect(describedText(el, callerIdSelect(el))).toBe('管理者により一部設定が制御されています。');
  });

  it('hides the tip with Escape until the icon is left (WCAG 1.4.13)', async () => {
    const el = await mount(withCallerIds({ restricted: true }));
    const button = $<HTMLButtonElement>(el, '.info-button');

    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await el.updateComplete;
    expect($(el, '.info').classList.contains('dismissed')).toBe(true);

    button.dispatchEvent(new FocusEvent('blur'));
    await el.updateComplete;
    expect($(el, '.info').classList.contains('dismissed')).toBe(false);
  });

  it('has no note when nothing is restricted', async () => {
    const el = await mount(withCallerIds());

    expect(el.shadowRoot!.querySelector('#caller-id-restricted')).toBeNull();
    expect(callerIdSelect(el).hasAttribute('aria-describedby')).toBe(false);
  });

  it('asks to keep each choice the agent makes with the session; switching lists is 指定なし', async () => {
    const el = await mount(withCallerIds());

    listRadios(el)[1]!.click(); // nothing was chosen: nothing to change
    await el.updateComplete;
    choose(callerIdSelect(el), 'window:cc-support');
    await el.updateComplete;
    listRadios(el)[0]!.click();
    await el.updateComplete;

    expect(recorder.events).toEqual([
      { type: 'biztel-caller-id-change-request', detail: { callerId: { kind: 'window', id: 'cc-support' } }, bubbles: true, composed: true },
      { type: 'biztel-caller-id-change-request', detail: { callerId: null }, bubbles: true, composed: true },
    ]);
  });

  it('shows the session’s choice on its list, as every page of the agent does', async () => {
    const el = await mount(withCallerIds());

    el.chosen = { kind: 'window', id: 'cc-support' };
    await el.updateComplete;

    expect(listRadios(el)[1]!.checked).toBe(true);
    expect(callerIdSelect(el).value).toBe('window:cc-support');
    expect(el.choice).toEqual({ kind: 'window', id: 'cc-support' });
    expect(recorder.events).toEqual([]);
  });

  it('leaves the agent’s pick alone when a snapshot repeats the session’s choice, and follows a new one', async () => {
    const el = await mount(withCallerIds());
    el.chosen = { kind: 'number', number: '0312345678' };
    await el.updateComplete;
    choose(callerIdSelect(el), 'number:0501234567'); // the answer to this is on its way

    el.chosen = { kind: 'number', number: '0312345678' }; // an unrelated snapshot, same choice
    await el.updateComplete;
    expect(callerIdSelect(el).value).toBe('number:0501234567');

    el.chosen = undefined; // another page of the agent went back to 指定なし
    await el.updateComplete;
    expect(callerIdSelect(el).value).toBe('');
  });

  it('gives the number or window picked as its choice, and nothing for 指定なし', async () => {
    const el = await mount(withCallerIds());
    expect(el.choice).toBeUndefined();

    await pick(el, { value: 'number:0501234567' });
    expect(el.choice).toEqual({ kind: 'number', number: '0501234567' });

    await pick(el, { list: 1 });
    expect(el.choice).toBeUndefined();
    expect(callerIdSelect(el).value).toBe('');

    await pick(el, { value: 'window:cc-support' });
    expect(el.choice).toEqual({ kind: 'window', id: 'cc-support' });

    await pick(el, { value: '' });
    expect(el.choice).toBeUndefined();
  });

  it('keeps the choice when the language changes', async () => {
    const el = await mount(withCallerIds());
    await pick(el, { value: 'number:0312345678' });

    el.t = catalogue('en');
    await el.updateComplete;

    expect(callerIdSelect(el).value).toBe('number:0312345678');
    expect(el.choice).toEqual({ kind: 'number', number: '0312345678' });
  });

  it.each([
    ['offering both lists, restricted', withCallerIds({ restricted: true }), {}],
    ['the window list chosen, a window picked', withCallerIds(), { list: 1, value: 'window:cc-sales' }],
    ['only windows offered', withCallerIds({ mode: 'windowsOnly' }), {}],
  ])('is clean for axe when %s', async (_name, callerIds, what) => {
    const el = await mount(callerIds);
    await pick(el, what);

    expect(await axeViolations(el)).toEqual([]);
  });
});

import { catalogue } from '../i18n/index.js';
import type { BiztelDialPad } from './dial-pad.js';
import { registerElements } from './register.js';
import { $$, activate, focused, press, textOf } from '../testing/dom.js';
import { axeViolations } from '../testing/axe.js';

registerElements();

afterEach(() => {
  document.body.replaceChildren();
});

async function mount(props: Partial<Pick<BiztelDialPad, 't'>> = {}) {
  const el = document.createElement('biztel-dial-pad');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  const presses: { key: string; bubbles: boolean; composed: boolean }[] = [];
  el.addEventListener('biztel-dial-pad-press', (e) => presses.push({ key: e.detail.key, bubbles: e.bubbles, composed: e.composed }));
  return { el, presses };
}

const keys = (el: Element) => $$<HTMLButtonElement>(el, 'button');
const key = (el: Element, label: string) => {
  const found = keys(el).find((b) => textOf(b) === label);
  if (!found) throw new Error(`no key ${label}`);
  return found;
};
const tabStops = (el: Element) =>
  keys(el)
    .filter((b) => b.tabIndex === 0)
    .map((b) => textOf(b));

describe('<biztel-dial-pad>', () => {
  it('shows 1-9, *, 0, # as twelve native buttons in keypad order, in a named group', async () => {
    const { el } = await mount();

    expect(keys(el).map((b) => textOf(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    expect(keys(el).every((b) => b.type === 'button')).toBe(true);
    const group = $$(el, '[role="group"]')[0];
    expect(group?.getAttribute('aria-label')).toBe('ダイヤルボタン');
  });

  it('names * and # in words, keeping the visible symbol in the name', async () => {
    const { el } = await mount();

    expect(key(el, '*').getAttribute('aria-label')).toBe('* アスタリスク');
    expect(key(el, '#').getAttribute('aria-label')).toBe('# シャープ');
    expect(key(el, '5').hasAttribute('aria-label')).toBe(false);
  });

  it('speaks English names with the English catalogue', async () => {
    const { el } = await mount({ t: catalogue('en') });

    expect(key(el, '*').getAttribute('aria-label')).toBe('* star');
    expect($$(el, '[role="group"]')[0]?.getAttribute('aria-label')).toBe('Dial pad');
  });

  it('fires biztel-dial-pad-press with the key on click; it bubbles but does not compose out of a host shadow root', async () => {
    const { el, presses } = await mount();

    key(el, '7').click();
    key(el, '#').click();

    expect(presses).toEqual([
      { key: '7', bubbles: true, composed: false },
      { key: '#', bubbles: true, composed: false },
    ]);
  });

  it.each([
    ['Enter', 'Enter'],
    ['Space', ' '],
  ] as const)('presses the focused key with %s', async (_name, keyName) => {
    const { el, presses } = await mount();
    const five = key(el, '5');
    five.focus();

    activate(five, keyName);

    expect(presses.map((p) => p.key)).toEqual(['5']);
  });

  it('fires nothing on render or when the catalogue changes', async () => {
    const { el, presses } = await mount();

    el.t = catalogue('en');
    await el.updateComplete;

    expect(presses).toEqual([]);
  });

  describe('roving tabindex', () => {
    it('puts only the first key in the tab order at first', async () => {
      const { el } = await mount();

      expect(tabStops(el)).toEqual(['1']);
    });

    it.each<[string, string, string[], string]>([
      ['ArrowRight moves to the next key', '1', ['ArrowRight'], '2'],
      ['ArrowRight runs on into the next row', '3', ['ArrowRight'], '4'],
      ['ArrowRight stops at the last key', '#', ['ArrowRight'], '#'],
      ['ArrowLeft moves back', '5', ['ArrowLeft'], '4'],
      ['ArrowLeft stops at the first key', '1', ['ArrowLeft'], '1'],
      ['ArrowDown moves down a row', '2', ['ArrowDown'], '5'],
      ['ArrowDown reaches 0', '8', ['ArrowDown'], '0'],
      ['ArrowDown stays on the bottom row', '0', ['ArrowDown'], '0'],
      ['ArrowUp moves up a row', '0', ['ArrowUp'], '8'],
      ['ArrowUp stays on the top row', '3', ['ArrowUp'], '3'],
      ['Home jumps to the first key', '9', ['Home'], '1'],
      ['End jumps to the last key', '1', ['End'], '#'],
      ['a path through the grid', '1', ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown'], '0'],
    ])('%s', async (_what, from, path, to) => {
      const { el, presses } = await mount();
      key(el, from).click();
      presses.length = 0;
      await el.updateComplete;
      key(el, from).focus();

      for (const k of path) {
        press(focused(el)!, k);
        await el.updateComplete;
      }

      expect(textOf(focused(el))).toBe(to);
      expect(tabStops(el)).toEqual([to]);
      expect(presses).toEqual([]);
    });

    it('prevents the page from scrolling on arrow keys', async () => {
      const { el } = await mount();
      key(el, '1').focus();

      const event = press(key(el, '1'), 'ArrowDown');

      expect(event.defaultPrevented).toBe(true);
    });

    it('leaves Tab alone so focus can leave the pad', async () => {
      const { el } = await mount();
      key(el, '1').focus();

      const event = press(key(el, '1'), 'Tab');

      expect(event.defaultPrevented).toBe(false);
      expect(focused(el)).toBe(key(el, '1'));
    });

    it('remembers the last pressed key as the tab stop', async () => {
      const { el } = await mount();

      key(el, '9').click();
      await el.updateComplete;

      expect(tabStops(el)).toEqual(['9']);
    });
  });

  it('presses and focuses a key typed on the keyboard while the pad has focus', async () => {
    const { el, presses } = await mount();
    key(el, '1').focus();

    press(key(el, '1'), '#');
    press(focused(el)!, '0');
    await el.updateComplete;

    expect(presses.map((p) => p.key)).toEqual(['#', '0']);
    expect(textOf(focused(el))).toBe('0');
    expect(tabStops(el)).toEqual(['0']);
  });

  it('ignores shortcuts with modifier keys', async () => {
    const { el, presses } = await mount();
    key(el, '1').focus();

    key(el, '1').dispatchEvent(new KeyboardEvent('keydown', { key: '2', ctrlKey: true, bubbles: true, composed: true }));
    key(el, '1').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', altKey: true, bubbles: true, composed: true }));

    expect(presses).toEqual([]);
    expect(focused(el)).toBe(key(el, '1'));
  });

  it('is clean under axe', async () => {
    const { el } = await mount();

    expect(await axeViolations(el)).toEqual([]);
  });
});

import { catalogue } from '../i18n/index.js';
import { LOGOFF_STATUS_ID } from '@biztel/protocol';
import { registerElements } from './register.js';
import type { BiztelStatusMenu } from './status-menu.js';
import { $, $$, focused, press, textOf } from '../testing/dom.js';
import { STATUSES } from '../testing/fixtures.js';
import { axeViolations } from '../testing/axe.js';
import { recordEventsPerTest } from '../testing/events.js';

registerElements();

const recorder = recordEventsPerTest();

/** The menu as the panel places it: the tenant's statuses, the agent available, a line beside it. */
async function mount(props: Partial<Pick<BiztelStatusMenu, 't' | 'statuses' | 'statusId' | 'onCall'>> = {}) {
  const el = document.createElement('biztel-status-menu');
  Object.assign(el, { statuses: STATUSES, statusId: 'available', ...props });
  el.innerHTML = '<span class="beside">内線 1001</span>';
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const statusButton = (el: Element) => $<HTMLButtonElement>(el, '.status-button');
const menuItems = (el: Element) => $$<HTMLButtonElement>(el, '[role="menu"] button');

async function openMenu(el: BiztelStatusMenu): Promise<void> {
  statusButton(el).click();
  await el.updateComplete;
  await el.updateComplete;
}

describe('<biztel-status-menu>', () => {
  it('shows the status on a button whose name says it changes the status', async () => {
    const el = await mount({ statusId: 'away' });

    expect(textOf($(el, '.status-label'))).toBe('離席');
    expect(statusButton(el).getAttribute('aria-label')).toBe('ステータス: 離席 (ステータスを変更)');
    expect(textOf(el)).toBe('内線 1001');
  });

  it.each([
    ['available', ''],
    ['away', 'other'],
    [LOGOFF_STATUS_ID, 'logoff'],
  ])('marks %s with the dot colour %j', async (statusId, dotClass) => {
    const el = await mount({ statusId });

    expect([...$(el, '.dot').classList]).toEqual(['dot', dotClass].filter(Boolean));
  });

  it('shows the status id when the tenant offers no label for it', async () => {
    const el = await mount({ statusId: 'meeting' });

    expect(textOf($(el, '.status-label'))).toBe('meeting');
  });

  it('fires nothing on render or when its properties change', async () => {
    const el = await mount();

    el.statusId = 'break';
    el.statuses = STATUSES.slice(1);
    el.t = catalogue('en');
    await el.updateComplete;

    expect(recorder.events).toEqual([]);
  });

  it('opens from the status button and lists the statuses except ログオフ, then サインアウト', async () => {
    const el = await mount();
    expect(statusButton(el).getAttribute('aria-haspopup')).toBe('menu');
    expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
    expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();

    await openMenu(el);

    expect(statusButton(el).getAttribute('aria-expanded')).toBe('true');
    expect($(el, '[role="menu"]').getAttribute('aria-label')).toBe('ステータスを変更');
    expect(menuItems(el).map((b) => textOf(b))).toEqual(['受付可', '後処理', '離席', '休憩', 'サインアウト']);
    expect(menuItems(el).map((b) => b.getAttribute('aria-checked'))).toEqual(['true', 'false', 'false', 'false', null]);
    expect(recorder.events).toEqual([]);
  });

  it('moves focus into the menu and through it with the arrow keys (wrapping)', async () => {
    const el = await mount();
    await openMenu(el);
    const items = menuItems(el);
    expect(focused(el)).toBe(items[0]);

    press(items[0]!, 'ArrowDown');
    expect(focused(el)).toBe(items[1]);

    press(items[1]!, 'ArrowUp');
    press(items[0]!, 'ArrowUp');
    expect(focused(el)).toBe(items[items.length - 1]);

    press(items[items.length - 1]!, 'ArrowDown');
    expect(focused(el)).toBe(items[0]);
  });

  it('closes on Escape and returns focus to the status button', async () => {
    const el = await mount();
    await openMenu(el);

    press(menuItems(el)[2]!, 'Escape');
    await el.updateComplete;
    await el.updateComplete;

    expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
    expect(focused(el)).toBe(statusButton(el));
    expect(recorder.events).toEqual([]);
  });

  it('closes when the status button is clicked again', async () => {
    const el = await mount();
    await openMenu(el);

    await openMenu(el);

    expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    expect(statusButton(el).getAttribute('aria-expanded')).toBe('false');
  });

  it('fires biztel-sign-out-request for サインアウト', async () => {
    const el = await mount();
    await openMenu(el);

    menuItems(el)
      .find((b) => textOf(b) === 'サインアウト')!
      .click();

    expect(recorder.events.map((e) => e.type)).toEqual(['biztel-sign-out-request']);
  });

  it('offers no サインアウト during a call, and says why (seed 002)', async () => {
    const el = await mount({ onCall: true });
    await openMenu(el);
    const signOut = menuItems(el).find((b) => textOf(b).startsWith('サインアウト'))!;

    signOut.click();

    expect(recorder.events).toEqual([]);
    expect(signOut.getAttribute('aria-disabled')).toBe('true');
    expect(textOf(signOut)).toBe('サインアウト通話中はサインアウトできません。通話が終わってからサインアウトしてください。');
  });

  it('closes when the agent clicks elsewhere, without firing anything', async () => {
    const el = await mount();
    await openMenu(el);

    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;

    expect(el.shadowRoot!.querySelector('[role="menu"]')).toBeNull();
    expect(recorder.events).toEqual([]);
  });

  it('stays open when the agent clicks the line beside the button, which is part of its row', async () => {
    const el = await mount();
    await openMenu(el);

    el.querySelector('.beside')!.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;

    expect(el.shadowRoot!.querySelector('[role="menu"]')).not.toBeNull();
  });

  it('stops listening to the document once removed', async () => {
    const el = await mount();
    await openMenu(el);
    el.remove();

    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    await el.updateComplete;

    expect(el.shadowRoot!.querySelector('[role="menu"]')).not.toBeNull();
  });

  it.each([
    ['closed', false],
    ['open', true],
  ])('is clean for axe when %s', async (_name, open) => {
    const el = await mount();
    if (open) await openMenu(el);

    expect(await axeViolations(el)).toEqual([]);
  });
});

/**
 * Test support shared by the `<biztel-sign-in-form>` tests (`sign-in-form*.test.ts`): `mount`,
 * the field and seat-dialog queries, `fill` / `submit`, the texts they expect, `recordFormEvents`.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { BiztelSignInForm } from './sign-in-form.js';
import { registerElements } from './register.js';
import { $, $$, textOf, typeInto, useDomFormData } from '../testing/dom.js';
import { recordEvents } from '../testing/events.js';
import { SERVER_TIME, STATUSES } from '../testing/fixtures.js';

registerElements();

export const AUTH_FAILED = '入力したアカウント、アカウントパスワード、サインイン端末が間違っているか、ログインが制限されています。';
export const LOGOFF_WARNING = '「ログオフ」でサインインするとシートビューに反映されませんのでご注意ください。';

/**
 * For the calling test file: jsdom's `FormData` while it runs, and the events fired on the page
 * during each test (the page is emptied after each). Call it once at the top of a test file.
 */
export function recordFormEvents(): { readonly events: ReturnType<typeof recordEvents>['events'] } {
  let recorder: ReturnType<typeof recordEvents>;
  let restoreFormData: () => void;
  beforeAll(() => {
    restoreFormData = useDomFormData();
  });
  afterAll(() => restoreFormData());
  beforeEach(() => {
    recorder = recordEvents(document);
  });
  afterEach(() => {
    recorder.stop();
    document.body.replaceChildren();
  });
  return {
    get events() {
      return recorder.events;
    },
  };
}

export async function mount(
  props: Partial<Pick<BiztelSignInForm, 'statuses' | 'form' | 'error' | 'attempt' | 'submitting' | 't' | 'seatConflict' | 'lineConflict' | 'takenBy'>> = {},
) {
  const el = document.createElement('biztel-sign-in-form');
  el.statuses = STATUSES;
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const input = (el: Element, id: string) => $<HTMLInputElement>(el, `#${id}`);
/** Taken 12 minutes before SERVER_TIME by a colleague the server names. */
export const SEAT_HOLDER = { seatId: 'A-12', account: 'sato.hanako', name: '佐藤 花子', since: SERVER_TIME - 12 * 60_000 };
export const OVERWRITE = '「OK」をクリックするとシートビュー上で着席情報が上書きされます。';
/** HH:mm of `ms` in the browser's own time zone (the zone the agent reads clocks in). */
export const localHHmm = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
export const seatDialog = (el: Element) => $(el, '[role="alertdialog"]');
export const dialogButton = (el: Element, name: string) => {
  const found = $$<HTMLButtonElement>(el, '[role="alertdialog"] button').find((b) => textOf(b) === name);
  if (!found) throw new Error(`no ${name} button in the seat dialog`);
  return found;
};
export const submitButton = (el: Element) => $<HTMLButtonElement>(el, 'button[type="submit"]');

export async function submit(el: BiztelSignInForm): Promise<void> {
  submitButton(el).click();
  await el.updateComplete;
}

export function fill(el: Element, values: { account?: string; password?: string; extension?: string; seatId?: string }): void {
  for (const [id, value] of Object.entries(values)) typeInto(input(el, id), value);
}

/**
 * Test support shared by the `<biztel-call-panel>` tests (`call-panel*.test.ts`): snapshots of
 * every call state, `mount`, queries into the panel and its parts, and `recordPanelEvents`.
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import type { CallerIds, Snapshot } from '@biztel/protocol';
import type { NoticeCode } from '../core/panel-errors.js';
import type { BiztelCallPanel } from './call-panel.js';
import { registerElements } from './register.js';
import { $, $$, press, textOf } from '../testing/dom.js';
import { recordEvents } from '../testing/events.js';
import {
  CALLER_IDS,
  SERVER_TIME,
  chatHistory,
  consultationCall,
  heldCall,
  parkedCall,
  ringingCall,
  snapshotFixture,
  talkingCall,
} from '../testing/fixtures.js';

registerElements();

export const idle = snapshotFixture();
export const ringing = snapshotFixture({ revision: 2, calls: [ringingCall()] });
export const talking = snapshotFixture({ revision: 3, calls: [talkingCall()] });
export const dialing = snapshotFixture({
  revision: 4,
  calls: [{ id: 'call-20250401-0002', direction: 'outbound', state: 'dialing', remoteNumber: '0120123456', startedAt: SERVER_TIME - 2_000 }],
});
export const hardphoneIdle = snapshotFixture({ agent: { hardphone: true } });
export const hardphoneRinging = snapshotFixture({ revision: 2, agent: { hardphone: true }, calls: [ringingCall()] });
export const hardphoneTalking = snapshotFixture({ revision: 3, agent: { hardphone: true }, calls: [talkingCall()] });
export const held = snapshotFixture({ revision: 5, calls: [heldCall()] });
export const consultRinging = snapshotFixture({ revision: 6, calls: [heldCall(), consultationCall('dialing')] });
export const transferActive = snapshotFixture({ revision: 7, calls: [heldCall(), consultationCall('talking')] });
export const parking = snapshotFixture({ revision: 8, calls: [talkingCall({ state: 'parking' })] });
export const parked = snapshotFixture({ revision: 9, parked: [parkedCall('701', 20_000), parkedCall('702', 5_000, 'anonymous')] });
export const recall = snapshotFixture({ revision: 10, calls: [ringingCall({ id: 'call-20250401-0009', recall: { slot: '701' } })] });
export const starCollecting = snapshotFixture({ revision: 11, calls: [heldCall({ collecting: { kind: 'star', digits: '20' } })] });
export const hashCollecting = snapshotFixture({ revision: 12, calls: [heldCall({ collecting: { kind: 'hash', digits: '' } })] });
export const ringingWithChat = snapshotFixture({ revision: 13, calls: [ringingCall({ chat: chatHistory() })] });
export const CUSTOMER_ID = 'call-20250401-0001';
export const CONSULT_ID = 'call-20250401-0002';

export const withCallerIds = (patch: Partial<CallerIds> = {}) => snapshotFixture({ callerIds: { ...CALLER_IDS, ...patch } });

/**
 * Records the events fired on the page during each test of the calling file, and after each test
 * empties the page and restores real timers. Call it once at the top of a test file.
 */
export function recordPanelEvents(): { readonly events: ReturnType<typeof recordEvents>['events'] } {
  let recorder: ReturnType<typeof recordEvents>;
  beforeEach(() => {
    recorder = recordEvents(document);
  });
  afterEach(() => {
    recorder.stop();
    document.body.replaceChildren();
    jest.useRealTimers();
  });
  return {
    get events() {
      return recorder.events;
    },
  };
}

export async function mount(snapshot: Snapshot, props: { notice?: NoticeCode | null; clockOffsetMs?: number } = {}) {
  const el = document.createElement('biztel-call-panel');
  el.snapshot = snapshot;
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const buttonNamed = (el: Element, name: string) => {
  const button = $$<HTMLButtonElement>(el, '.actions button').find((b) => textOf(b) === name);
  if (!button)
    throw new Error(
      `no button 「${name}」 in ${$$(el, '.actions button')
        .map((b) => textOf(b))
        .join(', ')}`,
    );
  return button;
};
export const message = (el: Element) => textOf($(el, '[part="message"]'));
export const controlButtons = (el: Element) => $$<HTMLButtonElement>(el, '.controls button');
export const controlNamed = (el: Element, name: string) => {
  const button = controlButtons(el).find((b) => textOf(b) === name);
  if (!button)
    throw new Error(
      `no control 「${name}」 in ${controlButtons(el)
        .map((b) => textOf(b))
        .join(', ')}`,
    );
  return button;
};
export const padToggle = (el: Element) => $<HTMLButtonElement>(el, 'button[aria-controls="dial-pad"]');
export const padKey = (el: Element, key: string) => {
  const pad = $(el, 'biztel-dial-pad');
  const button = $$<HTMLButtonElement>(pad, 'button').find((b) => textOf(b) === key);
  if (!button) throw new Error(`no pad key ${key}`);
  return button;
};
export const numberField = (el: Element) => $<HTMLInputElement>(el, '#number');
/** The caller-ID selector and the status menu render inside their own shadow roots. */
export const callerIdPart = (el: Element) => $(el, 'biztel-caller-id-select');
export const callerIdSelect = (el: Element) => $<HTMLSelectElement>(callerIdPart(el), '#caller-id');
export const listRadios = (el: Element) => $$<HTMLInputElement>(callerIdPart(el), 'input[name="caller-id-list"]');
/** A key typed into a field: the keydown a browser sends first. */
export const typeKey = (field: HTMLInputElement, key: string) => {
  field.focus();
  return press(field, key);
};
export const statusMenu = (el: Element) => $(el, 'biztel-status-menu');
export const statusButton = (el: Element) => $<HTMLButtonElement>(statusMenu(el), '.status-button');
export const menuItems = (el: Element) => $$<HTMLButtonElement>(statusMenu(el), '[role="menu"] button');
export const menu = (el: Element) => statusMenu(el).shadowRoot!.querySelector('[role="menu"]');

export async function openMenu(el: BiztelCallPanel): Promise<void> {
  statusButton(el).click();
  await el.updateComplete;
  await el.updateComplete;
}

/**
 * What the fault e2e tests read from the page: `readCrm`, what the fake Salesforce recorded (screen
 * pops, Tasks, Lightning Message Service call states), and `panelView`, what the panel shows —
 * with `expectedView`/`showsTruth` to compare it with the PBX's calls.
 */
import type { Frame, Page } from 'playwright-core';
import type { Call, ParkedCall } from '@biztel/protocol';
import type { Agent } from './agent.js';
import { mainCall } from './fault-truth.js';

export interface CrmRecord {
  /** Screen pops (`searchAndScreenPop` on an inbound call, `screenPop`). */
  readonly pops: number;
  /** `CallObject` of every Task created by `saveLog`. */
  readonly tasks: string[];
  /** Every live-call message published on `BiztelCallState__c`, as `callKey`s. */
  readonly lms: string[];
  /** The same messages, whole (JSON): a repeat of one of these is a duplicate. */
  readonly lmsRaw: string[];
}

/** What the fake Salesforce of one dev host page recorded (it lives in that page's memory). */
export async function readCrm(page: Page): Promise<CrmRecord> {
  return page.evaluate(() => {
    const host = document.querySelector('dev-lightning') as unknown as {
      container: {
        pops: unknown[];
        saved: Record<string, unknown>[];
        published: { channelName: string; message: { state?: string; callId?: string } }[];
      };
    };
    const c = host.container;
    return {
      pops: c.pops.length,
      tasks: c.saved.map((t) => String(t['CallObject'] ?? t['Id'])),
      lms: c.published
        .filter((p) => p.channelName === 'BiztelCallState__c')
        .map((p) => (p.message.state === 'idle' || !p.message.callId ? 'idle' : `${p.message.callId}:${p.message.state}`)),
      lmsRaw: c.published.filter((p) => p.channelName === 'BiztelCallState__c').map((p) => JSON.stringify(p.message)),
    };
  });
}

export interface PanelView {
  /** The panel document is loaded and its element rendered. */
  readonly loaded: boolean;
  readonly signedIn: boolean;
  readonly signInForm: boolean;
  readonly reconnecting: boolean;
  readonly ownership: 'alone' | 'this' | 'other';
  /** The text of the page (for messages such as the session-expired one). */
  readonly text: string;
  readonly current: { state: string; number: string } | null;
  readonly heldCustomer: string | null;
  readonly parked: string[];
}

/** The hint the panel shows while it reconnects by itself. */
export const RECONNECTING_HINT = 'イベント通知サーバに再接続しています…';

/** The panel's document: the popped-out window while open, else the utility bar's iframe. */
export function panelFrame(agent: Agent): Frame | undefined {
  return agent.popout?.mainFrame() ?? agent.page.frames().find((f) => f.url().includes('/apex/BiztelSoftphone'));
}

/** What the panel shows, read in one go through its shadow roots. */
export async function panelView(agent: Agent): Promise<PanelView> {
  const frame = panelFrame(agent);
  const empty: PanelView = {
    loaded: false,
    signedIn: false,
    signInForm: false,
    reconnecting: false,
    ownership: 'alone',
    text: '',
    current: null,
    heldCustomer: null,
    parked: [],
  };
  if (!frame) return empty;
  try {
    return await frame.evaluate((hint) => {
      const all = (selector: string): Element[] => {
        const out: Element[] = [];
        const walk = (root: Document | ShadowRoot) => {
          out.push(...root.querySelectorAll(selector));
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
        };
        walk(document);
        return out;
      };
      const texts: string[] = [];
      const collect = (root: Document | ShadowRoot | Element) => {
        for (const el of (root as ParentNode).querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
        texts.push((root as ParentNode & { textContent: string | null }).textContent ?? '');
      };
      collect(document);
      const text = texts.join(' ').replace(/\s+/g, ' ');
      const call = all('section.call')[0] as HTMLElement | undefined;
      const ownership = all('.hint.ownership')[0]?.getAttribute('data-ownership');
      return {
        loaded: all('biztel-softphone').length > 0,
        signedIn: all('biztel-call-panel').length > 0,
        signInForm: all('biztel-sign-in-form').length > 0,
        reconnecting: all('[data-connection="offline"]').length > 0 || text.includes(hint),
        ownership: ownership === 'this' || ownership === 'other' ? ownership : 'alone',
        text,
        current: call ? { state: call.dataset['state'] ?? '', number: call.querySelector('.number')?.textContent?.trim() ?? '' } : null,
        heldCustomer: all('section.held-customer .number')[0]?.textContent?.trim() ?? null,
        parked: all('section.parked .slot').map((e) => (e.textContent ?? '').replace(/\D/g, '')),
      };
    }, RECONNECTING_HINT);
  } catch {
    return empty; // navigating (reload, pop-out): not there yet
  }
}

/** What the panel must show for `calls`/`parked` (the PBX's truth), in `PanelView` terms. */
export function expectedView(calls: readonly Call[], parked: readonly ParkedCall[]): Pick<PanelView, 'current' | 'heldCustomer' | 'parked'> {
  const call = mainCall(calls);
  const shown = (n: string) => (/^anonymous$/i.test(n.trim()) ? '非通知' : n.trim());
  const consultation = calls.find((c) => c.transfer !== undefined);
  const customer = consultation ? calls.find((c) => c.id === consultation.transfer?.of) : undefined;
  return {
    current: call ? { state: call.state, number: shown(call.remoteNumber) } : null,
    heldCustomer: customer && customer !== call ? shown(customer.remoteNumber) : null,
    parked: parked.map((p) => p.slot),
  };
}

/** Whether the panel shows exactly the truth, signed in and not reconnecting. */
export function showsTruth(view: PanelView, calls: readonly Call[], parked: readonly ParkedCall[]): boolean {
  if (!view.signedIn || view.reconnecting) return false;
  const want = expectedView(calls, parked);
  return JSON.stringify({ current: view.current, heldCustomer: view.heldCustomer, parked: view.parked }) === JSON.stringify(want);
}

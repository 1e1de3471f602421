/**
 * One agent in the browser: a dev host page with the softphone panel in its utility bar (or
 * popped out into a window of its own), and the actions the e2e tests repeat (sign in, wait for a
 * call state, pop out and in, run axe on the panel).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page, WebSocket } from 'playwright-core';
import type { LocalSystem } from '../server/src/local-system.js';
import type { Browser } from './browser.js';

const axeSource = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface SignInOptions {
  readonly seatId?: string;
  readonly hardphone?: boolean;
  readonly status?: string;
}

/**
 * What the panel's locators are made from, wherever it lives: the utility bar's iframe
 * (a `FrameLocator`) or the popped-out window (a `Page`).
 */
export type PanelRoot = Pick<FrameLocator, 'getByRole' | 'getByLabel' | 'getByText' | 'getByTestId' | 'getByPlaceholder' | 'getByTitle' | 'locator'>;

const PANEL_IFRAME = 'iframe[title="BIZTEL Softphone"]';

/** The call actions that must stay in view in every state (issue 15 §1). */
const PRIMARY_ACTIONS = ['応答', '発信', '切断', '保留', '転送', 'パーク'] as const;

let users = 0;
/** A fresh 18-character Salesforce user id (`005…`) per agent of a test run. */
function nextSalesforceUser(): string {
  users += 1;
  return `005${String(process.pid % 1000).padStart(3, '0')}${String(users).padStart(9, '0')}AAA`;
}

export class Agent {
  readonly errors: string[] = [];
  /** Messages the page's panel sent over its socket that the server has answered (acks), newest last. */
  readonly answered: string[] = [];
  private popped: Page | null = null;

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('websocket', (ws) => this.followAnswers(ws));
  }

  /** Notes each socket.io message with an ack id (`42[/nsp,]<id>[…]`) once its answer (`43…<id>`) arrives. */
  private followAnswers(ws: WebSocket): void {
    const waiting = new Map<string, string>();
    const ackId = (kind: '42' | '43', payload: string | Buffer) => new RegExp(`^${kind}(?:/[^,]*,)?(\\d+)\\[`).exec(String(payload))?.[1];
    ws.on('framesent', ({ payload }) => {
      const id = ackId('42', payload);
      if (id !== undefined) waiting.set(id, String(payload));
    });
    ws.on('framereceived', ({ payload }) => {
      const id = ackId('43', payload);
      const sent = id === undefined ? undefined : waiting.get(id);
      if (sent === undefined || id === undefined) return;
      waiting.delete(id);
      this.answered.push(sent);
    });
  }

  /**
   * Opens the dev host as a new Salesforce user (the pages of one browser share storage, so each
   * agent gets its own `?user=` unless the query names one: the same user's pages would resume
   * each other's session, as they should).
   */
  static async open(browser: Browser, system: LocalSystem, query = ''): Promise<Agent> {
    const agent = new Agent(await browser.newPage());
    const params = new URLSearchParams(query.replace(/^\?/, ''));
    if (!params.has('user')) params.set('user', nextSalesforceUser());
    await agent.page.goto(`${system.url}/?${params}`);
    return agent;
  }

  /** The softphone panel inside the dev host's utility bar (the iframe, even while popped out). */
  get panel(): FrameLocator {
    return this.page.frameLocator(PANEL_IFRAME);
  }

  /** The popped-out panel window, while it is open (null while the panel is in the utility bar). */
  get popout(): Page | null {
    return this.popped && !this.popped.isClosed() ? this.popped : null;
  }

  /** The panel wherever it is: the popped-out window while open, else the utility bar's iframe. */
  panelRoot(): PanelRoot {
    return this.popout ?? this.panel;
  }

  /** The utility bar's iframe element (absent while the panel is popped out). */
  get panelIframe(): Locator {
    return this.page.locator(PANEL_IFRAME);
  }

  button(name: string | RegExp): Locator {
    return this.panelRoot().getByRole('button', { name, exact: typeof name === 'string' });
  }

  /**
   * The primary actions the panel shows (応答/発信, 切断, 保留, 転送, パーク) that are not wholly
   * inside the panel's visible area, as the agent sees it without scrolling: none while the layout
   * holds. Measured against the utility bar's iframe, or the popped-out window.
   */
  async actionsOutOfView(): Promise<string[]> {
    const popout = this.popout;
    const size = popout?.viewportSize();
    const view = popout ? (size ? { x: 0, y: 0, ...size } : null) : await this.panelIframe.boundingBox();
    if (!view) throw new Error('the panel is not on screen');
    const out: string[] = [];
    for (const name of PRIMARY_ACTIONS) {
      const button = this.button(name);
      if ((await button.count()) === 0) continue;
      const box = await button.boundingBox();
      const inside =
        box !== null && box.y >= view.y && box.x >= view.x && box.y + box.height <= view.y + view.height && box.x + box.width <= view.x + view.width;
      if (!inside)
        out.push(`${name} ${box ? `at ${Math.round(box.x - view.x)},${Math.round(box.y - view.y)}` : 'not laid out'} of ${view.width}×${view.height}`);
    }
    return out;
  }

  /** The call section of the panel in a given state (ringing, dialing, talking, held, parking). */
  call(state: string): Locator {
    return this.panelRoot().locator(`section.call[data-state="${state}"]`);
  }

  /**
   * Clicks the utility's pop-out button (opening the utility first if it is minimised); resolves
   * with the new window once it shows the panel element and the utility holds its placeholder (the
   * utility panel closes on pop-out). The window's page errors land in `errors` too.
   */
  async popOut(): Promise<Page> {
    const button = this.page.getByTestId('popout');
    if (!(await button.isVisible())) await this.page.getByTestId('utility-item').click();
    const [popup] = await Promise.all([this.page.waitForEvent('popup'), button.click()]);
    popup.on('pageerror', (error) => this.errors.push(`popout: ${error.message}`));
    this.popped = popup;
    await popup.waitForURL(/\/apex\/BiztelSoftphone/);
    await popup.waitForFunction(() => customElements.get('biztel-softphone') !== undefined);
    await popup.locator('biztel-softphone').waitFor();
    await this.page.getByTestId('popout-placeholder').waitFor({ state: 'attached' });
    return popup;
  }

  /**
   * Clicks Pop in (opening the utility first if it is minimised): waits for the popped-out window
   * to close and the utility's iframe to be back.
   */
  async popIn(): Promise<void> {
    const popup = this.popout;
    const closed = popup ? popup.waitForEvent('close') : Promise.resolve();
    const button = this.page.getByTestId('popin');
    if (!(await button.isVisible())) await this.page.getByTestId('utility-item').click();
    await button.click();
    await closed;
    await this.docked();
  }

  /** Waits until the panel is back in the utility bar (after pop-in, or the agent closing the window). */
  async docked(): Promise<void> {
    await this.page.getByTestId('popout-placeholder').waitFor({ state: 'detached' });
    await this.panelIframe.waitFor({ state: 'attached' });
    this.popped = null;
  }

  async signIn(account: string, password: string, extension: string, options: SignInOptions = {}): Promise<void> {
    const p = this.panelRoot();
    await p.getByLabel('アカウント', { exact: true }).fill(account);
    await p.getByLabel('アカウントパスワード').fill(password);
    await p.getByLabel('サインイン端末').fill(extension);
    if (options.seatId) await p.getByLabel('座席ID').fill(options.seatId);
    if (options.status) await p.getByLabel('サインイン時のステータス').selectOption({ label: options.status });
    if (options.hardphone) await p.getByLabel('ハードフォンで利用する').check();
    await p.getByRole('button', { name: 'サインイン', exact: true }).click();
  }

  async waitIdle(): Promise<void> {
    await this.panelRoot().getByText('待機中').first().waitFor();
  }

  /** axe-core run inside the panel's document (popped out or not); returns `rule (count): where` per violation. */
  async axe(): Promise<string[]> {
    const frame = this.popout?.mainFrame() ?? this.page.frames().find((f) => f.url().includes('/apex/BiztelSoftphone'));
    if (!frame) throw new Error('panel frame not found');
    await frame.evaluate(axeSource);
    return frame.evaluate(async () => {
      type Violation = { id: string; nodes: { target: unknown[]; failureSummary?: string }[] };
      const w = window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: Violation[] }> } };
      const result = await w.axe.run(document.documentElement, {});
      // The first node's target and summary say where to look when the list is not empty.
      return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${JSON.stringify(v.nodes[0]?.target)} ${v.nodes[0]?.failureSummary ?? ''}`);
    });
  }

  async close(): Promise<void> {
    await this.popout?.close();
    await this.page.close();
  }
}

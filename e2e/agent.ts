/**
 * One agent in the browser: a dev host page with the softphone panel in its utility bar, and the
 * actions the e2e tests repeat (sign in, wait for a call state, run axe on the panel).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { LocalSystem } from '../server/src/local-system.js';
import type { Browser } from './browser.js';

const axeSource = readFileSync(join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface SignInOptions {
  readonly seatId?: string;
  readonly hardphone?: boolean;
  readonly status?: string;
}

export class Agent {
  readonly errors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  static async open(browser: Browser, system: LocalSystem, query = ''): Promise<Agent> {
    const agent = new Agent(await browser.newPage());
    await agent.page.goto(`${system.url}/${query}`);
    return agent;
  }

  /** The softphone panel inside the dev host's utility bar. */
  get panel(): FrameLocator {
    return this.page.frameLocator('iframe[title="BIZTEL Softphone"]');
  }

  button(name: string | RegExp): Locator {
    return this.panel.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** The call section of the panel in a given state (ringing, dialing, talking, held, parking). */
  call(state: string): Locator {
    return this.panel.locator(`section.call[data-state="${state}"]`);
  }

  async signIn(account: string, password: string, extension: string, options: SignInOptions = {}): Promise<void> {
    const p = this.panel;
    await p.getByLabel('アカウント', { exact: true }).fill(account);
    await p.getByLabel('アカウントパスワード').fill(password);
    await p.getByLabel('サインイン端末').fill(extension);
    if (options.seatId) await p.getByLabel('座席ID').fill(options.seatId);
    if (options.status) await p.getByLabel('サインイン時のステータス').selectOption({ label: options.status });
    if (options.hardphone) await p.getByLabel('ハードフォンで利用する').check();
    await p.getByRole('button', { name: 'サインイン', exact: true }).click();
  }

  async waitIdle(): Promise<void> {
    await this.panel.getByText('待機中').first().waitFor();
  }

  /** axe-core run inside the panel's document; returns `rule (count)` per violation. */
  async axe(): Promise<string[]> {
    const frame = this.page.frames().find((f) => f.url().includes('/apex/BiztelSoftphone'));
    if (!frame) throw new Error('panel frame not found');
    await frame.evaluate(axeSource);
    return frame.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } };
      const result = await w.axe.run(document.documentElement, {});
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

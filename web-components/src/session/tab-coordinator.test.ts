import { afterEach, describe, expect, it } from '@jest/globals';
import { TabCoordinator, type Ownership } from './tab-coordinator.js';
import { fakeBrowser } from '../testing/fake-browser.js';
import { settle } from '../testing/wait.js';

const SCOPE = '00D000000000001AAA/005000000000001AAA';

const opened: TabCoordinator[] = [];
afterEach(() => opened.splice(0).forEach((t) => t.dispose()));

function page(browser: ReturnType<typeof fakeBrowser> | (Omit<ReturnType<typeof fakeBrowser>, 'locks'> & { locks: null }), scope = SCOPE) {
  const seen: Ownership[] = [];
  const tabs = new TabCoordinator({ scope, apis: browser, heartbeatMs: 60_000 });
  opened.push(tabs);
  tabs.onChange((o) => seen.push(o));
  return { tabs, seen };
}

describe('TabCoordinator', () => {
  it('makes the first page the owner and the next one a follower', async () => {
    const browser = fakeBrowser();
    const first = page(browser);
    const second = page(browser);

    expect(await first.tabs.start()).toBe('alone');
    expect(await second.tabs.start()).toBe('other');
    await settle();

    expect(first.tabs.ownership).toBe('this');
    expect(second.tabs.ownership).toBe('other');
  });

  it('hands the ownership to the waiting page when the owner page goes away', async () => {
    const browser = fakeBrowser();
    const first = page(browser);
    const second = page(browser);
    await first.tabs.start();
    await second.tabs.start();
    await settle();

    first.tabs.dispose();
    await settle();

    expect(second.tabs.ownership).toBe('alone');
    expect(second.seen).toContain('alone');
  });

  it('with three pages, exactly one owns at any time while owners close one by one', async () => {
    const browser = fakeBrowser();
    const pages = [page(browser), page(browser), page(browser)];
    for (const p of pages) await p.tabs.start();
    await settle();

    let open = [...pages];
    for (let remaining = 3; remaining > 0; remaining -= 1) {
      const owners = open.filter((p) => p.tabs.ownership !== 'other');
      expect(owners).toHaveLength(1);
      owners[0]!.tabs.dispose();
      open = open.filter((p) => p !== owners[0]);
      await settle();
    }
  });

  it('keeps the pages of different Salesforce users apart', async () => {
    const browser = fakeBrowser();
    const userA = page(browser);
    const userB = page(browser, '00D000000000001AAA/005000000000002AAA');

    expect(await userA.tabs.start()).toBe('alone');
    expect(await userB.tabs.start()).toBe('alone');
  });

  it('tells the other pages that the user signed in, without any secret', async () => {
    const browser = fakeBrowser();
    const first = page(browser);
    const second = page(browser);
    await first.tabs.start();
    await second.tabs.start();
    let heard = 0;
    second.tabs.onSignedIn(() => (heard += 1));

    first.tabs.announceSignedIn();
    await settle();

    expect(heard).toBe(1);
    expect(
      browser.hub.posted.every(
        (m) =>
          Object.keys(m as object)
            .sort()
            .join() === 'id,type',
      ),
    ).toBe(true);
  });

  it('ignores malformed channel messages', async () => {
    const browser = fakeBrowser();
    const first = page(browser);
    await first.tabs.start();
    const rogue = browser.hub.open(`biztel.tabs.${SCOPE}`);

    rogue.postMessage({ type: 'here', id: 'x'.repeat(1000) });
    rogue.postMessage({ type: '__proto__', id: 'a' });
    rogue.postMessage('here');
    await settle();

    expect(first.tabs.ownership).toBe('alone');
  });

  it('without Web Locks every page is on its own (owner)', async () => {
    const browser = { ...fakeBrowser(), locks: null };
    const a = page(browser);
    const b = page(browser);

    await a.tabs.start();
    await b.tabs.start();

    expect(a.tabs.ownership).not.toBe('other');
    expect(b.tabs.ownership).not.toBe('other');
  });
});

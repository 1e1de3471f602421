/**
 * One Salesforce user, several pages: a reload, a pop-out and a second tab each load a new panel.
 * The session comes back without the password, and the side effects of a call — screen pop, Task,
 * LMS publishing — happen exactly once, on the page that owns them.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { SoftphoneApp } from './softphone-app.js';
import { openApp } from '../testing/app-host.js';
import { settle, until } from '../testing/wait.js';
import { fakeServices, type FakeServices } from '../testing/fake-services.js';
import { ringingCall, snapshotFixture, talkingCall, SERVER_TIME } from '../testing/fixtures.js';
import { fakeBrowser, sharedStore } from '../testing/fake-browser.js';
import type { KeyValueStore } from '../core/key-value-store.js';
import { ResumeStore } from '../session/resume-store.js';
import { TabCoordinator } from '../session/tab-coordinator.js';
import type { Snapshot } from '@biztel/protocol';
import { logText } from '../core/operation-log-text.js';

const USER = '00D000000000001EAA/005000000000001AAA';
const OTHER_USER = '00D000000000001EAA/005000000000002AAA';
const FORM = { account: 'yamada.taro', password: 'secret-pass', extension: '1001', seatId: '', initialStatusId: 'available', hardphone: false };
const TOKEN_1 = `sign-in-token-${'a'.repeat(40)}`;
const TOKEN_2 = `resumed-token-${'b'.repeat(40)}`;
const RECORD = { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' };

interface Page {
  app: SoftphoneApp;
  services: FakeServices;
  close(): void;
}

const pages: Page[] = [];
afterEach(() => pages.splice(0).forEach((p) => p.close()));

/** A panel page of `scope` in a browser whose storage and locks it shares with other pages. */
async function openPage(browser: { store: KeyValueStore; apis: ReturnType<typeof fakeBrowser> }, scope = USER): Promise<Page> {
  const base = fakeServices();
  const tabs = new TabCoordinator({ scope, apis: browser.apis, heartbeatMs: 60_000 });
  const services: FakeServices = {
    ...base,
    store: browser.store,
    resume: new ResumeStore(browser.store, scope, browser.apis.locks),
    tabs,
    userScope: scope,
  };
  services.server.signInReply = { ok: true, snapshot: snapshotFixture(), resumeToken: TOKEN_1 };
  services.host.searchResults = [RECORD];
  const { app, close } = openApp(services);
  const page = { app, services, close };
  pages.push(page);
  await until(() => app.store.state.phase === 'signedOut' || app.store.state.phase === 'signedIn');
  return page;
}

function browser() {
  const apis = fakeBrowser();
  return { store: sharedStore(apis), apis };
}

function push(page: Page, snapshot: Snapshot): void {
  page.services.server.push(snapshot);
}

/** Whether the owner page followed `callId` into this user's call journal (as open). */
function openInJournal(page: Page, callId: string): boolean {
  return page.app.signedIn.parts?.calls.journal?.openCalls(SERVER_TIME).some((c) => c.id === callId) ?? false;
}

describe('reload, pop-out and another tab of the same user', () => {
  it('a reloaded page takes the session back with the stored token, never the password', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    first.close();

    const reloaded = await openPage(b);

    expect(reloaded.app.store.state.phase).toBe('signedIn');
    expect(reloaded.services.server.argsOf('resume')).toEqual([TOKEN_1]);
    expect(reloaded.services.server.argsOf('signIn')).toEqual([]);
    expect(JSON.stringify([...b.store.data.values()])).not.toContain('secret-pass');
    // 診断 says the agent is signed in (by the taken-back session), not that sign-in never ran.
    expect(reloaded.app.diagnostics.info().initChecks.find((c) => c.name === 'signIn')).toMatchObject({ ok: true });
  });

  it('spends each token once: the next page uses the token the previous resume handed out', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    first.close();
    const rotating = fakeServices();
    rotating.server.resumeReply = { ok: true, snapshot: snapshotFixture({ revision: 7 }), resumeToken: TOKEN_2 };
    const second = await openPageWith(b, rotating);
    second.close();

    const third = await openPage(b);

    expect(second.services.server.argsOf('resume')).toEqual([TOKEN_1]);
    expect(third.services.server.argsOf('resume')).toEqual([TOKEN_2]);
    expect(third.app.store.state.phase).toBe('signedIn');
  });

  it('another Salesforce user on the same browser gets the sign-in form', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);

    const other = await openPage(b, OTHER_USER);

    expect(other.app.store.state.phase).toBe('signedOut');
    expect(other.services.server.argsOf('resume')).toEqual([]);
  });

  it('after sign-out a new page asks for the password again', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    await first.app.session.signOut();
    first.close();

    const next = await openPage(b);

    expect(next.app.store.state.phase).toBe('signedOut');
    expect(next.services.server.argsOf('resume')).toEqual([]);
  });

  it('a stored token the server no longer knows leads to the sign-in form and is forgotten', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    first.close();
    const base = fakeServices();
    base.server.resumeReply = { ok: false, code: 'SESSION_EXPIRED' };

    const next = await openPageWith(b, base);

    expect(next.app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: null } });
    expect(new ResumeStore(b.store, USER, null).read()).toBeNull();
  });

  it('a call ringing across a reload pops once; one that rang during the reload pops on the new page', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    push(first, snapshotFixture({ revision: 2, calls: [ringingCall({ id: 'c1' })] }));
    await until(() => first.services.host.count('searchAndPop') === 1);
    first.close();

    const base = fakeServices();
    base.server.resumeReply = { ok: true, snapshot: snapshotFixture({ revision: 3, calls: [ringingCall({ id: 'c1' })] }) };
    const reloaded = await openPageWith(b, base);
    await until(
      () => reloaded.app.store.state.phase === 'signedIn' && reloaded.app.store.state.lookups['c1']?.status === 'found',
      'the records found before the reload',
    );
    await settle();

    expect(reloaded.services.host.count('searchAndPop')).toBe(0);
    expect(reloaded.app.store.state).toMatchObject({ phase: 'signedIn', lookups: { c1: { status: 'found', records: [RECORD] } } });

    push(reloaded, snapshotFixture({ revision: 4, calls: [ringingCall({ id: 'c1' }), ringingCall({ id: 'c2', remoteNumber: '0398765432' })] }));
    await until(() => reloaded.services.host.count('searchAndPop') === 1);
    expect(reloaded.services.host.argsOf('searchAndPop')).toEqual([{ number: '0398765432', direction: 'inbound' }]);
  });

  it('a call that ended while the page reloaded still gets exactly one Task', async () => {
    const b = browser();
    const first = await openPage(b);
    await first.app.session.signIn(FORM);
    push(first, snapshotFixture({ revision: 2, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => openInJournal(first, 'c1'), 'c1 open in the journal');
    first.close();

    const base = fakeServices();
    base.server.resumeReply = { ok: true, snapshot: snapshotFixture({ revision: 5, serverTime: SERVER_TIME + 30_000, calls: [] }), resumeToken: TOKEN_2 };
    const reloaded = await openPageWith(b, base);
    await until(() => reloaded.services.host.count('saveLog') === 1);
    reloaded.close();
    // The next page takes the session back too, with the same journal and Task queue.
    const again = await openPageWith(b, fakeServices());
    await until(() => again.app.signedIn.parts !== null, 'the signed-in controllers of the next page');
    await settle();

    expect(again.app.store.state.phase).toBe('signedIn');
    expect(first.services.host.count('saveLog')).toBe(0);
    expect(again.services.host.count('saveLog')).toBe(0);
    expect(reloaded.services.host.argsOf('saveLog')[0]).toMatchObject({ CallObject: 'c1', CallDurationInSeconds: 95 });
  });
});

describe('several tabs: one owner', () => {
  async function twoTabs() {
    const b = browser();
    const owner = await openPage(b);
    await owner.app.session.signIn(FORM);
    const follower = await openPageWith(b, fakeServices());
    await until(() => follower.app.store.state.phase === 'signedIn');
    await until(() => owner.app.tabs.ownership === 'this');
    return { b, owner, follower };
  }

  it('only the owner pops and logs; the other tab shows the same call and what was found, and publishes it to its own tab’s components', async () => {
    const { owner, follower } = await twoTabs();
    const publishedBefore = follower.services.host.count('publishCallState');
    expect(follower.app.tabs.ownership).toBe('other');

    for (const page of [owner, follower]) push(page, snapshotFixture({ revision: 2, calls: [ringingCall({ id: 'c1' })] }));
    await until(() => owner.services.host.count('searchAndPop') === 1);
    for (const page of [owner, follower]) push(page, snapshotFixture({ revision: 3, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => follower.app.store.state.phase === 'signedIn' && 'c1' in follower.app.store.state.lookups);
    expect(follower.app.store.state).toMatchObject({ lookups: { c1: { status: 'found', records: [RECORD] } } });
    for (const page of [owner, follower]) push(page, snapshotFixture({ revision: 4, serverTime: SERVER_TIME + 10_000, calls: [] }));
    await until(() => owner.services.host.count('saveLog') === 1);

    expect(follower.services.host.count('searchAndPop')).toBe(0);
    expect(follower.services.host.count('saveLog')).toBe(0);
    // A message channel reaches only its own browser tab: a record page there needs the call too.
    expect(follower.services.host.published.slice(publishedBefore).map((m) => m.state)).toEqual(['ringing', 'talking', 'idle']);
  });

  it('when the owner tab closes mid-call, the other tab takes over and logs the call once', async () => {
    const { owner, follower } = await twoTabs();
    for (const page of [owner, follower]) push(page, snapshotFixture({ revision: 2, calls: [talkingCall({ id: 'c1' })] }));
    await until(() => openInJournal(owner, 'c1'), 'c1 open in the journal');

    owner.close();
    await until(() => follower.app.tabs.ownership !== 'other');
    push(follower, snapshotFixture({ revision: 3, serverTime: SERVER_TIME + 20_000, calls: [] }));
    await until(() => follower.services.host.count('saveLog') === 1);

    expect(owner.services.host.count('saveLog')).toBe(0);
    expect(follower.services.host.count('publishCallState')).toBeGreaterThan(0);
  });

  it('a tab showing the sign-in form follows a sign-in made in another tab', async () => {
    const b = browser();
    const waiting = await openPage(b);
    const other = await openPageWith(b, fakeServices());
    expect(waiting.app.store.state.phase).toBe('signedOut');

    await other.app.session.signIn(FORM);

    await until(() => waiting.app.store.state.phase === 'signedIn');
    expect(waiting.services.server.argsOf('signIn')).toEqual([]);
  });

  it('signing out in one tab signs the others out, saying why', async () => {
    const { follower } = await twoTabs();

    follower.services.server.endSession();

    expect(follower.app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: 'signedOutElsewhere' } });
  });
});

describe('reconnecting', () => {
  it('when the server no longer knows the session, the agent is asked to sign in again (not to reload)', async () => {
    const b = browser();
    const page = await openPage(b);
    await page.app.session.signIn(FORM);
    page.services.server.emitConnection({ kind: 'lost', reason: 'server restarting' });
    page.services.server.resumeReply = { ok: false, code: 'SESSION_EXPIRED' };

    page.services.server.emitConnection({ kind: 'restored' });
    await until(() => page.app.store.state.phase !== 'signedIn');

    expect(page.app.store.state).toMatchObject({ phase: 'signedOut', step: { kind: 'form', error: 'sessionExpired' }, form: { account: 'yamada.taro' } });
  });

  it('after each reconnect the next token is stored for the next page', async () => {
    const b = browser();
    const page = await openPage(b);
    await page.app.session.signIn(FORM);
    page.services.server.resumeReply = { ok: true, snapshot: snapshotFixture({ revision: 9 }), resumeToken: TOKEN_2 };

    page.services.server.emitConnection({ kind: 'lost', reason: 'transport close' });
    page.services.server.emitConnection({ kind: 'restored' });
    await until(() => page.services.server.argsOf('resume').length === 1);
    await until(() => page.app.store.state.phase === 'signedIn' && page.app.store.state.connection.kind === 'online', 'the session resumed');

    expect(page.services.server.argsOf('resume')).toEqual([TOKEN_1]);
    expect(new ResumeStore(b.store, USER, null).read()).toBe(TOKEN_2);
  });
});

describe('diagnostics and the operation log', () => {
  it('reports the start-up checks, the agent and the latency, and never logs the password or a token', async () => {
    const b = browser();
    const page = await openPage(b);
    await page.app.session.signIn(FORM);
    await until(() => page.app.diagnostics.info().latencyMs !== null, 'the first latency measurement');
    await until(() => page.app.diagnostics.info().initChecks.at(-1)?.ok !== null, 'the call log check');

    const info = page.app.diagnostics.info();
    const logged = logText(page.app.diagnostics.operationLog);

    expect(info).toMatchObject({ connection: 'connected', agent: 'yamada.taro@1001', latencyMs: 12, ownership: 'alone' });
    expect(info.initChecks.map((c) => [c.name, c.ok])).toEqual([
      ['opencti', true],
      ['settings', true],
      ['eventServer', true],
      ['signIn', true],
      ['callLog', true],
    ]);
    expect(logged).toContain('signIn');
    expect(logged).not.toContain('secret-pass');
    expect(logged).not.toContain(TOKEN_1);
  });
});

/** Like openPage, with prepared fake services (e.g. a scripted resume reply). */
async function openPageWith(b: { store: KeyValueStore; apis: ReturnType<typeof fakeBrowser> }, base: FakeServices, scope = USER): Promise<Page> {
  const services: FakeServices = {
    ...base,
    store: b.store,
    resume: new ResumeStore(b.store, scope, b.apis.locks),
    tabs: new TabCoordinator({ scope, apis: b.apis, heartbeatMs: 60_000 }),
    userScope: scope,
  };
  if (!('resumeToken' in services.server.signInReply)) services.server.signInReply = { ok: true, snapshot: snapshotFixture(), resumeToken: TOKEN_1 };
  if (services.host.searchResults.length === 0) services.host.searchResults = [RECORD];
  const { app, close } = openApp(services);
  const page = { app, services, close };
  pages.push(page);
  await until(() => app.store.state.phase === 'signedOut' || app.store.state.phase === 'signedIn');
  return page;
}

describe('reconnect attempts', () => {
  it('shows the attempt under way and forgets it once the connection is back', async () => {
    const page = await openPage(browser());
    await page.app.session.signIn(FORM);
    page.services.server.emitConnection({ kind: 'lost', reason: 'transport close' });

    page.services.server.emitConnection({ kind: 'retrying', attempt: 2, of: 20 });
    expect(page.app.store.state).toMatchObject({ phase: 'signedIn', connection: { kind: 'reconnecting', attempt: { attempt: 2, of: 20 } } });

    page.services.server.emitConnection({ kind: 'restored' });
    await until(() => page.app.store.state.phase === 'signedIn' && page.app.store.state.connection.kind === 'online');
    expect(page.app.store.state).toMatchObject({ connection: { kind: 'online' } });
  });
});

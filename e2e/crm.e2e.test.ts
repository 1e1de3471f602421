/**
 * End to end in real Chromium: the panel as a Lightning citizen on the dev host — inbound and
 * outbound screen pop, the info area, click-to-dial from a record, the utility item's label.
 */
import { describe, expect, it } from '@jest/globals';
import type { LocalSystem } from '../server/src/local-system.js';
import { withOneAgentPerTest, withoutAutoAnswer } from './suite.js';
import { sleep, until } from '@biztel/testing';
import { Agent } from './agent.js';
import type { Browser } from './browser.js';

let system: LocalSystem;
let browser: Browser;
let agent: Agent;

withOneAgentPerTest(
  { autoAnswerMs: 500, transferDialPauseMs: 1500 },
  (s, b) => {
    system = s;
    browser = b;
  },
  () => agent,
);

async function signedIn(): Promise<Agent> {
  agent = await Agent.open(browser, system);
  await agent.signIn('agent01', system.demo.password, '1001');
  await agent.waitIdle();
  return agent;
}

const YAMADA = '0035g00000TkYqAAAV';

describe('the phone search strategy, in an org whose search escapes OR, + and - (?search=literal)', () => {
  const SUZUKI = '鈴木 一郎'; // stored as +81 6-6987-6543

  async function signedInOn(query: string): Promise<Agent> {
    agent = await Agent.open(browser, system, query);
    await agent.signIn('agent01', system.demo.password, '1001');
    await agent.waitIdle();
    return agent;
  }

  it('each (the default) finds a caller stored in another notation and pops them; 診断 says how it searched', async () => {
    const a = await signedInOn('?search=literal');
    system.simulator.pbx.inbound('1001', '0669876543');

    await a.page.getByTestId('current-record-name').getByText(SUZUKI).waitFor();
    await a.button('診断').click();
    const search = a.panelRoot().locator('biztel-diagnostics .search li');
    await until(async () => (await search.count()) === 5, 'the phone search in 診断');
    expect((await search.allTextContents()).map((t) => t.trim())).toEqual([
      'each · 合計 1 件 · ポップしました',
      '0669876543 → 0 件',
      '06-6987-6543 → 0 件',
      '+81669876543 → 1 件',
      '+81 6-6987-6543 → 1 件',
    ]);
    // What the admin copies into the event server's ALLOWED_ORIGINS: the panel page's own origin.
    const origin = a.panelRoot().locator('biztel-diagnostics dl > div').filter({ hasText: 'このページのオリジン' }).locator('dd');
    expect(await origin.textContent()).toBe(new URL(system.url).origin);
  });

  it('notations there finds nobody: the caller gets a new Contact form (why it is not the default)', async () => {
    const a = await signedInOn('?search=literal&phoneSearch=notations');
    system.simulator.pbx.inbound('1001', '0669876543');

    await a.page.getByTestId('new-record-modal').waitFor();
    expect(await a.page.getByTestId('current-record').count()).toBe(0);
  });
});

describe('screen pop (seed 001 §4, §6)', () => {
  it('pops the caller’s record and lists it in the info area', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', '09012345678');

    await a.page.getByTestId('current-record-name').getByText('山田 太郎').waitFor();
    await a
      .call('ringing')
      .getByRole('button', { name: /山田 太郎/ })
      .waitFor();
    expect(await a.axe()).toEqual([]);
  });

  it('shows every record stored under any notation of the number, and opens the one the agent picks', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', '0312345678');

    await a.page.getByTestId('search-results').waitFor();
    const records = a.call('ringing').getByRole('list', { name: 'Salesforceの情報' }).getByRole('button');
    await records.first().waitFor();
    expect((await records.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).sort()).toEqual(
      ['山田 太郎 取引先責任者', '株式会社サンプル商事 取引先'].sort(),
    );

    await a
      .call('ringing')
      .getByRole('button', { name: /株式会社サンプル商事/ })
      .click();
    await a.page.getByTestId('current-record-name').getByText('株式会社サンプル商事').waitFor();
  });

  it('offers a new record for an unknown caller, with the number prefilled', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', '0471112222');

    await a.page.getByTestId('new-record-modal').waitFor();
    expect(await a.page.getByTestId('new-record-Phone').textContent()).toContain('0471112222');
    await a.call('ringing').getByText('該当するレコードはありません').waitFor();
  });

  it('does not search for an anonymous caller', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', 'anonymous');
    await a.call('ringing').getByText('非通知').waitFor();
    await sleep(300); // a window for a search that must not start
    expect(await a.panel.getByText('Salesforceを検索中…').count()).toBe(0);
    expect(await a.page.getByTestId('new-record-modal').count()).toBe(0);
  });

  it('looks up the dialled number of an outbound call (3.5.10+) without leaving the agent’s page', async () => {
    const a = await signedIn();
    await a.panel.getByLabel('電話番号入力欄').fill('06-6987-6543');
    await a.panel.getByLabel('電話番号入力欄').press('Enter');

    await a.panel.getByRole('button', { name: /鈴木 一郎/ }).waitFor();
    expect(await a.page.getByTestId('current-record').count()).toBe(0);
  });
});

describe('click-to-dial and the utility item', () => {
  it('dials a phone link clicked on a record once signed in; links are disabled before', async () => {
    agent = await Agent.open(browser, system);
    await agent.panel.getByLabel('アカウント', { exact: true }).waitFor();
    expect(await agent.page.getByTestId(`c2d-${YAMADA}`).first().getAttribute('title')).toBe('Click to dial disabled');

    await agent.signIn('agent01', system.demo.password, '1001');
    await agent.waitIdle();
    await until(async () => (await agent.page.getByRole('button', { name: /03-1234-5678/ }).count()) > 0);
    await withoutAutoAnswer(system, async () => {
      await agent.page
        .getByRole('button', { name: /03-1234-5678/ })
        .first()
        .click();

      await agent.call('dialing').getByText('0312345678').waitFor();
      expect(system.simulator.pbx.callsOf('1001')[0]?.remoteNumber).toBe('0312345678');
    });
  });

  it('shows the call state and timer in the utility item so a minimised panel still informs', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', '0471112223');
    await a.button('応答').click();
    await a.call('talking').waitFor();

    await until(
      async () => /通話中 (?!00:00)\d\d:\d\d/.test((await a.page.getByTestId('utility-item').textContent()) ?? ''),
      'the utility item to show a running timer',
    );
    expect(await a.page.getByTestId('utility-item').getAttribute('data-icon')).toBe('call');
  });

  it('answers a record page component that opens mid-call with the live call, within one round trip', async () => {
    const a = await signedIn();
    system.simulator.pbx.inbound('1001', '0471112224');
    await a.button('応答').click();
    await a.call('talking').waitFor();
    const count = async () => Number(await a.page.getByTestId('lms-count').textContent());
    await until(async () => (await a.page.getByTestId('lms-last').textContent())?.includes('"talking"') ?? false, 'the talking call published');
    const before = await count();

    // (Under the open utility panel on this page size: clicked as a script would.)
    await a.page.getByTestId('lms-request').dispatchEvent('click');

    await until(async () => (await count()) === before + 1, 'the live call published again');
    expect(JSON.parse((await a.page.getByTestId('lms-last').textContent()) ?? '{}')).toMatchObject({
      v: 1,
      state: 'talking',
      number: '0471112224',
      clockOffsetMs: expect.any(Number),
    });
  });
});

describe('call logging', () => {
  it('saves exactly one Task per call, even when the first save fails', async () => {
    const a = await signedIn();
    await a.page.getByTestId('fail-next-savelog').click();
    system.simulator.pbx.inbound('1001', '09012345678');
    await a.button('応答').click();
    await a.call('talking').waitFor();
    const callId = system.simulator.pbx.callsOf('1001')[0]!.id;
    await a.button('切断').click();
    await a.waitIdle();

    await a.panel.getByText(/通話記録の保存待ち: 1件/).waitFor();
    await a.page.getByTestId(`task-${callId}`).waitFor();
    await until(async () => (await a.panel.getByText(/通話記録の保存待ち/).count()) === 0);
    expect(await a.page.getByTestId(`task-${callId}`).count()).toBe(1);
    expect(await a.page.getByTestId(`task-${callId}`).textContent()).toMatch(/着信 09012345678 · Inbound/);
    expect(await a.page.getByTestId(`task-${callId}`).textContent()).toContain(YAMADA);
  });
});

describe('screen transfer (画面転送, seed 001 §9)', () => {
  it('sends the record the agent is viewing to the colleague who takes the call; they open it from the link', async () => {
    const a = await signedIn();
    const b = await Agent.open(browser, system);
    try {
      await b.signIn('agent02', system.demo.password, '1002');
      await b.waitIdle();

      system.simulator.pbx.inbound('1001', '0471113333');
      await a.button('応答').click();
      await a.call('talking').waitFor();
      // During the call the agent looks up the customer's record; that is the screen that travels.
      await a.page.getByTestId(`record-${YAMADA}`).click();
      await a.page.getByTestId('current-record-name').getByText('山田 太郎').waitFor();
      // The note is folded under its summary until the agent opens it.
      await a.panel.getByText('画面転送メモ (任意)').click();
      await a.panel.getByLabel('画面転送メモ (任意)').fill('住所変更の件');
      await a.panel.getByLabel('画面転送メモ (任意)').press('Tab');
      // What travels is what the server holds when the transfer starts: an agent reads and types
      // for seconds, a test in milliseconds, so wait until the server has answered the note.
      await until(() => a.answered.some((m) => m.includes('住所変更の件')), { what: 'the server to take the screen note' });

      // Keys typed during a call go to the call as DTMF: `#` + target is the blind transfer.
      await a.panel.getByLabel('電話番号入力欄').pressSequentially('#1002');

      const ringing = b.call('ringing');
      await ringing.getByText('画面転送: 山田 花子 (1001)').waitFor();
      await ringing.getByText('メモ: 住所変更の件').waitFor();
      expect(await b.axe()).toEqual([]);
      await ringing.getByRole('button', { name: /0471113333 \(山田 太郎\) を表示/ }).click();
      await b.page.getByTestId('current-record-name').getByText('山田 太郎').waitFor();
    } finally {
      expect(b.errors).toEqual([]);
      await b.close();
    }
  });
});

describe('screen pop-up URL rules (seed 000 §2.2)', () => {
  it('opens the admin’s URL for 着信応答 with the caller’s number filled in', async () => {
    const template = '/lightning/o/Case/new?tel={TEL}&ext={EXT}&id={ID}';
    agent = await Agent.open(browser, system, `?popup.incomingAnswered=${encodeURIComponent(template)}`);
    await agent.signIn('agent01', system.demo.password, '1001');
    await agent.waitIdle();
    system.simulator.pbx.inbound('1001', '+81 47-111-4444');
    await agent.call('ringing').waitFor();
    expect(await agent.page.getByTestId('url-pop').count()).toBe(0);

    await agent.button('応答').click();

    const callId = system.simulator.pbx.callsOf('1001')[0]!.id;
    await agent.page.getByTestId('url-pop-url').waitFor();
    expect(await agent.page.getByTestId('url-pop-url').textContent()).toBe(
      `/lightning/o/Case/new?tel=%2B81%2047-111-4444&ext=1001&id=${encodeURIComponent(callId)}`,
    );
  });
});

describe('dial requests from a record page component (Lightning Message Service)', () => {
  it('dials when the biztelLiveCall component asks for the record’s number', async () => {
    const a = await signedIn();
    await a.page.getByTestId(`record-${YAMADA}`).click();
    await withoutAutoAnswer(system, async () => {
      await a.page.getByTestId('lwc-dial').click();
      await a.call('dialing').getByText('0312345678').waitFor();
    });
  });
});

/**
 * Integration: `directory:list` (panel protocol 5) — a signed-in agent's transfer targets: the
 * tenant's other extensions with who is signed in on each, and its ring groups. Never another
 * tenant's, never without a session, and not as often as a client likes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SocketTransport } from '@biztel/web-components/transport/socket-transport';
import { demoDirectory, type Directory } from './config/directory.js';
import { MAX_DIRECTORY_PER_MINUTE } from './event-server/directory.js';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { TEST_PANEL_ORIGIN, signedInProbe } from './testing/panel-probe.js';

const demo = demoDirectory.tenants[0]!;
/** The demo tenant and another company on the same server, signing in with the demo password. */
const twoTenants: Directory = {
  ...demoDirectory,
  tenants: [
    demo,
    {
      ...demo,
      id: 'other',
      name: 'Other company',
      accounts: [{ ...demo.accounts[0]!, account: 'other01', name: '他社 太郎' }],
      extensions: ['5001', '5002'],
      ringGroups: [{ extension: '5900', name: '他社グループ', members: ['5001', '5002'] }],
      distribution: {},
    },
  ],
};

let system: LocalSystem;
beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent', directory: twoTenants });
});
afterAll(async () => {
  await system.stop();
});

describe('directory:list', () => {
  it('lists the tenant’s other extensions with who is signed in, and its ring groups — not the agent’s own, not another tenant’s', async () => {
    const agent01 = await signedInProbe(system, 'agent01', '1001');
    const agent02 = await signedInProbe(system, 'agent02', '1002', { initialStatusId: 'break' });
    const other = await signedInProbe(system, 'other01', '5001');
    try {
      expect(await agent01.transport.directory()).toEqual({
        ok: true,
        entries: [
          { kind: 'extension', extension: '1002', agent: { account: 'agent02', name: '佐藤 太郎', statusId: 'break' } },
          { kind: 'extension', extension: '1003' },
          { kind: 'ringGroup', extension: '2000', name: 'サポートグループ' },
        ],
      });
      expect(await other.transport.directory()).toEqual({
        ok: true,
        entries: [
          { kind: 'extension', extension: '5002' },
          { kind: 'ringGroup', extension: '5900', name: '他社グループ' },
        ],
      });
    } finally {
      for (const p of [agent01, agent02, other]) {
        await p.transport.send('signOut');
        p.close();
      }
    }
  });

  it('refuses a panel that is not signed in (attack)', async () => {
    const panel = new SocketTransport({ logger: { debug() {}, info() {}, warn() {}, error() {} }, extraHeaders: { origin: TEST_PANEL_ORIGIN } });
    try {
      await panel.connect(system.eventServerUrl);
      expect(await panel.directory()).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
    } finally {
      panel.close();
    }
  });

  it('answers at most MAX_DIRECTORY_PER_MINUTE requests a minute on one connection (attack: each reads every line)', async () => {
    const probe = await signedInProbe(system, 'agent03', '1003');
    try {
      const replies = [];
      for (let i = 0; i <= MAX_DIRECTORY_PER_MINUTE; i += 1) replies.push(await probe.transport.directory());
      expect(replies.slice(0, MAX_DIRECTORY_PER_MINUTE).every((r) => r.ok)).toBe(true);
      expect(replies.at(-1)).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    } finally {
      await probe.transport.send('signOut');
      probe.close();
    }
  });
});

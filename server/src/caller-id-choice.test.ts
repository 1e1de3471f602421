/**
 * Integration: the caller ID an agent chose is kept with the session on the server (panel protocol
 * 4, `agent:setCallerId`): every page of the agent shows it, a reload keeps it, a new sign-in starts
 * without it — and nobody can set one the account may not use, or set it for another agent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@biztel/protocol';
import type { LocalSystem } from './local-system.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, joinedProbe, signedInProbe } from './testing/panel-probe.js';

let system: LocalSystem;
const probes: PanelProbe[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
});
afterAll(async () => {
  await system.stop();
});
afterEach(async () => {
  // Signed out, so the next test's agents find their lines free (a displaced panel's is refused: no matter).
  await Promise.all(probes.map((p) => p.transport.send('signOut')));
  for (const p of probes.splice(0)) p.close();
  system.simulator.pbx.reset();
});

const kept = <P extends PanelProbe>(probe: P): P => {
  probes.push(probe);
  return probe;
};
const choiceIs = (choice: Snapshot['callerIdChoice']) => (s: Snapshot) => JSON.stringify(s.callerIdChoice) === JSON.stringify(choice);
const SALES = { kind: 'window', id: 'sales' } as const;

describe('the caller ID chosen for the session (agent:setCallerId)', () => {
  it('shows every page of the agent the choice, and a page opened later too', async () => {
    const first = kept(await signedInProbe(system, 'agent01', '1001'));
    const second = kept(await joinedProbe(system, first));
    expect((await first.next(() => true)).callerIdChoice).toBeUndefined();

    expect(await first.transport.send('setCallerId', SALES)).toEqual({ ok: true });

    await first.next(choiceIs(SALES));
    await second.next(choiceIs(SALES));
    // A reload or a pop-out: a new connection resuming the session gets it with the session.
    const token = await second.transport.sessionToken();
    const reloaded = kept(new PanelProbe());
    await reloaded.transport.connect(system.eventServerUrl);
    const resumed = await reloaded.transport.resume(token.ok ? token.token : '');
    expect(resumed.ok && resumed.snapshot.callerIdChoice).toEqual(SALES);
  });

  it('presents the session’s choice on a dial that names none (click-to-dial, a record page’s button)', async () => {
    const probe = kept(await signedInProbe(system, 'agent01', '1001'));
    await probe.transport.send('setCallerId', SALES);
    await probe.next(choiceIs(SALES));

    expect(await probe.transport.send('dial', '0312349999')).toEqual({ ok: true });

    await probe.next((s) => s.calls.some((c) => c.state === 'dialing'));
    expect(system.simulator.pbx.callsOf('1001')[0]?.callerIdNumber).toBe('0312345002');
  });

  it('goes back to 指定なし with null', async () => {
    const probe = kept(await signedInProbe(system, 'agent01', '1001'));
    await probe.transport.send('setCallerId', { kind: 'number', number: '0120123456' });
    await probe.next(choiceIs({ kind: 'number', number: '0120123456' }));

    expect(await probe.transport.send('setCallerId', null)).toEqual({ ok: true });

    await probe.next(choiceIs(undefined));
  });

  it('starts a new sign-in without the last session’s choice', async () => {
    const before = kept(await signedInProbe(system, 'agent01', '1001'));
    await before.transport.send('setCallerId', SALES);
    await before.next(choiceIs(SALES));
    await before.transport.send('signOut');

    const after = kept(await signedInProbe(system, 'agent01', '1001'));
    expect((await after.next(() => true)).callerIdChoice).toBeUndefined();
  });
});

describe('attacks on the caller-ID choice', () => {
  it('refuses a caller ID the administrator did not give the account, and keeps the one it had', async () => {
    // agent03 may present the support window only (windowsOnly, restricted).
    const probe = kept(await signedInProbe(system, 'agent03', '1003'));
    await probe.transport.send('setCallerId', { kind: 'window', id: 'support' });
    const chosen = await probe.next(choiceIs({ kind: 'window', id: 'support' }));

    expect(await probe.transport.send('setCallerId', SALES)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(await probe.transport.send('setCallerId', { kind: 'number', number: '0120123456' })).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });

    // Nothing moved: a ping's round trip later, still the same snapshot and choice.
    await probe.transport.ping();
    expect(probe.latest?.revision).toBe(chosen.revision);
    expect(probe.latest?.callerIdChoice).toEqual({ kind: 'window', id: 'support' });
  });

  it('lets a panel whose line was taken over set nothing for the agent who took it', async () => {
    const displaced = kept(await signedInProbe(system, 'agent01', '1001'));
    const taker = kept(await signedInProbe(system, 'agent02', '1001', { overwriteLine: true }));
    const before = await taker.next(() => true);

    expect(await displaced.transport.send('setCallerId', SALES)).toMatchObject({ ok: false });

    await taker.transport.ping();
    expect(taker.latest?.revision).toBe(before.revision);
    expect(taker.latest?.callerIdChoice).toBeUndefined();
  });

  it('refuses a malformed choice as INVALID_PAYLOAD', async () => {
    const probe = kept(await signedInProbe(system, 'agent01', '1001'));
    const raw = probe.transport as unknown as { send(command: string, ...args: unknown[]): Promise<unknown> };

    for (const bad of [{ kind: 'number', number: '03-1234' }, { kind: 'window', id: '../x' }, { kind: 'fax', number: '1' }, 'sales']) {
      expect(await raw.send('setCallerId', bad)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    }
  });
});

/**
 * Attacks on who owns a line, on the real event server (and, in the `cluster` project, across two
 * nodes): another agent signing in on an occupied extension (issue 14 §2 — refused `LINE_TAKEN`
 * unless confirmed; a confirmed takeover lets the previous agent's panels go, for good), and a
 * stolen resume token (§5 — the agent's next password sign-in, on this line or another, starts a
 * fresh session, which cuts the thief off).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { SessionEnded } from '@biztel/protocol';
import type { LocalSystem } from './local-system.js';
import { DEMO_PASSWORD } from './config/directory.js';
import { startTestSystem } from './testing/test-system.js';
import { PanelProbe, callIn, joinedProbe, signedInProbe } from './testing/panel-probe.js';

let system: LocalSystem;
const probes: PanelProbe[] = [];

beforeAll(async () => {
  system = await startTestSystem({ root: process.cwd(), port: 0, eventPort: 0, autoAnswerMs: null, logLevel: 'silent' });
});
afterAll(async () => {
  await system.stop();
});
afterEach(() => {
  for (const p of probes.splice(0)) p.close();
  system.simulator.pbx.reset();
});

async function panel(): Promise<PanelProbe> {
  const probe = new PanelProbe();
  probes.push(probe);
  await probe.transport.connect(system.eventServerUrl);
  return probe;
}

const kept = (p: PanelProbe) => (probes.push(p), p);
/** Sets a test up: takes the line over from whoever an earlier test left signed in on it. */
const first = async (account: string, extension: string, extra: { seatId?: string } = {}) =>
  kept(await signedInProbe(system, account, extension, { overwriteLine: true, ...extra }));
const signedIn = async (account: string, extension: string, extra: { overwriteLine?: boolean; seatId?: string } = {}) =>
  kept(await signedInProbe(system, account, extension, extra));
const joined = async (first: PanelProbe) => kept(await joinedProbe(system, first));
/** The next `session:ended` the panel gets. */
const endedOf = (p: PanelProbe) => new Promise<SessionEnded>((resolve) => p.transport.onSessionEnded(resolve));
const signInAs = (account: string, extension: string, extra: object = {}) => ({
  account,
  password: DEMO_PASSWORD,
  extension,
  initialStatusId: 'available',
  hardphone: false,
  ...extra,
});

describe('one agent per line (issue 14 §2)', () => {
  it('refuses another agent LINE_TAKEN, naming who is signed in and since when; the agent there keeps the line', async () => {
    const holder = await first('agent01', '1001');
    const second = await panel();

    const reply = await second.transport.signIn(signInAs('agent02', '1001'));

    expect(reply).toMatchObject({
      ok: false,
      code: 'LINE_TAKEN',
      line: { extension: '1001', account: 'agent01', name: '山田 花子', since: expect.any(Number) },
    });
    expect(await holder.transport.send('setStatus', 'break')).toEqual({ ok: true });
    expect((await holder.next((s) => s.agent.statusId === 'break')).agent.account).toBe('agent01');
  });

  it('a confirmed takeover lets every panel of the previous agent go: told who, commands refused, the line untouched, tokens dead', async () => {
    const agent01 = await first('agent01', '1001');
    const firstTab = await joined(agent01);
    const spare = await agent01.transport.sessionToken();
    if (!spare.ok) throw new Error('no token');
    const ended = Promise.all([endedOf(agent01), endedOf(firstTab)]);

    const second = await signedIn('agent02', '1001', { overwriteLine: true });

    const by = { account: 'agent02', name: '佐藤 太郎' };
    expect(await ended).toEqual([
      { reason: 'lineTakenOver', by },
      { reason: 'lineTakenOver', by },
    ]);
    // Today's bug: agent01's next setStatus flipped the line back to agent01.
    expect(await agent01.transport.send('setStatus', 'break')).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await firstTab.transport.send('viewing', null)).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await agent01.transport.sessionToken()).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await second.transport.send('setStatus', 'away')).toEqual({ ok: true });
    await second.next((s) => s.agent.statusId === 'away');
    expect(second.snapshots.filter((s) => s.agent.account !== 'agent02' || s.agent.statusId === 'break')).toEqual([]);
    const late = await panel();
    expect(await late.transport.resume(spare.token)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
  });

  it('the displaced agent’s calls and snapshots no longer reach their old panels', async () => {
    const agent01 = await first('agent01', '1001');
    const ended = endedOf(agent01);
    const second = await signedIn('agent02', '1001', { overwriteLine: true });
    await ended;
    const seenBefore = agent01.snapshots.length;

    system.simulator.pbx.inbound('1001', '0312345678'); // the softphone there is still agent01's
    expect(await second.transport.send('setStatus', 'away')).toEqual({ ok: true });

    await second.next((s) => s.agent.statusId === 'away');
    // (A snapshot of agent01's own sign-in may still arrive late, through the other node; nothing of agent02's line does.)
    expect(agent01.snapshots.slice(seenBefore).filter((s) => s.agent.account !== 'agent01' || s.calls.length > 0)).toEqual([]);
  });

  it('frees the displaced agent’s seat', async () => {
    await first('agent01', '1001', { seatId: 'S-9' });
    await signedIn('agent02', '1001', { overwriteLine: true });

    const third = await panel();
    expect(await third.transport.signIn(signInAs('agent03', '1003', { seatId: 'S-9' }))).toMatchObject({ ok: true });
  });

  it('asks nobody when the agent there signed out (ログオフ)', async () => {
    const agent01 = await first('agent01', '1001');
    expect(await agent01.transport.send('signOut')).toEqual({ ok: true });

    const second = await panel();
    expect(await second.transport.signIn(signInAs('agent02', '1001'))).toMatchObject({ ok: true });
  });
});

describe('a stolen resume token (issue 14 §5)', () => {
  /** A thief resumes the victim's session with a token taken from it, and keeps a spare token of its own. */
  const stealFrom = async (victim: PanelProbe) => {
    const stolen = await victim.transport.sessionToken();
    if (!stolen.ok) throw new Error('no token');
    const thief = await panel();
    expect(await thief.transport.resume(stolen.token)).toMatchObject({ ok: true });
    const spare = await thief.transport.sessionToken();
    if (!spare.ok) throw new Error('no token');
    return { thief, thiefSpare: spare };
  };

  it('the agent’s next password sign-in starts a fresh session: the thief is let go, refused, and its tokens are dead', async () => {
    const victim = await first('agent01', '1001');
    const victimTab = await joined(victim);
    const { thief, thiefSpare } = await stealFrom(victim);
    const ended = Promise.all([endedOf(thief), endedOf(victim), endedOf(victimTab)]);

    const fresh = await signedIn('agent01', '1001');

    // The victim's own tab belonged to the old session too: it is told, and joins again with a token of the new one.
    expect(await ended).toEqual([{ reason: 'signedInElsewhere' }, { reason: 'signedInElsewhere' }, { reason: 'signedInElsewhere' }]);
    expect(await thief.transport.send('setStatus', 'break')).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await thief.transport.sessionToken()).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    const elsewhere = await panel();
    expect(await elsewhere.transport.resume(thiefSpare.token)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });

    const freshTab = await joined(fresh);
    const seenByThief = thief.snapshots.length;
    system.simulator.pbx.inbound('1001', '0312345678');
    await Promise.all([fresh.next(callIn('ringing')), freshTab.next(callIn('ringing'))]);
    expect(thief.snapshots.slice(seenByThief)).toEqual([]);
    expect(fresh.latest?.agent.statusId).toBe('available');
  });

  it('a password sign-in on another line cuts the thief off too: one line per agent, the old one left ログオフ', async () => {
    const victim = await first('agent01', '1001');
    const { thief, thiefSpare } = await stealFrom(victim);
    const ended = Promise.all([endedOf(thief), endedOf(victim)]);

    const moved = await first('agent01', '1003');

    expect(await ended).toEqual([{ reason: 'signedInElsewhere' }, { reason: 'signedInElsewhere' }]);
    expect(await thief.transport.send('setStatus', 'break')).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(await (await panel()).transport.resume(thiefSpare.token)).toMatchObject({ ok: false, code: 'SESSION_EXPIRED' });
    expect(moved.latest?.agent).toMatchObject({ extension: '1003', statusId: 'available' });
    // 1001 is free for a colleague without a takeover prompt.
    expect(await (await panel()).transport.signIn(signInAs('agent02', '1001'))).toMatchObject({ ok: true });
  });
});

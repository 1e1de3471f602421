/**
 * Integration (issue 14 §6): password checks wait in a bounded, fair queue. A fake password check
 * that finishes only when the test releases it shows the queue's order — never wall-clock time, so
 * no assertion depends on how fast the machine is.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { DEMO_PASSWORD } from './config/directory.js';
import { PasswordCheckQueue } from './password-check-queue.js';
import { signIn, startAttackSystem, type AttackSystem } from './testing/sign-in-attack.js';

/** A password check the test releases one at a time; `calls` lists the passwords in the order checked. */
function gatedVerify() {
  const calls: string[] = [];
  const waiting: (() => void)[] = [];
  const verifyPassword = (password: string) =>
    new Promise<boolean>((resolve) => {
      calls.push(password);
      waiting.push(() => resolve(password === DEMO_PASSWORD));
    });
  /** Lets the oldest running check finish. */
  const releaseOne = async () => {
    const before = calls.length;
    await until(() => waiting.length > 0, 'a check running');
    waiting.shift()!();
    return before;
  };
  const releaseAll = async (stillRunning: () => boolean) => {
    while (stillRunning() || waiting.length > 0) {
      if (waiting.length > 0) waiting.shift()!();
      else await new Promise((r) => setImmediate(r));
    }
  };
  return { calls, waiting, verifyPassword, releaseOne, releaseAll };
}

let system: AttackSystem | undefined;
afterEach(async () => {
  await system?.stop();
  system = undefined;
});

describe('the password-check queue', () => {
  it('(e) serves a 41st address after at most one check of each of 40 busy addresses, not after all 200', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 2 });
    const gate = gatedVerify();
    system = await startAttackSystem({ passwordChecks: queue, verifyPassword: gate.verifyPassword });
    const attackers = await Promise.all(Array.from({ length: 40 }, (_, a) => system!.panel(`10.40.0.${a}`)));
    const attacks = attackers.flatMap((panel, a) => Array.from({ length: 5 }, (_, j) => signIn(panel, `ghost-${a}-${j}`, '1001', `attack-${a}-${j}`)));
    await until(() => queue.stats.queued === 198, 'the 200 attempts queued');

    const agent = signIn(await system.panel('198.51.100.41'), 'agent01', '1001');
    await until(() => queue.stats.queued === 199, 'the agent’s attempt queued');
    while (!gate.calls.includes(DEMO_PASSWORD)) await gate.releaseOne();

    // 2 running when it came, then round-robin: one of each of the 40 addresses at most before it.
    expect(gate.calls.indexOf(DEMO_PASSWORD)).toBeLessThanOrEqual(2 + 40);
    expect(gate.calls.indexOf(DEMO_PASSWORD)).toBeGreaterThanOrEqual(2);
    await gate.releaseAll(() => queue.stats.running + queue.stats.queued > 0);
    expect((await agent).ok).toBe(true);
    expect((await Promise.all(attacks)).every((r) => !r.ok && r.code === 'AUTH_FAILED')).toBe(true);
  });

  it('(e) answers RATE_LIMITED with a wait when the queue is full, overall and for one address, never hanging', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1, maxPerAddress: 3, maxQueued: 4 });
    const gate = gatedVerify();
    system = await startAttackSystem({ passwordChecks: queue, verifyPassword: gate.verifyPassword });
    const busy = await system.panel('10.50.0.1');
    const burst = [0, 1, 2].map((i) => signIn(busy, `ghost-${i}`, '1001', `burst-${i}`));
    await until(() => queue.stats.running + queue.stats.queued === 3, 'the burst in the queue');
    expect(await signIn(busy, 'ghost-3', '1001', 'burst-3')).toEqual({ ok: false, code: 'RATE_LIMITED', retryAfterMs: expect.any(Number) });

    const others = await Promise.all([2, 3].map((i) => system!.panel(`10.50.0.${i}`)));
    const queued = others.map((p, i) => signIn(p, `other-${i}`, '1001', `other-${i}`));
    await until(() => queue.stats.queued === 4, 'the queue full');
    const refused = await signIn(await system.panel('10.50.0.9'), 'agent01', '1001');
    expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    if (!refused.ok && refused.code === 'RATE_LIMITED') expect(refused.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(await system.softphone('10.50.0.9', { account: 'agent01', extension: '1001' })).toMatchObject({ outcome: 'RATE_LIMITED' });

    await gate.releaseAll(() => queue.stats.running + queue.stats.queued > 0);
    await Promise.all([...burst, ...queued]);
    // A refusal for a full queue counted no failure: the agent signs in once there is room.
    const again = signIn(await system.panel('10.50.0.9'), 'agent01', '1001');
    await gate.releaseOne();
    expect((await again).ok).toBe(true);
  });

  it('drops the waiting check of a panel that disconnected: its password is never checked', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1 });
    const gate = gatedVerify();
    system = await startAttackSystem({ passwordChecks: queue, verifyPassword: gate.verifyPassword });
    const first = signIn(await system.panel('10.60.0.1'), 'ghost-a', '1001', 'first');
    await until(() => queue.stats.running === 1, 'the first check running');
    const leaving = await system.panel('10.60.0.2');
    void signIn(leaving, 'agent02', '1002', 'never-checked');
    await until(() => queue.stats.queued === 1, 'the second queued');

    leaving.close();
    await until(() => queue.stats.queued === 0, 'the check dropped');
    await gate.releaseAll(() => queue.stats.running > 0);
    await first;
    expect(gate.calls).toEqual(['first']);
  });
});

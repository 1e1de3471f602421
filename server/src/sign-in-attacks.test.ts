/**
 * Integration (issue 14 §3): sign-in guessing as denial of service, against real event-server
 * nodes with the default limits (two nodes sharing Redis in the `cluster` project). Clients say
 * which address they come from through the trusted proxy's `X-Forwarded-For`; the nodes' clock
 * is moved by hand. Guessing must stay expensive without letting an outsider keep an agent out.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startAttackSystem, signIn, type AttackSystem } from './testing/sign-in-attack.js';

let system: AttackSystem;
beforeEach(async () => {
  system = await startAttackSystem();
});
afterEach(async () => {
  await system.stop();
});

const X = '203.0.113.66'; // the attacker (and, in some tests, the office NAT the attacker hides behind)
const Y = '198.51.100.10'; // agent01's usual desk

/** `n` wrong guesses for `account` from `address`, panel and softphone taking turns; their answers' codes. */
async function guess(address: string, account: string, extension: string, n: number): Promise<string[]> {
  const panel = await system.panel(address);
  const codes: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      const reply = await signIn(panel, account, extension, `guess-${i}`);
      codes.push(reply.ok ? 'ok' : reply.code);
    } else {
      codes.push((await system.softphone(address, { account, extension, password: `guess-${i}` })).outcome);
    }
  }
  return codes;
}

describe('guessing one agent’s password', () => {
  it('(a) does not stop the agent signing in from their usual address, panel and softphone', async () => {
    expect((await signIn(await system.panel(Y), 'agent01', '1001')).ok).toBe(true);

    const codes = await guess(X, 'agent01', '1001', 8);
    expect(codes.slice(0, 5)).toEqual(['AUTH_FAILED', 'AUTH_FAILED', 'AUTH_FAILED', 'AUTH_FAILED', 'AUTH_FAILED']);
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);

    expect((await signIn(await system.panel(Y), 'agent01', '1001')).ok).toBe(true);
    expect(await system.softphone(Y, { account: 'agent01', extension: '1001' })).toEqual({ outcome: 'connect' });
  });

  it('(a) from many addresses slows the account’s new addresses, never its known one', async () => {
    expect((await signIn(await system.panel(Y), 'agent01', '1001')).ok).toBe(true);
    for (let i = 0; i < 25; i++) await guess(`10.66.0.${i}`, 'agent01', '1001', 1);

    expect(await signIn(await system.panel('10.66.1.1'), 'agent01', '1001')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    expect((await signIn(await system.panel(Y), 'agent01', '1001')).ok).toBe(true);
    expect(await system.softphone(Y, { account: 'agent01', extension: '1001' })).toEqual({ outcome: 'connect' });
  });

  it('(d) still slows the guesser’s pair: RATE_LIMITED with a wait that doubles, the right password included', async () => {
    const panel = await system.panel(X);
    for (let i = 0; i < 5; i++) expect(await signIn(panel, 'agent01', '1001', `guess-${i}`)).toEqual({ ok: false, code: 'AUTH_FAILED' });

    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await signIn(panel, 'agent01', '1001');
      expect(refused).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
      const wait = !refused.ok && refused.code === 'RATE_LIMITED' ? (refused.retryAfterMs ?? 0) : 0;
      waits.push(wait);
      system.clock.now += wait;
      expect(await signIn(panel, 'agent01', '1001', `again-${round}`)).toEqual({ ok: false, code: 'AUTH_FAILED' });
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    expect(await system.softphone(X, { account: 'agent01', extension: '1001' })).toMatchObject({
      outcome: 'RATE_LIMITED',
      data: { retryAfterMs: 16_000 },
    });
  });

  it('keeps a signed-in panel’s resume working while its own address guesses its account', async () => {
    const agent = await system.panel(Y);
    const signed = await signIn(agent, 'agent01', '1001');
    if (!signed.ok || !signed.resumeToken) throw new Error('sign-in refused or without a resume token');
    await guess(Y, 'agent01', '1001', 8); // someone behind the same NAT
    expect(await signIn(await system.panel(Y), 'agent01', '1001')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });

    const reconnected = await system.panel(Y);
    expect(await reconnected.resume(signed.resumeToken)).toMatchObject({ ok: true });
  });
});

describe('spraying invented names from a shared address (a call centre’s NAT)', () => {
  it('(b) does not stop an agent who signed in from that address before, panel and softphone', async () => {
    expect((await signIn(await system.panel(X), 'agent02', '1002')).ok).toBe(true);

    const codes: string[] = [];
    for (let i = 0; i < 25; i++) codes.push(...(await guess(X, `ghost${i}`, '1002', 1)));
    expect(codes.slice(0, 20).every((c) => c === 'AUTH_FAILED')).toBe(true);
    expect(codes.slice(20)).toContain('RATE_LIMITED');

    expect((await signIn(await system.panel(X), 'agent02', '1002')).ok).toBe(true);
    expect(await system.softphone(X, { account: 'agent02', extension: '1002' })).toEqual({ outcome: 'connect' });
    // The trade-off: an agent new to that address is slowed until the sprayer's streak is forgotten.
    expect(await signIn(await system.panel(X), 'agent03', '1003')).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
  });

  it('(c) leaves another tenant’s account alone: guesses on one account and invented names slow neither it nor its softphone', async () => {
    expect((await signIn(await system.panel(X), 'other01', '1001')).ok).toBe(true);
    await guess(X, 'agent01', '1001', 8);
    for (let i = 0; i < 25; i++) await guess(X, `ghost${i}`, '1001', 1);

    expect((await signIn(await system.panel(X), 'other01', '1001')).ok).toBe(true);
    expect(await system.softphone(X, { account: 'other01', extension: '1001' })).toEqual({ outcome: 'connect' });
  });

  it('(c) guesses on this tenant’s account from elsewhere do not slow another tenant’s account at all', async () => {
    for (let i = 0; i < 25; i++) await guess(`10.66.0.${i}`, 'agent01', '1001', 2);

    expect((await signIn(await system.panel('10.77.0.1'), 'other01', '1001')).ok).toBe(true);
    expect((await signIn(await system.panel('10.66.0.1'), 'other01', '1001')).ok).toBe(true);
  });
});

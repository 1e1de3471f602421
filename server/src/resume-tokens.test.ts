import { describe, expect, it } from '@jest/globals';
import { ResumeTokens } from './resume-tokens.js';
import { CommandReplies } from './command-replies.js';

const MIN = 60_000;

describe('ResumeTokens', () => {
  const session = { account: 'agent01' };

  it('keeps a token valid as long as a panel of the session is connected', () => {
    const tokens = new ResumeTokens<typeof session>({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });
    tokens.attached(session);
    const token = tokens.issue(session, 0);

    expect(tokens.take(token, 3 * 60 * MIN)).toBe(session);
  });

  it('expires it the grace period after the last panel left', () => {
    const tokens = new ResumeTokens<typeof session>({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });
    tokens.attached(session);
    tokens.attached(session);
    const early = tokens.issue(session, 0);
    const late = tokens.issue(session, 0);
    tokens.detached(session, 60 * MIN);
    tokens.detached(session, 61 * MIN);

    expect(tokens.take(early, 70 * MIN)).toBe(session);
    expect(tokens.take(late, 71 * MIN)).toBeUndefined();
  });

  it('is single-use, never older than the maximum age, and revoked with the session', () => {
    const tokens = new ResumeTokens<typeof session>({ graceMs: 10 * MIN, maxAgeMs: 60 * MIN });
    tokens.attached(session);
    const used = tokens.issue(session, 0);
    const old = tokens.issue(session, 0);
    const revoked = tokens.issue(session, 0);

    expect(tokens.take(used, 1)).toBe(session);
    expect(tokens.take(used, 2)).toBeUndefined();
    expect(tokens.take(old, 60 * MIN)).toBeUndefined();
    tokens.revoke(session);
    expect(tokens.take(revoked, 3)).toBeUndefined();
  });

  it('forgets expired tokens instead of accumulating them', () => {
    const tokens = new ResumeTokens<typeof session>({ graceMs: MIN, maxAgeMs: 60 * MIN });
    for (let i = 0; i < 100; i += 1) tokens.issue({ account: `a${i}` }, 0);

    tokens.issue(session, 2 * MIN);

    expect(tokens.size).toBe(1);
  });
});

describe('CommandReplies', () => {
  it('runs each id once and answers repeats, even while the first still runs', async () => {
    const replies = new CommandReplies<string>(MIN, 100);
    let runs = 0;
    const execute = () => new Promise<string>((resolve) => setTimeout(() => resolve(`run ${(runs += 1)}`), 5));

    const answers = await Promise.all([replies.run('a', 0, execute), replies.run('a', 1, execute)]);

    expect(answers).toEqual(['run 1', 'run 1']);
    expect(await replies.run('a', 2, execute)).toBe('run 1');
    expect(runs).toBe(1);
  });

  it('forgets an answer after its time and beyond its capacity', async () => {
    const replies = new CommandReplies<number>(MIN, 2);
    let runs = 0;
    const execute = () => Promise.resolve((runs += 1));
    await replies.run('a', 0, execute);
    await replies.run('b', 0, execute);
    await replies.run('c', 0, execute);

    expect(await replies.run('a', 1, execute)).toBe(4); // evicted by capacity
    expect(await replies.run('c', 2 * MIN, execute)).toBe(5); // expired
  });
});

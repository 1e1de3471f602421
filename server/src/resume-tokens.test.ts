import { afterEach, describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { MAX_LIVE_TOKENS, Sessions, type SessionRef } from './resume-tokens.js';
import { CommandReplies } from './command-replies.js';
import { NodeRegistry } from './node-registry.js';
import type { SharedState } from './state/shared-state.js';
import { testState } from './testing/test-state.js';

const MIN = 60_000;
let state: SharedState | undefined;
let clock = 0;
afterEach(async () => {
  await state?.close();
  state = undefined;
});

async function sessionsWith(options: { graceMs: number; maxAgeMs: number }): Promise<{ sessions: Sessions; session: SessionRef }> {
  clock = 0;
  state = await testState(() => clock);
  const sessions = new Sessions(state, options);
  return { sessions, session: (await sessions.start('t1', 'agent01', '1001')).session };
}

describe('Sessions and resume tokens', () => {
  it('starts a fresh session on every password sign-in: the one before is ended, its tokens revoked', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });
    await sessions.attached(session);
    const token = await sessions.issue(session, 0);

    const again = await sessions.start('t1', 'agent01', '1001');

    expect(again.session.id).not.toBe(session.id);
    expect(again.replaced).toEqual(session);
    expect(await sessions.isCurrent(session)).toBe(false);
    expect(await sessions.take(token, 1)).toBeUndefined();
    expect(await sessions.isCurrent(again.session)).toBe(true);
    const moved = await sessions.start('t1', 'agent01', '1002');
    expect(moved.replaced).toEqual(again.session); // one current session per account, whatever the line
    expect(await sessions.isCurrent(again.session)).toBe(false);
    expect(await sessions.endCurrent('t1', 'agent01', '1001')).toBeUndefined(); // not on that line any more
    expect((await sessions.start('t1', 'agent02', '1001')).replaced).toBeUndefined();
  });

  it('makes a new session after sign-out, and ends the current one of an account on request', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });

    await sessions.end(session);
    expect(await sessions.isCurrent(session)).toBe(false);
    const next = await sessions.start('t1', 'agent01', '1001');
    expect(next.session.id).not.toBe(session.id);
    expect(next.replaced).toBeUndefined();
    const token = await sessions.issue(next.session, 0);

    expect(await sessions.endCurrent('t1', 'agent01', '1001')).toEqual(next.session);
    expect(await sessions.take(token, 1)).toBeUndefined();
    expect(await sessions.endCurrent('t1', 'agent01', '1001')).toBeUndefined();
  });

  it('keeps a token valid as long as a panel of the session is connected', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });
    await sessions.attached(session);
    const token = await sessions.issue(session, 0);

    expect(await sessions.take(token, 3 * 60 * MIN)).toEqual(session);
  });

  it('expires it the grace period after the last panel left', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN });
    await sessions.attached(session);
    await sessions.attached(session);
    const early = await sessions.issue(session, 0);
    const late = await sessions.issue(session, 0);
    await sessions.detached(session, 60 * MIN);
    await sessions.detached(session, 61 * MIN);

    expect(await sessions.take(early, 70 * MIN)).toEqual(session);
    expect(await sessions.take(late, 71 * MIN)).toBeUndefined();
  });

  it('is single-use, never older than the maximum age, and revoked with the session', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 60 * MIN });
    await sessions.attached(session);
    const used = await sessions.issue(session, 0);
    const old = await sessions.issue(session, 0);
    const revoked = await sessions.issue(session, 0);

    expect(await sessions.take(used, 1)).toEqual(session);
    expect(await sessions.take(used, 2)).toBeUndefined();
    expect(await sessions.take(old, 60 * MIN)).toBeUndefined();
    await sessions.end(session);
    expect(await sessions.take(revoked, 3)).toBeUndefined();
  });

  it('keeps at most MAX_LIVE_TOKENS per session (minting more revokes the oldest), and deletes them all at sign-out', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 60 * MIN });
    await sessions.attached(session);
    const minted: string[] = [];
    for (let i = 0; i < MAX_LIVE_TOKENS + 40; i++) minted.push(await sessions.issue(session, 0));

    const stored = await Promise.all(minted.map((t) => state!.get(`token:${t}`)));
    expect(stored.filter((s) => s !== undefined)).toHaveLength(MAX_LIVE_TOKENS);
    expect(await sessions.take(minted[0]!, 1)).toBeUndefined();
    expect(await sessions.take(minted.at(-1)!, 1)).toEqual(session);

    await sessions.end(session);
    const left = await Promise.all(minted.map((t) => state!.get(`token:${t}`)));
    expect(left.filter((s) => s !== undefined)).toEqual([]);
  });

  it('lets only one of two parallel takes of a token win', async () => {
    const { sessions, session } = await sessionsWith({ graceMs: 10 * MIN, maxAgeMs: 60 * MIN });
    await sessions.attached(session);
    const token = await sessions.issue(session, 0);

    const taken = await Promise.all([sessions.take(token, 1), sessions.take(token, 1), sessions.take(token, 1)]);

    expect(taken.filter((s) => s !== undefined)).toEqual([session]);
  });
});

describe('CommandReplies', () => {
  it('runs each id once and answers repeats, even while the first still runs', async () => {
    state = await testState();
    const replies = new CommandReplies<string>(state, { ttlMs: MIN });
    let runs = 0;
    const execute = async () => `run ${(runs += 1)}`;

    // The second call comes while the first is still claiming the id.
    const answers = await Promise.all([replies.run('a', execute, 'gave up'), replies.run('a', execute, 'gave up')]);

    expect(answers).toEqual(['run 1', 'run 1']);
    expect(await replies.run('a', execute, 'gave up')).toBe('run 1');
    expect(runs).toBe(1);
  });

  it('answers a retry on another node with the first run’s answer once it comes, or gives up', async () => {
    state = await testState();
    const first = new CommandReplies<string>(state, { ttlMs: MIN });
    // Waits long enough for an answer that merely comes slowly (a busy machine)…
    const other = new CommandReplies<string>(state, { ttlMs: MIN, pollMs: 5, waitMs: 60_000 });
    // …and, where the first run never ends, gives up after a short while.
    const impatient = new CommandReplies<string>(state, { ttlMs: MIN, pollMs: 5, waitMs: 200 });
    let finish: ((answer: string) => void) | undefined;
    const slow = first.run('a', () => new Promise<string>((resolve) => (finish = resolve)), 'gave up');
    await until(() => finish, 'the first run to start'); // it runs once it has claimed the id

    const retried = other.run('a', () => Promise.resolve('ran twice'), 'gave up');
    finish!('ran once');

    expect(await slow).toBe('ran once');
    expect(await retried).toBe('ran once');
    let started = false;
    void first.run('b', () => new Promise<string>(() => (started = true)), 'gave up'); // its node "dies" mid-run
    await until(() => started, 'the run of b to start');
    expect(await impatient.run('b', () => Promise.resolve('ran twice'), 'gave up')).toBe('gave up');
  });

  it('forgets an answer after its time, and one whose run failed', async () => {
    state = await testState();
    const replies = new CommandReplies<number>(state, { ttlMs: 40 });
    let runs = 0;
    const execute = () => Promise.resolve((runs += 1));
    await replies.run('a', execute, -1);
    await expect(replies.run('b', () => Promise.reject(new Error('boom')), -1)).rejects.toThrow('boom');

    expect(await replies.run('b', execute, -1)).toBe(2);
    await until(async () => (await state!.get('reply:a')) === undefined, 'the answer of a to expire');
    expect(await replies.run('a', execute, -1)).toBe(3);
  });
});

describe('Sessions across nodes', () => {
  it('counts the panels of a node that died as gone since its last heartbeat', async () => {
    clock = 0;
    state = await testState(() => clock);
    const registry = () =>
      new NodeRegistry(
        state!,
        { beatMs: MIN, keepMs: 10 * MIN },
        () => {},
        () => clock,
      );
    const [a, b] = [registry(), registry()];
    await Promise.all([a.start(), b.start()]);
    const onA = new Sessions(state, { graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN }, a);
    const onB = new Sessions(state, { graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN }, b);
    const session = (await onA.start('t1', 'agent01', '1001')).session;
    await onA.attached(session); // its only panel is on node A, which then dies at minute 0
    a.stop();
    const tokens = await Promise.all([0, 1, 2].map(() => onA.issue(session, 0)));

    clock = 2 * MIN; // B still beats; A's last heartbeat is 2 min old: A is dead
    await b.beat();
    expect(await onB.take(tokens[0]!, clock)).toEqual(session); // within the grace period after A died
    clock = 11 * MIN;
    await b.beat();
    expect(await onB.take(tokens[1]!, clock)).toBeUndefined(); // not 12 h, as if A's panel were still there
    b.stop();
  });

  it('keeps a session connected while its panel’s node beats', async () => {
    clock = 0;
    state = await testState(() => clock);
    const a = new NodeRegistry(
      state,
      { beatMs: MIN, keepMs: 10 * MIN },
      () => {},
      () => clock,
    );
    await a.start();
    const sessions = new Sessions(state, { graceMs: 10 * MIN, maxAgeMs: 12 * 60 * MIN }, a);
    const session = (await sessions.start('t1', 'agent01', '1001')).session;
    await sessions.attached(session);
    const token = await sessions.issue(session, 0);

    clock = 60 * MIN;
    await a.beat(); // a heartbeat at minute 60
    expect(await sessions.take(token, clock)).toEqual(session);
    a.stop();
  });
});

/** The password-check queue with checks the test releases by hand: concurrency, round-robin order, bounds, dropping. */
import { describe, expect, it } from '@jest/globals';
import { PasswordCheckQueue } from './password-check-queue.js';

/** Checks that finish when the test says so; `started` lists them in the order they ran. */
function gatedChecks() {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  const check = (name: string) => () =>
    new Promise<string>((resolve) => {
      started.push(name);
      gates.set(name, () => resolve(name));
    });
  const release = async (name: string) => {
    gates.get(name)!();
    await new Promise((r) => setImmediate(r));
  };
  const releaseAll = async () => {
    while (gates.size > 0) {
      const [name] = gates.keys();
      await release(name!);
      gates.delete(name!);
    }
  };
  return { started, check, release, releaseAll };
}

describe('PasswordCheckQueue', () => {
  it('runs at most `concurrency` checks at once', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 2 });
    const { started, check, releaseAll } = gatedChecks();
    const runs = ['a', 'b', 'c', 'd'].map((n) => queue.run(`10.0.0.${n}`, check(n)));

    expect(started).toEqual(['a', 'b']);
    expect(queue.stats).toEqual({ running: 2, queued: 2, addresses: 2 });
    await releaseAll();
    expect(await Promise.all(runs)).toEqual(['a', 'b', 'c', 'd'].map((value) => ({ ok: true, value })));
  });

  it('serves addresses round-robin: a new address waits behind one check of each, not behind a burst', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1, maxPerAddress: 100 });
    const { started, check, releaseAll } = gatedChecks();
    const runs = [];
    for (let i = 0; i < 10; i++) runs.push(queue.run('x', check(`x${i}`)));
    for (let i = 0; i < 3; i++) runs.push(queue.run('y', check(`y${i}`)));
    runs.push(queue.run('z', check('z0')));
    await releaseAll();
    await Promise.all(runs);

    expect(started).toEqual(['x0', 'x1', 'y0', 'z0', 'x2', 'y1', 'x3', 'y2', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9']);
  });

  it('refuses at once past the bound per address, and past the bound overall, with a wait', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1, maxPerAddress: 3, maxQueued: 4 });
    const { check, releaseAll } = gatedChecks();
    const runs = [0, 1, 2].map((i) => queue.run('x', check(`x${i}`)));
    expect(await queue.run('x', check('x3'))).toEqual({ ok: false, reason: 'full', retryAfterMs: expect.any(Number) });

    runs.push(queue.run('y', check('y0')), queue.run('z', check('z0')));
    const over = await queue.run('w', check('w0'));
    expect(over).toMatchObject({ ok: false, reason: 'full' });
    if (!over.ok && over.reason === 'full') expect(over.retryAfterMs).toBeGreaterThanOrEqual(1000);
    await releaseAll();
    expect((await Promise.all(runs)).every((r) => r.ok)).toBe(true);
    expect(queue.stats).toEqual({ running: 0, queued: 0, addresses: 0 });
  });

  it('drops a waiting check whose client went away, and never runs it', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1 });
    const { started, check, releaseAll } = gatedChecks();
    const first = queue.run('x', check('first'));
    const gone = new AbortController();
    const dropped = queue.run('y', check('dropped'), gone.signal);
    gone.abort();

    expect(await dropped).toEqual({ ok: false, reason: 'abandoned' });
    expect(queue.stats).toEqual({ running: 1, queued: 0, addresses: 0 });
    await releaseAll();
    await first;
    expect(started).toEqual(['first']);
  });

  it('passes a failing check’s error on and frees its place', async () => {
    const queue = new PasswordCheckQueue({ concurrency: 1 });
    await expect(queue.run('x', () => Promise.reject(new Error('broken')))).rejects.toThrow('broken');
    expect(await queue.run('x', () => Promise.resolve(1))).toEqual({ ok: true, value: 1 });
  });
});

import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../log.js';
import { macrotask } from '@biztel/testing';
import { CallLogQueue } from './log-queue.js';
import { memoryStore } from '../core/key-value-store.js';

const task = (callId: string) => ({ entityApiName: 'Task', Subject: `着信 ${callId}`, CallObject: callId });

function setup(options: { failures?: number } = {}) {
  let failures = options.failures ?? 0;
  const saved: Record<string, unknown>[] = [];
  let refreshes = 0;
  const timers: { fn: () => void; ms: number }[] = [];
  const store = memoryStore();
  const pendingSeen: number[] = [];
  const make = () =>
    new CallLogQueue({
      host: {
        async saveLog(fields) {
          if (failures > 0) {
            failures -= 1;
            throw new Error('SERVER_ERROR');
          }
          saved.push({ ...fields });
          return `00T5g00000${String(saved.length).padStart(5, '0')}AAA`;
        },
        async refreshView() {
          refreshes += 1;
        },
      },
      store,
      key: 'biztel.calllog.agent01',
      logger: silentLogger,
      retryDelaysMs: [100, 1000],
      timers: { set: (fn, ms) => timers.push({ fn, ms }), clear: () => undefined },
      onPendingChange: (n) => pendingSeen.push(n),
    });
  return { make, saved, store, timers, pendingSeen, refreshes: () => refreshes };
}

const settle = macrotask;

describe('CallLogQueue', () => {
  it('saves one Task per call, then refreshes the view', async () => {
    const ctx = setup();
    const queue = ctx.make();

    queue.enqueue('c1', task('c1'));
    queue.enqueue('c1', task('c1'));
    await settle();
    queue.enqueue('c1', task('c1'));
    await settle();

    expect(ctx.saved).toEqual([task('c1')]);
    expect(ctx.refreshes()).toBe(1);
    expect(queue.pending).toBe(0);
  });

  it('keeps a failed Task pending, retries it with back-off, and never duplicates it', async () => {
    const ctx = setup({ failures: 2 });
    const queue = ctx.make();

    queue.enqueue('c1', task('c1'));
    await settle();
    expect(queue.pending).toBe(1);
    expect(ctx.timers.map((t) => t.ms)).toEqual([100]);

    ctx.timers[0]!.fn();
    await settle();
    expect(ctx.timers.map((t) => t.ms)).toEqual([100, 1000]);

    ctx.timers[1]!.fn();
    await settle();
    expect(ctx.saved).toEqual([task('c1')]);
    expect(queue.pending).toBe(0);
    expect(ctx.pendingSeen.at(-1)).toBe(0);
  });

  it('saves in order: a later call waits behind a failing one', async () => {
    const ctx = setup({ failures: 1 });
    const queue = ctx.make();
    queue.enqueue('c1', task('c1'));
    await settle();
    queue.enqueue('c2', task('c2'));
    await settle();

    expect(ctx.saved.map((s) => s['CallObject'])).toEqual(['c1', 'c2']);
  });

  it('survives a reload: a pending Task is saved by the next page, a saved one is not saved again', async () => {
    const ctx = setup({ failures: 1 });
    const first = ctx.make();
    first.enqueue('c1', task('c1'));
    await settle();
    first.dispose();

    const second = ctx.make();
    expect(second.pending).toBe(1);
    await second.flush();
    second.enqueue('c1', task('c1'));
    await settle();

    expect(ctx.saved).toEqual([task('c1')]);
  });

  it('drops malformed stored entries instead of trusting them', async () => {
    const ctx = setup();
    ctx.store.set(
      'biztel.calllog.agent01',
      JSON.stringify({
        pending: [{ callId: 'ok', fields: task('ok'), attempts: 1 }, { callId: 7 }, { callId: 'x', fields: { a: { nested: 1 } }, attempts: 0 }],
        saved: ['old'],
      }),
    );
    const queue = ctx.make();
    expect(queue.pending).toBe(1);
    await queue.flush();
    queue.enqueue('old', task('old'));
    await settle();
    expect(ctx.saved.map((s) => s['CallObject'])).toEqual(['ok']);

    ctx.store.set('biztel.calllog.agent01', '{not json');
    expect(ctx.make().pending).toBe(0);
  });
});

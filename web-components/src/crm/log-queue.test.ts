import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../log.js';
import { macrotask } from '@biztel/testing';
import { CallLogQueue } from './log-queue.js';
import { HostError } from './host-port.js';
import { memoryStore } from '../core/key-value-store.js';

const task = (callId: string) => ({ entityApiName: 'Task', Subject: `着信 ${callId}`, CallObject: callId });

/** How long the queue waits for an answer before saving the calls behind (a timer the tests fire by hand). */
const ANSWER_WAIT_MS = 50_000;
/** How long after a lost save its Task is looked up. */
const LOOKUP_AFTER_MS = 600_000;

/**
 * A queue over a fake org: `slow` writes each Task at once but answers only on `answer()`;
 * `findCallLog` finds the written Tasks by CallObject, or fails with `lookupFails` (no Apex class).
 */
function setup(options: { failures?: number; slow?: boolean; now?: () => number; lookupFails?: boolean } = {}) {
  let failures = options.failures ?? 0;
  const saved: Record<string, unknown>[] = [];
  let refreshes = 0;
  const timers: { fn: () => void; ms: number }[] = [];
  const store = memoryStore();
  const pendingSeen: number[] = [];
  const lookups: string[] = [];
  /** The queue's clock (unless the test brings its own): `fire` moves it to when the timer was due. */
  let clock = 1_000_000;
  /** With `slow`: each save is written at once (as Salesforce would) but answered only by `answer()`. */
  const unanswered: (() => void)[] = [];
  const options_ = (): ConstructorParameters<typeof CallLogQueue>[0] => ({
    host: {
      async saveLog(fields) {
        if (failures > 0) {
          failures -= 1;
          throw new HostError('failed', 'saveLog: SERVER_ERROR');
        }
        saved.push({ ...fields });
        const id = `00T5g00000${String(saved.length).padStart(5, '0')}AAA`;
        if (options.slow) await new Promise<void>((resolve) => unanswered.push(resolve));
        return id;
      },
      async refreshView() {
        refreshes += 1;
      },
      async findCallLog(callObject) {
        lookups.push(callObject);
        if (options.lookupFails) throw new HostError('failed', 'runApex: No such class BiztelCallLog');
        const index = saved.findIndex((t) => t['CallObject'] === callObject);
        return index < 0 ? null : `00T5g00000${String(index + 1).padStart(5, '0')}AAA`;
      },
    },
    store,
    key: 'biztel.calllog.agent01',
    logger: silentLogger,
    retryDelaysMs: [100, 1000],
    answerWaitMs: ANSWER_WAIT_MS,
    lookupAfterMs: LOOKUP_AFTER_MS,
    timers: { set: (fn, ms) => timers.push({ fn, ms }), clear: () => undefined },
    now: options.now ?? (() => clock),
    onPendingChange: (n) => pendingSeen.push(n),
  });
  const make = () => new CallLogQueue(options_());
  /** The retry timers (not the answer waits). */
  const retries = () => timers.filter((t) => t.ms !== ANSWER_WAIT_MS);
  const answerWaits = () => timers.filter((t) => t.ms === ANSWER_WAIT_MS);
  /** The scheduled look-ups of lost saves, by how long from when they were scheduled. */
  const lookupTimers = () => timers.filter((t) => t.ms !== ANSWER_WAIT_MS && t.ms !== 100 && t.ms !== 1000);
  /** Runs a timer as if its time had come (the default clock moves on by its delay). */
  const fire = (timer: { fn: () => void; ms: number } | undefined) => {
    if (!timer) throw new Error('no such timer');
    clock += timer.ms;
    timer.fn();
  };
  return {
    make,
    options: options_,
    saved,
    store,
    timers,
    retries,
    answerWaits,
    unanswered,
    pendingSeen,
    lookups,
    lookupTimers,
    fire,
    refreshes: () => refreshes,
  };
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
    expect(ctx.retries().map((t) => t.ms)).toEqual([100]);

    ctx.retries()[0]!.fn(); // too early: the back-off is not over, nothing is sent
    await settle();
    expect(ctx.saved).toEqual([]);
    ctx.fire(ctx.retries().at(-1));
    await settle();
    expect(ctx.retries().map((t) => t.ms)).toEqual([100, 100, 1000]);

    ctx.fire(ctx.retries().at(-1));
    await settle();
    expect(ctx.saved).toEqual([task('c1')]);
    expect(queue.pending).toBe(0);
    expect(ctx.pendingSeen.at(-1)).toBe(0);
  });

  it('a Task Salesforce keeps refusing does not hold up the calls behind it, and is not sent again before its back-off', async () => {
    const ctx = setup({ failures: 1 });
    const problems: string[] = [];
    const queue = new CallLogQueue({ ...ctx.options(), onProblem: (callId, problem) => problems.push(`${callId}: ${problem}`) });
    queue.enqueue('c1', task('c1'));
    await settle();
    queue.enqueue('c2', task('c2')); // a flush: c1's back-off still holds
    await settle();
    expect(ctx.saved.map((s) => s['CallObject'])).toEqual(['c2']);
    expect(problems).toEqual([expect.stringMatching(/^c1: Salesforce refused the Task \(attempt 1\)/)]);

    ctx.fire(ctx.retries().at(-1));
    await settle();
    expect(ctx.saved.map((s) => s['CallObject'])).toEqual(['c2', 'c1']);
    expect(queue.pending).toBe(0);
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
    ctx.fire(ctx.retries().at(-1)); // the stored back-off
    await settle();
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

  describe('a slow org (triggers and flows: the answer comes long after the save)', () => {
    it('never sends a save again while its answer may still come, and a late answer settles it', async () => {
      const ctx = setup({ slow: true });
      const queue = ctx.make();
      queue.enqueue('c1', task('c1'));
      await settle();

      // Long past the wait: the queue stops holding the next calls, but does not send c1 again.
      for (const wait of ctx.answerWaits()) wait.fn();
      await settle();
      void queue.flush();
      await settle();
      expect(ctx.saved).toEqual([task('c1')]);
      expect(queue.pending).toBe(1);

      ctx.unanswered[0]!();
      await settle();
      expect(queue.pending).toBe(0);
      queue.enqueue('c1', task('c1'));
      await settle();
      expect(ctx.saved).toEqual([task('c1')]);
      expect(ctx.refreshes()).toBe(1);
    });

    it('saves the calls behind an unanswered one meanwhile, each once', async () => {
      const ctx = setup({ slow: true });
      const queue = ctx.make();
      queue.enqueue('c1', task('c1'));
      queue.enqueue('c2', task('c2'));
      await settle();
      expect(ctx.saved.map((t) => t['CallObject'])).toEqual(['c1']);

      ctx.answerWaits()[0]!.fn();
      await settle();
      expect(ctx.saved.map((t) => t['CallObject'])).toEqual(['c1', 'c2']);

      for (const answer of ctx.unanswered) answer();
      await settle();
      expect(queue.pending).toBe(0);
      expect(ctx.saved.map((t) => t['CallObject'])).toEqual(['c1', 'c2']);
    });

    /** A page that sent c1's save and went away before Salesforce answered; the Task was written (`slow`) or lost. */
    async function closedDuringSave(options: { written: boolean; lookupFails?: boolean; now: () => number }) {
      const ctx = setup({ slow: options.written, now: options.now, ...(options.lookupFails ? { lookupFails: true } : {}) });
      if (!options.written) {
        ctx.store.set(
          'biztel.calllog.agent01',
          JSON.stringify({ pending: [{ callId: 'c1', fields: task('c1'), attempts: 0, sentAt: options.now() }], saved: [] }),
        );
        return ctx;
      }
      const first = ctx.make();
      first.enqueue('c1', task('c1'));
      await settle();
      first.dispose();
      return ctx;
    }

    it('looks the Task of a save the page was closed during up, only once it had time to commit: found, it is not sent again', async () => {
      let now = 1_000_000;
      const ctx = await closedDuringSave({ written: true, now: () => now });

      const second = ctx.make();
      await second.flush();
      second.enqueue('c1', task('c1')); // the call seen ending again
      await settle();
      expect(ctx.lookups).toEqual([]); // too early: the write may still be committing
      expect(second.pending).toBe(1); // still to be checked: the panel says a Task waits

      now += LOOKUP_AFTER_MS;
      ctx.lookupTimers().at(-1)!.fn();
      await settle();
      expect(ctx.lookups).toEqual(['c1']);
      expect(ctx.saved).toEqual([task('c1')]);
      expect(second.pending).toBe(0);
      second.enqueue('c1', task('c1'));
      await settle();
      expect(ctx.saved).toEqual([task('c1')]);
      const stored = JSON.parse(ctx.store.get('biztel.calllog.agent01') ?? '{}') as { pending: unknown[]; saved: string[] };
      expect(stored).toMatchObject({ pending: [], saved: ['c1'] });
    });

    it('sends a lost save again, once, when no Task exists for the call', async () => {
      let now = 1_000_000;
      const ctx = await closedDuringSave({ written: false, now: () => now });
      now += LOOKUP_AFTER_MS;

      const queue = ctx.make();
      await queue.flush();
      await settle();
      await queue.flush();
      await settle();

      expect(ctx.lookups).toEqual(['c1']);
      expect(ctx.saved).toEqual([task('c1')]);
      expect(queue.pending).toBe(0);
    });

    it('does not send again a save it cannot check (no Apex class, no access); looks again later; forgets it after a day', async () => {
      let now = 1_000_000;
      const ctx = await closedDuringSave({ written: false, lookupFails: true, now: () => now });
      now += LOOKUP_AFTER_MS;

      const second = ctx.make();
      await second.flush();
      await settle();
      await second.flush();
      await settle();
      expect(ctx.lookups).toEqual(['c1']); // not again on every flush
      expect(ctx.saved).toEqual([]);
      expect(second.pending).toBe(0);

      now += LOOKUP_AFTER_MS;
      ctx.lookupTimers().at(-1)!.fn();
      await settle();
      expect(ctx.lookups).toEqual(['c1', 'c1']);
      expect(ctx.saved).toEqual([]);

      now += 24 * 60 * 60_000;
      const third = ctx.make(); // a day later: the unknown save is forgotten
      third.enqueue('c2', task('c2'));
      const stored = JSON.parse(ctx.store.get('biztel.calllog.agent01') ?? '{}') as { pending: { callId: string }[] };
      expect(stored.pending.map((p) => p.callId)).toEqual(['c2']);
    });

    it('a disposed queue (sign-out, another page took over) does nothing more: each call still gets one Task', async () => {
      const ctx = setup({ slow: true });
      const a = ctx.make();
      a.enqueue('c1', task('c1'));
      a.enqueue('c2', task('c2'));
      a.enqueue('c3', task('c3'));
      await settle();
      a.dispose(); // c1 in flight, c2 and c3 waiting behind it

      const b = ctx.make();
      void b.flush(); // c1 is unknown to b: looked up later; c2 and c3 are b's to save
      await settle();
      for (const wait of ctx.answerWaits()) wait.fn();
      await settle();
      for (const answer of ctx.unanswered) answer(); // a's late answer for c1 and b's answers
      await settle();
      for (const wait of ctx.answerWaits()) wait.fn();
      await settle();
      for (const answer of ctx.unanswered) answer();
      await settle();

      expect(ctx.saved.map((t) => t['CallObject'])).toEqual(['c1', 'c2', 'c3']);
      const stored = JSON.parse(ctx.store.get('biztel.calllog.agent01') ?? '{}') as { pending: { callId: string }[]; saved: string[] };
      expect([stored.pending.map((p) => p.callId), stored.saved]).toEqual([['c1'], ['c2', 'c3']]); // c1: b looks it up in time
    });

    it('does not send again a save the host gave up waiting for', async () => {
      const saved: unknown[] = [];
      const queue = new CallLogQueue({
        host: {
          saveLog(fields) {
            saved.push(fields);
            return Promise.reject(new HostError('noResponse', 'saveLog: no response'));
          },
          refreshView: () => Promise.resolve(),
          findCallLog: () => Promise.reject(new HostError('failed', 'runApex: no access')),
        },
        store: memoryStore(),
        key: 'biztel.calllog.agent01',
        logger: silentLogger,
        timers: { set: () => undefined, clear: () => undefined },
      });
      queue.enqueue('c1', task('c1'));
      await settle();
      await queue.flush();

      queue.enqueue('c1', task('c1'));
      await settle();
      expect(saved).toHaveLength(1);
      expect(queue.pending).toBe(1); // to be looked up before anything is sent again
    });
  });
});

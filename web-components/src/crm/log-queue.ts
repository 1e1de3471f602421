/**
 * Exactly one Task per call: ended calls are queued by call id, saved one at a time with
 * `saveLog`, and remembered once saved so the same call is never logged twice — across reloads too
 * (the queue lives in the page's storage, per agent).
 *
 * Whatever the org's latency: a save is never given up on while its answer may still come (an org
 * whose triggers and flows take 30 s still answers, and that answer settles the entry), and a save
 * whose outcome is unknown is never sent again blindly — that is how slow orgs got several Tasks
 * per call. Only a save Salesforce answered with an error is retried, each Task on its own
 * back-off (a Task Salesforce keeps refusing does not hold up the others). A save still
 * unanswered after `answerWaitMs` stops holding up the calls behind it (its answer still settles
 * it when it comes). One whose answer will never come (the page was closed or reloaded during it,
 * the host gave up, or answered success without a readable id) is looked up once `lookupAfterMs`
 * passed since it was sent (time for the write to commit): the Task with the call's CallObject
 * exists → logged; it does not → sent again. While the host cannot tell (the Apex class missing,
 * no access), it stays unknown — reported through `onProblem`, not counted as waiting — and is
 * forgotten after a day. A disposed queue (sign-out, another page took over) does nothing more:
 * late answers are left to the next queue, which reads the stored state and looks them up.
 */
import type { TaskFields } from '../core/call-log.js';
import type { Logger } from '../log.js';
import type { HostPort } from './host-port.js';
import { HostError } from './host-port.js';

import { guarded, type GuardedStore, type KeyValueStore } from '../core/key-value-store.js';

export interface LogQueueOptions {
  readonly host: Pick<HostPort, 'saveLog' | 'refreshView' | 'findCallLog'>;
  readonly store: KeyValueStore;
  /** Storage key, per agent (e.g. `biztel.calllog.<tenant-account>`). */
  readonly key: string;
  readonly logger: Logger;
  /** Waits between attempts of one Task after Salesforce refused it; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
  /** How long a save may go unanswered before the calls behind it are saved meanwhile (default 2 min). */
  readonly answerWaitMs?: number;
  /** How long after a save whose answer will never come its Task is looked up (default 10 min). */
  readonly lookupAfterMs?: number;
  readonly timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
  readonly now?: () => number;
  /** Told whenever the number of Tasks waiting to be saved changes. */
  readonly onPendingChange?: (pending: number) => void;
  /** What the agent's support should see (the operation log): a refused save, a Task that cannot be checked. */
  readonly onProblem?: (callId: string, problem: string) => void;
}

interface PendingTask {
  callId: string;
  fields: TaskFields;
  attempts: number;
  /** A save was sent then and its outcome is not known yet (in flight, or the page closed meanwhile). */
  sentAt?: number;
  /** Salesforce refused the last save: not sent again before then. */
  retryAt?: number;
}

interface Persisted {
  pending: PendingTask[];
  saved: string[];
}

/** How many saved call ids are remembered (enough for any shift; oldest forgotten first). */
const MAX_REMEMBERED = 500;
const MAX_PENDING = 200;
/** A save whose outcome stayed unknown is forgotten after this long. */
const UNKNOWN_KEPT_MS = 24 * 60 * 60_000;

export class CallLogQueue {
  private state: Persisted;
  private flushing = false;
  private disposed = false;
  private retryTimer: unknown = undefined;
  private lookupTimer: unknown = undefined;
  private readonly delays: readonly number[];
  private readonly timers: NonNullable<LogQueueOptions['timers']>;
  private readonly now: () => number;
  private readonly store: GuardedStore;
  /** Call ids whose save this page sent and still listens to. */
  private readonly inFlight = new Set<string>();
  /** Call ids whose Task is being looked up ('now'), or when their look-up failed (tried again `lookupAfterMs` later). */
  private readonly looking = new Map<string, 'now' | number>();

  constructor(private readonly options: LogQueueOptions) {
    this.store = guarded(options.store);
    this.delays = options.retryDelaysMs ?? [2_000, 5_000, 15_000, 60_000];
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.now = options.now ?? Date.now;
    this.state = this.load();
  }

  /**
   * Tasks still to be saved or checked: not yet sent, sent and still awaited, or whose look-up
   * has not failed. One whose outcome cannot be checked is not counted: nothing will save it, so
   * the panel must not say it waits (`onProblem` said what happened).
   */
  get pending(): number {
    return this.state.pending.filter((p) => p.sentAt === undefined || this.inFlight.has(p.callId) || typeof this.looking.get(p.callId) !== 'number').length;
  }

  /** Queues the Task of a call and tries to save it; a call already queued or saved is ignored. */
  enqueue(callId: string, fields: TaskFields): void {
    if (this.disposed || this.state.saved.includes(callId) || this.state.pending.some((p) => p.callId === callId)) return;
    if (this.state.pending.length >= MAX_PENDING) {
      this.options.logger.error('call log queue full; dropping the oldest pending Task');
      this.state.pending.shift();
    }
    this.state.pending.push({ callId, fields, attempts: 0 });
    this.persist();
    void this.flush();
  }

  /** Saves the pending Tasks in order, each refused one on its own back-off; looks up lost ones. */
  async flush(): Promise<void> {
    if (this.disposed) return;
    this.lookUpUnknown();
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let next = this.nextToSend(); next && !this.disposed; next = this.nextToSend()) await this.send(next);
    } finally {
      this.flushing = false;
    }
    this.scheduleRetry();
  }

  /** The first Task no save was sent for and not waiting for its retry (those with an outcome pending or unknown are skipped). */
  private nextToSend(): PendingTask | undefined {
    const now = this.now();
    return this.state.pending.find((p) => p.sentAt === undefined && (p.retryAt === undefined || p.retryAt <= now));
  }

  /**
   * Sends one save and waits for its answer, at most `answerWaitMs`: then it goes on listening
   * while the queue moves on.
   */
  private async send(task: PendingTask): Promise<void> {
    task.sentAt = this.now();
    delete task.retryAt;
    this.inFlight.add(task.callId);
    this.persist();
    const answer = this.options.host.saveLog(task.fields).then(
      () => this.settle(task.callId),
      (error: unknown) => this.refused(task, error),
    );
    let waited: unknown;
    const wait = new Promise<'waiting'>((resolve) => (waited = this.timers.set(() => resolve('waiting'), this.options.answerWaitMs ?? 120_000)));
    const result = await Promise.race([answer, wait]);
    this.timers.clear(waited);
    if (result === 'waiting' && !this.disposed)
      this.options.logger.warn(`call log ${task.callId}: no answer from Salesforce yet; saving the next calls meanwhile`);
  }

  /** The Task of `callId` exists (its save succeeded, however late, or a look-up found it): the call is logged. */
  private settle(callId: string): void {
    this.inFlight.delete(callId);
    if (this.disposed) return;
    const index = this.state.pending.findIndex((p) => p.callId === callId);
    if (index >= 0) this.state.pending.splice(index, 1);
    if (!this.state.saved.includes(callId)) this.state.saved = [...this.state.saved, callId].slice(-MAX_REMEMBERED);
    this.persist();
    this.options.host.refreshView().catch((e: unknown) => this.options.logger.warn('refreshView failed', String(e)));
  }

  /**
   * Salesforce answered the save with an error: nothing was written, so it is retried on its own
   * back-off. No readable answer (the host gave up waiting, a success without an id) is no such
   * proof: the outcome is unknown, and the Task is looked up before anything is sent again.
   */
  private refused(task: PendingTask, error: unknown): void {
    this.inFlight.delete(task.callId);
    if (this.disposed) return;
    if (error instanceof HostError && error.kind === 'noResponse') {
      this.options.logger.error(`call log ${task.callId}: no readable answer to the save; its Task is looked up before it is sent again`, String(error));
      this.persist();
      this.lookUpUnknown();
      return;
    }
    delete task.sentAt;
    task.attempts += 1;
    const delay = this.delays[Math.min(task.attempts - 1, this.delays.length - 1)] ?? 60_000;
    task.retryAt = this.now() + delay;
    this.persist();
    this.options.logger.warn(`call log save failed (attempt ${task.attempts}); retrying in ${delay} ms`, String(error));
    this.options.onProblem?.(task.callId, `Salesforce refused the Task (attempt ${task.attempts}), retried in ${Math.round(delay / 1000)} s: ${String(error)}`);
    this.scheduleRetry();
  }

  /** A timer for the soonest retry of a refused Task (none while a flush is running: it schedules after). */
  private scheduleRetry(): void {
    if (this.retryTimer !== undefined) this.timers.clear(this.retryTimer);
    this.retryTimer = undefined;
    if (this.disposed || this.flushing) return;
    const soonest = Math.min(...this.state.pending.map((p) => (p.sentAt === undefined && p.retryAt !== undefined ? p.retryAt : Infinity)));
    if (soonest !== Infinity) this.retryTimer = this.timers.set(() => void this.flush(), Math.max(0, soonest - this.now()));
  }

  /**
   * Looks up the Tasks of the saves whose outcome is unknown and old enough; schedules the look-up
   * of the younger ones. Found: the call is logged. Not found: sent again. Cannot tell: left.
   */
  private lookUpUnknown(): void {
    if (this.disposed) return;
    const lookupAfterMs = this.options.lookupAfterMs ?? 600_000;
    const now = this.now();
    let soonest = Infinity;
    for (const task of this.state.pending) {
      const { callId, sentAt } = task;
      if (sentAt === undefined || this.inFlight.has(callId)) continue;
      const since = this.looking.get(callId);
      if (since === 'now') continue;
      const due = Math.max(sentAt, since ?? sentAt) + lookupAfterMs;
      if (due > now) {
        soonest = Math.min(soonest, due);
        continue;
      }
      this.looking.set(callId, 'now');
      this.options.host.findCallLog(callId).then(
        (id) => {
          this.looking.delete(callId);
          if (this.disposed || !this.state.pending.includes(task)) return;
          if (id !== null) {
            this.options.logger.warn(`call log ${callId}: its save's answer never came, but the Task exists (${id}); not sent again`);
            this.settle(callId);
            return;
          }
          this.options.logger.warn(`call log ${callId}: its save's answer never came and no Task exists; sending it again`);
          delete task.sentAt;
          this.persist();
          void this.flush();
        },
        (error: unknown) => {
          this.looking.set(callId, this.now());
          if (this.disposed) return;
          this.options.logger.error(
            `call log ${callId}: its save's outcome is unknown and cannot be checked; not sent again, so no second Task is written`,
            String(error),
          );
          this.options.onProblem?.(
            callId,
            `the Task's save was cut off and cannot be checked (Apex BiztelCallLog): not sent again — check the call's Task in Salesforce: ${String(error)}`,
          );
          this.persist();
          this.lookUpUnknown();
        },
      );
    }
    if (this.lookupTimer !== undefined) this.timers.clear(this.lookupTimer);
    this.lookupTimer = soonest === Infinity ? undefined : this.timers.set(() => this.lookUpUnknown(), soonest - now);
  }

  /** Stops for good: nothing is sent, looked up or stored any more (the next queue takes over from storage). */
  dispose(): void {
    this.disposed = true;
    for (const timer of [this.retryTimer, this.lookupTimer]) if (timer !== undefined) this.timers.clear(timer);
    this.retryTimer = undefined;
    this.lookupTimer = undefined;
  }

  private persist(): void {
    if (this.disposed) return;
    if (!this.store.set(this.options.key, JSON.stringify(this.state))) this.options.logger.warn('could not store the call log queue');
    this.options.onPendingChange?.(this.pending);
  }

  /** Reads the stored queue; anything malformed is dropped with a warning, never trusted. */
  private load(): Persisted {
    const raw = this.store.getJson(this.options.key);
    const empty: Persisted = { pending: [], saved: [] };
    if (raw === null) return empty;
    const r = raw as Partial<Persisted>;
    const pending = Array.isArray(r.pending)
      ? r.pending.filter(
          (p): p is Persisted['pending'][number] =>
            typeof p === 'object' &&
            p !== null &&
            typeof p.callId === 'string' &&
            typeof p.attempts === 'number' &&
            (p.sentAt === undefined || typeof p.sentAt === 'number') &&
            (p.retryAt === undefined || typeof p.retryAt === 'number') &&
            typeof p.fields === 'object' &&
            p.fields !== null &&
            Object.values(p.fields).every((v) => ['string', 'number', 'boolean'].includes(typeof v)),
        )
      : [];
    const saved = Array.isArray(r.saved) ? r.saved.filter((s): s is string => typeof s === 'string') : [];
    if (pending.length !== (Array.isArray(r.pending) ? r.pending.length : 0) || !Array.isArray(r.saved)) {
      this.options.logger.warn('dropped malformed entries from the stored call log queue');
    }
    // A save sent by an earlier page whose answer never came: unknown — not sent again before its
    // Task was looked up (it may have been written; `lookUpUnknown`), forgotten after a day.
    const now = this.now();
    const kept = pending.filter((p) => {
      if (p.sentAt === undefined) return true;
      if (now - p.sentAt < UNKNOWN_KEPT_MS) return true;
      this.options.logger.error(`call log ${p.callId}: its save's outcome stayed unknown for a day; forgotten (check the call's Task in Salesforce)`);
      return false;
    });
    for (const p of kept) {
      if (p.sentAt !== undefined)
        this.options.logger.warn(`call log ${p.callId}: the page closed while it was being saved; its Task is looked up before it is sent again`);
    }
    return { pending: kept.slice(-MAX_PENDING), saved: saved.slice(-MAX_REMEMBERED) };
  }
}

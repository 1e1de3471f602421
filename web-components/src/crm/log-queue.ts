/**
 * Exactly one Task per call: ended calls are queued by call id, saved one at a time with
 * `saveLog`, and remembered once saved so the same call is never logged twice — across reloads too
 * (the queue lives in the page's storage, per agent).
 *
 * Whatever the org's latency: a save is never given up on while its answer may still come (an org
 * whose triggers and flows take 30 s still answers, and that answer settles the entry), and a save
 * whose outcome is unknown is never sent again blindly — that is how slow orgs got several Tasks
 * per call. Only a save Salesforce answered with an error is retried, with back-off. A save still
 * unanswered after `answerWaitMs` stops holding up the calls behind it (its answer still settles
 * it when it comes). One whose answer will never come (the page was closed or reloaded during it,
 * the host gave up) is looked up once `lookupAfterMs` passed since it was sent (time for the write
 * to commit): the Task with the call's CallObject exists → logged; it does not → sent again. While
 * the host cannot tell (the Apex class missing, no access), it stays unknown, is said so in the
 * log, and is forgotten after a day.
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
}

interface PendingTask {
  callId: string;
  fields: TaskFields;
  attempts: number;
  /** A save was sent then and its outcome is not known yet (in flight, or the page closed meanwhile). */
  sentAt?: number;
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
  private timer: unknown = undefined;
  private readonly delays: readonly number[];
  private readonly timers: NonNullable<LogQueueOptions['timers']>;
  private readonly now: () => number;
  private readonly store: GuardedStore;
  /** Call ids whose save this page sent and still listens to. */
  private readonly inFlight = new Set<string>();
  /** Call ids whose Task is being looked up, or whose look-up failed (not tried again on this page before `lookupAfterMs`). */
  private readonly looking = new Map<string, 'now' | number>();
  private lookupTimer: unknown = undefined;

  constructor(private readonly options: LogQueueOptions) {
    this.store = guarded(options.store);
    this.delays = options.retryDelaysMs ?? [2_000, 5_000, 15_000, 60_000];
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.now = options.now ?? Date.now;
    this.state = this.load();
  }

  /**
   * Tasks still to be saved: not yet sent, or sent and still awaited by this page. A save whose
   * outcome is unknown is not counted: nothing will save it, so the panel must not say it waits.
   */
  get pending(): number {
    return this.state.pending.filter((p) => p.sentAt === undefined || this.inFlight.has(p.callId)).length;
  }

  /** Queues the Task of a call and tries to save it; a call already queued or saved is ignored. */
  enqueue(callId: string, fields: TaskFields): void {
    if (this.state.saved.includes(callId) || this.state.pending.some((p) => p.callId === callId)) return;
    if (this.state.pending.length >= MAX_PENDING) {
      this.options.logger.error('call log queue full; dropping the oldest pending Task');
      this.state.pending.shift();
    }
    this.state.pending.push({ callId, fields, attempts: 0 });
    this.persist();
    void this.flush();
  }

  /** Saves pending Tasks in order until Salesforce refuses one (then a retry is scheduled). */
  async flush(): Promise<void> {
    this.lookUpUnknown();
    if (this.flushing) return;
    this.flushing = true;
    this.cancelRetry();
    try {
      for (let next = this.nextToSend(); next; next = this.nextToSend()) {
        const answered = await this.send(next);
        if (answered === 'refused') return;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The first Task no save was sent for (those with an outcome pending or unknown are skipped). */
  private nextToSend(): PendingTask | undefined {
    return this.state.pending.find((p) => p.sentAt === undefined);
  }

  /**
   * Sends one save and waits for its answer, at most `answerWaitMs`: then it goes on listening
   * while the queue moves on. Resolves `refused` when Salesforce answered with an error.
   */
  private async send(task: PendingTask): Promise<'saved' | 'refused' | 'waiting'> {
    task.sentAt = this.now();
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
    if (result === 'waiting') this.options.logger.warn(`call log ${task.callId}: no answer from Salesforce yet; saving the next calls meanwhile`);
    return result;
  }

  /** The save of `callId` succeeded, however late: the call is logged. */
  private settle(callId: string): 'saved' {
    this.inFlight.delete(callId);
    const index = this.state.pending.findIndex((p) => p.callId === callId);
    if (index >= 0) this.state.pending.splice(index, 1);
    if (!this.state.saved.includes(callId)) this.state.saved = [...this.state.saved, callId].slice(-MAX_REMEMBERED);
    this.persist();
    this.options.host.refreshView().catch((e: unknown) => this.options.logger.warn('refreshView failed', String(e)));
    return 'saved';
  }

  /**
   * Salesforce answered the save with an error: nothing was written, so it is retried with
   * back-off. No answer at all (the host gave up waiting) is no such proof: the outcome stays unknown.
   */
  private refused(task: PendingTask, error: unknown): 'refused' | 'waiting' {
    this.inFlight.delete(task.callId);
    if (error instanceof HostError && error.kind === 'noResponse') {
      this.options.logger.error(`call log ${task.callId}: Salesforce never answered the save; its Task is looked up before it is sent again`, String(error));
      this.persist();
      this.lookUpUnknown();
      return 'waiting';
    }
    delete task.sentAt;
    task.attempts += 1;
    this.persist();
    const delay = this.delays[Math.min(task.attempts - 1, this.delays.length - 1)] ?? 60_000;
    this.options.logger.warn(`call log save failed (attempt ${task.attempts}); retrying in ${delay} ms`, String(error));
    this.cancelRetry();
    this.timer = this.timers.set(() => void this.flush(), delay);
    return 'refused';
  }

  /**
   * Looks up the Tasks of the saves whose outcome is unknown and old enough; schedules the look-up
   * of the younger ones. Found: the call is logged. Not found: sent again. Cannot tell: left.
   */
  private lookUpUnknown(): void {
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
          if (!this.state.pending.includes(task)) return;
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
          this.options.logger.error(
            `call log ${callId}: its save's outcome is unknown and cannot be checked; not sent again, so no second Task is written`,
            String(error),
          );
          this.lookUpUnknown();
        },
      );
    }
    if (this.lookupTimer !== undefined) this.timers.clear(this.lookupTimer);
    this.lookupTimer = soonest === Infinity ? undefined : this.timers.set(() => this.lookUpUnknown(), soonest - now);
  }

  dispose(): void {
    this.cancelRetry();
    if (this.lookupTimer !== undefined) this.timers.clear(this.lookupTimer);
    this.lookupTimer = undefined;
  }

  private cancelRetry(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private persist(): void {
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

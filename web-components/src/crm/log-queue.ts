/**
 * Exactly one Task per call: ended calls are queued by call id, saved one at a time with
 * `saveLog`, retried with back-off when a save fails, and remembered once saved so the same call is
 * never logged twice — across reloads too (the queue lives in the page's storage, per agent).
 */
import type { TaskFields } from '../core/call-log.js';
import type { Logger } from '../log.js';
import type { HostPort } from './host-port.js';

import { guarded, type GuardedStore, type KeyValueStore } from '../core/key-value-store.js';

export interface LogQueueOptions {
  readonly host: Pick<HostPort, 'saveLog' | 'refreshView'>;
  readonly store: KeyValueStore;
  /** Storage key, per agent (e.g. `biztel.calllog.<tenant-account>`). */
  readonly key: string;
  readonly logger: Logger;
  /** Waits between attempts of one Task; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
  readonly timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
  /** Told whenever the number of Tasks waiting to be saved changes. */
  readonly onPendingChange?: (pending: number) => void;
}

interface Persisted {
  pending: { callId: string; fields: TaskFields; attempts: number }[];
  saved: string[];
}

/** How many saved call ids are remembered (enough for any shift; oldest forgotten first). */
const MAX_REMEMBERED = 500;
const MAX_PENDING = 200;

export class CallLogQueue {
  private state: Persisted;
  private flushing = false;
  private timer: unknown = undefined;
  private readonly delays: readonly number[];
  private readonly timers: NonNullable<LogQueueOptions['timers']>;
  private readonly store: GuardedStore;

  constructor(private readonly options: LogQueueOptions) {
    this.store = guarded(options.store);
    this.delays = options.retryDelaysMs ?? [2_000, 5_000, 15_000, 60_000];
    this.timers = options.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
    this.state = this.load();
  }

  get pending(): number {
    return this.state.pending.length;
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

  /** Saves pending Tasks in order until one fails (then a retry is scheduled). */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    this.cancelRetry();
    try {
      while (this.state.pending.length > 0) {
        const next = this.state.pending[0]!;
        try {
          await this.options.host.saveLog(next.fields);
        } catch (error) {
          next.attempts += 1;
          this.persist();
          const delay = this.delays[Math.min(next.attempts - 1, this.delays.length - 1)] ?? 60_000;
          this.options.logger.warn(`call log save failed (attempt ${next.attempts}); retrying in ${delay} ms`, String(error));
          this.timer = this.timers.set(() => void this.flush(), delay);
          return;
        }
        this.state.pending.shift();
        this.state.saved = [...this.state.saved, next.callId].slice(-MAX_REMEMBERED);
        this.persist();
        this.options.host.refreshView().catch((e: unknown) => this.options.logger.warn('refreshView failed', String(e)));
      }
    } finally {
      this.flushing = false;
    }
  }

  dispose(): void {
    this.cancelRetry();
  }

  private cancelRetry(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private persist(): void {
    if (!this.store.set(this.options.key, JSON.stringify(this.state))) this.options.logger.warn('could not store the call log queue');
    this.options.onPendingChange?.(this.state.pending.length);
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
            typeof p.fields === 'object' &&
            p.fields !== null &&
            Object.values(p.fields).every((v) => ['string', 'number', 'boolean'].includes(typeof v)),
        )
      : [];
    const saved = Array.isArray(r.saved) ? r.saved.filter((s): s is string => typeof s === 'string') : [];
    if (pending.length !== (Array.isArray(r.pending) ? r.pending.length : 0) || !Array.isArray(r.saved)) {
      this.options.logger.warn('dropped malformed entries from the stored call log queue');
    }
    return { pending: pending.slice(-MAX_PENDING), saved: saved.slice(-MAX_REMEMBERED) };
  }
}

/**
 * Which event-server nodes are alive, in the shared state: each node notes the time every few
 * seconds under `node:<id>`. A node killed without a word stops noting it, so the others can tell
 * its panels are gone (and since when) — for resume tokens, which live for a grace period after a
 * session's last panel left (./resume-tokens.ts).
 *
 * The heartbeat also tells when the shared state was lost (Redis restarted empty, flushed, or
 * restored from an older copy): each beat expects to find the value the previous one wrote; when
 * it finds another or none, `onStateLost` is called, so the node registers what it holds again
 * (./event-server/re-register.ts).
 */
import { randomUUID } from 'node:crypto';
import type { SharedState } from './state/shared-state.js';

export interface NodeLiveness {
  /** This node's id. */
  readonly id: string;
  /** How long ago `node` was last seen alive (its last heartbeat), or undefined when nothing is known of it. */
  sinceSeen(node: string): Promise<number | undefined>;
  /** A node last seen this long ago is dead. */
  readonly deadAfterMs: number;
}

/** One process alone: the only node there is, alive as long as anything reads the state. */
export const ONE_NODE: NodeLiveness = { id: 'local', deadAfterMs: Infinity, sinceSeen: async () => 0 };

export interface NodeRegistryOptions {
  readonly beatMs?: number;
  readonly deadAfterMs?: number;
  /** How long a dead node's last heartbeat is remembered (at least the resume grace period). */
  readonly keepMs: number;
  /** A beat found the shared state lost since the previous beat. */
  readonly onStateLost?: () => void;
}

export class NodeRegistry implements NodeLiveness {
  readonly id = randomUUID();
  readonly deadAfterMs: number;
  private readonly beatMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;
  /** What the last beat wrote (undefined before the first). */
  private lastStamp: string | undefined;

  constructor(
    private readonly state: SharedState,
    private readonly options: NodeRegistryOptions,
    private readonly onError: (error: unknown) => void,
    /** Wall-clock time: liveness is about real processes, whatever clock the server's rules follow. */
    private readonly now: () => number = Date.now,
  ) {
    this.beatMs = options.beatMs ?? 5000;
    this.deadAfterMs = options.deadAfterMs ?? 3 * this.beatMs;
  }

  /** Notes this node alive now and every `beatMs` until `stop()`. */
  async start(): Promise<void> {
    await this.beat();
    if (this.stopped || this.timer) return;
    this.timer = setInterval(() => void this.beat().catch(this.onError), this.beatMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async sinceSeen(node: string): Promise<number | undefined> {
    const raw = await this.state.get(`node:${node}`);
    return raw === undefined ? undefined : Math.max(0, this.now() - Number(raw));
  }

  /** Notes this node alive now (the timer does it every `beatMs`), and checks the state was not lost since the last beat. */
  async beat(): Promise<void> {
    const stamp = String(this.now());
    let found: string | undefined;
    await this.state.update(
      `node:${this.id}`,
      (current) => {
        found = current;
        return stamp;
      },
      this.options.keepMs + this.deadAfterMs,
    );
    const expected = this.lastStamp;
    this.lastStamp = stamp;
    if (expected !== undefined && found !== expected && !this.stopped) this.options.onStateLost?.();
  }
}

/**
 * Idempotent commands: the first answer to each command id is kept for a while (in the shared
 * state, so every node sees it), so a command the panel retries after a reconnect (same id) gets
 * that answer instead of running twice — on whichever node the retry lands. A retry that arrives
 * while the first is still running waits for the same answer.
 */
import type { SharedState } from './state/shared-state.js';

const RUNNING = '"running"';

export interface CommandReplyOptions {
  /** How long an answer is kept. */
  readonly ttlMs: number;
  /** How often a retry on another node looks for the first run's answer. */
  readonly pollMs?: number;
  /** How long it looks before answering `gaveUp` (the first run's node may have died). */
  readonly waitMs?: number;
  /**
   * The answer is stored after it is returned (the panel need not wait for that write); this gets
   * each such write, so a closing server can let them finish.
   */
  readonly background?: (write: Promise<unknown>) => void;
}

export class CommandReplies<R> {
  /** Runs under way on this node, by key. */
  private readonly running = new Map<string, Promise<R>>();

  constructor(
    private readonly state: SharedState,
    private readonly options: CommandReplyOptions,
  ) {}

  /**
   * The kept answer of `key`, else runs `execute` once and keeps its answer. When `execute` throws
   * (the command did not run: e.g. its deadline passed before it acted), nothing is kept.
   */
  run(key: string, execute: () => Promise<R>, gaveUp: R): Promise<R> {
    const local = this.running.get(key);
    if (local) return local;
    const run = this.claim(`reply:${key}`, execute, gaveUp);
    this.running.set(key, run);
    const forget = () => this.running.delete(key);
    run.then(forget, forget);
    return run;
  }

  /**
   * Replaces the kept answer of `key` (a command whose outcome was unknown when it was answered,
   * learnt later): a retry with the same id gets the true outcome, and still never runs again.
   */
  async amend(key: string, reply: R): Promise<void> {
    await this.state.set(`reply:${key}`, JSON.stringify(reply), this.options.ttlMs);
  }

  private async claim(key: string, execute: () => Promise<R>, gaveUp: R): Promise<R> {
    const claimed = await this.state.setIfAbsent(key, RUNNING, this.options.ttlMs);
    if (!claimed.stored) return this.answerOf(key, claimed.value, gaveUp);
    let reply: R;
    try {
      reply = await execute();
    } catch (error) {
      // It did not run: the id is free for a retry (if the shared state lets it be freed; if not,
      // a retry finds it running and answers `gaveUp` — never runs it twice).
      await this.state.delete(key).catch(() => undefined);
      throw error;
    }
    // A retry arriving before this write lands finds the id still running and waits for it. If the
    // write fails, the id stays `running` (a retry answers `gaveUp`): freeing it would let a retry
    // run a command that did run.
    const write = this.state.set(key, JSON.stringify(reply), this.options.ttlMs).catch(() => undefined);
    this.options.background?.(write);
    return reply;
  }

  /** Waits for the answer of a run on another node. */
  private async answerOf(key: string, value: string | undefined, gaveUp: R): Promise<R> {
    const pollMs = this.options.pollMs ?? 50;
    const deadline = Date.now() + (this.options.waitMs ?? 10_000);
    while (value === RUNNING && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      value = await this.state.get(key);
    }
    return value === undefined || value === RUNNING ? gaveUp : (JSON.parse(value) as R);
  }
}

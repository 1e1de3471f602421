/**
 * Idempotent commands: the first answer to each command id is kept for a while, so a command the
 * panel retries after a reconnect (same id) gets that answer instead of running twice. A retry
 * that arrives while the first is still running waits for the same answer.
 */
export class CommandReplies<R> {
  private readonly replies = new Map<string, { reply: Promise<R>; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity: number,
  ) {}

  /** The kept answer of `key`, else runs `execute` once and keeps its answer. */
  run(key: string, now: number, execute: () => Promise<R>): Promise<R> {
    this.sweep(now);
    const kept = this.replies.get(key);
    if (kept) return kept.reply;
    const reply = execute();
    this.replies.set(key, { reply, at: now });
    while (this.replies.size > this.capacity) this.replies.delete(this.replies.keys().next().value!);
    return reply;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.replies) {
      if (now - entry.at < this.ttlMs) break; // insertion order is time order
      this.replies.delete(key);
    }
  }
}

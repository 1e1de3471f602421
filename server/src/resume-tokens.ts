/**
 * Resume tokens: random, single-use secrets that let a panel take its session back without the
 * password — after its connection dropped, after a reload or pop-out, or in another tab of the same
 * agent. Each use hands out a fresh token. A token lives as long as its session is in use: while
 * any panel of the session is connected, and for `graceMs` after the last one left (then it is
 * short-lived: a closed browser's token soon stops working); never longer than `maxAgeMs`.
 * Sign-out revokes every token of the session.
 */
import { randomBytes } from 'node:crypto';

export interface ResumeTokenOptions {
  /** How long a session stays resumable after its last panel disconnected. */
  readonly graceMs: number;
  /** Hard limit on one token's age, however long the session stays connected (a shift). */
  readonly maxAgeMs: number;
}

export class ResumeTokens<S extends object> {
  private readonly tokens = new Map<string, { session: S; issuedAt: number }>();
  /** Per session: connected panels and when the last one left. */
  private readonly presence = new Map<S, { connected: number; leftAt: number }>();

  constructor(private readonly options: ResumeTokenOptions) {}

  issue(session: S, now: number): string {
    this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { session, issuedAt: now });
    return token;
  }

  /** The session of a valid token, which is used up; undefined when unknown or expired. */
  take(token: string, now: number): S | undefined {
    const entry = this.tokens.get(token);
    this.tokens.delete(token);
    return entry && this.valid(entry, now) ? entry.session : undefined;
  }

  /** A panel of `session` connected (signed in or resumed). */
  attached(session: S): void {
    const p = this.presence.get(session) ?? { connected: 0, leftAt: 0 };
    p.connected += 1;
    this.presence.set(session, p);
  }

  /** A panel of `session` disconnected or left it. */
  detached(session: S, now: number): void {
    const p = this.presence.get(session);
    if (!p) return;
    p.connected = Math.max(0, p.connected - 1);
    if (p.connected === 0) p.leftAt = now;
  }

  /** Every token of the session stops working (sign-out). */
  revoke(session: S): void {
    for (const [token, entry] of this.tokens) if (entry.session === session) this.tokens.delete(token);
    this.presence.delete(session);
  }

  get size(): number {
    return this.tokens.size;
  }

  private valid(entry: { session: S; issuedAt: number }, now: number): boolean {
    if (now - entry.issuedAt >= this.options.maxAgeMs) return false;
    const p = this.presence.get(entry.session);
    if (!p) return now - entry.issuedAt < this.options.graceMs;
    return p.connected > 0 || now - p.leftAt < this.options.graceMs;
  }

  private sweep(now: number): void {
    for (const [token, entry] of this.tokens) if (!this.valid(entry, now)) this.tokens.delete(token);
    for (const [session, p] of this.presence) {
      if (p.connected === 0 && now - p.leftAt >= this.options.graceMs) this.presence.delete(session);
    }
  }
}

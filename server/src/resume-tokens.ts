/**
 * Resume tokens: random, short-lived, single-use secrets that let a panel take its session back
 * after its connection dropped, without the password. Each resume hands out a fresh token; sign-out
 * revokes every token of the session.
 */
import { randomBytes } from 'node:crypto';

export class ResumeTokens<S extends object> {
  private readonly tokens = new Map<string, { session: S; expiresAt: number }>();

  constructor(private readonly ttlMs: number) {}

  issue(session: S, now: number): string {
    this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { session, expiresAt: now + this.ttlMs });
    return token;
  }

  /** The session of a valid token, which is used up; undefined when unknown or expired. */
  take(token: string, now: number): S | undefined {
    const entry = this.tokens.get(token);
    this.tokens.delete(token);
    return entry && entry.expiresAt > now ? entry.session : undefined;
  }

  revoke(session: S): void {
    for (const [token, entry] of this.tokens) if (entry.session === session) this.tokens.delete(token);
  }

  private sweep(now: number): void {
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token);
  }
}

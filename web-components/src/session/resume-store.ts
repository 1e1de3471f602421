/**
 * Keeps the agent's resume token where the next page of the same Salesforce user finds it: a
 * reload, a pop-out/pop-in and another tab each take the session back with it, without the
 * password. The key carries the user scope (org id / user id from the Visualforce page), so another
 * Salesforce user on the same browser never sees it. Tokens are single-use: every use happens
 * under a cross-tab lock and writes the next token back.
 */
import type { KeyValueStore } from '../core/key-value-store.js';
import type { LockManagerLike } from './browser-apis.js';

/** `<org id>/<user id>` as the Visualforce page renders it (15 or 18 characters each). */
const SCOPE = /^[A-Za-z0-9]{15,18}\/[A-Za-z0-9]{15,18}$/;

export function isUserScope(value: string | null | undefined): value is string {
  return typeof value === 'string' && SCOPE.test(value);
}

export class ResumeStore {
  private readonly key: string;
  private memory: string | null = null;

  /**
   * Without a user scope (not on our Visualforce page) the token stays in this page's memory only:
   * reconnecting works, a reload asks for the password.
   */
  constructor(
    private readonly store: KeyValueStore,
    private readonly scope: string | null,
    private readonly locks: LockManagerLike | null,
  ) {
    this.key = `biztel.resume.${scope ?? ''}`;
  }

  get persistent(): boolean {
    return this.scope !== null;
  }

  /** Runs `use` while no other page of this user uses the token (a no-op lock without Web Locks). */
  exclusive<T>(use: () => Promise<T>): Promise<T> {
    if (!this.locks || !this.scope) return use();
    return this.locks.request(`biztel.resume.${this.scope}`, () => use());
  }

  read(): string | null {
    if (!this.scope) return this.memory;
    try {
      return this.store.get(this.key) || this.memory;
    } catch {
      return this.memory;
    }
  }

  write(token: string | null): void {
    if (!this.scope) {
      this.memory = token;
      return;
    }
    try {
      this.store.set(this.key, token ?? '');
    } catch {
      this.memory = token;
    }
  }

  clear(): void {
    this.write(null);
  }
}

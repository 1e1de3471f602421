/**
 * Keeps the agent's resume token where the next page of the same Salesforce user finds it: a
 * reload, a pop-out/pop-in and another tab each take the session back with it, without the
 * password. The key carries the user scope (org id / user id from the Visualforce page), so another
 * Salesforce user on the same browser never sees it. Tokens are single-use: every use happens
 * under a cross-tab lock and writes the next token back.
 */
import { SALESFORCE_ID_SHAPE } from '@biztel/protocol';
import { guarded, type GuardedStore, type KeyValueStore } from '../core/key-value-store.js';
import type { LockManagerLike } from './browser-apis.js';

/** `<org id>/<user id>` as the Visualforce page renders it (Salesforce ids of 15 or 18 characters). */
export function isUserScope(value: string | null | undefined): value is string {
  const [org, user, ...rest] = typeof value === 'string' ? value.split('/') : [];
  return rest.length === 0 && SALESFORCE_ID_SHAPE.test(org ?? '') && SALESFORCE_ID_SHAPE.test(user ?? '');
}

export class ResumeStore {
  private readonly key: string;
  private memory: string | null = null;

  /**
   * Without a user scope (not on our Visualforce page) the token stays in this page's memory only:
   * reconnecting works, a reload asks for the password.
   */
  private readonly store: GuardedStore;

  constructor(
    store: KeyValueStore,
    private readonly scope: string | null,
    private readonly locks: LockManagerLike | null,
  ) {
    this.store = guarded(store);
    this.key = `biztel.resume.${scope ?? ''}`;
  }

  get persistent(): boolean {
    return this.scope !== null;
  }

  /**
   * Runs `use` while no other page of this user uses the token (a no-op lock without Web Locks).
   * A browser that refuses the lock itself (a framed page on another site can be denied Web Locks:
   * "The request was denied.") runs it unlocked rather than not at all.
   */
  exclusive<T>(use: () => Promise<T>): Promise<T> {
    if (!this.locks || !this.scope) return use();
    let ran = false;
    return this.locks
      .request(`biztel.resume.${this.scope}`, () => {
        ran = true;
        return use();
      })
      .catch((error: unknown) => {
        if (ran) throw error;
        return use();
      });
  }

  read(): string | null {
    if (!this.scope) return this.memory;
    return this.store.get(this.key) || this.memory;
  }

  write(token: string | null): void {
    if (!this.scope) {
      this.memory = token;
      return;
    }
    if (!this.store.set(this.key, token ?? '')) this.memory = token;
  }

  clear(): void {
    this.write(null);
  }
}

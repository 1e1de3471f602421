/**
 * In-memory stand-ins for the browser's Web Locks and BroadcastChannel with the same semantics
 * the session layer relies on: a lock is granted to one holder at a time in request order and
 * passes on when the holder's callback settles; a channel delivers to every other channel of
 * the same name, asynchronously.
 */
import type { BrowserApis, ChannelLike, HeldLock, LockManagerLike } from '../session/browser-apis.js';
import type { KeyValueStore } from '../core/key-value-store.js';

export class FakeLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, (() => void)[]>();

  request<T>(
    name: string,
    optionsOrCallback: { ifAvailable?: boolean } | ((lock: HeldLock | null) => Promise<T> | T),
    maybeCallback?: (lock: HeldLock | null) => Promise<T> | T,
  ): Promise<T> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback)!;
    if (options.ifAvailable && this.held.has(name)) return Promise.resolve(callback(null));
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        this.held.add(name);
        Promise.resolve()
          .then(() => callback({ name }))
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name);
            this.queues.get(name)?.shift()?.();
          });
      };
      if (!this.held.has(name)) run();
      else this.queues.set(name, [...(this.queues.get(name) ?? []), run]);
    });
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }
}

export class FakeChannelHub {
  private readonly channels = new Set<{ name: string; listeners: ((e: { data: unknown }) => void)[]; closed: boolean }>();
  /** Every message posted, for checks that no secret crosses pages. */
  readonly posted: unknown[] = [];

  open(name: string): ChannelLike {
    const self = { name, listeners: [] as ((e: { data: unknown }) => void)[], closed: false };
    this.channels.add(self);
    return {
      postMessage: (message) => {
        if (self.closed) return;
        this.posted.push(structuredClone(message));
        for (const other of this.channels) {
          if (other === self || other.closed || other.name !== name) continue;
          const data = structuredClone(message);
          setTimeout(() => other.listeners.forEach((l) => l({ data })), 0);
        }
      },
      addEventListener: (_type, listener) => void self.listeners.push(listener),
      close: () => {
        self.closed = true;
        this.channels.delete(self);
      },
    };
  }
}

/** One browser: pages created with the same apis share locks, channels and storage events. */
export function fakeBrowser(): BrowserApis & { locks: FakeLocks; hub: FakeChannelHub; storageListeners: Set<(key: string | null) => void> } {
  const locks = new FakeLocks();
  const hub = new FakeChannelHub();
  const storageListeners = new Set<(key: string | null) => void>();
  return {
    locks,
    hub,
    storageListeners,
    channel: (name) => hub.open(name),
    storageChanged: (listener) => {
      storageListeners.add(listener);
      return () => storageListeners.delete(listener);
    },
  };
}

/**
 * A store shared by the pages of one fake browser that, like localStorage, tells the pages
 * (here: every page, which is harmless) about each change after it is written.
 */
export function sharedStore(browser: ReturnType<typeof fakeBrowser>): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => {
      data.set(k, v);
      setTimeout(() => browser.storageListeners.forEach((l) => l(k)), 0);
    },
  };
}

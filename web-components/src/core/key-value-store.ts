/**
 * Where the panel keeps what must survive a reload — the page's localStorage, or memory — and the
 * one guard around it: storage can be blocked, full or gone at any moment, so every read and write
 * goes through `guarded`, which never throws.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** A store for one page only (tests, or when the browser blocks storage). */
export function memoryStore(): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: (k) => data.get(k) ?? null, set: (k, v) => void data.set(k, v) };
}

/** The same store, without exceptions: a failed read gives null, a write says whether it was kept. */
export interface GuardedStore {
  get(key: string): string | null;
  /** Parsed JSON, or null when absent, unreadable or not JSON (validate it: storage is not trusted). */
  getJson(key: string): unknown;
  set(key: string, value: string): boolean;
}

export function guarded(store: KeyValueStore): GuardedStore {
  const get = (key: string): string | null => {
    try {
      return store.get(key);
    } catch {
      return null;
    }
  };
  return {
    get,
    getJson(key) {
      const raw = get(key);
      try {
        return raw === null ? null : (JSON.parse(raw) as unknown);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        store.set(key, value);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The browser's storage (`open`, e.g. `() => window.localStorage`) when the page may use it, else memory. */
export function storageOrMemory(open: () => { getItem(key: string): string | null; setItem(key: string, value: string): void }): KeyValueStore {
  try {
    const storage = open();
    storage.getItem('biztel.probe');
    return { get: (k) => storage.getItem(k), set: (k, v) => storage.setItem(k, v) };
  } catch {
    return memoryStore();
  }
}

/**
 * The parts of the browser's Web Locks and BroadcastChannel APIs the session layer uses, so tests
 * can hand in fakes and browsers without them degrade to one independent panel per page.
 */
export interface HeldLock {
  readonly name: string;
}

export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable?: boolean; mode?: 'exclusive' }, callback: (lock: HeldLock | null) => Promise<T> | T): Promise<T>;
  request<T>(name: string, callback: (lock: HeldLock | null) => Promise<T> | T): Promise<T>;
}

export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export interface BrowserApis {
  readonly locks: LockManagerLike | null;
  readonly channel: ((name: string) => ChannelLike) | null;
  /**
   * Another page of this origin changed the storage (the `storage` event, which fires only once the
   * change is visible here — a BroadcastChannel message can overtake it). Returns unsubscribe.
   */
  readonly storageChanged: ((listener: (key: string | null) => void) => () => void) | null;
}

/** What this browser offers (each part null when missing or blocked). */
export function browserApis(global: typeof globalThis = globalThis): BrowserApis {
  const nav = (global as { navigator?: { locks?: LockManagerLike } }).navigator;
  const Channel = (global as { BroadcastChannel?: new (name: string) => ChannelLike }).BroadcastChannel;
  const target = global as unknown as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  return {
    locks: nav?.locks ?? null,
    channel: Channel ? (name) => new Channel(name) : null,
    storageChanged:
      typeof target.addEventListener === 'function'
        ? (listener) => {
            const onStorage = (event: StorageEvent) => listener(event.key);
            target.addEventListener!('storage', onStorage);
            return () => target.removeEventListener?.('storage', onStorage);
          }
        : null,
  };
}

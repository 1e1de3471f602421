/**
 * Several tabs and windows of one Salesforce user each load a panel. Exactly one of them (the
 * owner) performs the side effects of calls — screen pop, Task logging, LMS publishing, pop-up
 * rules. The owner is elected with a Web Lock held for the page's life, so when its tab closes the
 * browser hands the lock — and the ownership — to the next page waiting for it. Pages count each
 * other over a BroadcastChannel, so the owner can say it handles calls for the others.
 */
import type { BrowserApis, ChannelLike } from './browser-apis.js';

/** `alone`: the only panel of this user; `this`: owner among several; `other`: another page owns. */
export type Ownership = 'alone' | 'this' | 'other';

export interface TabCoordinatorOptions {
  readonly scope: string;
  readonly apis: BrowserApis;
  /** How often a page says it is still there, and when a silent peer counts as gone. */
  readonly heartbeatMs?: number;
  readonly timers?: { readonly every: (fn: () => void, ms: number) => () => void };
}

/** Never a token or any other secret: pages only say they exist and that someone signed in. */
type PeerMessage = { type: 'hello' | 'here' | 'bye' | 'signedIn'; id: string };

function isPeerMessage(data: unknown): data is PeerMessage {
  const m = data as PeerMessage | null;
  return typeof m === 'object' && m !== null && ['hello', 'here', 'bye', 'signedIn'].includes(m.type) && typeof m.id === 'string' && m.id.length <= 64;
}

export class TabCoordinator {
  private owner = false;
  private readonly peers = new Map<string, number>();
  private readonly listeners = new Set<(ownership: Ownership) => void>();
  private readonly signInListeners = new Set<() => void>();
  private readonly journalListeners = new Set<() => void>();
  private readonly id = Math.random().toString(36).slice(2);
  private channel: ChannelLike | null = null;
  private release: (() => void) | null = null;
  private stopHeartbeat: (() => void) | null = null;
  private stopStorage: (() => void) | null = null;
  private disposed = false;
  private readonly heartbeatMs: number;

  constructor(private readonly options: TabCoordinatorOptions) {
    this.heartbeatMs = options.heartbeatMs ?? 5000;
  }

  get ownership(): Ownership {
    if (!this.owner) return 'other';
    return this.peers.size > 0 ? 'this' : 'alone';
  }

  /** Resolves once this page knows whether it owns now; it may become owner later. */
  async start(): Promise<Ownership> {
    const { apis } = this.options;
    if (apis.channel) {
      this.channel = apis.channel(`biztel.tabs.${this.options.scope}`);
      this.channel.addEventListener('message', (event) => this.onPeer(event.data));
      this.channel.postMessage({ type: 'hello', id: this.id } satisfies PeerMessage);
      const every =
        this.options.timers?.every ??
        ((fn, ms) => {
          const handle = setInterval(fn, ms);
          return () => clearInterval(handle);
        });
      this.stopHeartbeat = every(() => this.heartbeat(), this.heartbeatMs);
    }
    if (!apis.locks) {
      this.owner = true; // no Web Locks: every page is on its own
      return this.ownership;
    }
    const name = `biztel.owner.${this.options.scope}`;
    const held = new Promise<void>((resolve) => (this.release = resolve));
    // Free now? Then this page owns and holds the lock until it goes away.
    const owned = await new Promise<boolean>((decided) => {
      apis
        .locks!.request(name, { ifAvailable: true }, (lock) => {
          decided(lock !== null);
          if (!lock) return undefined;
          this.becomeOwner();
          return held;
        })
        .catch(() => decided(false));
    });
    if (!owned) {
      // Another page owns: wait in line; the browser grants the lock when that page closes.
      void apis.locks
        .request(name, () => {
          if (this.disposed) return undefined;
          this.becomeOwner();
          return held;
        })
        .catch(() => undefined);
    }
    return this.ownership;
  }

  onChange(listener: (ownership: Ownership) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the other pages this user signed in here (they take the session with the stored token). */
  announceSignedIn(): void {
    this.channel?.postMessage({ type: 'signedIn', id: this.id } satisfies PeerMessage);
  }

  onSignedIn(listener: () => void): () => void {
    this.signInListeners.add(listener);
    return () => this.signInListeners.delete(listener);
  }

  /** Another page changed the stored call journal (e.g. the records of a screen pop are in). */
  onJournal(listener: () => void): () => void {
    this.journalListeners.add(listener);
    this.stopStorage ??=
      this.options.apis.storageChanged?.((key) => {
        if (key === null || key.startsWith('biztel.calls.')) for (const l of [...this.journalListeners]) l();
      }) ?? null;
    return () => this.journalListeners.delete(listener);
  }

  /** The page goes away: hands the ownership on and says goodbye. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopHeartbeat?.();
    this.stopStorage?.();
    this.channel?.postMessage({ type: 'bye', id: this.id } satisfies PeerMessage);
    this.channel?.close();
    this.owner = false;
    this.release?.();
  }

  private becomeOwner(): void {
    if (this.disposed || this.owner) return;
    this.owner = true;
    this.notify();
  }

  private heartbeat(): void {
    this.channel?.postMessage({ type: 'here', id: this.id } satisfies PeerMessage);
    const before = this.ownership;
    const silentSince = Date.now() - 2.5 * this.heartbeatMs;
    for (const [id, seen] of this.peers) if (seen < silentSince) this.peers.delete(id);
    if (this.ownership !== before) this.notify();
  }

  private onPeer(data: unknown): void {
    if (!isPeerMessage(data) || data.id === this.id) return;
    const before = this.ownership;
    if (data.type === 'bye') this.peers.delete(data.id);
    else this.peers.set(data.id, Date.now());
    if (data.type === 'hello') this.channel?.postMessage({ type: 'here', id: this.id } satisfies PeerMessage);
    if (data.type === 'signedIn') for (const listener of [...this.signInListeners]) listener();
    if (this.ownership !== before) this.notify();
  }

  private notify(): void {
    const ownership = this.ownership;
    for (const listener of [...this.listeners]) listener(ownership);
  }
}

/** Helpers for integration tests against the real event server, simulator and transport. */
import type { Snapshot } from '../../web-components/src/protocol/index.js';
import { SocketTransport } from '../../web-components/src/transport/socket-transport.js';
import { silentLogger, type Logger } from '../../web-components/src/log.js';

/** A panel transport plus every snapshot it received, with a way to wait for one. */
export class PanelProbe {
  readonly transport: SocketTransport;
  readonly snapshots: Snapshot[] = [];
  private waiters: { predicate: (s: Snapshot) => boolean; resolve: (s: Snapshot) => void }[] = [];

  constructor(logger: Logger = silentLogger) {
    this.transport = new SocketTransport({ logger, connectTimeoutMs: 3000, ackTimeoutMs: 3000 });
    this.transport.onSnapshot((s) => {
      this.snapshots.push(s);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(s)) return true;
        w.resolve(s);
        return false;
      });
    });
  }

  get latest(): Snapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** Resolves with the first snapshot (already received or future) matching `predicate`. */
  next(predicate: (s: Snapshot) => boolean, timeoutMs = 3000): Promise<Snapshot> {
    const latest = this.latest;
    if (latest && predicate(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching snapshot within ${timeoutMs} ms; latest: ${JSON.stringify(this.latest)}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  }

  close(): void {
    this.transport.close();
  }
}

export const callIn = (state: string) => (s: Snapshot) => s.calls.some((c) => c.state === state);
export const noCalls = (s: Snapshot) => s.calls.length === 0;

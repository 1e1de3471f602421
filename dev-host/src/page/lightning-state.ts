/**
 * The fake Lightning page's container as its elements share it: the memory container (what
 * Lightning holds and shows), the container the softphone page is served — the same one behind a
 * decorator that reports every call it answered or refused — and change notifications, so each
 * element re-renders when the softphone or the user changed something it shows.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MemoryContainer, OpenCtiContainer } from '@biztel/opencti/fake';

/** `inner`, calling `after(method)` once each call settled (answered or refused). */
export function afterEachCall(inner: OpenCtiContainer, after: (method: string) => void): OpenCtiContainer {
  return {
    async handle(method, arg) {
      try {
        return await inner.handle(method, arg);
      } finally {
        after(method);
      }
    },
    listen: (event, listener) => inner.listen(event, listener),
  };
}

export class LightningState {
  /** What the softphone page talks to (and the page's own calls go through, e.g. an LWC publishing). */
  readonly served: OpenCtiContainer;
  private readonly listeners = new Set<() => void>();

  constructor(readonly container: MemoryContainer) {
    this.served = afterEachCall(container, () => this.changed());
  }

  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change the user made on the page (navigation, click-to-dial, the utility): applied, then told. */
  change(apply: (container: MemoryContainer) => void): void {
    apply(this.container);
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Re-renders its host whenever the `LightningState` it is given (a property, maybe set late) changes. */
export class LightningWatch implements ReactiveController {
  private watched: LightningState | undefined;
  private unsubscribe = (): void => {};
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly state: () => LightningState | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.watch();
  }

  /** Before each render: the host may have been given another state since. */
  hostUpdate(): void {
    if (this.connected) this.watch();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe();
    this.unsubscribe = () => {};
    this.watched = undefined;
  }

  private watch(): void {
    const state = this.state();
    if (state === this.watched) return;
    this.unsubscribe();
    this.watched = state;
    this.unsubscribe = state ? state.subscribe(() => this.host.requestUpdate()) : () => {};
  }
}

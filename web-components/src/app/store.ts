/**
 * The panel's one store: holds the `PanelState`, runs every event through the pure reducer
 * (core/panel-state.ts) and tells subscribers about each change as a (before, after) pair. A
 * change made while subscribers are being told (a lookup started by a snapshot) is told after the
 * current one, so every subscriber sees the changes in order.
 */
import { initialState, reduce, type PanelEvent, type PanelState } from '../core/panel-state.js';
import type { Logger } from '../log.js';

export type Transition = (before: PanelState, after: PanelState) => void;

export class PanelStore {
  state: PanelState = initialState;
  private readonly subscribers = new Set<Transition>();
  private readonly eventWatchers = new Set<(event: PanelEvent) => void>();
  private readonly pending: [PanelState, PanelState][] = [];

  constructor(private readonly logger: Logger) {}

  dispatch(event: PanelEvent): void {
    for (const watch of [...this.eventWatchers]) watch(event);
    const before = this.state;
    const after = reduce(before, event);
    if (after === before) {
      this.logger.debug(`ignored ${event.type} in phase ${before.phase}`);
      return;
    }
    this.state = after;
    this.notify(before, after);
  }

  /** Tells the subscribers the current state again, e.g. when this page takes over the side effects. */
  replay(): void {
    this.notify(this.state, this.state);
  }

  /** Back to the start (the element was connected again). */
  reset(): void {
    this.state = initialState;
  }

  /** Every change of state, in order; returns unsubscribe. */
  subscribe(subscriber: Transition): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Every event dispatched, applied or not (the operation log); returns unsubscribe. */
  onEvent(watch: (event: PanelEvent) => void): () => void {
    this.eventWatchers.add(watch);
    return () => this.eventWatchers.delete(watch);
  }

  private notify(before: PanelState, after: PanelState): void {
    this.pending.push([before, after]);
    if (this.pending.length > 1) return;
    while (this.pending.length > 0) {
      const [b, a] = this.pending[0]!;
      for (const subscriber of [...this.subscribers]) {
        try {
          subscriber(b, a);
        } catch (error) {
          this.logger.error('a state subscriber failed', error instanceof Error ? error.message : String(error));
        }
      }
      this.pending.shift();
    }
  }
}

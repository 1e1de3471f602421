/**
 * Tab ownership: which page of this Salesforce user performs the side effects of calls (screen
 * pop, Tasks, pop-up rules, LMS). Learns it at start, takes the work over when the owner's page
 * closes (doing what it missed), and follows a sign-in made in another tab.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Logger } from '../log.js';
import type { Ownership, TabCoordinator } from '../session/tab-coordinator.js';
import type { PanelStore } from './store.js';

export class TabOwnership implements ReactiveController {
  ownership: Ownership = 'alone';
  private readonly disposers: (() => void)[] = [];
  private readonly takeOverListeners = new Set<() => void>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly tabs: TabCoordinator | null,
    private readonly logger: Logger,
    /** Another tab signed in: take the session back with the token it left. */
    private readonly signedInElsewhere: () => void,
  ) {
    host.addController(this);
  }

  /** Whether this page performs the side effects of calls. */
  get owner(): boolean {
    return this.ownership !== 'other';
  }

  hostDisconnected(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.tabs?.dispose();
  }

  /** Joins the other pages of this user; resolves once this page knows whether it owns the work. */
  async start(): Promise<void> {
    const tabs = this.tabs;
    if (!tabs) return;
    this.disposers.push(
      tabs.onChange((ownership) => this.changed(ownership)),
      tabs.onSignedIn(() => {
        const s = this.store.state;
        if (s.phase === 'signedOut' && s.step.kind !== 'submitting') this.signedInElsewhere();
      }),
      // The owner looked a call up: show what it found (the journal has it).
      tabs.onJournal(() => this.store.replay()),
    );
    this.ownership = await tabs.start();
  }

  /** Told when this page takes the side effects over (before the state is replayed to it). */
  onTakeOver(listener: () => void): () => void {
    this.takeOverListeners.add(listener);
    return () => this.takeOverListeners.delete(listener);
  }

  private changed(ownership: Ownership): void {
    const took = ownership !== 'other' && this.ownership === 'other';
    this.ownership = ownership;
    this.logger.info(`ownership: ${ownership}`);
    if (took && this.store.state.phase === 'signedIn') {
      // The owner's page closed: this page does its work from here, including what it missed.
      for (const listener of [...this.takeOverListeners]) listener();
      this.store.replay();
    }
    this.host.requestUpdate();
  }
}

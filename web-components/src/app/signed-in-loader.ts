/**
 * Loads the signed-in controllers (signed-in.ts) when the agent first signs in (or a session comes
 * back), and hands them every change of state from then on, in order: changes that happen while
 * their chunk is on its way wait for it, so nothing is lost or reordered.
 */
import type { Effect } from '../core/call-effects.js';
import type { PanelState } from '../core/panel-state.js';
import type { Logger } from '../log.js';
import type { SignedInParts } from './signed-in.js';

export class SignedInLoader {
  /** The controllers, once loaded. */
  parts: SignedInParts | null = null;
  private waiting: [PanelState, readonly Effect[]][] | null = null;
  private readonly ready = new Set<(parts: SignedInParts) => void>();

  constructor(
    private readonly load: () => Promise<SignedInParts>,
    private readonly logger: Logger,
  ) {}

  /** Passes a change on (loading the controllers once a sign-in starts); before that, nothing concerns them. */
  perform(after: PanelState, effects: readonly Effect[]): void {
    if (this.parts) return this.parts.perform(after, effects);
    if (this.waiting) {
      this.waiting.push([after, effects]);
      return;
    }
    if (after.phase !== 'signedIn' && !(after.phase === 'signedOut' && after.step.kind === 'submitting')) return;
    const waiting: [PanelState, readonly Effect[]][] = [[after, effects]];
    this.waiting = waiting;
    this.load().then(
      (parts) => {
        this.parts = parts;
        this.waiting = null;
        for (const [state, list] of waiting) parts.perform(state, list);
        for (const use of [...this.ready]) use(parts);
        this.ready.clear();
      },
      (error: unknown) => {
        // Tried again with the next change; what waited is dropped (the journal heals the calls).
        this.waiting = null;
        this.logger.error('could not load the signed-in controllers', String(error));
      },
    );
  }

  /** Runs `use` with the controllers now, or once they are loaded. */
  use(use: (parts: SignedInParts) => void): void {
    if (this.parts) use(this.parts);
    else this.ready.add(use);
  }
}

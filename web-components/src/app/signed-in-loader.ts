/**
 * Loads the signed-in controllers (signed-in.ts) when the agent first signs in (or a session comes
 * back), and hands them every change of state from then on, in order. Changes that happen while
 * their chunk is on its way wait for it; so do changes made while the waiting ones are replayed (a
 * replayed screen pop may dispatch), which join the end of the queue. If the chunk fails to load,
 * nothing is dropped: the next change loads it again and the whole queue is replayed.
 */
import type { Effect } from '../core/call-effects.js';
import type { PanelState } from '../core/panel-state.js';
import type { Logger } from '../log.js';
import type { SignedInParts } from './signed-in.js';

type Change = readonly [PanelState, readonly Effect[]];

/** A change that needs the signed-in controllers: a session starts or is there. */
const startsSession = (state: PanelState) => state.phase === 'signedIn' || (state.phase === 'signedOut' && state.step.kind === 'submitting');

export class SignedInLoader {
  /** The controllers, once loaded and caught up with every change that waited. */
  parts: SignedInParts | null = null;
  private pending: Change[] = [];
  private loading = false;
  private readonly ready = new Set<(parts: SignedInParts) => void>();

  constructor(
    private readonly load: () => Promise<SignedInParts>,
    private readonly logger: Logger,
    /** Fetches the controllers' chunk without starting them (the agent is about to sign in). */
    private readonly fetch: () => Promise<unknown> = () => Promise.resolve(),
  ) {}

  /** Fetches the chunk ahead of the sign-in; a failure is left to the sign-in's own load. */
  prefetch(): void {
    if (!this.parts) this.fetch().catch(() => undefined);
  }

  /** Passes a change on (loading the controllers once a sign-in starts); before that, nothing concerns them. */
  perform(after: PanelState, effects: readonly Effect[]): void {
    if (this.parts) return this.parts.perform(after, effects);
    if (!this.loading && this.pending.length === 0 && !startsSession(after)) return;
    this.pending.push([after, effects]);
    if (!this.loading) this.startLoading();
  }

  /** Runs `use` with the controllers now, or once they are loaded. */
  use(use: (parts: SignedInParts) => void): void {
    if (this.parts) use(this.parts);
    else this.ready.add(use);
  }

  private startLoading(): void {
    this.loading = true;
    this.load().then(
      (parts) => {
        // `pending` may grow while it is replayed: a change made meanwhile waits its turn.
        for (let i = 0; i < this.pending.length; i++) parts.perform(...this.pending[i]!);
        this.pending = [];
        this.loading = false;
        this.parts = parts;
        for (const use of [...this.ready]) use(parts);
        this.ready.clear();
      },
      (error: unknown) => {
        this.loading = false;
        this.logger.error(`could not load the signed-in controllers (${this.pending.length} changes wait for the next try)`, String(error));
      },
    );
  }
}

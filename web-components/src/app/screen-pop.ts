/**
 * The screen pop (seed 001 §4, §6): each new call is looked up in the CRM once — shared with this
 * user's other pages through the call journal, so a reload or another tab shows what was found
 * instead of popping again — and only the owner page searches.
 */
import type { CallSearch, Effect } from '../core/call-effects.js';
import type { HostPort } from '../crm/host-port.js';
import type { Logger } from '../log.js';
import type { CallJournal } from '../session/call-journal.js';
import { describe } from './services.js';
import type { PanelStore } from './store.js';

/** No lifecycle of its own: a plain class, not a reactive controller. */
export class ScreenPop {
  constructor(
    private readonly store: PanelStore,
    private readonly crm: HostPort,
    private readonly logger: Logger,
    /** The journal of the signed-in agent's calls (null while signed out). */
    private readonly journal: () => CallJournal | null,
    /** Whether this page performs the side effects of calls. */
    private readonly owner: () => boolean,
  ) {}

  perform(effect: Effect): void {
    if (effect.kind === 'lookUp') this.lookUp(effect.callId, effect.search);
  }

  /** Shows what a page of this user found before; else the owner searches (and pops) once. */
  private lookUp(callId: string, search: CallSearch | null): void {
    const journal = this.journal();
    const earlier = journal?.lookedUp(callId);
    if (earlier) {
      if (earlier.records) {
        this.store.dispatch({ type: 'lookupStarted', callId });
        this.store.dispatch({ type: 'lookupFinished', callId, records: earlier.records });
      }
      return;
    }
    if (!search || !this.owner()) return;
    journal?.markLookedUp(callId);
    this.store.dispatch({ type: 'lookupStarted', callId });
    this.crm.searchAndPop(search).then(
      (records) => {
        journal?.markLookedUp(callId, records);
        this.store.dispatch({ type: 'lookupFinished', callId, records });
      },
      (error: unknown) => {
        this.logger.warn('CRM search failed', describe(error));
        this.store.dispatch({ type: 'lookupFailed', callId });
      },
    );
  }
}

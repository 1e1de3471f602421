/**
 * The screen pop (seed 001 §4, §6): each new call is looked up in the CRM once — shared with this
 * user's other pages through the call journal, so a reload or another tab shows what was found
 * instead of popping again — and only the owner page searches.
 */
import type { CallSearch, Effect } from '../core/call-effects.js';
import type { PhoneSearchReport } from '../core/phone-search-strategy.js';
import type { HostPort } from '../crm/host-port.js';
import type { Logger } from '../log.js';
import type { CallJournal } from '../session/call-journal.js';
import type { Diagnostics } from './diagnostics.js';
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
    /** Where the search's report goes: 診断 and the operation log. */
    private readonly diagnostics: Pick<Diagnostics, 'lastSearch' | 'operationLog'>,
  ) {}

  private searched(report: PhoneSearchReport): void {
    this.diagnostics.lastSearch = report;
    const searches = report.searches.map(({ term, found }) => `${term}:${found ?? '×'}`).join(', ');
    this.diagnostics.operationLog.record('event', 'crmSearch', `${report.strategy} [${searches}] = ${report.records}, pop ${report.pop}`);
  }

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
      ({ records, report }) => {
        if (report) this.searched(report);
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

/**
 * What the owner panel has done about calls, kept in the page's storage so the next page of the same
 * agent — after a reload, a pop-out, or when another tab takes over — neither repeats it nor misses
 * it: which calls were already looked up and popped (with the records found, to show them again)
 * and which calls were open at the last snapshot (so a call that ended while no page was watching
 * still gets its Task, and pop-up rules fire for what happened meanwhile). Storage is not trusted:
 * everything read back is validated.
 */
import { guarded, type GuardedStore, type KeyValueStore } from '../core/key-value-store.js';
import type { RecordRef } from '../core/lookup.js';
import { array, callSchema, object, str, int, optional, type Call, type Infer } from '@biztel/protocol';

/** Calls remembered as looked up (enough for a shift; oldest forgotten first). */
const MAX_LOOKED_UP = 200;
/** Open calls older than this are from another day (a crashed browser), not to be logged now. */
const STALE_AFTER_MS = 12 * 60 * 60_000;

const recordSchema = object({ id: str({ min: 1, max: 18 }), name: str({ min: 0, max: 255 }), objectType: str({ min: 0, max: 80 }) });
const journalSchema = object({
  lookedUp: array(object({ callId: str({ min: 1, max: 64 }), records: optional(array(recordSchema, { max: 20 })) }), { max: MAX_LOOKED_UP }),
  open: array(callSchema, { max: 8 }),
  openAt: int({ min: 0, max: 8_640_000_000_000_000 }),
});
type Journal = Infer<typeof journalSchema>;

const empty = (): Journal => ({ lookedUp: [], open: [], openAt: 0 });

export class CallJournal {
  private readonly store: GuardedStore;

  constructor(
    store: KeyValueStore,
    private readonly key: string,
  ) {
    this.store = guarded(store);
  }

  /** Whether a page of this agent already looked the call up (and popped its screen). */
  lookedUp(callId: string): { records: readonly RecordRef[] | null } | undefined {
    const entry = this.load().lookedUp.find((e) => e.callId === callId);
    return entry ? { records: entry.records ?? null } : undefined;
  }

  /** Claims the screen pop of a call before searching, so no other page pops it too. */
  markLookedUp(callId: string, records?: readonly RecordRef[]): void {
    const journal = this.load();
    const rest = journal.lookedUp.filter((e) => e.callId !== callId);
    rest.push(records ? { callId, records: records.slice(0, 20).map((r) => ({ id: r.id, name: r.name, objectType: r.objectType })) } : { callId });
    this.save({ ...journal, lookedUp: rest.slice(-MAX_LOOKED_UP) });
  }

  /** The calls that were open at the last snapshot the owner handled (none when stale). */
  openCalls(serverTime: number): readonly Call[] {
    const journal = this.load();
    return serverTime - journal.openAt > STALE_AFTER_MS ? [] : journal.open;
  }

  setOpenCalls(calls: readonly Call[], serverTime: number): void {
    this.save({ ...this.load(), open: calls.slice(0, 8), openAt: serverTime });
  }

  private load(): Journal {
    const r = journalSchema.check(this.store.getJson(this.key), 'call journal');
    return r.ok ? r.value : empty();
  }

  private save(journal: Journal): void {
    // Storage full or blocked: this page still works, the next one may repeat a pop.
    this.store.set(this.key, JSON.stringify(journal));
  }
}

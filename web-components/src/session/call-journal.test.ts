import { describe, expect, it } from '@jest/globals';
import { memoryStore } from '../core/key-value-store.js';
import type { Call } from '@biztel/protocol';
import { CallJournal } from './call-journal.js';

const T0 = 1_717_000_000_000;
const call = (id: string, patch: Partial<Call> = {}): Call => ({
  id,
  direction: 'inbound',
  state: 'talking',
  remoteNumber: '0312345678',
  startedAt: T0,
  ...patch,
});
const record = { id: '0035g00000AbCdEAAV', name: '山田 太郎', objectType: 'Contact' };

describe('CallJournal', () => {
  it('remembers across pages which calls were looked up, with their records', () => {
    const store = memoryStore();
    const first = new CallJournal(store, 'k');

    first.markLookedUp('c1');
    const second = new CallJournal(store, 'k');
    expect(second.lookedUp('c1')).toEqual({ records: null });

    first.markLookedUp('c1', [record]);
    expect(second.lookedUp('c1')).toEqual({ records: [record] });
    expect(second.lookedUp('c2')).toBeUndefined();
  });

  it('keeps the open calls of the last snapshot, and forgets them when they are from another day', () => {
    const journal = new CallJournal(memoryStore(), 'k');

    journal.setOpenCalls([call('c1')], T0);

    expect(journal.openCalls(T0 + 60_000).map((c) => c.id)).toEqual(['c1']);
    expect(journal.openCalls(T0 + 13 * 60 * 60_000)).toEqual([]);
  });

  it('forgets the oldest looked-up calls beyond 200', () => {
    const journal = new CallJournal(memoryStore(), 'k');

    for (let i = 0; i < 205; i += 1) journal.markLookedUp(`c${i}`);

    expect([0, 4, 5, 204].map((i) => journal.lookedUp(`c${i}`))).toEqual([undefined, undefined, { records: null }, { records: null }]);
  });

  it.each([
    ['not JSON', '{'],
    ['wrong shape', JSON.stringify({ lookedUp: 'x', open: [], openAt: 0 })],
    ['a hostile call', JSON.stringify({ lookedUp: [], open: [{ id: '<img>', state: 'talking' }], openAt: T0 })],
    ['prototype keys', '{"__proto__": {"polluted": true}, "lookedUp": [], "open": [], "openAt": 0}'],
  ])('treats tampered storage (%s) as empty', (_what, raw) => {
    const store = memoryStore();
    store.set('k', raw);
    const journal = new CallJournal(store, 'k');

    expect(journal.openCalls(T0)).toEqual([]);
    expect(journal.lookedUp('c1')).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** The store: the reducer's result, subscribers told of every change in order, ignored events logged. */
import { describe, expect, it } from '@jest/globals';
import type { PanelState } from '../core/panel-state.js';
import { recordingLogger } from '../testing/fake-services.js';
import { PanelStore } from './store.js';

const ready = { type: 'ready', statuses: [{ id: 'available', label: '受付可' }] } as const;

describe('PanelStore', () => {
  it('runs events through the reducer and tells subscribers (before, after)', () => {
    const store = new PanelStore(recordingLogger());
    const seen: [string, string][] = [];
    store.subscribe((before, after) => seen.push([before.phase, after.phase]));

    store.dispatch(ready);

    expect(store.state.phase).toBe('signedOut');
    expect(seen).toEqual([['starting', 'signedOut']]);
  });

  it('leaves the state and the subscribers alone when the reducer ignores an event, and says so in the debug log', () => {
    const logger = recordingLogger();
    const store = new PanelStore(logger);
    let told = 0;
    store.subscribe(() => (told += 1));

    store.dispatch({ type: 'noticeDismissed' });

    expect(store.state.phase).toBe('starting');
    expect(told).toBe(0);
    expect(logger.lines).toEqual(['debug ignored noticeDismissed in phase starting']);
  });

  it('tells a change made by a subscriber after the current one, to every subscriber in order', () => {
    const store = new PanelStore(recordingLogger());
    const first: string[] = [];
    const second: string[] = [];
    const pair = (b: PanelState, a: PanelState) => `${b.phase}→${a.phase}${a.phase === 'signedOut' && a.step.kind === 'submitting' ? '(submitting)' : ''}`;
    store.subscribe((b, a) => {
      first.push(pair(b, a));
      if (a.phase === 'signedOut' && a.step.kind !== 'submitting') store.dispatch({ type: 'signInSubmitted', form: a.form });
    });
    store.subscribe((b, a) => second.push(pair(b, a)));

    store.dispatch(ready);

    expect(first).toEqual(['starting→signedOut', 'signedOut→signedOut(submitting)']);
    expect(second).toEqual(first);
  });

  it('records every event, applied or not, for the operation log', () => {
    const store = new PanelStore(recordingLogger());
    const events: string[] = [];
    store.onEvent((e) => events.push(e.type));

    store.dispatch({ type: 'noticeDismissed' });
    store.dispatch(ready);

    expect(events).toEqual(['noticeDismissed', 'ready']);
  });

  it('keeps telling the other subscribers when one fails', () => {
    const logger = recordingLogger();
    const store = new PanelStore(logger);
    let told = 0;
    store.subscribe(() => {
      throw new Error('boom');
    });
    store.subscribe(() => (told += 1));

    store.dispatch(ready);
    store.replay();

    expect(told).toBe(2);
    expect(logger.lines.filter((l) => l.startsWith('error'))).toHaveLength(2);
  });
});

/** The signed-in chunk's loader: what waits for the chunk is replayed in order, and never dropped. */
import { describe, expect, it } from '@jest/globals';
import type { Effect } from '../core/call-effects.js';
import type { PanelState } from '../core/panel-state.js';
import { silentLogger } from '../log.js';
import { until } from '../testing/wait.js';
import type { SignedInParts } from './signed-in.js';
import { SignedInLoader } from './signed-in-loader.js';

/** A state the loader can tell apart; only its phase matters to the loader. */
const state = (name: string, phase: 'starting' | 'signedIn' = 'signedIn') => ({ phase, name }) as unknown as PanelState;
const nameOf = (s: PanelState) => (s as unknown as { name: string }).name;
const NO_EFFECTS: readonly Effect[] = [];

/** Controllers that record what they were handed; `onPerform` may act while one is performed. */
function recordingParts(onPerform: (name: string) => void = () => {}): SignedInParts & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    calls: undefined as never,
    screen: undefined as never,
    perform(after) {
      seen.push(nameOf(after));
      onPerform(nameOf(after));
    },
  };
}

/** A chunk load the test settles by hand. */
function deferredLoads() {
  const loads: { resolve: (parts: SignedInParts) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<SignedInParts>((resolve, reject) => loads.push({ resolve, reject }));
  return { loads, load };
}

describe('SignedInLoader', () => {
  it('loads nothing before a session starts', () => {
    const { loads, load } = deferredLoads();
    const loader = new SignedInLoader(load, silentLogger);

    loader.perform(state('start-up', 'starting'), NO_EFFECTS);

    expect(loads).toHaveLength(0);
    expect(loader.parts).toBeNull();
  });

  it('replays the changes that waited in order, and a change made during the replay after them', async () => {
    const { loads, load } = deferredLoads();
    const loader = new SignedInLoader(load, silentLogger);
    // Performing "ringing" dispatches (a screen pop's lookup answered at once): a newer change.
    const parts = recordingParts((name) => {
      if (name === 'ringing') loader.perform(state('talking, looked up'), NO_EFFECTS);
    });

    loader.perform(state('ringing'), NO_EFFECTS);
    loader.perform(state('talking'), NO_EFFECTS);
    expect(loads).toHaveLength(1);
    loads[0]!.resolve(parts);
    await until(() => loader.parts);

    expect(parts.seen).toEqual(['ringing', 'talking', 'talking, looked up']);
    loader.perform(state('ended'), NO_EFFECTS);
    expect(parts.seen.at(-1)).toBe('ended');
  });

  it('keeps what waited when the chunk fails to load, and replays it all once a later change loads it', async () => {
    const { loads, load } = deferredLoads();
    const errors: string[] = [];
    const loader = new SignedInLoader(load, { ...silentLogger, error: (message) => errors.push(message) });
    const parts = recordingParts();

    loader.perform(state('ringing'), NO_EFFECTS);
    loads[0]!.reject(new Error('network'));
    await until(() => errors.length);
    loader.perform(state('talking'), NO_EFFECTS);
    expect(loads).toHaveLength(2);
    loads[1]!.resolve(parts);
    await until(() => loader.parts);

    expect(parts.seen).toEqual(['ringing', 'talking']);
    expect(errors[0]).toContain('1 changes wait');
  });

  it('hands the controllers to those who asked once every waiting change is performed', async () => {
    const { loads, load } = deferredLoads();
    const loader = new SignedInLoader(load, silentLogger);
    const parts = recordingParts();
    const seenWhenUsed: string[][] = [];

    loader.use((p) => seenWhenUsed.push([...(p as typeof parts).seen]));
    loader.perform(state('ringing'), NO_EFFECTS);
    loads[0]!.resolve(parts);
    await until(() => seenWhenUsed.length);

    expect(seenWhenUsed).toEqual([['ringing']]);
  });

  it('prefetches the chunk ahead of a sign-in without starting the controllers, and not once they run', async () => {
    const { loads, load } = deferredLoads();
    let fetches = 0;
    const loader = new SignedInLoader(load, silentLogger, () => {
      fetches += 1;
      return Promise.reject(new Error('offline')); // a failed prefetch is left to the sign-in's own load
    });

    loader.prefetch();
    await Promise.resolve();
    expect([fetches, loads.length, loader.parts]).toEqual([1, 0, null]);

    loader.perform(state('submitting', 'signedIn'), NO_EFFECTS);
    loads[0]!.resolve(recordingParts());
    await until(() => loader.parts !== null, 'the controllers');
    loader.prefetch();
    expect(fetches).toBe(1);
  });
});

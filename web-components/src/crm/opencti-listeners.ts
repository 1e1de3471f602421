/**
 * The library's click-to-dial and navigation listeners (`onClickToDial`, `onNavigationChange`):
 * one per page, fanned out to every subscriber of every host made over it, each subscription
 * with an unsubscribe; subscribers made before the library loaded wait for `start()`.
 */
import type { OpenCtiWindow } from './opencti-call.js';
import type { OpenCtiApi } from '@biztel/opencti';

type Subscriber = (payload: unknown) => void;
export type ListenerKey = 'clickToDial' | 'navigation';
const LISTENER_KEYS: readonly ListenerKey[] = ['clickToDial', 'navigation'];
const LISTENER_METHOD = { clickToDial: 'onClickToDial', navigation: 'onNavigationChange' } as const;
type Fanout = Record<ListenerKey, Set<Subscriber>> & { readonly registered: Record<ListenerKey, boolean> };
/**
 * The library offers no way to remove a listener, so each page's `sforce.opencti` gets exactly
 * one listener per event, registered with the first subscriber and fanned out to the current
 * subscribers of every host made over it; unsubscribing only leaves the fan-out.
 */
const fanouts = new WeakMap<object, Fanout>();

function fanoutOf(opencti: object): Fanout {
  let fanout = fanouts.get(opencti);
  if (!fanout) {
    fanout = { clickToDial: new Set(), navigation: new Set(), registered: { clickToDial: false, navigation: false } };
    fanouts.set(opencti, fanout);
  }
  return fanout;
}

/** One host's subscriptions to the page's library listeners. */
export interface ListenerFanout {
  /** Adds a subscriber (registering the library listener if it is the first); returns unsubscribe. */
  readonly subscribe: (key: ListenerKey, subscriber: Subscriber) => () => void;
  /** Moves the subscribers made before the library loaded to the page's fan-out (at `start()`). */
  readonly adoptWaiting: () => void;
}

/** `reportError`: where an exception thrown by a subscriber goes. */
export function createListenerFanout(win: OpenCtiWindow, reportError: (error: unknown) => void): ListenerFanout {
  /**
   * Subscribers made before the library is there wait here; `start()` moves them to the page's
   * fan-out. The library listener is registered with the first subscriber of each event.
   */
  const waiting: Record<ListenerKey, Set<Subscriber>> = { clickToDial: new Set(), navigation: new Set() };

  function loaded(): OpenCtiApi | undefined {
    const opencti = win.sforce?.opencti;
    return typeof opencti === 'object' && opencti !== null ? opencti : undefined;
  }

  function register(opencti: OpenCtiApi): void {
    const fanout = fanoutOf(opencti);
    for (const key of LISTENER_KEYS) {
      const method = LISTENER_METHOD[key];
      if (fanout.registered[key] || fanout[key].size === 0 || typeof opencti[method] !== 'function') continue;
      const subscribers = fanout[key];
      try {
        opencti[method]({
          listener: (payload: unknown) => {
            for (const subscriber of [...subscribers]) {
              try {
                subscriber(payload);
              } catch (error) {
                reportError(error);
              }
            }
          },
        });
        fanout.registered[key] = true;
      } catch {
        // The library refused (not framed yet?): the next subscription or start() tries again.
      }
    }
  }

  return {
    subscribe(key, subscriber) {
      const opencti = loaded();
      if (opencti) {
        fanoutOf(opencti)[key].add(subscriber);
        register(opencti);
      } else {
        waiting[key].add(subscriber);
      }
      return () => {
        waiting[key].delete(subscriber);
        const current = loaded();
        if (current) fanouts.get(current)?.[key].delete(subscriber);
      };
    },
    adoptWaiting() {
      const opencti = loaded();
      if (!opencti) return;
      const fanout = fanoutOf(opencti);
      for (const key of LISTENER_KEYS) {
        for (const subscriber of waiting[key]) fanout[key].add(subscriber);
        waiting[key].clear();
      }
      register(opencti);
    },
  };
}

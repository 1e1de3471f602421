/**
 * Carries a fake Open CTI across windows the way `opencti_min.js` does: the softphone page posts
 * each call to the page that frames it (the dev host's "Lightning") or, popped out, to the page
 * that opened its window; that page answers and sends container events by postMessage.
 */
import type { OpenCtiErrorItem } from '../index.js';
import { ContainerFailure, type ContainerEvent, type OpenCtiContainer } from './container.js';

const TAG = 'biztel-fake-opencti';

interface CallMessage {
  tag: typeof TAG;
  kind: 'call';
  id: number;
  method: string;
  arg: Record<string, unknown>;
}
interface ListenMessage {
  tag: typeof TAG;
  kind: 'listen';
  event: ContainerEvent;
}
interface ResultMessage {
  tag: typeof TAG;
  kind: 'result';
  id: number;
  ok: boolean;
  value?: unknown;
  errors?: unknown;
}
interface EventMessage {
  tag: typeof TAG;
  kind: 'event';
  event: ContainerEvent;
  payload: unknown;
}
type BridgeMessage = CallMessage | ListenMessage | ResultMessage | EventMessage;

function isBridgeMessage(data: unknown): data is BridgeMessage {
  return typeof data === 'object' && data !== null && (data as { tag?: unknown }).tag === TAG;
}

function isErrorItem(item: unknown): item is OpenCtiErrorItem {
  if (typeof item !== 'object' || item === null) return false;
  const { code, description } = item as { code?: unknown; description?: unknown };
  return typeof code === 'string' && typeof description === 'string';
}

/** The `errors[]` of a failed result as posted by the host page: its well-formed items only. */
function readErrors(errors: unknown): OpenCtiErrorItem[] {
  return Array.isArray(errors) ? errors.filter(isErrorItem) : [];
}

/** The page side: a container whose answers come from `host` (normally `window.parent`). */
export function createPostMessageContainer(self: Window, host: Window | null, hostOrigin: string): OpenCtiContainer {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<ContainerEvent, Set<(payload: unknown) => void>>();

  self.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== host || !isBridgeMessage(event.data)) return;
    const msg = event.data;
    if (msg.kind === 'result') {
      const waiter = pending.get(msg.id);
      pending.delete(msg.id);
      if (!waiter) return;
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(new ContainerFailure(readErrors(msg.errors)));
    } else if (msg.kind === 'event') {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.payload);
    }
  });

  const noContainer = () =>
    new ContainerFailure([
      {
        code: 'SOFTPHONE_CONTAINER_ERROR',
        description: "Unable to execute sendPostMessage because the softphone container hasn't initialized yet",
      },
    ]);

  return {
    handle(method, arg) {
      if (!host || host === self) return Promise.reject(noContainer());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A JSON copy of the argument object is again a plain object (functions and `undefined` dropped).
        const copy = JSON.parse(JSON.stringify(arg)) as Record<string, unknown>;
        const message: CallMessage = { tag: TAG, kind: 'call', id, method, arg: copy };
        host.postMessage(message, hostOrigin);
      });
    },
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      if (host && host !== self) host.postMessage({ tag: TAG, kind: 'listen', event } satisfies ListenMessage, hostOrigin);
      return () => set.delete(listener);
    },
  };
}

/**
 * The host side: answers calls from softphone pages of the same origin with `container`. Several
 * pages may be served at once or one after another — the utility's iframe, the window it was
 * popped out to, the iframe rebuilt by pop-in — so container events are subscribed per page
 * window and event, and go to every page that asked for them. A page window that has closed (a
 * popped-out window shut, an iframe removed) is dropped with its subscriptions; a page that
 * reloads in the same window keeps its single subscription. The returned function stops serving
 * and unsubscribes from the container.
 */
export function serveContainer(self: Window, container: OpenCtiContainer): () => void {
  /** Per page window: where it lives and its container subscriptions, one per event. */
  const pages = new Map<Window, { origin: string; unsubscribe: Map<ContainerEvent, () => void> }>();

  const drop = (page: Window) => {
    const entry = pages.get(page);
    if (!entry) return;
    pages.delete(page);
    for (const unsubscribe of entry.unsubscribe.values()) unsubscribe();
  };
  const dropClosed = () => {
    for (const page of [...pages.keys()]) if (page.closed) drop(page);
  };
  /** Posts to a page unless it has gone; false (and the page dropped) when it has. */
  const post = (page: Window, message: ResultMessage | EventMessage, origin: string): boolean => {
    if (page.closed) {
      drop(page);
      return false;
    }
    try {
      page.postMessage(message, origin);
      return true;
    } catch {
      drop(page);
      return false;
    }
  };

  const subscribe = (page: Window, origin: string, event: ContainerEvent) => {
    const entry = pages.get(page) ?? { origin, unsubscribe: new Map<ContainerEvent, () => void>() };
    pages.set(page, entry);
    entry.origin = origin;
    if (entry.unsubscribe.has(event)) return;
    entry.unsubscribe.set(
      event,
      container.listen(event, (payload) => void post(page, { tag: TAG, kind: 'event', event, payload }, entry.origin)),
    );
  };

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== self.location.origin || !isBridgeMessage(event.data)) return;
    const source = event.source as Window | null;
    if (!source) return;
    dropClosed();
    const msg = event.data;
    if (msg.kind === 'call') {
      container.handle(String(msg.method), msg.arg ?? {}).then(
        (value) => post(source, { tag: TAG, kind: 'result', id: msg.id, ok: true, value }, event.origin),
        (error: unknown) =>
          post(
            source,
            {
              tag: TAG,
              kind: 'result',
              id: msg.id,
              ok: false,
              errors: error instanceof ContainerFailure ? error.errors : [{ code: 'GENERIC_ERROR', description: String(error) }],
            },
            event.origin,
          ),
      );
    } else if (msg.kind === 'listen') {
      subscribe(source, event.origin, msg.event);
    }
  };
  self.addEventListener('message', onMessage);
  return () => {
    self.removeEventListener('message', onMessage);
    for (const page of [...pages.keys()]) drop(page);
  };
}

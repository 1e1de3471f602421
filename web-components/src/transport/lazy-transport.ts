/**
 * The event-server port whose socket.io transport arrives in a chunk of its own: the page starts
 * fetching it at once, draws the sign-in form meanwhile, and every call waits for it. Listeners
 * may subscribe before it is there; they are attached when it is. A chunk that cannot load
 * rejects every call (start-up then says the event server cannot be reached).
 */
import type { ConnectionEvent, EventServerPort } from './event-server-port.js';

type Listeners = {
  snapshot: Set<Parameters<EventServerPort['onSnapshot']>[0]>;
  connection: Set<(e: ConnectionEvent) => void>;
  ended: Set<Parameters<EventServerPort['onSessionEnded']>[0]>;
};

export function lazyTransport(load: () => Promise<EventServerPort>): EventServerPort {
  const listeners: Listeners = { snapshot: new Set(), connection: new Set(), ended: new Set() };
  const ready = load().then((port) => {
    port.onSnapshot((s) => [...listeners.snapshot].forEach((l) => l(s)));
    port.onConnection((e) => [...listeners.connection].forEach((l) => l(e)));
    port.onSessionEnded((e) => [...listeners.ended].forEach((l) => l(e)));
    return port;
  });
  // Nobody may be waiting yet: the failure is seen by the next call.
  ready.catch(() => undefined);
  const add =
    <K extends keyof Listeners>(key: K) =>
    (listener: Listeners[K] extends Set<infer L> ? L : never) => {
      (listeners[key] as Set<typeof listener>).add(listener);
      return () => void (listeners[key] as Set<typeof listener>).delete(listener);
    };
  return {
    connect: (url) => ready.then((p) => p.connect(url)),
    signIn: (request) => ready.then((p) => p.signIn(request)),
    resume: (token) => ready.then((p) => p.resume(token)),
    sessionToken: () => ready.then((p) => p.sessionToken()),
    ping: () => ready.then((p) => p.ping()),
    send: ((...args: unknown[]) => ready.then((p) => (p.send as (...a: unknown[]) => Promise<unknown>)(...args))) as EventServerPort['send'],
    onSnapshot: add('snapshot'),
    onConnection: add('connection'),
    onSessionEnded: add('ended'),
    close() {
      void ready.then(
        (p) => p.close(),
        () => undefined,
      );
    },
  };
}

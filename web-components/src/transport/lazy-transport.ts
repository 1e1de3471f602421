/**
 * The event-server port whose socket.io transport arrives in a chunk of its own: the page starts
 * fetching it at once, draws the sign-in form meanwhile, and every call waits for it. Listeners
 * may subscribe before it is there; they are attached when it is. A chunk that cannot load
 * rejects the calls waiting for it (start-up then says the event server cannot be reached) and is
 * fetched again by the next call — start-up's own retries — so a lost fetch needs no reload.
 */
import type { ConnectionEvent, EventServerPort } from './event-server-port.js';

type Listeners = {
  snapshot: Set<Parameters<EventServerPort['onSnapshot']>[0]>;
  connection: Set<(e: ConnectionEvent) => void>;
  ended: Set<Parameters<EventServerPort['onSessionEnded']>[0]>;
};

export function lazyTransport(load: () => Promise<EventServerPort>): EventServerPort {
  const listeners: Listeners = { snapshot: new Set(), connection: new Set(), ended: new Set() };
  const fetchPort = () => {
    const loading = load().then((port) => {
      port.onSnapshot((s) => [...listeners.snapshot].forEach((l) => l(s)));
      port.onConnection((e) => [...listeners.connection].forEach((l) => l(e)));
      port.onSessionEnded((e) => [...listeners.ended].forEach((l) => l(e)));
      return port;
    });
    // Nobody may be waiting yet: the failure is seen by the calls waiting now, the next call fetches again.
    loading.catch(() => {
      if (loaded === loading) loaded = null;
    });
    return loading;
  };
  let loaded: Promise<EventServerPort> | null = fetchPort();
  const port = () => (loaded ??= fetchPort());
  const add =
    <K extends keyof Listeners>(key: K) =>
    (listener: Listeners[K] extends Set<infer L> ? L : never) => {
      (listeners[key] as Set<typeof listener>).add(listener);
      return () => void (listeners[key] as Set<typeof listener>).delete(listener);
    };
  return {
    connect: (url) => port().then((p) => p.connect(url)),
    signIn: (request) => port().then((p) => p.signIn(request)),
    resume: (token) => port().then((p) => p.resume(token)),
    sessionToken: () => port().then((p) => p.sessionToken()),
    directory: () => port().then((p) => p.directory()),
    ping: () => port().then((p) => p.ping()),
    send: ((...args: unknown[]) => port().then((p) => (p.send as (...a: unknown[]) => Promise<unknown>)(...args))) as EventServerPort['send'],
    onSnapshot: add('snapshot'),
    onConnection: add('connection'),
    onSessionEnded: add('ended'),
    close() {
      void loaded?.then(
        (p) => p.close(),
        () => undefined,
      );
    },
  };
}

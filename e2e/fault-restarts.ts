/**
 * Server restarts for the fault e2e tests: `restartEventServer` (the PBX and the dev host stay up,
 * as in production where the PBX is a separate system), `restartLocalSystem` (the whole
 * `npm start` process tree) and `dropPanelsServerSide`.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { NAMESPACE } from '@biztel/protocol';
import { demoDirectory } from '../server/src/config/directory.js';
import { createEventServer, type EventServer } from '../server/src/event-server.js';
import { jsonLogger } from '../server/src/logger.js';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../server/src/local-system.js';

/**
 * Stops the whole local system (event server, simulator, dev host) and starts it again on the
 * same ports, like restarting `npm start`: the PBX starts empty, so calls in progress are gone.
 */
export async function restartLocalSystem(system: LocalSystem, options: LocalSystemOptions): Promise<LocalSystem> {
  const port = Number(new URL(system.url).port);
  const eventPort = Number(new URL(system.eventServerUrl).port);
  await system.stop();
  return startLocalSystem({ ...options, port, eventPort });
}

/** An event server started by `restartEventServer`, to be stopped after the test. */
export interface RestartedEventServer {
  readonly eventServer: EventServer;
  stop(): Promise<void>;
}

/**
 * Restarts only the event server (graceful: panels hear `server:shutdown`), on the same port and
 * without shared session storage; the simulated PBX keeps its calls and its softphones reconnect,
 * as in production where the PBX is a separate system. `current` is the running event server
 * (`system.eventServer` the first time, then the previous restart's).
 */
export async function restartEventServer(system: LocalSystem, current: EventServer): Promise<RestartedEventServer> {
  const url = new URL(system.eventServerUrl);
  const devPort = new URL(system.url).port;
  await current.close();
  const eventServer = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [system.url, `http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`],
    logger: jsonLogger('silent'),
    now: () => system.clock.now(),
  });
  const http: HttpServer = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  eventServer.attach(http);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(Number(url.port), url.hostname, () => resolve());
  });
  return {
    eventServer,
    async stop() {
      await eventServer.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Drops every panel connection from the server side (`disconnectSockets(true)`). */
export function dropPanelsServerSide(eventServer: EventServer): void {
  eventServer.io.of(NAMESPACE.panel).disconnectSockets(true);
}

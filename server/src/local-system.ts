/**
 * The whole local system in one process tree: event server, simulator (connected to it over
 * socket.io like real softphones) and the dev host. Used by `npm start` and by the e2e tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoDirectory, DEMO_PASSWORD, type Directory } from './config/directory.js';
import { createEventServer, type EventServer } from './event-server.js';
import { jsonLogger, type LogLevel } from './logger.js';
import { createDevHost } from './dev-host/dev-host.js';
import { Simulator } from './simulator/simulator.js';
import { OffsetClock, type ControllableClock } from './simulator/clock.js';

export interface LocalSystemOptions {
  readonly root: string;
  readonly host?: string;
  /** Dev host port (0 = any free port). */
  readonly port?: number;
  /** Event server port (0 = any free port). */
  readonly eventPort?: number;
  readonly autoAnswerMs?: number | null;
  readonly logLevel?: LogLevel;
  /** The simulator's clock; default an `OffsetClock` (real time that `/sim/clock/advance` moves on). */
  readonly clock?: ControllableClock;
  /** How long parking takes in the simulator (default 1500 ms). */
  readonly parkDelayMs?: number;
  /** The pause before a `*`/`#` transfer target is dialled (default 3000 ms). */
  readonly transferDialPauseMs?: number;
  readonly directory?: Directory;
  /** Extensions whose simulated softphone is not started. */
  readonly stoppedSoftphones?: readonly string[];
}

export interface LocalSystem {
  readonly url: string;
  readonly eventServerUrl: string;
  readonly simulator: Simulator;
  /** The simulator's clock: `clock.advance(300_000)` triggers a park recall at once. */
  readonly clock: ControllableClock;
  readonly eventServer: EventServer;
  readonly demo: { accounts: { account: string; extension: string }[]; password: string };
  stop(): Promise<void>;
}

/** Demo pairing of accounts and extensions (the softphone signs in with the agent's account). */
export const DEMO_DEVICES = [
  { account: 'agent01', extension: '1001' },
  { account: 'agent02', extension: '1002' },
  { account: 'agent03', extension: '1003' },
] as const;

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const host = options.host ?? '127.0.0.1';
  const logger = jsonLogger(options.logLevel ?? 'warn');
  const directory = options.directory ?? demoDirectory;
  const clock = options.clock ?? new OffsetClock();
  const tenant = directory.tenants.find((t) => t.accounts.some((a) => a.account === DEMO_DEVICES[0].account));

  // The dev host listens first so its origin is known when the event server's CORS is set.
  const devHttp = createServer();
  const devPort = await listen(devHttp, host, options.port ?? 8080);
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${devPort}`;
  const origins = [url, `http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`];

  // Snapshots carry the simulator's time, so call timers agree with the PBX after an advance.
  const eventServer = createEventServer({ directory, allowedOrigins: origins, logger, now: () => clock.now() });
  const eventHttp = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  eventServer.attach(eventHttp);
  const eventPort = await listen(eventHttp, host, options.eventPort ?? 8787);
  const eventServerUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${eventPort}`;

  const simulator = new Simulator({
    serverUrl: eventServerUrl,
    devices: DEMO_DEVICES.map((d) => ({ ...d, password: DEMO_PASSWORD })),
    clock,
    autoAnswerMs: options.autoAnswerMs === undefined ? 3000 : options.autoAnswerMs,
    ...(tenant ? { tenant } : {}),
    ...(options.parkDelayMs === undefined ? {} : { parkDelayMs: options.parkDelayMs }),
    ...(options.transferDialPauseMs === undefined ? {} : { transferDialPauseMs: options.transferDialPauseMs }),
    stopped: options.stoppedSoftphones ?? [],
  });
  await simulator.start();

  const demo = { accounts: DEMO_DEVICES.map((d) => ({ ...d })), password: DEMO_PASSWORD };
  const devHost = createDevHost({ root: options.root, simulator, eventServerUrl, demo });
  devHttp.on('request', (req, res) => devHost.emit('request', req, res));

  return {
    url,
    eventServerUrl,
    simulator,
    clock,
    eventServer,
    demo,
    async stop() {
      simulator.stop();
      await eventServer.close();
      await Promise.all([close(devHttp), close(eventHttp)]);
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

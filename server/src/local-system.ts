/**
 * The whole local system in one process tree: event server, simulator (connected to it over
 * socket.io like real softphones) and the dev host. Used by `npm start` and by the e2e tests.
 */
import type { FloodLimits } from './flood-limits.js';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { authenticate, demoDirectory, DEMO_PASSWORD, type Directory } from './config/directory.js';
import { loadConfigFile } from './config/load-config.js';
import type { SignInLimitsOptions } from './rate-limit.js';
import type { EventServer } from './event-server.js';
import { closeHttp as close, listen, startEventNode, type EventNode } from './event-node.js';
import { jsonLogger, type LogLevel } from './logger.js';
import { DEFAULT_ALLOWED_ORIGINS, parseOriginRule } from './origins.js';
import { devHostHandler, selfSignedCertificate } from '@biztel/dev-host/server';
import { handleControlRequest } from './simulator/control-api.js';
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
  /**
   * Origins allowed to open panel connections besides the dev host's own (always allowed):
   * exact origins or `https://*.example.com` patterns. Default `DEFAULT_ALLOWED_ORIGINS` (Salesforce).
   */
  readonly allowedOrigins?: readonly string[];
  /** On `stop()`, how long `/readyz` answers 503 before connections close (default 0). */
  readonly shutdownDrainMs?: number;
  /** The simulator's clock; default an `OffsetClock` (real time that `/sim/clock/advance` moves on). */
  readonly clock?: ControllableClock;
  /** How long parking takes in the simulator (default 1500 ms). */
  readonly parkDelayMs?: number;
  /** The pause before a `*`/`#` transfer target is dialled (default 3000 ms). */
  readonly transferDialPauseMs?: number;
  /** The directory to serve; wins over `configFile`. Default: the demo directory. */
  readonly directory?: Directory;
  /**
   * A config file to read the directory from (docs/server-config.md; relative to the working
   * directory). An invalid file rejects with a `ConfigError` naming the bad field.
   */
  readonly configFile?: string;
  /** Sign-in attempt budgets (default `DEFAULT_SIGN_IN_LIMITS`; see EventServerOptions.signInLimits). */
  readonly signInLimits?: SignInLimitsOptions;
  /**
   * Per-connection message budgets (default `DEFAULT_FLOOD_LIMITS`): the long-shift benchmark
   * lifts them, as its simulated softphone reports a whole shift's calls far faster than any real one.
   */
  readonly floodLimits?: Partial<FloodLimits>;
  /** Extensions whose simulated softphone is not started. */
  readonly stoppedSoftphones?: readonly string[];
  /**
   * The demo extensions the simulator plays (default all): the others are left to an external
   * softphone (docs/protocol.md), which signs in with that extension's demo account.
   */
  readonly simulatedExtensions?: readonly string[];
  /** How long a line waits for a dropped softphone (default 30 s; see EventServerOptions). */
  readonly softphoneGraceMs?: number;
  /** Scale-out: the event server's nodes share state and relay through this Redis. */
  readonly redisUrl?: string;
  /** Key prefix in Redis (default `biztel`): systems with another prefix never meet. */
  readonly redisPrefix?: string;
  /**
   * Event-server nodes (default 1; more need `redisUrl`). Panels connect to the first
   * (`eventServerUrl`), the simulated softphones to the last, so with two nodes every command and
   * every call event crosses between nodes.
   */
  readonly nodes?: number;
  /**
   * Port of the dev host's https side, which plays Salesforce for the Service Cloud Voice host
   * page (`/scv-host`) and its connector (`/scv/`) under `SCV_DEV_HOST` (0: any free port).
   * Unset: no https side.
   */
  readonly scvPort?: number;
}

/**
 * The name the Service Cloud Voice dev host answers to: an https Salesforce origin, as
 * scv-connector-base requires. A browser reaches it when the name resolves to this machine (a hosts
 * entry, or Chromium's `--host-resolver-rules="MAP biztel-dev.lightning.force.com 127.0.0.1"`).
 */
export const SCV_DEV_HOST = 'biztel-dev.lightning.force.com';

export interface LocalSystem {
  readonly url: string;
  /** The Service Cloud Voice host page (https, `SCV_DEV_HOST`), when `scvPort` was given. */
  readonly scvUrl: string | null;
  readonly eventServerUrl: string;
  readonly simulator: Simulator;
  /** The simulator's clock: `clock.advance(300_000)` triggers a park recall at once. */
  readonly clock: ControllableClock;
  /** The first node's event server (the one panels connect to). */
  readonly eventServer: EventServer;
  readonly eventNodes: readonly EventNode[];
  /** `external`: demo accounts whose extension is left to an external softphone (`simulatedExtensions`). */
  readonly demo: { accounts: { account: string; extension: string }[]; password: string; external: { account: string; extension: string }[] };
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
  const directory = options.directory ?? (options.configFile === undefined ? demoDirectory : await loadConfigFile(options.configFile));
  const clock = options.clock ?? new OffsetClock();
  const tenant = directory.tenants.find((t) => t.accounts.some((a) => a.account === DEMO_DEVICES[0].account));

  const allowedOrigins = options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS;
  for (const entry of allowedOrigins) parseOriginRule(entry); // a bad entry throws before anything listens

  // The dev host listens first so its origin is known when the event server's CORS is set.
  const devHttp = createServer();
  const devPort = await listen(devHttp, host, options.port ?? 8080);
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${devPort}`;
  const scvHttps = options.scvPort === undefined ? null : scvServer(logger);
  const scvPort = scvHttps ? await listen(scvHttps, host, options.scvPort!) : null;
  const scvUrl = scvPort === null ? null : `https://${SCV_DEV_HOST}:${scvPort}/scv-host`;
  const origins = [
    ...allowedOrigins,
    url,
    `http://localhost:${devPort}`,
    `http://127.0.0.1:${devPort}`,
    // The SCV host page, and the connector page served from another origin (`?connector=cross`).
    ...(scvPort === null ? [] : [`https://${SCV_DEV_HOST}:${scvPort}`, `https://localhost:${scvPort}`]),
  ];

  const nodeCount = options.nodes ?? 1;
  if (nodeCount > 1 && !options.redisUrl) throw new Error('more than one event-server node needs redisUrl');
  const eventNodes: EventNode[] = [];
  for (let i = 0; i < nodeCount; i++) {
    eventNodes.push(
      await startEventNode({
        host,
        port: i === 0 ? (options.eventPort ?? 8787) : 0,
        directory,
        allowedOrigins: origins,
        logger,
        // Snapshots carry the simulator's time, so call timers agree with the PBX after an advance.
        now: () => clock.now(),
        ...(options.signInLimits ? { signInLimits: options.signInLimits } : {}),
        ...(options.floodLimits ? { floodLimits: options.floodLimits } : {}),
        ...(options.softphoneGraceMs === undefined ? {} : { softphoneGraceMs: options.softphoneGraceMs }),
        ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
        ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
      }),
    );
  }
  const eventServerUrl = eventNodes[0]!.url;
  const eventServer = eventNodes[0]!.eventServer;

  // The simulated softphones sign in as the demo accounts: with another config only those it
  // accepts (account, extension and demo password) are started, so start-up fails no sign-in.
  const accepted = await demoDevicesIn(directory);
  const simulated = options.simulatedExtensions;
  const devices = simulated ? accepted.filter((d) => simulated.includes(d.extension)) : accepted;
  for (const d of DEMO_DEVICES.filter((x) => !accepted.includes(x))) {
    logger.warn(
      { event: 'sim.deviceSkipped', account: d.account, extension: d.extension },
      'simulated softphone not started: the config does not accept this demo account',
    );
  }
  const simulator = new Simulator({
    serverUrl: eventNodes.at(-1)!.url,
    devices: devices.map((d) => ({ ...d, password: DEMO_PASSWORD })),
    clock,
    autoAnswerMs: options.autoAnswerMs === undefined ? 3000 : options.autoAnswerMs,
    ...(tenant ? { tenant } : {}),
    ...(options.parkDelayMs === undefined ? {} : { parkDelayMs: options.parkDelayMs }),
    ...(options.transferDialPauseMs === undefined ? {} : { transferDialPauseMs: options.transferDialPauseMs }),
    stopped: options.stoppedSoftphones ?? [],
  });
  await simulator.start();

  const demo = {
    accounts: accepted.map((d) => ({ ...d })),
    password: DEMO_PASSWORD,
    external: accepted.filter((d) => !devices.includes(d)).map((d) => ({ ...d })),
  };
  const devHostOptions = { root: options.root, eventServerUrl, demo: { accounts: demo.accounts, password: demo.password } };
  const devHost = devHostHandler({ ...devHostOptions, control: (req, res) => handleControlRequest(simulator, req, res) });
  devHttp.on('request', (req, res) => void devHost(req, res));
  if (scvHttps) {
    const scvHost = devHostHandler({ ...devHostOptions, control: (req, res) => handleControlRequest(simulator, req, res, [SCV_DEV_HOST]) });
    scvHttps.on('request', (req, res) => void scvHost(req, res));
  }

  return {
    url,
    scvUrl,
    eventServerUrl,
    simulator,
    clock,
    eventServer,
    eventNodes,
    demo,
    async stop() {
      // Graceful: /readyz turns 503 first (a load balancer stops sending new connections), then
      // panels hear `server:shutdown` and every connection closes.
      for (const node of eventNodes) node.eventServer.stopAccepting();
      if (options.shutdownDrainMs) await new Promise((resolve) => setTimeout(resolve, options.shutdownDrainMs));
      simulator.stop();
      await Promise.all([...eventNodes.map((node) => node.stop()), close(devHttp), ...(scvHttps ? [close(scvHttps)] : [])]);
    },
  };
}

/** The https side of the dev host, or null (told in the log) when no certificate can be made here. */
function scvServer(logger: ReturnType<typeof jsonLogger>): ReturnType<typeof createHttpsServer> | null {
  try {
    return createHttpsServer(selfSignedCertificate([SCV_DEV_HOST, 'localhost', '127.0.0.1']));
  } catch (error) {
    logger.warn(
      { event: 'scv.noCertificate' },
      `no Service Cloud Voice dev host: ${error instanceof Error ? error.message : String(error)} (it needs the openssl command)`,
    );
    return null;
  }
}

/** The demo devices whose account (with the demo password) and extension the directory accepts. */
async function demoDevicesIn(directory: Directory): Promise<(typeof DEMO_DEVICES)[number][]> {
  const accepted = await Promise.all(
    DEMO_DEVICES.map(async (d) => (await authenticate(directory, d.account, DEMO_PASSWORD))?.tenant.extensions.includes(d.extension) === true),
  );
  return DEMO_DEVICES.filter((_d, i) => accepted[i]);
}

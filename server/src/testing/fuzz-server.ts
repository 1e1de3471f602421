/**
 * The event server the protocol fuzzers attack (socket.io on a free port), with what they watch:
 * errors it logs, uncaught exceptions, prototype pollution. Plus the fuzzers' socket helpers —
 * open/connect, ask with a time-out, send without an ack, a short preview of a message — and the
 * limits and time budgets they share. Every wait is generous: a slow answer on a busy machine is
 * never read as a missing one. Only the "nothing answers this" checks use a short window.
 * `normalPanelProblems` checks afterwards that an ordinary panel still works.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { errorReplySchema, okReplySchema, union } from '@biztel/protocol';
import { pollutionProbe, preview } from '@biztel/protocol/testing';

export { preview };
import { WAIT_TIMEOUT_MS } from '@biztel/testing';
import { DEMO_PASSWORD, demoDirectory } from '../config/directory.js';
import { createEventServer, type EventServer } from '../event-server.js';
import { NO_FLOOD_LIMITS } from '../flood-limits.js';
import type { ServerLogger } from '../logger.js';
import { OffsetClock } from '../simulator/clock.js';
import { Simulator } from '../simulator/simulator.js';
import { PanelProbe, TEST_PANEL_ORIGIN, callIn } from './panel-probe.js';

/** Messages below this size go over long-lived sockets; the server's limit is 64 KiB. */
export const UNDER_LIMIT_BYTES = 60_000;
export const OVER_LIMIT_BYTES = 70_000;
/**
 * How long the server waits for a softphone's ack. Long enough that a loaded machine never turns a
 * prompt answer into TIMEOUT; silence costs it once, in the last batch of the device fuzz.
 */
export const DEVICE_ACK_TIMEOUT_MS = 5000;
/** How long a fuzzer waits for an answer it expects: never reached unless the server is silent. */
export const ASK_TIMEOUT_MS = WAIT_TIMEOUT_MS;
/**
 * How long a message that must get no answer at all is given to (wrongly) get one. A slow machine
 * can only make this check miss a bug, never fail a correct server.
 */
export const SILENCE_MS = 400;

export const commandReplySchema = union('ok', { true: okReplySchema, false: errorReplySchema });

const NO_LOCKOUT = { freeFailures: Number.MAX_SAFE_INTEGER, quietMs: 1 };

export type Outcome = { replied: true; reply: unknown } | { replied: false; error: string };

/** A running event server plus what the fuzz must never cause. */
export interface FuzzServer {
  readonly url: string;
  /** Errors the server logged (warnings are only counted). */
  readonly logged: { warn: number; readonly error: string[] };
  /** Uncaught exceptions and unhandled rejections while it ran. */
  readonly crashes: readonly string[];
  /** Prototypes polluted since the start. */
  pollution(): string[];
  /** A socket to `namespace` (closed by `stop`). */
  open(namespace: string, auth?: unknown): Socket;
  /** A connected socket (rejects on a refused handshake). */
  connected(namespace: string, auth?: unknown): Promise<Socket>;
  /** A panel socket signed in as `account`, with every snapshot it receives. */
  signedInPanel(account: string, extension: string): Promise<{ socket: Socket; snapshots: unknown[] }>;
  stop(): Promise<void>;
}

export async function startFuzzServer(): Promise<FuzzServer> {
  const logged = { warn: 0, error: [] as string[] };
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String(error instanceof Error ? error.stack : error));
  const probe = pollutionProbe();
  const sockets: Socket[] = [];
  const logger: ServerLogger = {
    info() {},
    warn() {
      logged.warn += 1;
    },
    error(fields, message) {
      logged.error.push(`${message} ${JSON.stringify(fields)}`);
    },
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const eventServer: EventServer = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [TEST_PANEL_ORIGIN],
    logger,
    deviceAckTimeoutMs: DEVICE_ACK_TIMEOUT_MS,
    // The fuzz sends many wrong passwords on purpose; the limits are tested in sign-in-limits*.test.ts.
    signInLimits: { pair: NO_LOCKOUT, account: NO_LOCKOUT, address: NO_LOCKOUT },
    // Thousands of messages on a few connections, on purpose; floods are tested in floods.test.ts.
    floodLimits: NO_FLOOD_LIMITS,
  });
  const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
  eventServer.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const open = (namespace: string, auth?: unknown): Socket => {
    const socket = connect(`${url}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: ASK_TIMEOUT_MS,
      extraHeaders: { origin: TEST_PANEL_ORIGIN },
      ...(auth === undefined ? {} : { auth: auth as Record<string, unknown> }),
    });
    sockets.push(socket);
    return socket;
  };
  const connected = (namespace: string, auth?: unknown): Promise<Socket> => {
    const socket = open(namespace, auth);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  return {
    url,
    logged,
    crashes,
    pollution: () => probe.check(),
    open,
    connected,
    async signedInPanel(account, extension) {
      const socket = await connected('/panel');
      const snapshots: unknown[] = [];
      socket.on('state:snapshot', (s: unknown) => snapshots.push(s));
      const outcome = await ask(socket, 'session:signIn', [{ account, extension, password: DEMO_PASSWORD, initialStatusId: 'available', hardphone: false }]);
      if (!outcome.replied || (outcome.reply as { ok?: unknown }).ok !== true) throw new Error(`sign-in of ${account} failed: ${preview(outcome)}`);
      return { socket, snapshots };
    },
    async stop() {
      for (const s of sockets.splice(0)) s.close();
      await eventServer.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}

/** Emits `event` with `args` and an ack; the ack's arguments, or why none came within `timeoutMs`. */
export async function ask(socket: Socket, event: string | number, args: readonly unknown[], timeoutMs = ASK_TIMEOUT_MS): Promise<Outcome> {
  const timed = socket.timeout(timeoutMs) as unknown as { emitWithAck(ev: string | number, ...a: unknown[]): Promise<unknown> };
  try {
    return { replied: true, reply: await timed.emitWithAck(event, ...args) };
  } catch (error) {
    return { replied: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Emits `event` with `args` and no ack. */
export function send(socket: Socket, event: string | number, args: readonly unknown[]): void {
  (socket.emit as (ev: string | number, ...a: unknown[]) => unknown).call(socket, event, ...args);
}

/**
 * After a fuzz: a normal panel still signs in, dials and hangs up through a simulated softphone;
 * resolves with what went wrong (empty when all is well).
 */
export async function normalPanelProblems(server: FuzzServer): Promise<string[]> {
  const simulator = new Simulator({
    serverUrl: server.url,
    devices: [{ account: 'agent01', password: DEMO_PASSWORD, extension: '1001' }],
    clock: new OffsetClock(),
    autoAnswerMs: null,
  });
  await simulator.start();
  const probe = new PanelProbe();
  const problems: string[] = [];
  try {
    await probe.transport.connect(server.url);
    const signedIn = await probe.transport.signIn({
      account: 'agent01',
      password: DEMO_PASSWORD,
      extension: '1001',
      initialStatusId: 'available',
      hardphone: false,
    });
    if (!signedIn.ok) return [`sign-in refused: ${preview(signedIn)}`];
    const dialed = await probe.transport.send('dial', '0312345678');
    if (!dialed.ok) return [`dial refused: ${preview(dialed)}`];
    const dialing = await probe.next(callIn('dialing'));
    const call = dialing.calls[0]!;
    if (call.direction !== 'outbound' || call.remoteNumber !== '0312345678') problems.push(`dialing shows ${preview(call)}`);
    const hungUp = await probe.transport.send('hangup', call.id);
    if (!hungUp.ok) problems.push(`hang-up refused: ${preview(hungUp)}`);
  } finally {
    probe.close();
    simulator.stop();
  }
  return problems;
}

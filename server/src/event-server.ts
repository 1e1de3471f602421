/**
 * The BIZTEL event-notification server: authenticates panels and softphones, keeps each
 * extension's line (device, calls, signed-in agent) with a revision, relays panel commands to the
 * running softphone and pushes authoritative snapshots to every panel on the line.
 *
 * This file wires the parts in ./event-server/ and is the server's public API:
 * - line-store.ts — lines in the shared state (read, change, the softphone taking or leaving a line)
 * - snapshot.ts, screen-transfer.ts — what panels see of a line; calls arriving with a screen
 * - auth.ts — credential checks with attempt limits, the softphone handshake, the panel Origin check
 * - panel-namespace.ts — `/panel`: session requests (panel-session.ts), commands (panel-commands.ts)
 * - call-commands.ts — the call commands as data: request schema → softphone command or refusal
 * - softphone-namespace.ts — `/softphone`: a softphone's line, its state, relaying commands to it
 * - re-register.ts — after the shared state was lost: this node's softphones and panels again
 * - acks.ts — answering panel requests and asking softphones, with time limits
 * - io-server.ts, in-flight.ts, context.ts — socket.io with its Origin rules; work a close waits
 *   for; what the parts share
 */
import type { Server as HttpServer } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { NAMESPACE, type Reply } from '@biztel/protocol';
import type { Directory } from './config/directory.js';
import type { SignInGate, SignInLimitsOptions } from './rate-limit.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { PasswordCheckQueue, type PasswordCheckLimits } from './password-check-queue.js';
import { DEFAULT_FLOOD_LIMITS, type FloodLimits } from './flood-limits.js';
import { SharedSignInLimiter } from './shared-sign-in-limiter.js';
import { SeatRegistry } from './seats.js';
import { Sessions } from './resume-tokens.js';
import { CommandReplies } from './command-replies.js';
import { NodeRegistry } from './node-registry.js';
import { memoryState, type SharedState } from './state/shared-state.js';
import type { ServerLogger } from './logger.js';
import { budgetedLogger } from './log-budget.js';
import { originMatcher } from './origins.js';
import { clientAddress } from './client-address.js';
import { signInChecker } from './event-server/auth.js';
import type { PanelNamespace, ServerContext, SoftphoneNamespace } from './event-server/context.js';
import { InFlight } from './event-server/in-flight.js';
import { createIoServer, MAX_MESSAGE_BYTES } from './event-server/io-server.js';
import { gatePackets, type EngineConnection } from './event-server/packet-gate.js';
import { LineStore, panelRoom } from './event-server/line-store.js';
import { servePanels } from './event-server/panel-namespace.js';
import { snapshotOf } from './event-server/snapshot.js';
import { serveSoftphones } from './event-server/softphone-namespace.js';
import { reRegistration } from './event-server/re-register.js';

/**
 * The longest command deadline an operator may configure (`COMMAND_TIMEOUT_MS`; tests and the
 * conformance kit, whose panels wait longer, may pass more): a panel gives up on a command's answer after 8 s (its transport's
 * ack time-out) and would report `TIMEOUT` — and the agent retry with a new command id — before a
 * later `RESULT_UNKNOWN` arrived. 6 s leaves 2 s for the round trips.
 */
export const MAX_COMMAND_TIMEOUT_MS = 6000;

/**
 * How long after a panel command arrived the server may still act on it, by default (at least the
 * softphone's deadline plus 1 s): the panel gives up after 8 s, so whatever the server does is
 * done, or refused, 1 s before that (./event-server/panel-commands.ts).
 */
export const DEFAULT_COMMAND_DEADLINE_MS = 7000;

export interface EventServerOptions {
  readonly directory: Directory;
  /**
   * Origins allowed to open panel connections: exact origins or `https://*.example.com` patterns
   * (see `origins.ts`; throws on an invalid entry). Checked on every `/panel` handshake, polling
   * and WebSocket alike: another or a missing Origin is refused (panels are browsers). CORS is
   * granted to these only. `/softphone` takes any Origin: it is authenticated (decision 0009).
   */
  readonly allowedOrigins: readonly string[];
  readonly logger: ServerLogger;
  readonly now?: () => number;
  /** How long a session stays resumable after its last panel disconnected (default 10 min). */
  readonly resumeTtlMs?: number;
  /** Hard limit on a resume token's age (default 12 h). */
  readonly resumeMaxAgeMs?: number;
  /** How long the answer to a command id is kept for a retried command (default 2 min). */
  readonly commandReplyTtlMs?: number;
  /** How long the server waits for a softphone to acknowledge a command: its deadline (default 5 s). */
  readonly deviceAckTimeoutMs?: number;
  /** How long an ack after the deadline is still listened for, to learn the outcome (default 60 s). */
  readonly lateAnswerMs?: number;
  /**
   * How long a line waits for a softphone whose connection dropped, its calls kept and shown stale
   * (default 30 s; `SOFTPHONE_GRACE_MS`). A softphone that says goodbye has none.
   */
  readonly softphoneGraceMs?: number;
  /**
   * How failed sign-ins (panels and softphones alike) slow further attempts (rate-limit.ts;
   * docs/deployment.md "Sign-in limits"). Three budgets, each a few free failures then a delay of
   * 1 s doubling up to 5 min: per (account, address) pair (5 free), per account across addresses
   * (20) and per address across accounts (20); a streak is forgotten after 15 min without a failure.
   * A pair that signed in successfully within 30 days is *known* and meets only its own pair budget,
   * so guesses from elsewhere never slow an agent where they usually sign in. Refused attempts get
   * `RATE_LIMITED` with `retryAfterMs`; nothing is ever locked. Any field left out keeps its default
   * (`DEFAULT_SIGN_IN_LIMITS`). Times come from `now`.
   */
  readonly signInLimits?: SignInLimitsOptions;
  /**
   * The queue password checks wait in (password-check-queue.ts): how many run at once (default the
   * CPU count, 1–4), how many one address may have waiting or running (32) and how many may wait
   * overall (512); past a bound a sign-in is answered `RATE_LIMITED`. Waiting checks are served
   * round-robin across addresses. Tests pass a queue of their own to watch it.
   */
  readonly passwordChecks?: Partial<PasswordCheckLimits> | PasswordCheckQueue;
  /**
   * Per-connection budgets (default `DEFAULT_FLOOD_LIMITS` in flood-limits.ts; `FLOOD_*`): panel
   * requests over budget are answered RATE_LIMITED, a softphone's states over budget coalesced, and
   * a connection far past its budget is disconnected.
   */
  readonly floodLimits?: Partial<FloodLimits>;
  /** The clock of the flood budgets (default `performance.now`: real time, whatever `now` says). */
  readonly floodClock?: () => number;
  /**
   * Scale-out (`REDIS_URL`, ./state/redis-cluster.ts): the state every node shares and the
   * socket.io adapter that relays between nodes. Without it, one process keeps everything in memory.
   */
  readonly cluster?: { readonly state: SharedState; readonly adapter: ServerOptions['adapter']; readonly healthy?: boolean };
  /**
   * Proxies in front of the server that append to `X-Forwarded-For` and are trusted to (default 0:
   * the header is ignored and the connection's peer counts). See ./client-address.ts.
   */
  readonly trustProxyHops?: number;
  /**
   * With `cluster`: how often this node says it is alive (default 5 s); it is dead after 3 missed
   * beats. The beat also notices a lost shared state (./node-registry.ts), within one beat.
   */
  readonly heartbeatMs?: number;
  /**
   * How long after a panel command arrived it may still be acted on (default
   * max(`DEFAULT_COMMAND_DEADLINE_MS`, `deviceAckTimeoutMs` + 1 s)).
   */
  readonly commandDeadlineMs?: number;
  /** How passwords are checked (default scrypt, ./config/passwords.ts); the load benchmark swaps it. */
  readonly verifyPassword?: (password: string, encoded: string) => Promise<boolean>;
}

/** `unavailable`: listening, but the shared state (Redis) is unreachable. */
export type Readiness = 'starting' | 'ready' | 'unavailable' | 'shutting-down';

export interface EventServer {
  readonly io: Server;
  /** `ready`: attached to a listening HTTP server and accepting connections (`/readyz` 200). */
  readonly readiness: Readiness;
  attach(http: HttpServer): void;
  /** First step of a graceful shutdown: no longer ready (`/readyz` 503); connections stay until `close()`. */
  stopAccepting(): void;
  close(): Promise<void>;
}

export function createEventServer(options: EventServerOptions): EventServer {
  const { directory } = options;
  const now = options.now ?? Date.now;
  // What unauthenticated clients cause is logged within a budget (./log-budget.ts).
  const logger = budgetedLogger(options.logger, { now });
  const flushLogs = setInterval(() => logger.flush(), 10_000);
  flushLogs.unref();
  const deviceAckTimeoutMs = options.deviceAckTimeoutMs ?? 5000;
  const graceMs = options.softphoneGraceMs ?? 30_000;
  const commandReplyTtlMs = options.commandReplyTtlMs ?? 2 * 60_000;
  const state = options.cluster?.state ?? memoryState(now);
  const inFlight = new InFlight();
  const track = inFlight.track;
  const tenants = new Map(directory.tenants.map((t) => [t.id, t]));
  const tenantOf = (id: string) => {
    const tenant = tenants.get(id);
    if (!tenant) throw new Error(`unknown tenant ${id}`);
    return tenant;
  };
  const resume = { graceMs: options.resumeTtlMs ?? 10 * 60_000, maxAgeMs: options.resumeMaxAgeMs ?? 12 * 60 * 60_000 };
  // With other nodes, this one tells them it is alive: the panels of a node that died count as gone.
  const heartbeatFailed = (error: unknown) => logger.error({ event: 'node.heartbeatFailed', error: String(error) }, 'heartbeat failed');
  /** After the shared state was lost, this node's softphones and panels are registered again (set below). */
  let stateLost = () => {};
  const nodes = options.cluster
    ? new NodeRegistry(
        state,
        { keepMs: resume.graceMs, onStateLost: () => stateLost(), ...(options.heartbeatMs ? { beatMs: options.heartbeatMs } : {}) },
        heartbeatFailed,
      )
    : undefined;
  void nodes?.start().catch(heartbeatFailed);
  const limiter: SignInGate = options.cluster ? new SharedSignInLimiter(state, options.signInLimits) : new SignInLimiter(options.signInLimits);
  const originAllowed = originMatcher(options.allowedOrigins);
  let httpServer: HttpServer | null = null;
  let stopping = false;

  const io = createIoServer({ originAllowed, adapter: options.cluster?.adapter });
  // The main namespace serves nobody: a client that joined it by mistake hears so at once.
  io.of('/').use((_socket, next) =>
    next(Object.assign(new Error('INVALID_PAYLOAD'), { data: { code: 'INVALID_PAYLOAD', message: 'connect to the /panel or /softphone namespace' } })),
  );
  const panels: PanelNamespace = io.of(NAMESPACE.panel);
  const softphones: SoftphoneNamespace = io.of(NAMESPACE.softphone);

  const ctx: ServerContext = {
    directory,
    logger,
    now,
    tenantOf,
    // A changed line's snapshot goes to every panel of the line, on every node.
    lines: new LineStore(state, {
      track,
      nodes,
      now,
      // Only to the line's agent: another account's panels on the extension see nothing of it.
      changed: (l) => {
        if (l.agent) panels.to(panelRoom(l.tenantId, l.extension, l.agent.account)).emit('state:snapshot', snapshotOf(l, tenantOf(l.tenantId), now(), graceMs));
      },
    }),
    sessions: new Sessions(state, resume, nodes),
    seats: new SeatRegistry(state),
    commandReplies: new CommandReplies<Reply<object>>(state, {
      ttlMs: commandReplyTtlMs,
      waitMs: deviceAckTimeoutMs + 5000,
      background: (write) => void track(write),
    }),
    track,
    softphoneGraceMs: graceMs,
    commandDeadlineMs: options.commandDeadlineMs ?? Math.max(DEFAULT_COMMAND_DEADLINE_MS, deviceAckTimeoutMs + 1000),
    floods: { limits: { ...DEFAULT_FLOOD_LIMITS, ...options.floodLimits }, clock: options.floodClock ?? (() => performance.now()) },
    addressOf: (handshake) => clientAddress(handshake.address, handshake.headers['x-forwarded-for'], options.trustProxyHops ?? 0),
  };
  const queue = options.passwordChecks instanceof PasswordCheckQueue ? options.passwordChecks : new PasswordCheckQueue(options.passwordChecks);
  const checkSignIn = signInChecker({ directory, limiter, queue, logger, now, verifyPassword: options.verifyPassword });
  const devices = serveSoftphones(ctx, softphones, {
    checkSignIn,
    originAllowed,
    commandTimeoutMs: deviceAckTimeoutMs,
    lateAnswerMs: options.lateAnswerMs ?? 60_000,
    commandIdRetentionMs: commandReplyTtlMs,
    maxMessageBytes: MAX_MESSAGE_BYTES,
  });
  servePanels(ctx, panels, { originAllowed, checkSignIn, relay: devices.relay });
  const reRegister = reRegistration(ctx, softphones, panels);
  stateLost = () => {
    logger.warn({ event: 'state.lost' }, 'the shared state was lost (Redis restarted empty or was flushed); registering again');
    reRegister.run();
  };

  return {
    io,
    get readiness(): Readiness {
      if (stopping) return 'shutting-down';
      if (httpServer?.listening !== true) return 'starting';
      return options.cluster?.healthy === false ? 'unavailable' : 'ready';
    },
    attach(http) {
      httpServer = http;
      io.attach(http);
      const { packets, holdMs } = ctx.floods.limits;
      const addressOf = (conn: EngineConnection) => clientAddress(conn.remoteAddress, conn.request.headers['x-forwarded-for'], options.trustProxyHops ?? 0);
      io.engine.on('connection', (conn: EngineConnection) => gatePackets(conn, { rule: packets, holdMs, clock: ctx.floods.clock, logger, addressOf }));
    },
    stopAccepting() {
      stopping = true;
    },
    async close() {
      stopping = true;
      nodes?.stop();
      reRegister.close();
      // Graceful: every panel of this node hears that it stops and reconnects by itself (to this
      // node again, or through the load balancer to another).
      panels.local.emit('server:shutdown', { reconnectAfterMs: 1000 });
      devices.close(1000);
      // The callback (not the promise) says the HTTP server has closed too.
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      // Disconnect clean-ups (a softphone gone, a panel gone) still update the shared state.
      await inFlight.settle(2000);
      clearInterval(flushLogs);
      logger.flush(true);
    },
  };
}

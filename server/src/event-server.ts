/**
 * The BIZTEL event-notification server: authenticates panels and softphones, keeps each
 * extension's line (device, calls, signed-in agent) with a revision, relays panel commands to the
 * running softphone and pushes authoritative snapshots to every panel on the line.
 */
import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server, type Namespace, type ServerOptions, type Socket } from 'socket.io';
import {
  LOGOFF_STATUS_ID,
  NAMESPACE,
  PROTOCOL_VERSION,
  callRefSchema,
  deviceAuthSchema,
  deviceStateSchema,
  dialRequestSchema,
  dtmfRequestSchema,
  resumeRequestSchema,
  commandMetaSchema,
  errorReplySchema,
  okReplySchema,
  setStatusRequestSchema,
  signInRequestSchema,
  union,
  viewingRequestSchema,
  type Call,
  type Command,
  type ParkedCall,
  type ErrorCode,
  type PanelClientToServer,
  type PanelServerToClient,
  type Reply,
  type Schema,
  type ScreenInfo,
  type SignInReply,
  type Snapshot,
  type TokenReply,
  type SoftphoneClientToServer,
  type SoftphoneServerToClient,
  type TransferredScreen,
} from '@biztel/protocol';
import { authenticate, callerIdsFor, resolveCallerId, type Credential, type Directory, type TenantConfig } from './config/directory.js';
import { SignInLimiter, type SignInGate, type SignInLimits } from './rate-limit.js';
import { SharedSignInLimiter } from './shared-sign-in-limiter.js';
import { SeatRegistry } from './seats.js';
import { Sessions, sessionKey, type SessionRef } from './resume-tokens.js';
import { CommandReplies } from './command-replies.js';
import { NodeRegistry } from './node-registry.js';
import { getJson, memoryState, updateJson, type SharedState } from './state/shared-state.js';
import type { ServerLogger } from './logger.js';
import { originMatcher } from './origins.js';
import { clientAddress } from './client-address.js';

export interface EventServerOptions {
  readonly directory: Directory;
  /**
   * Origins allowed to open panel connections: exact origins or `https://*.example.com` patterns
   * (see `origins.ts`; throws on an invalid entry). Checked on every handshake, polling and
   * WebSocket alike: a request with another Origin is refused, and `/panel` also refuses a
   * missing Origin (panels are browsers; softphones are native clients and send none).
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
  /** How long the server waits for a softphone to acknowledge a command. */
  readonly deviceAckTimeoutMs?: number;
  /**
   * Failed sign-ins (panels and softphones) allowed per account and per network address before a
   * temporary lockout (default `DEFAULT_SIGN_IN_LIMITS` in rate-limit.ts: 5 per account / 20 per
   * address in 5 min lock for 5 min). Times come from `now`.
   */
  readonly signInLimits?: Partial<SignInLimits>;
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
  /** With `cluster`: how often this node says it is alive (default 5 s); it is dead after 3 missed beats. */
  readonly heartbeatMs?: number;
  /** How passwords are checked (default scrypt, ./config/passwords.ts); the load benchmark swaps it. */
  readonly verifyPassword?: (password: string, encoded: string) => Promise<boolean>;
}

/**
 * One extension's line as every node sees it (in the shared state, under `lineKey`, which is also
 * the socket.io room of its panels).
 */
interface Line {
  readonly tenantId: string;
  readonly extension: string;
  /** The softphone's connection id (on any node), or null when none is running. */
  device: string | null;
  /** The node that has that connection (absent on lines stored before nodes were recorded). */
  deviceNode?: string;
  calls: Call[];
  parked: ParkedCall[];
  agent: { account: string; statusId: string; hardphone: boolean } | null;
  revision: number;
  /**
   * Screen transfer (seed 001 §9): the record the line's signed-in agent is viewing, as their panel
   * last reported it (`agent:viewing`), with the account and connection that reported it.
   */
  viewing: { screen: ScreenInfo; account: string; socketId: string } | null;
  /**
   * The screen each transferred call on this line came with, by call id: the sender's viewing,
   * frozen when the call first appeared here (null: the sender viewed nothing then).
   */
  screens: Record<string, { from: string; screen: TransferredScreen | null }>;
}

/** What a change did to a line: `changed` pushes a snapshot (next revision), `quiet` only stores. */
type Outcome = 'changed' | 'quiet' | 'none';

type SignInCheck = { ok: true; credential: Credential } | { ok: false; code: 'AUTH_FAILED' } | { ok: false; code: 'RATE_LIMITED'; retryAfterMs: number };

interface PanelData {
  session?: SessionRef;
  /** Session changes of this connection (sign-in, resume, leaving), one after another. */
  chain?: Promise<void>;
}

type PanelSocket = Socket<PanelClientToServer, PanelServerToClient, Record<string, never>, PanelData>;

const deviceReplySchema: Schema<Reply> = union('ok', { true: okReplySchema, false: errorReplySchema });

/** Lines are kept a week after their last change (a line with nothing on it is rebuilt empty). */
const LINE_TTL_MS = 7 * 24 * 60 * 60_000;

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
  const { directory, logger } = options;
  const now = options.now ?? Date.now;
  const deviceAckTimeoutMs = options.deviceAckTimeoutMs ?? 5000;
  const state = options.cluster?.state ?? memoryState(now);
  const tenants = new Map(directory.tenants.map((t) => [t.id, t]));
  const seats = new SeatRegistry(state);
  const resume = { graceMs: options.resumeTtlMs ?? 10 * 60_000, maxAgeMs: options.resumeMaxAgeMs ?? 12 * 60 * 60_000 };
  // With other nodes, this one tells them it is alive: the panels of a node that died count as gone.
  const nodes = options.cluster ? new NodeRegistry(state, { keepMs: resume.graceMs, ...(options.heartbeatMs ? { beatMs: options.heartbeatMs } : {}) }, (error) => logger.error({ event: 'node.heartbeatFailed', error: String(error) }, 'heartbeat failed')) : undefined;
  void nodes?.start().catch((error: unknown) => logger.error({ event: 'node.heartbeatFailed', error: String(error) }, 'heartbeat failed'));
  const sessions = new Sessions(state, resume, nodes);
  const commandReplies = new CommandReplies<Reply<object>>(state, { ttlMs: options.commandReplyTtlMs ?? 2 * 60_000, waitMs: deviceAckTimeoutMs + 5000, background: (write) => track(write) });
  const limiter: SignInGate = options.cluster ? new SharedSignInLimiter(state, options.signInLimits) : new SignInLimiter(options.signInLimits);
  const verify = options.verifyPassword;
  const addressOf = (handshake: { address: string; headers: Record<string, string | string[] | undefined> }) =>
    clientAddress(handshake.address, handshake.headers['x-forwarded-for'], options.trustProxyHops ?? 0);

  const lineKey = (tenantId: string, extension: string) => `line:${tenantId}:${extension}`;
  const sessionRoom = (s: SessionRef) => `session:${sessionKey(s)}\u0000${s.id}`;

  const originAllowed = originMatcher(options.allowedOrigins);
  let httpServer: HttpServer | null = null;
  let stopping = false;

  const io = new Server({
    cors: { origin: (origin, callback) => callback(null, originAllowed(origin)), credentials: false },
    // Browsers always send Origin: a forged or foreign one is refused before any handshake
    // (polling and WebSocket). No Origin: a native client, which `/panel` refuses below.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined || originAllowed(origin)) return callback(null, true);
      logger.warn(
        { event: 'http.originRefused', origin: origin.slice(0, 200), remote: req.socket.remoteAddress, upgrade: req.headers.upgrade !== undefined },
        'connection refused: origin not allowed',
      );
      callback('origin not allowed', false);
    },
    /** Larger messages close the sender's connection (WebSocket 1009, polling 413); others are unaffected. */
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    ...(options.cluster ? { adapter: options.cluster.adapter } : {}),
  });
  const panels: Namespace<PanelClientToServer, PanelServerToClient> = io.of(NAMESPACE.panel);
  const softphones: Namespace<SoftphoneClientToServer, SoftphoneServerToClient> = io.of(NAMESPACE.softphone);

  const emptyLine = (tenantId: string, extension: string): Line => ({ tenantId, extension, device: null, calls: [], parked: [], agent: null, revision: 0, viewing: null, screens: {} });

  async function readLine(tenantId: string, extension: string): Promise<Line> {
    return (await getJson<Line>(state, lineKey(tenantId, extension))) ?? emptyLine(tenantId, extension);
  }

  /**
   * Changes a line atomically (on whichever node): `change` gets a copy to edit (replace nested
   * values, don't edit them in place) and may run more than once. A `changed` line gets the next
   * revision and its snapshot goes to every panel of the line, on every node.
   */
  function mutate(tenantId: string, extension: string, change: (l: Line) => Outcome): Promise<Line> {
    return track(mutateLine(tenantId, extension, change));
  }

  /** Work under way on the shared state; `close()` lets it finish before the caller closes Redis. */
  const inFlight = new Set<Promise<unknown>>();
  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const done = () => inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  async function mutateLine(tenantId: string, extension: string, change: (l: Line) => Outcome): Promise<Line> {
    let outcome: Outcome = 'none';
    const after = await updateJson<Line>(
      state,
      lineKey(tenantId, extension),
      (current) => {
        const l = { ...(current ?? emptyLine(tenantId, extension)) };
        outcome = change(l);
        if (outcome === 'none') return current;
        if (outcome === 'changed') l.revision += 1;
        return l;
      },
      LINE_TTL_MS,
    );
    const l = after ?? emptyLine(tenantId, extension);
    if ((outcome as Outcome) === 'changed') panels.to(lineKey(tenantId, extension)).emit('state:snapshot', snapshotOf(l));
    return l;
  }

  function tenantOf(id: string): TenantConfig {
    const tenant = tenants.get(id);
    if (!tenant) throw new Error(`unknown tenant ${id}`);
    return tenant;
  }

  function snapshotOf(l: Line): Snapshot {
    const tenant = tenantOf(l.tenantId);
    return {
      revision: l.revision,
      serverTime: now(),
      agent: {
        account: l.agent?.account ?? '-',
        extension: l.extension,
        statusId: l.agent?.statusId ?? LOGOFF_STATUS_ID,
        hardphone: l.agent?.hardphone ?? false,
      },
      statuses: [...tenant.statuses],
      softphone: { running: l.device !== null },
      calls: l.calls.map((c) => {
        const screen = Object.hasOwn(l.screens, c.id) ? l.screens[c.id]?.screen : undefined;
        return screen ? { ...c, screen: { ...screen } } : { ...c };
      }),
      parked: l.parked.map((p) => ({ ...p })),
      callerIds: callerIdsFor(tenant, l.agent?.account),
    };
  }

  /**
   * What each sender of a transferred call views now (read before the receiving line changes):
   * only the same tenant's lines are looked at.
   */
  async function sendersOf(tenantId: string, extension: string, calls: Call[]): Promise<Map<string, TransferredScreen | null>> {
    const senders = [...new Set(calls.map((c) => c.transferredBy).filter((x): x is string => x !== undefined && x !== extension))];
    const screens = await Promise.all(senders.map(async (sender) => [sender, screenFrom(await readLine(tenantId, sender))] as const));
    return new Map(screens);
  }

  function screenFrom(from: Line): TransferredScreen | null {
    const viewing = from.viewing;
    if (!viewing || from.agent?.account !== viewing.account || from.agent.statusId === LOGOFF_STATUS_ID) return null;
    const name = tenantOf(from.tenantId)
      .accounts.find((a) => a.account === viewing.account)
      ?.name.slice(0, 64);
    return { ...viewing.screen, fromExtension: from.extension, ...(name ? { fromName: name } : {}) };
  }

  /**
   * The line's calls as its device reported them (a device's `screen` was dropped by the schema).
   * A call the PBX marked `transferredBy` gets the sender's viewing when it first appears here,
   * frozen for the life of the call so later navigation by the sender changes nothing.
   */
  function setCalls(l: Line, calls: Call[], senders: ReadonlyMap<string, TransferredScreen | null>): void {
    const screens: Line['screens'] = {};
    for (const c of calls) {
      const kept = Object.hasOwn(l.screens, c.id) ? l.screens[c.id] : undefined;
      if (!c.transferredBy || c.transferredBy === l.extension) continue;
      screens[c.id] = kept?.from === c.transferredBy ? kept : { from: c.transferredBy, screen: senders.get(c.transferredBy) ?? null };
    }
    l.calls = calls;
    l.screens = screens;
  }

  /** Forgets what `socketId` reported as viewed on the line (sign-out, disconnect, moving lines). */
  function forgetViewing(s: SessionRef, socketId: string): Promise<Line> {
    return mutate(s.tenantId, s.extension, (l) => {
      if (l.viewing?.socketId !== socketId) return 'none';
      l.viewing = null;
      return 'quiet';
    });
  }

  // ---- softphones ------------------------------------------------------------------------

  /**
   * Checks a sign-in (panel or softphone): the attempt limits first (a locked account or address
   * is refused before any password is checked), then the password hash and the tenant's
   * extensions. Every failure counts alike (unknown account, wrong password, another tenant's
   * extension), so neither the answer nor the limits tell which part was wrong. Never logs a password.
   */
  async function checkSignIn(kind: 'panel' | 'device', account: string, password: string, extension: string, address: string): Promise<SignInCheck> {
    const attempt = { account, address };
    const allowed = await limiter.begin(attempt, now());
    if (!allowed.ok) {
      const retryAfterMs = Math.ceil(allowed.retryAfterMs);
      logger.info({ event: 'auth.rateLimited', kind, scope: allowed.scope, account, address, retryAfterMs }, 'sign-in refused: locked after too many failures');
      return { ok: false, code: 'RATE_LIMITED', retryAfterMs };
    }
    let credential: Credential | undefined;
    try {
      const found = await authenticate(directory, account, password, verify);
      credential = found?.tenant.extensions.includes(extension) ? found : undefined;
    } finally {
      for (const scope of await limiter.finish(attempt, credential !== undefined, now())) {
        const lockoutMs = limiter.limits[scope].lockoutMs;
        logger.warn({ event: 'auth.lockedOut', kind, scope, account, address, lockoutMs }, `sign-in locked for ${Math.round(lockoutMs / 1000)} s: too many failures for this ${scope}`);
      }
    }
    return credential ? { ok: true, credential } : { ok: false, code: 'AUTH_FAILED' };
  }

  softphones.use((socket, next) => {
    const auth = deviceAuthSchema.check(socket.handshake.auth, 'auth');
    if (!auth.ok) return next(new Error('INVALID_PAYLOAD'));
    const { account, password, extension } = auth.value;
    checkSignIn('device', account, password, extension, addressOf(socket.handshake)).then(
      (checked) => {
        if (!checked.ok) {
          if (checked.code === 'AUTH_FAILED') logger.warn({ event: 'device.authFailed', extension }, 'softphone sign-in refused');
          const refusal: Error & { data?: unknown } = new Error(checked.code);
          if (checked.code === 'RATE_LIMITED') refusal.data = { retryAfterMs: checked.retryAfterMs };
          return next(refusal);
        }
        socket.data = { tenant: checked.credential.tenant, extension };
        next();
      },
      (error: unknown) => {
        logger.error({ event: 'device.authError', error: String(error) }, 'softphone sign-in failed');
        next(new Error('INTERNAL'));
      },
    );
  });

  softphones.on('connection', (socket) => {
    const { tenant, extension } = socket.data as { tenant: TenantConfig; extension: string };
    /** This device's messages are applied one after another, after its connection is recorded. */
    let chain: Promise<unknown> = Promise.resolve();
    const then = (step: () => Promise<unknown>, what: string) => {
      chain = track(chain.then(step).catch((error: unknown) => logger.error({ event: 'device.stateError', extension, what, error: String(error) }, 'device update failed')));
    };
    then(async () => {
      let previous: string | null = null;
      await mutate(tenant.id, extension, (l) => {
        previous = l.device;
        l.device = socket.id;
        l.deviceNode = nodes?.id ?? 'local';
        l.calls = [];
        l.parked = [];
        l.screens = {};
        return 'changed';
      });
      // One softphone per extension: an older connection (on any node) is let go.
      if (previous !== null && previous !== socket.id) softphones.in(previous).disconnectSockets(true);
      logger.info({ event: 'device.connected', tenant: tenant.id, extension }, 'softphone connected');
    }, 'connect');

    socket.on('device:state', (raw: unknown) => {
      const r = deviceStateSchema.check(raw, 'device:state');
      if (!r.ok) {
        logger.warn({ event: 'device.invalidState', extension, error: r.error }, 'dropped invalid message');
        return;
      }
      then(async () => {
        const senders = await sendersOf(tenant.id, extension, r.value.calls);
        await mutate(tenant.id, extension, (l) => {
          if (l.device !== socket.id) return 'none';
          setCalls(l, r.value.calls, senders);
          l.parked = r.value.parked;
          return 'changed';
        });
      }, 'state');
    });

    socket.on('disconnect', (reason) => {
      then(async () => {
        await mutate(tenant.id, extension, (l) => {
          if (l.device !== socket.id) return 'none';
          l.device = null;
          l.calls = [];
          l.parked = [];
          l.screens = {};
          return 'changed';
        });
        logger.info({ event: 'device.disconnected', tenant: tenant.id, extension, reason }, 'softphone gone');
      }, 'disconnect');
    });
  });

  /** The line's softphone `device` is gone (its node died): the line shows it stopped, with no calls. */
  function softphoneGone(tenantId: string, extension: string, device: string): Promise<Line> {
    return mutate(tenantId, extension, (x) => {
      if (x.device !== device) return 'none';
      Object.assign(x, { device: null, deviceNode: undefined, calls: [], parked: [], screens: {} });
      return 'changed';
    });
  }

  /**
   * The line as a panel signing in or resuming should see it: a softphone on a node that stopped
   * beating is shown stopped at once (not only when a command finds no one to relay to).
   */
  async function liveLine(l: Line): Promise<Line> {
    if (!nodes || !l.device || !l.deviceNode || l.deviceNode === nodes.id) return l;
    const ago = await nodes.sinceSeen(l.deviceNode);
    if (ago !== undefined && ago < nodes.deadAfterMs) return l;
    return softphoneGone(l.tenantId, l.extension, l.device);
  }

  /**
   * Sends a command to the line's softphone, on this node or through the adapter on another. No
   * node having that connection means its node went away: the line shows the softphone stopped.
   */
  async function relay(l: Line, command: Command): Promise<Reply> {
    const device = l.device;
    if (!device) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    let raw: unknown;
    try {
      const local = softphones.sockets.get(device);
      if (local) {
        raw = await local.timeout(deviceAckTimeoutMs).emitWithAck('device:command', command);
      } else {
        const answers = (await softphones.to(device).timeout(deviceAckTimeoutMs).emitWithAck('device:command', command)) as unknown[];
        if (answers.length === 0) {
          await softphoneGone(l.tenantId, l.extension, device);
          return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
        }
        raw = answers[0];
      }
    } catch {
      return { ok: false, code: 'TIMEOUT' };
    }
    const r = deviceReplySchema.check(raw, 'device reply');
    return r.ok ? r.value : { ok: false, code: 'INTERNAL', message: 'invalid softphone reply' };
  }

  // ---- panels ----------------------------------------------------------------------------

  /** Panels are browsers: the handshake must carry an allowed Origin (a missing one is refused too). */
  panels.use((socket, next) => {
    if (originAllowed(socket.handshake.headers.origin)) return next();
    logger.warn({ event: 'panel.originRefused', origin: socket.handshake.headers.origin?.slice(0, 200) ?? null, remote: socket.handshake.address }, 'panel refused: origin missing or not allowed');
    next(new Error('ORIGIN_NOT_ALLOWED'));
  });

  /** Ends a session (sign-out): its tokens stop working and its other panels, on any node, are let go. */
  async function endSession(session: SessionRef, except: PanelSocket): Promise<void> {
    await sessions.end(session);
    const others = panels.in(sessionRoom(session)).except(except.id);
    others.emit('session:ended', { reason: 'signedOut' });
    others.socketsLeave([lineKey(session.tenantId, session.extension), sessionRoom(session)]);
  }

  panels.on('connection', (socket: PanelSocket) => {
    socket.emit('server:hello', { protocol: PROTOCOL_VERSION, statuses: [...directory.defaultStatuses] });

    /** Runs session changes of this connection one after another (and its disconnect after them). */
    function serial<T>(step: () => Promise<T>): Promise<T> {
      const run = (socket.data.chain ?? Promise.resolve()).then(step);
      socket.data.chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    }

    /** Leaves the connection's session (signing into another, resuming another, disconnecting). */
    async function leave(session: SessionRef): Promise<void> {
      void socket.leave(lineKey(session.tenantId, session.extension));
      void socket.leave(sessionRoom(session));
      await forgetViewing(session, socket.id);
      await sessions.detached(session, now());
    }

    /** Makes `session` this connection's (after sign-in or resume). */
    async function enter(session: SessionRef): Promise<void> {
      const previous = socket.data.session;
      if (previous?.id === session.id && sessionKey(previous) === sessionKey(session)) return;
      if (previous) await leave(previous);
      socket.data.session = session;
      await sessions.attached(session);
      await socket.join([lineKey(session.tenantId, session.extension), sessionRoom(session)]);
    }

    /** The connection's session if it still exists (another panel may have signed out). */
    async function currentSession(): Promise<SessionRef | undefined> {
      const session = socket.data.session;
      if (!session) return undefined;
      if (await sessions.isCurrent(session)) return session;
      if (socket.data.session === session) delete socket.data.session;
      return undefined;
    }

    /**
     * Registers a command handler that validates its payload and always answers its ack. With
     * `readsLine`, the line is read while the session is checked (one round trip less on Redis).
     */
    function command<T>(
      event: keyof PanelClientToServer,
      schema: Schema<T> | null,
      handler: (session: SessionRef, payload: T, line: () => Promise<Line>) => Promise<Reply<object>> | Reply<object>,
      readsLine = false,
    ): void {
      socket.on(event, async (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return;
        const reply = (r: Reply<object>) => (ack as (r: Reply<object>) => void)(r);
        let payload = undefined as T;
        if (schema) {
          const r = schema.check(args[0], event);
          if (!r.ok) return reply(invalid(r.error));
          payload = r.value;
        }
        const meta = args.length > 1 ? commandMetaSchema.check(args[0], event) : undefined;
        const commandId = meta?.ok ? meta.value.commandId : undefined;
        try {
          const claimed = socket.data.session;
          const early = claimed && readsLine ? readLine(claimed.tenantId, claimed.extension) : undefined;
          early?.catch(() => undefined); // not awaited when the session is gone
          const session = await currentSession();
          if (!session) return reply({ ok: false, code: 'NOT_SIGNED_IN' });
          const again = () => readLine(session.tenantId, session.extension);
          const line = () => (early && session === claimed ? early.catch(again) : again());
          const execute = async (): Promise<Reply<object>> => {
            try {
              return await handler(session, payload, line);
            } catch (error) {
              logger.error({ event: 'panel.commandFailed', command: event, error: String(error) }, 'command failed');
              return { ok: false, code: 'INTERNAL' };
            }
          };
          reply(commandId === undefined ? await execute() : await commandReplies.run(`${sessionKey(session)}\u0000${event}\u0000${commandId}`, execute, { ok: false, code: 'TIMEOUT' }));
        } catch (error) {
          logger.error({ event: 'panel.commandFailed', command: event, error: String(error) }, 'command failed');
          reply({ ok: false, code: 'INTERNAL' });
        }
      });
    }

    /** Registers a session request (sign-in, resume): validated, always answered, errors logged. */
    function sessionRequest<T>(event: 'session:signIn' | 'session:resume', schema: Schema<T>, handler: (payload: T) => Promise<SignInReply | undefined>): void {
      socket.on(event, async (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return;
        const reply = ack as (r: SignInReply) => void;
        const r = schema.check(args.length > 1 ? args[0] : undefined, event);
        if (!r.ok) return reply(invalid(r.error));
        try {
          const answer = await handler(r.value);
          if (answer) reply(answer);
        } catch (error) {
          logger.error({ event: 'panel.sessionError', request: event, error: String(error) }, 'session request failed');
          reply({ ok: false, code: 'INTERNAL' });
        }
      });
    }

    sessionRequest('session:signIn', signInRequestSchema, async (req) => {
      const checked = await checkSignIn('panel', req.account, req.password, req.extension, addressOf(socket.handshake));
      // The password check took a while: a panel gone meanwhile must not leave a session behind.
      if (socket.disconnected) return undefined;
      if (!checked.ok) {
        if (checked.code === 'RATE_LIMITED') return { ok: false, code: 'RATE_LIMITED', retryAfterMs: checked.retryAfterMs };
        logger.warn({ event: 'panel.authFailed', account: req.account }, 'panel sign-in refused');
        return { ok: false, code: 'AUTH_FAILED' };
      }
      const { tenant } = checked.credential;
      if (req.seatId) {
        const claim = await seats.claim(tenant.id, req.seatId, { account: req.account, name: checked.credential.account.name }, now(), req.overwriteSeat === true);
        if (!claim.ok) return { ok: false, code: 'SEAT_TAKEN', seat: claim.holder };
      }
      const statusId = tenant.statuses.some((s) => s.id === req.initialStatusId) ? req.initialStatusId : (tenant.statuses[0]?.id ?? LOGOFF_STATUS_ID);
      return serial(async () => {
        if (socket.disconnected) return undefined;
        const session = await sessions.open(tenant.id, req.account, req.extension);
        await enter(session);
        const l = await mutate(tenant.id, req.extension, (x) => {
          if (x.viewing && x.viewing.account !== req.account) x.viewing = null;
          x.agent = { account: req.account, statusId, hardphone: req.hardphone };
          return 'changed';
        });
        logger.info({ event: 'panel.signedIn', tenant: tenant.id, account: req.account, extension: req.extension }, 'signed in');
        return { ok: true, snapshot: snapshotOf(await liveLine(l)), resumeToken: await sessions.issue(session, now()) };
      });
    });

    sessionRequest('session:resume', resumeRequestSchema, async ({ token }) => {
      const session = await sessions.take(token, now());
      const l = session ? await readLine(session.tenantId, session.extension) : undefined;
      // Only while the agent is still the one signed in on that line (not signed out meanwhile).
      if (!session || !l || l.agent?.account !== session.account || l.agent.statusId === LOGOFF_STATUS_ID) {
        return { ok: false, code: 'SESSION_EXPIRED', message: 'session expired' };
      }
      return serial(async () => {
        if (socket.disconnected) return undefined;
        await enter(session);
        logger.info({ event: 'panel.resumed', tenant: session.tenantId, account: session.account }, 'session resumed');
        return { ok: true, snapshot: snapshotOf(await liveLine(await readLine(session.tenantId, session.extension))), resumeToken: await sessions.issue(session, now()) };
      });
    });

    command('session:signOut', null, async (session) => {
      await mutate(session.tenantId, session.extension, (l) => {
        if (l.agent?.account === session.account) l.agent = { ...l.agent, statusId: LOGOFF_STATUS_ID };
        if (l.viewing?.account === session.account) l.viewing = null;
        return 'changed'; // every panel of the line sees ログオフ, then the agent's other panels are let go
      });
      await seats.release(session.tenantId, session.account);
      await endSession(session, socket);
      await serial(async () => {
        if (socket.data.session?.id !== session.id) return;
        void socket.leave(lineKey(session.tenantId, session.extension));
        void socket.leave(sessionRoom(session));
        delete socket.data.session;
      });
      return { ok: true };
    });

    command('agent:setStatus', setStatusRequestSchema, async (session, { statusId }) => {
      if (!tenantOf(session.tenantId).statuses.some((s) => s.id === statusId)) return invalid(`unknown status ${statusId}`);
      await mutate(session.tenantId, session.extension, (l) => {
        l.agent = { account: session.account, hardphone: l.agent?.hardphone ?? false, statusId };
        return 'changed';
      });
      return { ok: true };
    });

    /** Screen transfer: what the agent views now; nothing is pushed (it travels with a transfer). */
    command('agent:viewing', viewingRequestSchema, async (session, { screen }) => {
      let allowed = true;
      await mutate(session.tenantId, session.extension, (l) => {
        allowed = l.agent?.account === session.account;
        if (!allowed) return 'none';
        l.viewing = screen ? { screen, account: session.account, socketId: socket.id } : null;
        return 'quiet';
      });
      return allowed ? { ok: true } : { ok: false, code: 'NOT_ALLOWED', message: 'another agent is signed in on this extension' };
    });

    socket.on('disconnect', () => {
      track(
        serial(async () => {
          const session = socket.data.session;
          if (session) await leave(session);
        }),
      ).catch((error: unknown) => logger.error({ event: 'panel.disconnectError', error: String(error) }, 'panel clean-up failed'));
    });

    socket.on('server:ping', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (r: { ok: true }) => void)({ ok: true });
    });

    socket.on('session:token', async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const reply = ack as (r: TokenReply) => void;
      try {
        const session = await currentSession();
        reply(session ? { ok: true, token: await sessions.issue(session, now()) } : { ok: false, code: 'NOT_SIGNED_IN' });
      } catch (error) {
        logger.error({ event: 'panel.sessionError', request: 'session:token', error: String(error) }, 'token request failed');
        reply({ ok: false, code: 'INTERNAL' });
      }
    });

    command('call:dial', dialRequestSchema, async (session, { number, callerId }, line) => {
      const l = await line();
      if (l.agent?.hardphone) return { ok: false, code: 'NOT_ALLOWED', message: 'a hardphone cannot be dialled remotely' };
      if (l.calls.some((c) => c.state !== 'held')) return { ok: false, code: 'BUSY' };
      const callerIdNumber = resolveCallerId(tenantOf(session.tenantId), session.account, callerId);
      if (callerIdNumber === undefined) return { ok: false, code: 'NOT_ALLOWED', message: 'caller ID not allowed for this account' };
      return relay(l, { type: 'dial', id: randomUUID(), number, callerIdNumber });
    }, true);

    command('call:dtmf', dtmfRequestSchema, async (_session, { callId, digits }, line) => {
      const l = await line();
      if (!l.calls.some((c) => c.id === callId)) return { ok: false, code: 'NO_SUCH_CALL' } as Reply;
      return relay(l, { type: 'dtmf', id: randomUUID(), callId, digits });
    }, true);

    /** Commands that act on one call of the agent's line and are relayed as they are. */
    const onCall = (type: 'answer' | 'hangup' | 'hold' | 'unhold' | 'park' | 'transfer') =>
      command(`call:${type}`, callRefSchema, async (_session, { callId }, line) => {
        const l = await line();
        if (!l.calls.some((c) => c.id === callId)) return { ok: false, code: 'NO_SUCH_CALL' } as Reply;
        return relay(l, { type, id: randomUUID(), callId });
      }, true);
    for (const type of ['answer', 'hangup', 'hold', 'unhold', 'park', 'transfer'] as const) onCall(type);
  });

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
    },
    stopAccepting() {
      stopping = true;
    },
    async close() {
      stopping = true;
      nodes?.stop();
      // Graceful: every panel of this node hears that it stops and reconnects by itself (to this
      // node again, or through the load balancer to another).
      panels.local.emit('server:shutdown', { reconnectAfterMs: 1000 });
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Disconnect clean-ups (a softphone gone, a panel gone) still update the shared state.
      const deadline = Date.now() + 2000;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, 100))]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

function invalid(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: 'INVALID_PAYLOAD', message: message.slice(0, 300) };
}

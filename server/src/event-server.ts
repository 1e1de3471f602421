/**
 * The BIZTEL event-notification server: authenticates panels and softphones, keeps each
 * extension's line (device, calls, signed-in agent) with a revision, relays panel commands to the
 * running softphone and pushes authoritative snapshots to every panel on the line.
 */
import type { Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Server, type Namespace, type Socket } from 'socket.io';
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
} from '../../web-components/src/protocol/index.js';
import { authenticate, callerIdsFor, resolveCallerId, type Credential, type Directory, type TenantConfig } from './config/directory.js';
import { SignInLimiter, type SignInLimits } from './rate-limit.js';
import { SeatRegistry } from './seats.js';
import { ResumeTokens } from './resume-tokens.js';
import { CommandReplies } from './command-replies.js';
import type { ServerLogger } from './logger.js';
import { originMatcher } from './origins.js';

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
}

interface Line {
  readonly tenant: TenantConfig;
  readonly extension: string;
  device: Socket<SoftphoneClientToServer, SoftphoneServerToClient> | null;
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
  screens: Map<string, { from: string; screen: TransferredScreen | null }>;
}

interface PanelSession {
  readonly tenant: TenantConfig;
  readonly account: string;
  readonly extension: string;
}

type SignInCheck = { ok: true; credential: Credential } | { ok: false; code: 'AUTH_FAILED' } | { ok: false; code: 'RATE_LIMITED'; retryAfterMs: number };

type PanelSocket = Socket<PanelClientToServer, PanelServerToClient, Record<string, never>, { session?: PanelSession }>;

const deviceReplySchema: Schema<Reply> = union('ok', { true: okReplySchema, false: errorReplySchema });

export type Readiness = 'starting' | 'ready' | 'shutting-down';

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
  const lines = new Map<string, Line>();
  const seats = new SeatRegistry();
  const resumeTokens = new ResumeTokens<PanelSession>({
    graceMs: options.resumeTtlMs ?? 10 * 60_000,
    maxAgeMs: options.resumeMaxAgeMs ?? 12 * 60 * 60_000,
  });
  const commandReplies = new CommandReplies<Reply<object>>(options.commandReplyTtlMs ?? 2 * 60_000, 10_000);
  const limiter = new SignInLimiter(options.signInLimits);
  /** One session per signed-in agent and line, shared by every panel (tab, window) of that agent. */
  const sessions = new Map<string, PanelSession>();
  const sessionKey = (tenantId: string, account: string, extension: string) => `${tenantId}\u0000${account}\u0000${extension}`;

  function sessionFor(tenant: TenantConfig, account: string, extension: string): PanelSession {
    const key = sessionKey(tenant.id, account, extension);
    let found = sessions.get(key);
    if (!found) {
      found = { tenant, account, extension };
      sessions.set(key, found);
    }
    return found;
  }

  /** Ends a session: its tokens stop working and every other panel of it is told and let go. */
  function endSession(session: PanelSession, except: PanelSocket | null): void {
    sessions.delete(sessionKey(session.tenant.id, session.account, session.extension));
    resumeTokens.revoke(session);
    for (const other of panels.sockets.values() as Iterable<PanelSocket>) {
      if (other === except || other.data.session !== session) continue;
      delete other.data.session;
      void other.leave(lineKey(session.tenant.id, session.extension));
      other.emit('session:ended', { reason: 'signedOut' });
    }
  }

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
  });
  const panels: Namespace<PanelClientToServer, PanelServerToClient> = io.of(NAMESPACE.panel);
  const softphones: Namespace<SoftphoneClientToServer, SoftphoneServerToClient> = io.of(NAMESPACE.softphone);

  const lineKey = (tenantId: string, extension: string) => `line:${tenantId}:${extension}`;

  function line(tenant: TenantConfig, extension: string): Line {
    const key = lineKey(tenant.id, extension);
    let found = lines.get(key);
    if (!found) {
      found = { tenant, extension, device: null, calls: [], parked: [], agent: null, revision: 0, viewing: null, screens: new Map() };
      lines.set(key, found);
    }
    return found;
  }

  function snapshotOf(l: Line): Snapshot {
    return {
      revision: l.revision,
      serverTime: now(),
      agent: {
        account: l.agent?.account ?? '-',
        extension: l.extension,
        statusId: l.agent?.statusId ?? LOGOFF_STATUS_ID,
        hardphone: l.agent?.hardphone ?? false,
      },
      statuses: [...l.tenant.statuses],
      softphone: { running: l.device !== null },
      calls: l.calls.map((c) => {
        const screen = l.screens.get(c.id)?.screen;
        return screen ? { ...c, screen: { ...screen } } : { ...c };
      }),
      parked: l.parked.map((p) => ({ ...p })),
      callerIds: callerIdsFor(l.tenant, l.agent?.account),
    };
  }

  /**
   * The line's calls as its device reported them (a device's `screen` was dropped by the schema).
   * A call the PBX marked `transferredBy` gets the sender's current viewing, frozen for the life
   * of the call so later navigation by the sender changes nothing here; only the same tenant's
   * lines are looked at.
   */
  function setCalls(l: Line, calls: Call[]): void {
    l.calls = calls;
    const present = new Set(calls.map((c) => c.id));
    for (const id of [...l.screens.keys()]) if (!present.has(id)) l.screens.delete(id);
    for (const c of calls) {
      if (!c.transferredBy || c.transferredBy === l.extension || l.screens.get(c.id)?.from === c.transferredBy) continue;
      l.screens.set(c.id, { from: c.transferredBy, screen: screenFrom(l.tenant, c.transferredBy) });
    }
  }

  function screenFrom(tenant: TenantConfig, sender: string): TransferredScreen | null {
    const from = lines.get(lineKey(tenant.id, sender));
    const viewing = from?.viewing;
    if (!from || !viewing || from.agent?.account !== viewing.account || from.agent.statusId === LOGOFF_STATUS_ID) return null;
    const name = tenant.accounts.find((a) => a.account === viewing.account)?.name.slice(0, 64);
    return { ...viewing.screen, fromExtension: sender, ...(name ? { fromName: name } : {}) };
  }

  /** Forgets what `socketId` reported as viewed on the line (sign-out, disconnect, moving lines). */
  function forgetViewing(l: Line, socketId: string): void {
    if (l.viewing?.socketId === socketId) l.viewing = null;
  }

  function changed(l: Line): void {
    l.revision += 1;
    panels.to(lineKey(l.tenant.id, l.extension)).emit('state:snapshot', snapshotOf(l));
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
    const allowed = limiter.begin(attempt, now());
    if (!allowed.ok) {
      const retryAfterMs = Math.ceil(allowed.retryAfterMs);
      logger.info({ event: 'auth.rateLimited', kind, scope: allowed.scope, account, address, retryAfterMs }, 'sign-in refused: locked after too many failures');
      return { ok: false, code: 'RATE_LIMITED', retryAfterMs };
    }
    let credential: Credential | undefined;
    try {
      const found = await authenticate(directory, account, password);
      credential = found?.tenant.extensions.includes(extension) ? found : undefined;
    } finally {
      for (const scope of limiter.finish(attempt, credential !== undefined, now())) {
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
    checkSignIn('device', account, password, extension, socket.handshake.address).then(
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
    const l = line(tenant, extension);
    if (l.device && l.device.id !== socket.id) l.device.disconnect(true);
    l.device = socket;
    setCalls(l, []);
    l.parked = [];
    logger.info({ event: 'device.connected', tenant: tenant.id, extension }, 'softphone connected');
    changed(l);

    socket.on('device:state', (raw: unknown) => {
      const r = deviceStateSchema.check(raw, 'device:state');
      if (!r.ok) {
        logger.warn({ event: 'device.invalidState', extension, error: r.error }, 'dropped invalid message');
        return;
      }
      if (l.device !== socket) return;
      setCalls(l, r.value.calls);
      l.parked = r.value.parked;
      changed(l);
    });

    socket.on('disconnect', (reason) => {
      if (l.device !== socket) return;
      l.device = null;
      setCalls(l, []);
      l.parked = [];
      logger.info({ event: 'device.disconnected', tenant: tenant.id, extension, reason }, 'softphone gone');
      changed(l);
    });
  });

  async function relay(l: Line, command: Command): Promise<Reply> {
    const device = l.device;
    if (!device) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    try {
      const raw: unknown = await device.timeout(deviceAckTimeoutMs).emitWithAck('device:command', command);
      const r = deviceReplySchema.check(raw, 'device reply');
      return r.ok ? r.value : { ok: false, code: 'INTERNAL', message: 'invalid softphone reply' };
    } catch {
      return { ok: false, code: 'TIMEOUT' };
    }
  }

  // ---- panels ----------------------------------------------------------------------------

  /** Panels are browsers: the handshake must carry an allowed Origin (a missing one is refused too). */
  panels.use((socket, next) => {
    if (originAllowed(socket.handshake.headers.origin)) return next();
    logger.warn({ event: 'panel.originRefused', origin: socket.handshake.headers.origin?.slice(0, 200) ?? null, remote: socket.handshake.address }, 'panel refused: origin missing or not allowed');
    next(new Error('ORIGIN_NOT_ALLOWED'));
  });

  panels.on('connection', (socket: PanelSocket) => {
    socket.emit('server:hello', { protocol: PROTOCOL_VERSION, statuses: [...directory.defaultStatuses] });

    /** Registers a command handler that validates its payload and always answers its ack. */
    function command<T>(
      event: keyof PanelClientToServer,
      schema: Schema<T> | null,
      handler: (session: PanelSession, payload: T) => Promise<Reply<object>> | Reply<object>,
    ): void {
      socket.on(event, async (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return;
        const reply = (r: Reply<object>) => (ack as (r: Reply<object>) => void)(r);
        const session = socket.data.session;
        let payload = undefined as T;
        if (schema) {
          const r = schema.check(args[0], event);
          if (!r.ok) return reply(invalid(r.error));
          payload = r.value;
        }
        if (!session) return reply({ ok: false, code: 'NOT_SIGNED_IN' });
        const meta = args.length > 1 ? commandMetaSchema.check(args[0], event) : undefined;
        const commandId = meta?.ok ? meta.value.commandId : undefined;
        const execute = async (): Promise<Reply<object>> => {
          try {
            return await handler(session, payload);
          } catch (error) {
            logger.error({ event: 'panel.commandFailed', command: event, error: String(error) }, 'command failed');
            return { ok: false, code: 'INTERNAL' };
          }
        };
        reply(
          commandId === undefined
            ? await execute()
            : await commandReplies.run(`${sessionKey(session.tenant.id, session.account, session.extension)}\u0000${event}\u0000${commandId}`, now(), execute),
        );
      });
    }

    socket.on('session:signIn', async (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const raw = args.length > 1 ? args[0] : undefined;
      const reply = ack as (r: SignInReply) => void;
      const r = signInRequestSchema.check(raw, 'session:signIn');
      if (!r.ok) return reply(invalid(r.error));
      const req = r.value;
      let checked: SignInCheck;
      try {
        checked = await checkSignIn('panel', req.account, req.password, req.extension, socket.handshake.address);
      } catch (error) {
        logger.error({ event: 'panel.authError', error: String(error) }, 'panel sign-in failed');
        return reply({ ok: false, code: 'INTERNAL' });
      }
      // The password check took a while: a panel gone meanwhile must not leave a session behind.
      if (socket.disconnected) return;
      if (!checked.ok) {
        if (checked.code === 'RATE_LIMITED') return reply({ ok: false, code: 'RATE_LIMITED', retryAfterMs: checked.retryAfterMs });
        logger.warn({ event: 'panel.authFailed', account: req.account }, 'panel sign-in refused');
        return reply({ ok: false, code: 'AUTH_FAILED' });
      }
      const { credential } = checked;
      const { tenant } = credential;
      if (req.seatId) {
        const claim = seats.claim(tenant.id, req.seatId, { account: req.account, name: credential.account.name }, now(), req.overwriteSeat === true);
        if (!claim.ok) return reply({ ok: false, code: 'SEAT_TAKEN', seat: claim.holder });
      }
      const statusId = tenant.statuses.some((s) => s.id === req.initialStatusId)
        ? req.initialStatusId
        : (tenant.statuses[0]?.id ?? LOGOFF_STATUS_ID);
      const previous = socket.data.session;
      if (previous) {
        void socket.leave(lineKey(previous.tenant.id, previous.extension));
        forgetViewing(line(previous.tenant, previous.extension), socket.id);
        resumeTokens.detached(previous, now());
      }
      socket.data.session = sessionFor(tenant, req.account, req.extension);
      resumeTokens.attached(socket.data.session);
      const l = line(tenant, req.extension);
      if (l.viewing && l.viewing.account !== req.account) l.viewing = null;
      l.agent = { account: req.account, statusId, hardphone: req.hardphone };
      void socket.join(lineKey(tenant.id, req.extension));
      logger.info({ event: 'panel.signedIn', tenant: tenant.id, account: req.account, extension: req.extension }, 'signed in');
      changed(l);
      reply({ ok: true, snapshot: snapshotOf(l), resumeToken: resumeTokens.issue(socket.data.session, now()) });
    });

    socket.on('session:resume', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const raw = args.length > 1 ? args[0] : undefined;
      const reply = ack as (r: SignInReply) => void;
      const r = resumeRequestSchema.check(raw, 'session:resume');
      if (!r.ok) return reply(invalid(r.error));
      const session = resumeTokens.take(r.value.token, now());
      const l = session ? line(session.tenant, session.extension) : undefined;
      // Only while the agent is still the one signed in on that line (not signed out meanwhile).
      if (!session || !l || l.agent?.account !== session.account || l.agent.statusId === LOGOFF_STATUS_ID) {
        return reply({ ok: false, code: 'SESSION_EXPIRED', message: 'session expired' });
      }
      if (socket.data.session !== session) {
        if (socket.data.session) resumeTokens.detached(socket.data.session, now());
        socket.data.session = session;
        resumeTokens.attached(session);
      }
      void socket.join(lineKey(session.tenant.id, session.extension));
      logger.info({ event: 'panel.resumed', tenant: session.tenant.id, account: session.account }, 'session resumed');
      reply({ ok: true, snapshot: snapshotOf(l), resumeToken: resumeTokens.issue(session, now()) });
    });

    command('session:signOut', null, (session) => {
      const l = line(session.tenant, session.extension);
      if (l.agent?.account === session.account) l.agent = { ...l.agent, statusId: LOGOFF_STATUS_ID };
      if (l.viewing?.account === session.account) l.viewing = null;
      seats.release(session.tenant.id, session.account);
      changed(l); // every panel of the line sees ログオフ, then the agent's other panels are let go
      endSession(session, socket);
      void socket.leave(lineKey(session.tenant.id, session.extension));
      delete socket.data.session;
      return { ok: true };
    });

    command('agent:setStatus', setStatusRequestSchema, (session, { statusId }) => {
      if (!session.tenant.statuses.some((s) => s.id === statusId)) return invalid(`unknown status ${statusId}`);
      const l = line(session.tenant, session.extension);
      l.agent = { account: session.account, hardphone: l.agent?.hardphone ?? false, statusId };
      changed(l);
      return { ok: true };
    });

    /** Screen transfer: what the agent views now; nothing is pushed (it travels with a transfer). */
    command('agent:viewing', viewingRequestSchema, (session, { screen }) => {
      const l = line(session.tenant, session.extension);
      if (l.agent?.account !== session.account) return { ok: false, code: 'NOT_ALLOWED', message: 'another agent is signed in on this extension' };
      l.viewing = screen ? { screen, account: session.account, socketId: socket.id } : null;
      return { ok: true };
    });

    socket.on('disconnect', () => {
      const session = socket.data.session;
      if (!session) return;
      forgetViewing(line(session.tenant, session.extension), socket.id);
      resumeTokens.detached(session, now());
    });

    socket.on('server:ping', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack === 'function') (ack as (r: { ok: true }) => void)({ ok: true });
    });

    socket.on('session:token', (...args: unknown[]) => {
      const ack = args[args.length - 1];
      if (typeof ack !== 'function') return;
      const reply = ack as (r: TokenReply) => void;
      const session = socket.data.session;
      if (!session || !sessions.has(sessionKey(session.tenant.id, session.account, session.extension))) {
        return reply({ ok: false, code: 'NOT_SIGNED_IN' });
      }
      reply({ ok: true, token: resumeTokens.issue(session, now()) });
    });

    command('call:dial', dialRequestSchema, (session, { number, callerId }) => {
      const l = line(session.tenant, session.extension);
      if (l.agent?.hardphone) return { ok: false, code: 'NOT_ALLOWED', message: 'a hardphone cannot be dialled remotely' };
      if (l.calls.some((c) => c.state !== 'held')) return { ok: false, code: 'BUSY' };
      const callerIdNumber = resolveCallerId(session.tenant, session.account, callerId);
      if (callerIdNumber === undefined) return { ok: false, code: 'NOT_ALLOWED', message: 'caller ID not allowed for this account' };
      return relay(l, { type: 'dial', id: randomUUID(), number, callerIdNumber });
    });

    command('call:dtmf', dtmfRequestSchema, (session, { callId, digits }) => {
      const l = line(session.tenant, session.extension);
      if (!l.calls.some((c) => c.id === callId)) return { ok: false, code: 'NO_SUCH_CALL' } as Reply;
      return relay(l, { type: 'dtmf', id: randomUUID(), callId, digits });
    });

    /** Commands that act on one call of the agent's line and are relayed as they are. */
    const onCall = (type: 'answer' | 'hangup' | 'hold' | 'unhold' | 'park' | 'transfer') =>
      command(`call:${type}`, callRefSchema, (session, { callId }) => {
        const l = line(session.tenant, session.extension);
        if (!l.calls.some((c) => c.id === callId)) return { ok: false, code: 'NO_SUCH_CALL' } as Reply;
        return relay(l, { type, id: randomUUID(), callId });
      });
    for (const type of ['answer', 'hangup', 'hold', 'unhold', 'park', 'transfer'] as const) onCall(type);
  });

  return {
    io,
    get readiness(): Readiness {
      if (stopping) return 'shutting-down';
      return httpServer?.listening === true ? 'ready' : 'starting';
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
      // Graceful: every panel hears that the server stops and reconnects by itself.
      panels.emit('server:shutdown', { reconnectAfterMs: 1000 });
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

function invalid(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: 'INVALID_PAYLOAD', message: message.slice(0, 300) };
}

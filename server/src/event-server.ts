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
  errorReplySchema,
  okReplySchema,
  setStatusRequestSchema,
  signInRequestSchema,
  union,
  type Call,
  type Command,
  type ParkedCall,
  type ErrorCode,
  type PanelClientToServer,
  type PanelServerToClient,
  type Reply,
  type Schema,
  type SignInReply,
  type Snapshot,
  type SoftphoneClientToServer,
  type SoftphoneServerToClient,
} from '../../web-components/src/protocol/index.js';
import { authenticate, callerIdsFor, resolveCallerId, type Directory, type TenantConfig } from './config/directory.js';
import { SeatRegistry } from './seats.js';
import type { ServerLogger } from './logger.js';

export interface EventServerOptions {
  readonly directory: Directory;
  /** Origins allowed to open panel connections (CORS); softphones are not browsers here. */
  readonly allowedOrigins: readonly string[];
  readonly logger: ServerLogger;
  readonly now?: () => number;
  /** How long the server waits for a softphone to acknowledge a command. */
  readonly deviceAckTimeoutMs?: number;
}

interface Line {
  readonly tenant: TenantConfig;
  readonly extension: string;
  device: Socket<SoftphoneClientToServer, SoftphoneServerToClient> | null;
  calls: Call[];
  parked: ParkedCall[];
  agent: { account: string; statusId: string; hardphone: boolean } | null;
  revision: number;
}

interface PanelSession {
  readonly tenant: TenantConfig;
  readonly account: string;
  readonly extension: string;
}

type PanelSocket = Socket<PanelClientToServer, PanelServerToClient, Record<string, never>, { session?: PanelSession }>;

const deviceReplySchema: Schema<Reply> = union('ok', { true: okReplySchema, false: errorReplySchema });

export interface EventServer {
  readonly io: Server;
  attach(http: HttpServer): void;
  close(): Promise<void>;
}

export function createEventServer(options: EventServerOptions): EventServer {
  const { directory, logger } = options;
  const now = options.now ?? Date.now;
  const deviceAckTimeoutMs = options.deviceAckTimeoutMs ?? 5000;
  const lines = new Map<string, Line>();
  const seats = new SeatRegistry();

  const io = new Server({
    cors: { origin: [...options.allowedOrigins], credentials: false },
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
      found = { tenant, extension, device: null, calls: [], parked: [], agent: null, revision: 0 };
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
      calls: l.calls.map((c) => ({ ...c })),
      parked: l.parked.map((p) => ({ ...p })),
      callerIds: callerIdsFor(l.tenant, l.agent?.account),
    };
  }

  function changed(l: Line): void {
    l.revision += 1;
    panels.to(lineKey(l.tenant.id, l.extension)).emit('state:snapshot', snapshotOf(l));
  }

  // ---- softphones ------------------------------------------------------------------------

  softphones.use((socket, next) => {
    const auth = deviceAuthSchema.check(socket.handshake.auth, 'auth');
    if (!auth.ok) return next(new Error('INVALID_PAYLOAD'));
    const credential = authenticate(directory, auth.value.account, auth.value.password);
    if (!credential || !credential.tenant.extensions.includes(auth.value.extension)) {
      logger.warn({ event: 'device.authFailed', extension: auth.value.extension }, 'softphone sign-in refused');
      return next(new Error('AUTH_FAILED'));
    }
    socket.data = { tenant: credential.tenant, extension: auth.value.extension };
    next();
  });

  softphones.on('connection', (socket) => {
    const { tenant, extension } = socket.data as { tenant: TenantConfig; extension: string };
    const l = line(tenant, extension);
    if (l.device && l.device.id !== socket.id) l.device.disconnect(true);
    l.device = socket;
    l.calls = [];
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
      l.calls = r.value.calls;
      l.parked = r.value.parked;
      changed(l);
    });

    socket.on('disconnect', (reason) => {
      if (l.device !== socket) return;
      l.device = null;
      l.calls = [];
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
        try {
          reply(await handler(session, payload));
        } catch (error) {
          logger.error({ event: 'panel.commandFailed', command: event, error: String(error) }, 'command failed');
          reply({ ok: false, code: 'INTERNAL' });
        }
      });
    }

    socket.on('session:signIn', (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: SignInReply) => void;
      const r = signInRequestSchema.check(raw, 'session:signIn');
      if (!r.ok) return reply(invalid(r.error));
      const req = r.value;
      const credential = authenticate(directory, req.account, req.password);
      if (!credential || !credential.tenant.extensions.includes(req.extension)) {
        logger.warn({ event: 'panel.authFailed', account: req.account }, 'panel sign-in refused');
        return reply({ ok: false, code: 'AUTH_FAILED' });
      }
      const { tenant } = credential;
      if (req.seatId) {
        const claim = seats.claim(tenant.id, req.seatId, { account: req.account, name: credential.account.name }, now(), req.overwriteSeat === true);
        if (!claim.ok) return reply({ ok: false, code: 'SEAT_TAKEN', seat: claim.holder });
      }
      const statusId = tenant.statuses.some((s) => s.id === req.initialStatusId)
        ? req.initialStatusId
        : (tenant.statuses[0]?.id ?? LOGOFF_STATUS_ID);
      if (socket.data.session) void socket.leave(lineKey(socket.data.session.tenant.id, socket.data.session.extension));
      socket.data.session = { tenant, account: req.account, extension: req.extension };
      const l = line(tenant, req.extension);
      l.agent = { account: req.account, statusId, hardphone: req.hardphone };
      void socket.join(lineKey(tenant.id, req.extension));
      logger.info({ event: 'panel.signedIn', tenant: tenant.id, account: req.account, extension: req.extension }, 'signed in');
      changed(l);
      reply({ ok: true, snapshot: snapshotOf(l) });
    });

    command('session:signOut', null, (session) => {
      const l = line(session.tenant, session.extension);
      if (l.agent?.account === session.account) l.agent = { ...l.agent, statusId: LOGOFF_STATUS_ID };
      seats.release(session.tenant.id, session.account);
      changed(l);
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
    attach(http) {
      io.attach(http);
    },
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

function invalid(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: 'INVALID_PAYLOAD', message: message.slice(0, 300) };
}

/**
 * The only code that touches socket.io on the panel side. Every message from the server is
 * validated before anyone sees it; commands use acks with time-outs and typed error codes.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACE,
  PANEL_COMMANDS,
  commandRequest,
  helloSchema,
  okReplySchema,
  errorReplySchema,
  signInReplySchema,
  snapshotSchema,
  sessionEndedSchema,
  shutdownNoticeSchema,
  tokenReplySchema,
  directoryReplySchema,
  union,
  type PanelClientToServer,
  type PanelServerToClient,
  type CommandArgs,
  type PanelCommand,
  type Reply,
  type Schema,
  type SessionEnded,
  type SignInReply,
  type Snapshot,
  type TokenReply,
  type DirectoryReply,
} from '@biztel/protocol';
import type { Logger } from '../log.js';
import { deepWithoutBidiControls } from '../core/bidi.js';
import type { ConnectionEvent, EventServerPort } from './event-server-port.js';

export interface SocketTransportOptions {
  readonly connectTimeoutMs?: number;
  /** Consecutive connection errors after which start-up gives up before the time-out. */
  readonly maxConnectErrors?: number;
  readonly ackTimeoutMs?: number;
  /** Reconnection attempts after the connection dropped, before giving up for good. */
  readonly reconnectionAttempts?: number;
  /**
   * A command whose answer was lost with the connection is sent again (same command id, so the
   * server never runs it twice) if the session is back within this long of the first send;
   * later it fails: a stale command is worse than none.
   */
  readonly retryWindowMs?: number;
  readonly logger: Logger;
  /**
   * Node only (tests, tools): headers for the handshake, e.g. the `origin` a browser would send
   * (the event server refuses panels without an allowed Origin). Browsers ignore it.
   */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /**
   * First wait before reconnecting (default 250 ms). It doubles, with jitter, up to a ceiling of
   * 0.5–1 s (drawn per attempt, `backoffCeilingMs`) for the first `QUICK_ATTEMPTS` attempts (a
   * blip or a restart is over in seconds: the panel is live within about a second of the network
   * coming back), then 2.5–5 s (a long outage costs the server and the load balancer one attempt
   * per panel every few seconds, spread out).
   */
  readonly reconnectionDelayMs?: number;
  /**
   * Signals that the network may be back — by default the browser's `online` event and the page
   * becoming visible again: a reconnect waiting on its back-off timer is tried at once. Returns
   * the unsubscribe.
   */
  readonly wakeSignals?: (wake: () => void) => () => void;
}

/** The browser's own signals (none outside a browser). */
function browserWakeSignals(wake: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => undefined;
  const visible = () => {
    if (document.visibilityState === 'visible') wake();
  };
  window.addEventListener('online', wake);
  document.addEventListener('visibilitychange', visible);
  return () => {
    window.removeEventListener('online', wake);
    document.removeEventListener('visibilitychange', visible);
  };
}

/** Wakes closer together than this are one: a reconnect already under way is left to finish. */
const WAKE_GAP_MS = 1000;

/** Reconnect attempts made with waits of at most `QUICK_MAX_MS` (about 7 s of outage), before `SLOW_MAX_MS`. */
export const QUICK_ATTEMPTS = 8;
const QUICK_MAX_MS = 1000;
const SLOW_MAX_MS = 5000;

/**
 * The longest wait before the reconnect attempt after `attempts` failed ones (0 after a
 * connection): a random point between half the phase's ceiling and the ceiling, drawn again for
 * every attempt. socket.io-client jitters its doubling wait *before* capping it, so with a fixed
 * cap every panel would wait exactly the cap once the doubling passed it, and panels that lost the
 * server together would knock together, in step, until it came back.
 */
export function backoffCeilingMs(attempts: number, firstDelayMs: number, random: () => number = Math.random): number {
  const ceiling = attempts < QUICK_ATTEMPTS ? QUICK_MAX_MS : SLOW_MAX_MS;
  return Math.max(Math.round(ceiling * (0.5 + random() / 2)), firstDelayMs);
}

type PanelSocket = Socket<PanelServerToClient, PanelClientToServer>;

const plainReply = union('ok', { true: okReplySchema, false: errorReplySchema });

export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
}

export class SocketTransport implements EventServerPort {
  private socket: PanelSocket | null = null;
  /** The server said it stops: the next disconnect is a restart, not a failure. */
  private restarting = false;
  /** How many times the connection dropped (a command sent before a drop may be retried). */
  private drops = 0;
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly connectionListeners = new Set<(e: ConnectionEvent) => void>();
  private readonly sessionEndedListeners = new Set<(event: SessionEnded) => void>();
  /** Commands waiting for the session to be resumed so they can be sent again. */
  private readonly resumeWaiters = new Set<() => void>();
  private readonly retryWindowMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxConnectErrors: number;
  private readonly ackTimeoutMs: number;
  private readonly reconnectionAttempts: number;
  private readonly log: Logger;
  private readonly extraHeaders: Readonly<Record<string, string>> | undefined;
  private readonly reconnectionDelayMs: number;
  private readonly wakeSignals: (wake: () => void) => () => void;
  private stopWaking: () => void = () => undefined;
  private lastWake = -Infinity;
  /** The socket whose reconnect attempts ran out. */
  private gaveUp: PanelSocket | null = null;

  constructor(options: SocketTransportOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 8000;
    this.maxConnectErrors = options.maxConnectErrors ?? 3;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    // About 90 s of trying: 8 quick attempts (≈ 7 s), then one every ≈ 5 s.
    this.reconnectionAttempts = options.reconnectionAttempts ?? 24;
    this.retryWindowMs = options.retryWindowMs ?? 3000;
    this.log = options.logger;
    this.extraHeaders = options.extraHeaders;
    this.reconnectionDelayMs = options.reconnectionDelayMs ?? 250;
    this.wakeSignals = options.wakeSignals ?? browserWakeSignals;
  }

  connect(serverUrl: string): Promise<{ statuses: { id: string; label: string }[] }> {
    this.close();
    const socket: PanelSocket = io(`${serverUrl}${NAMESPACE.panel}`, {
      // WebSocket only: the bundle carries no other transport (docs/decisions/0007-panel-bundle-budget.md).
      transports: ['websocket'],
      reconnectionDelay: this.reconnectionDelayMs,
      reconnectionDelayMax: backoffCeilingMs(0, this.reconnectionDelayMs),
      randomizationFactor: 0.5,
      reconnectionAttempts: this.reconnectionAttempts,
      timeout: this.connectTimeoutMs,
      // Headers apply only to a connection of its own (not one multiplexed with another io() call).
      ...(this.extraHeaders ? { extraHeaders: { ...this.extraHeaders }, forceNew: true } : {}),
    });
    this.socket = socket;

    socket.on('state:snapshot', (raw: unknown) => {
      const r = snapshotSchema.check(raw, 'state:snapshot');
      if (!r.ok) {
        this.log.warn('dropped invalid message', r.error);
        return;
      }
      const snapshot = deepWithoutBidiControls(r.value);
      for (const listener of this.snapshotListeners) listener(snapshot);
    });
    socket.on('session:ended', (raw: unknown) => {
      const r = sessionEndedSchema.check(raw, 'session:ended');
      if (!r.ok) return this.log.warn('dropped invalid message', r.error);
      const ended = deepWithoutBidiControls(r.value);
      for (const listener of this.sessionEndedListeners) listener(ended);
    });
    socket.on('server:shutdown', (raw: unknown) => {
      const r = shutdownNoticeSchema.check(raw, 'server:shutdown');
      if (!r.ok) return this.log.warn('dropped invalid message', r.error);
      this.log.info('the event server is restarting; reconnecting');
      this.restarting = true;
    });

    return new Promise((resolve, reject) => {
      let errors = 0;
      let done = false;
      const finish = (error: Error | null, statuses?: { id: string; label: string }[]) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (error) {
          socket.close();
          reject(error);
        } else {
          this.watchConnection(socket);
          resolve({ statuses: statuses ?? [] });
        }
      };
      const timer = setTimeout(
        () => finish(new ServerUnreachableError(`no answer from ${serverUrl} within ${this.connectTimeoutMs} ms`)),
        this.connectTimeoutMs,
      );
      socket.on('connect_error', (error: Error) => {
        errors += 1;
        this.log.warn('connect error', error.message);
        if (errors >= this.maxConnectErrors) finish(new ServerUnreachableError(`${serverUrl}: ${error.message}`));
      });
      socket.once('server:hello', (raw: unknown) => {
        const r = helloSchema.check(raw, 'server:hello');
        if (r.ok) finish(null, deepWithoutBidiControls(r.value.statuses));
        else finish(new ServerUnreachableError(`unexpected hello from ${serverUrl}: ${r.error}`));
      });
    });
  }

  /**
   * After start-up the socket reconnects by itself (exponential back-off with jitter, bounded
   * attempts); the controller hears `lost`, `restored` and, when it gives up, `failed`.
   */
  private watchConnection(socket: PanelSocket): void {
    socket.on('disconnect', (reason) => {
      this.drops += 1;
      if (reason === 'io client disconnect') return;
      this.emitConnection({ kind: 'lost', reason: this.restarting ? 'server restarting' : reason });
      this.restarting = false;
      // A disconnect the server asked for is not retried by socket.io itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect', () => {
      socket.io.reconnectionDelayMax(backoffCeilingMs(0, this.reconnectionDelayMs));
      this.emitConnection({ kind: 'restored' });
    });
    socket.io.on('reconnect_attempt', (attempt) => {
      // Once the quick attempts are spent, the outage is a long one.
      socket.io.reconnectionDelayMax(backoffCeilingMs(attempt, this.reconnectionDelayMs));
      this.emitConnection({ kind: 'retrying', attempt, of: this.reconnectionAttempts });
    });
    socket.io.on('reconnect_failed', () => {
      this.gaveUp = socket;
      this.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' });
    });
    this.stopWaking();
    this.stopWaking = this.wakeSignals(() => this.wake(socket));
  }

  /**
   * The network may be back: a socket waiting on its back-off timer tries at once (the timer is
   * dropped and a new connection opened; if it fails, the back-off starts again — so an agent who
   * keeps coming back to the page keeps the panel trying beyond the 24 attempts).
   */
  private wake(socket: PanelSocket): void {
    const now = Date.now();
    // Once it gave up the panel shows the manual's message (reload): a wake must not bring back a connection without a session.
    if (socket !== this.socket || socket === this.gaveUp || socket.connected || !socket.active || now - this.lastWake < WAKE_GAP_MS) return;
    this.lastWake = now;
    this.log.info('the network may be back: reconnecting now');
    socket.disconnect();
    socket.connect();
  }

  private emitConnection(event: ConnectionEvent): void {
    for (const listener of this.connectionListeners) listener(event);
  }

  signIn(request: Parameters<EventServerPort['signIn']>[0]): Promise<SignInReply> {
    return this.request<SignInReply>(signInReplySchema, (s) => s.emitWithAck('session:signIn', request));
  }

  async resume(token: string): Promise<SignInReply> {
    const reply = await this.request<SignInReply>(signInReplySchema, (s) => s.emitWithAck('session:resume', { token }));
    if (reply.ok) for (const wake of [...this.resumeWaiters]) wake();
    return reply;
  }

  /** Round trip to the server in ms, or null when not connected or no answer. */
  async ping(): Promise<number | null> {
    const started = Date.now();
    const reply = await this.request(plainReply, (s) => s.emitWithAck('server:ping', {}));
    return reply.ok ? Date.now() - started : null;
  }

  directory(): Promise<DirectoryReply> {
    return this.request(directoryReplySchema, (s) => s.emitWithAck('directory:list', {}));
  }

  sessionToken(): Promise<TokenReply> {
    return this.request(tokenReplySchema, (s) => s.emitWithAck('session:token', {}));
  }

  /** A command of the table (`PANEL_COMMANDS`): its request with a fresh command id, on its event. */
  send<C extends PanelCommand>(command: C, ...args: CommandArgs<C>): Promise<Reply> {
    const request = commandRequest(command, args);
    const event = PANEL_COMMANDS[command].event;
    return this.command((s, commandId) => (s.emitWithAck as (event: string, payload: object) => Promise<unknown>)(event, { ...request, commandId }));
  }

  onSessionEnded(listener: (event: SessionEnded) => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  close(): void {
    this.stopWaking();
    this.stopWaking = () => undefined;
    for (const wake of [...this.resumeWaiters]) wake();
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = null;
  }

  /**
   * A command with an id. When its answer is lost because the connection dropped, it is sent once
   * more with the same id if the session is resumed within the retry window (the server answers a
   * repeated id without running the command again); otherwise it fails as disconnected.
   */
  private async command(send: (socket: PanelSocket, commandId: string) => Promise<unknown>): Promise<Reply> {
    const commandId = newCommandId();
    const deadline = Date.now() + this.retryWindowMs;
    const drops = this.drops;
    const first = await this.request(plainReply, (s) => send(s, commandId));
    if (first.ok || first.code !== 'DISCONNECTED' || this.drops === drops) return first;
    if (!(await this.waitForResume(deadline - Date.now()))) return first;
    this.log.info('sending a command again after the reconnect (same id)');
    return this.request(plainReply, (s) => send(s, commandId));
  }

  /** True when the session was resumed within `ms`. */
  private waitForResume(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (resumed: boolean) => {
        clearTimeout(timer);
        this.resumeWaiters.delete(wake);
        resolve(resumed);
      };
      const wake = () => done(this.socket?.connected === true);
      const timer = setTimeout(() => done(false), ms);
      this.resumeWaiters.add(wake);
    });
  }

  /**
   * Sends one command with an ack and a time-out. Never queued while offline: a command that
   * cannot go now fails now (a stale dial is worse than none).
   */
  private async request<T extends Reply<object>>(schema: Schema<T>, send: (socket: PanelSocket) => Promise<unknown>): Promise<T> {
    const socket = this.socket;
    if (!socket || !socket.connected) return { ok: false, code: 'DISCONNECTED' } as T;
    let raw: unknown;
    try {
      raw = await send(socket.timeout(this.ackTimeoutMs));
    } catch {
      return { ok: false, code: socket.connected ? 'TIMEOUT' : 'DISCONNECTED' } as T;
    }
    const r = schema.check(raw, 'reply');
    if (r.ok) return deepWithoutBidiControls(r.value);
    this.log.warn('dropped invalid reply', r.error);
    return { ok: false, code: 'INVALID_PAYLOAD' } as T;
  }
}

/** A random id for one command (128 bits, URL-safe). */
function newCommandId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The only code that touches socket.io on the panel side. Every message from the server is
 * validated before anyone sees it; commands use acks with time-outs and typed error codes.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACE,
  helloSchema,
  okReplySchema,
  errorReplySchema,
  signInReplySchema,
  snapshotSchema,
  union,
  type PanelClientToServer,
  type PanelServerToClient,
  type CallerIdChoice,
  type Reply,
  type Schema,
  type ScreenInfo,
  type SignInReply,
  type Snapshot,
} from '../protocol/index.js';
import type { Logger } from '../log.js';
import type { ConnectionEvent, EventServerPort } from './event-server-port.js';

export interface SocketTransportOptions {
  readonly connectTimeoutMs?: number;
  /** Consecutive connection errors after which start-up gives up before the time-out. */
  readonly maxConnectErrors?: number;
  readonly ackTimeoutMs?: number;
  /** Reconnection attempts after the connection dropped, before giving up for good. */
  readonly reconnectionAttempts?: number;
  readonly logger: Logger;
}

type PanelSocket = Socket<PanelServerToClient, PanelClientToServer>;

const plainReply = union('ok', { true: okReplySchema, false: errorReplySchema });

export class ServerUnreachableError extends Error {
  override readonly name = 'ServerUnreachableError';
}

export class SocketTransport implements EventServerPort {
  private socket: PanelSocket | null = null;
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly connectionListeners = new Set<(e: ConnectionEvent) => void>();
  private readonly connectTimeoutMs: number;
  private readonly maxConnectErrors: number;
  private readonly ackTimeoutMs: number;
  private readonly reconnectionAttempts: number;
  private readonly log: Logger;

  constructor(options: SocketTransportOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 8000;
    this.maxConnectErrors = options.maxConnectErrors ?? 3;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 8000;
    this.reconnectionAttempts = options.reconnectionAttempts ?? 20;
    this.log = options.logger;
  }

  connect(serverUrl: string): Promise<{ statuses: { id: string; label: string }[] }> {
    this.close();
    const socket: PanelSocket = io(`${serverUrl}${NAMESPACE.panel}`, {
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.5,
      reconnectionAttempts: this.reconnectionAttempts,
      timeout: this.connectTimeoutMs,
    });
    this.socket = socket;

    socket.on('state:snapshot', (raw: unknown) => {
      const r = snapshotSchema.check(raw, 'state:snapshot');
      if (!r.ok) {
        this.log.warn('dropped invalid message', r.error);
        return;
      }
      for (const listener of this.snapshotListeners) listener(r.value);
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
        if (r.ok) finish(null, r.value.statuses);
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
      if (reason === 'io client disconnect') return;
      this.emitConnection({ kind: 'lost', reason });
      // A disconnect the server asked for is not retried by socket.io itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect', () => this.emitConnection({ kind: 'restored' }));
    socket.io.on('reconnect_failed', () => this.emitConnection({ kind: 'failed', reason: 'reconnection attempts exhausted' }));
  }

  private emitConnection(event: ConnectionEvent): void {
    for (const listener of this.connectionListeners) listener(event);
  }

  signIn(request: Parameters<EventServerPort['signIn']>[0]): Promise<SignInReply> {
    return this.request(signInReplySchema, (s) => s.emitWithAck('session:signIn', request)) as Promise<SignInReply>;
  }

  resume(token: string): Promise<SignInReply> {
    return this.request(signInReplySchema, (s) => s.emitWithAck('session:resume', { token })) as Promise<SignInReply>;
  }

  signOut(): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('session:signOut'));
  }

  setStatus(statusId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('agent:setStatus', { statusId }));
  }

  dial(number: string, callerId?: CallerIdChoice): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:dial', callerId ? { number, callerId } : { number }));
  }

  answer(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:answer', { callId }));
  }

  hangup(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:hangup', { callId }));
  }

  hold(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:hold', { callId }));
  }

  unhold(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:unhold', { callId }));
  }

  park(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:park', { callId }));
  }

  transfer(callId: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:transfer', { callId }));
  }

  dtmf(callId: string, digits: string): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('call:dtmf', { callId, digits }));
  }

  viewing(screen: ScreenInfo | null): Promise<Reply> {
    return this.request(plainReply, (s) => s.emitWithAck('agent:viewing', { screen }));
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
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = null;
  }

  /**
   * Sends one command with an ack and a time-out. Never queued while offline: a command that
   * cannot go now fails now (a stale dial is worse than none).
   */
  private async request<T extends Reply<object>>(
    schema: Schema<T>,
    send: (socket: PanelSocket) => Promise<unknown>,
  ): Promise<T> {
    const socket = this.socket;
    if (!socket || !socket.connected) return { ok: false, code: 'DISCONNECTED' } as T;
    let raw: unknown;
    try {
      raw = await send(socket.timeout(this.ackTimeoutMs) as PanelSocket);
    } catch {
      return { ok: false, code: socket.connected ? 'TIMEOUT' : 'DISCONNECTED' } as T;
    }
    const r = schema.check(raw, 'reply');
    if (r.ok) return r.value;
    this.log.warn('dropped invalid reply', r.error);
    return { ok: false, code: 'INVALID_PAYLOAD' } as T;
  }
}

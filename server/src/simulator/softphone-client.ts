/**
 * A simulated BIZTEL softphone: connects to the event server's softphone namespace with the same
 * handshake and protocol a real softphone uses (docs/protocol.md), executes relayed commands on
 * the PBX and reports its complete call list after every change. It keeps the contract's rules: it
 * estimates the server's clock from the hello and refuses a command past its deadline (`EXPIRED`),
 * answers a repeated command id with its first answer, and stays away once it was `replaced`.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACE,
  PROTOCOL_VERSION,
  commandSchema,
  deviceByeSchema,
  deviceHelloSchema,
  type DeviceAuth,
  type DeviceState,
  type Reply,
  type SoftphoneClientToServer,
  type SoftphoneServerToClient,
} from '@biztel/protocol';
import type { Pbx } from './pbx.js';

type DeviceSocket = Socket<SoftphoneServerToClient, SoftphoneClientToServer>;

/** How a softphone signs in: its handshake without the protocol version (added by the client). */
export type SoftphoneCredentials = Omit<DeviceAuth, 'protocol'>;

/**
 * Deliberate contract violations, for proving that the conformance kit (conformance/) fails a
 * softphone that breaks the rules: never set outside that kit's own tests.
 */
export interface SoftphoneFaults {
  /** Runs a command even when its deadline has passed. */
  readonly ignoreDeadline?: boolean;
  /** Runs a repeated command id again instead of answering it with the first answer. */
  readonly rerunIds?: boolean;
}

/** Command ids are remembered this long when the server's hello did not say (it always does). */
const DEFAULT_ID_RETENTION_MS = 120_000;

export class SimSoftphone {
  private socket: DeviceSocket | null = null;
  /** Server clock − local clock, from the last hello. */
  private offsetMs = 0;
  private retentionMs = DEFAULT_ID_RETENTION_MS;
  /** Answers by command id, with when they were given. */
  private readonly answers = new Map<string, { reply: Reply; at: number }>();
  /** The last goodbye from the server (`replaced`, `inUse`, `shutdown`). */
  lastBye: string | null = null;
  /** Whether the server's hello arrived on the current connection. */
  greeted = false;

  constructor(
    private readonly serverUrl: string,
    private readonly auth: SoftphoneCredentials,
    private readonly pbx: Pbx,
    /** The local clock (tests move it to make commands arrive late). */
    private readonly localNow: () => number = Date.now,
    private readonly faults: SoftphoneFaults = {},
  ) {}

  get extension(): string {
    return this.auth.extension;
  }

  /** The server's clock as this softphone estimates it (from the last hello). */
  serverNow(): number {
    return this.localNow() + this.offsetMs;
  }

  get running(): boolean {
    return this.socket !== null;
  }

  /** Starts the softphone; resolves once the server accepted it. */
  start(): Promise<void> {
    if (this.socket) return Promise.resolve();
    const socket: DeviceSocket = io(`${this.serverUrl}${NAMESPACE.softphone}`, {
      auth: { protocol: PROTOCOL_VERSION, ...this.auth },
      transports: ['websocket'],
      // A device's own connection, like a native softphone's: never multiplexed with a panel's.
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
    });
    this.socket = socket;
    this.pbx.attach(this.auth.extension);
    socket.on('connect', () => this.publish(this.pbx.stateOf(this.auth.extension)));
    socket.on('disconnect', () => (this.greeted = false));
    socket.on('server:hello', (raw: unknown) => {
      const r = deviceHelloSchema.check(raw, 'server:hello');
      if (!r.ok) return;
      this.offsetMs = r.value.serverTime - this.localNow();
      this.retentionMs = r.value.limits.commandIdRetentionMs;
      this.greeted = true;
    });
    socket.on('server:bye', (raw: unknown) => {
      const r = deviceByeSchema.check(raw, 'server:bye');
      if (r.ok) this.lastBye = r.value.reason;
    });
    socket.on('device:command', (raw: unknown, ack: unknown) => {
      if (typeof ack === 'function') (ack as (reply: Reply) => void)(this.run(raw));
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        if (!socket.active) reject(error);
      });
    });
  }

  /** Runs a relayed command at most once, and never after its deadline. */
  private run(raw: unknown): Reply {
    const r = commandSchema.check(raw, 'device:command');
    if (!r.ok) return { ok: false, code: 'INVALID_PAYLOAD', message: r.error };
    const { deadline, ...command } = r.value;
    const now = this.localNow();
    for (const [id, answer] of this.answers) if (now - answer.at > this.retentionMs) this.answers.delete(id);
    const first = this.answers.get(command.id);
    if (first && !this.faults.rerunIds) return first.reply;
    const reply: Reply =
      now + this.offsetMs > deadline && !this.faults.ignoreDeadline
        ? { ok: false, code: 'EXPIRED', message: 'the command arrived after its deadline' }
        : this.pbx.command(this.auth.extension, command);
    this.answers.set(command.id, { reply, at: now });
    return reply;
  }

  /**
   * The softphone's network goes down (false: its connection drops with no goodbye, and it cannot
   * reconnect) or comes back (true: it reconnects and reports its calls) — a blip, not a quit.
   */
  setNetwork(up: boolean): void {
    const socket = this.socket;
    if (!socket) return;
    socket.io.reconnection(up);
    if (up) socket.connect();
    else socket.io.engine?.close();
  }

  stop(): void {
    if (!this.socket) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.socket = null;
    this.pbx.detach(this.auth.extension);
  }

  publish(state: DeviceState): void {
    if (this.socket?.connected) this.socket.emit('device:state', state);
  }
}

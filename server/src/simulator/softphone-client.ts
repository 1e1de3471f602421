/**
 * A simulated BIZTEL softphone: connects to the event server's softphone namespace with the same
 * handshake and protocol a real softphone uses, executes relayed commands on the PBX and reports
 * its complete call list after every change.
 */
import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACE,
  commandSchema,
  type DeviceState,
  type DeviceAuth,
  type Reply,
  type SoftphoneClientToServer,
  type SoftphoneServerToClient,
} from '@biztel/protocol';
import type { Pbx } from './pbx.js';

type DeviceSocket = Socket<SoftphoneServerToClient, SoftphoneClientToServer>;

export class SimSoftphone {
  private socket: DeviceSocket | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly auth: DeviceAuth,
    private readonly pbx: Pbx,
  ) {}

  get extension(): string {
    return this.auth.extension;
  }

  get running(): boolean {
    return this.socket !== null;
  }

  /** Starts the softphone; resolves once the server accepted it. */
  start(): Promise<void> {
    if (this.socket) return Promise.resolve();
    const socket: DeviceSocket = io(`${this.serverUrl}${NAMESPACE.softphone}`, {
      auth: { ...this.auth },
      transports: ['websocket'],
      // A device's own connection, like a native softphone's: never multiplexed with a panel's.
      forceNew: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
    });
    this.socket = socket;
    this.pbx.attach(this.auth.extension);
    socket.on('connect', () => this.publish(this.pbx.stateOf(this.auth.extension)));
    socket.on('device:command', (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const r = commandSchema.check(raw, 'device:command');
      const reply: Reply = r.ok ? this.pbx.command(this.auth.extension, r.value) : { ok: false, code: 'INVALID_PAYLOAD', message: r.error };
      (ack as (reply: Reply) => void)(reply);
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => {
        if (!socket.active) reject(error);
      });
    });
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

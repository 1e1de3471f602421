/**
 * The kit's panel: a socket.io client on `/panel` (with an allowed Origin, as a browser would
 * send) signed in as the softphone's account on its extension. It shows what an agent would see
 * of the line — the softphone's status and the calls — and sends a command as a panel does.
 */
import { io, type Socket } from 'socket.io-client';
import { NAMESPACE, snapshotSchema, type Reply, type Snapshot } from '@biztel/protocol';
import { KIT_PANEL_ORIGIN, waitFor } from './harness.js';
import type { KitOptions } from './options.js';

export class KitPanel {
  private snapshot: Snapshot | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('state:snapshot', (raw: unknown) => {
      const r = snapshotSchema.check(raw, 'state:snapshot');
      if (r.ok) this.snapshot = r.value;
    });
  }

  /** Connects and signs in; throws when the server refuses. */
  static async open(url: string, options: KitOptions): Promise<KitPanel> {
    const socket = io(`${url}${NAMESPACE.panel}`, { transports: ['websocket'], forceNew: true, extraHeaders: { origin: KIT_PANEL_ORIGIN } });
    const panel = new KitPanel(socket, options.timeoutMs);
    const reply = (await socket.timeout(options.timeoutMs).emitWithAck('session:signIn', {
      account: options.account,
      password: options.password,
      extension: options.extension,
      initialStatusId: 'available',
      hardphone: false,
    })) as Reply<{ snapshot: Snapshot }>;
    if (!reply.ok) {
      socket.disconnect();
      throw new Error(`the kit's panel could not sign in: ${reply.code}`);
    }
    panel.snapshot = reply.snapshot;
    return panel;
  }

  get latest(): Snapshot | undefined {
    return this.snapshot;
  }

  /** Waits for a snapshot matching `predicate`; rejects naming `what`. */
  until(predicate: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
    return waitFor(() => (this.snapshot && predicate(this.snapshot) ? this.snapshot : undefined), what, this.timeoutMs);
  }

  /** Sends a panel command (`call:dial`, `call:hangup`, …) with a fresh command id. */
  async send(event: string, request: object): Promise<Reply> {
    const commandId = `kit-${Math.random().toString(36).slice(2, 12)}`;
    return (await this.socket.timeout(this.timeoutMs).emitWithAck(event, { ...request, commandId })) as Reply;
  }

  close(): void {
    this.socket.disconnect();
  }
}

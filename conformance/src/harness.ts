/**
 * The kit's server side: our real event server (in process, on its own port, with a directory of
 * one tenant, one account and one extension) plus what the kit watches on `/softphone` — every
 * handshake the softphone sent (read from the raw Engine.IO packets, so refused ones count too),
 * every accepted connection with its `device:state` messages and how it ended — and a way to send
 * the softphone raw commands and to drop its connection.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { Socket as ServerSocket } from 'socket.io';
import { NAMESPACE, deviceStateSchema, type DeviceState } from '@biztel/protocol';
import { createEventServer, type EventServer } from '../../server/src/event-server.js';
import { closeHttp, listen } from '../../server/src/event-node.js';
import { DEMO_STATUSES, type Directory } from '../../server/src/config/directory.js';
import { hashPassword } from '../../server/src/config/passwords.js';
import { jsonLogger } from '../../server/src/logger.js';
import type { KitOptions } from './options.js';

/** The Origin the kit's panel sends (allowed by the kit's server). */
export const KIT_PANEL_ORIGIN = 'https://conformance-kit.invalid';

/** One `device:state` message as it arrived. */
export interface StateMessage {
  readonly raw: unknown;
  /** The validated state, or null with the schema's complaint. */
  readonly state: DeviceState | null;
  readonly error: string | null;
}

/** One accepted softphone connection. */
export interface Connection {
  readonly socket: ServerSocket;
  readonly states: StateMessage[];
  /** Why it ended (socket.io's disconnect reason), or null while connected. */
  closedBecause: string | null;
}

/** One handshake (socket.io CONNECT to `/softphone`), accepted or not. */
export interface Handshake {
  readonly engineId: string;
  readonly auth: unknown;
}

export class Harness {
  readonly handshakes: Handshake[] = [];
  readonly connections: Connection[] = [];
  private constructor(
    readonly url: string,
    readonly server: EventServer,
    private readonly http: HttpServer,
    readonly now: () => number,
  ) {}

  static async start(options: KitOptions): Promise<Harness> {
    const now = () => Date.now() + options.clockOffsetMs;
    const server = createEventServer({
      directory: await directoryFor(options),
      allowedOrigins: [KIT_PANEL_ORIGIN],
      logger: jsonLogger(options.verbose ? 'warn' : 'silent', (line) => process.stderr.write(`[server] ${line}\n`)),
      now,
      deviceAckTimeoutMs: options.commandTimeoutMs,
      softphoneGraceMs: options.graceMs,
      // A vendor tries again and again: failed sign-ins must not lock the account during a session.
      signInLimits: { pair: { freeFailures: 1000 }, account: { freeFailures: 1000 }, address: { freeFailures: 1000 } },
    });
    const http = createServer();
    server.attach(http);
    const port = await listen(http, options.host, options.port);
    const shown = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
    const harness = new Harness(`http://${shown}:${port}`, server, http, now);
    harness.watch();
    return harness;
  }

  /** The connection that is up now (the newest one not closed). */
  get current(): Connection | undefined {
    const last = this.connections.at(-1);
    return last && last.closedBecause === null ? last : undefined;
  }

  /** The newest valid state the softphone reported on any connection. */
  get lastState(): DeviceState | undefined {
    for (const c of [...this.connections].reverse()) {
      for (const m of [...c.states].reverse()) if (m.state) return m.state;
    }
    return undefined;
  }

  /** Every state message so far, oldest first. */
  allStates(): StateMessage[] {
    return this.connections.flatMap((c) => c.states);
  }

  /** Drops the softphone's connection like a network failure: its transport closes, no goodbye. */
  dropTransport(connection: Connection): void {
    connection.socket.conn.close();
  }

  async close(): Promise<void> {
    await this.server.close();
    await closeHttp(this.http);
  }

  private watch(): void {
    const softphones = this.server.io.of(NAMESPACE.softphone);
    // Every CONNECT packet to /softphone, before the server's checks: `0/softphone,{auth}`.
    this.server.io.engine.on('connection', (raw: { id: string; on: (event: 'packet', fn: (packet: { type: string; data?: unknown }) => void) => void }) => {
      raw.on('packet', (packet) => {
        const prefix = `0${NAMESPACE.softphone},`;
        if (packet.type !== 'message' || typeof packet.data !== 'string' || !packet.data.startsWith(prefix)) return;
        const json = packet.data.slice(prefix.length);
        let auth: unknown;
        try {
          auth = json === '' ? undefined : JSON.parse(json);
        } catch {
          auth = json;
        }
        this.handshakes.push({ engineId: raw.id, auth });
      });
    });
    softphones.on('connection', (socket) => {
      const connection: Connection = { socket, states: [], closedBecause: null };
      this.connections.push(connection);
      socket.on('device:state', (raw: unknown) => {
        const r = deviceStateSchema.check(raw, 'device:state');
        connection.states.push(r.ok ? { raw, state: r.value, error: null } : { raw, state: null, error: r.error });
      });
      socket.on('disconnect', (reason) => {
        connection.closedBecause = reason;
      });
    });
  }
}

/** One tenant with the vendor's account and extension (a caller ID and park slots for the panel). */
async function directoryFor(options: KitOptions): Promise<Directory> {
  return {
    defaultStatuses: DEMO_STATUSES,
    tenants: [
      {
        id: 'conformance',
        name: 'Conformance kit',
        accounts: [{ account: options.account, passwordHash: await hashPassword(options.password), name: 'Conformance' }],
        extensions: [options.extension],
        statuses: DEMO_STATUSES,
        callerIds: { numbers: [{ number: '0312345000', label: 'main' }], windows: [], defaultNumber: '0312345000' },
        distribution: {},
        ringGroups: [],
        parkSlots: { first: 701, last: 720 },
        parkRecallSeconds: 300,
      },
    ],
  };
}

/** Resolves with the first truthy value of `look` (checked every 20 ms); rejects naming `what` after `timeoutMs`. */
export async function waitFor<T>(look: () => T | undefined | null | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = look();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Lets time pass: only to watch for something that must NOT happen. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * What the parts of the event server share: the typed socket.io namespaces and sockets of panels
 * and softphones, and the services built once per server (`ServerContext`) that the namespace
 * modules are handed.
 */
import type { Namespace, Socket } from 'socket.io';
import type { DeviceState, PanelClientToServer, PanelServerToClient, Reply, SoftphoneClientToServer, SoftphoneServerToClient } from '@biztel/protocol';
import type { Directory, TenantConfig } from '../config/directory.js';
import type { CommandReplies } from '../command-replies.js';
import type { FloodLimits } from '../flood-limits.js';
import type { ServerLogger } from '../logger.js';
import type { Sessions, SessionRef } from '../resume-tokens.js';
import type { SeatRegistry } from '../seats.js';
import type { LineStore } from './line-store.js';

/** What the server keeps on a panel connection. */
export interface PanelData {
  session?: SessionRef;
  /** Session changes of this connection (sign-in, resume, leaving), one after another. */
  chain?: Promise<void>;
}

/** What the server keeps on a softphone connection (set by its handshake, ./auth.ts). */
export interface SoftphoneData {
  tenant: TenantConfig;
  extension: string;
  /** The account it signed in with: the line's agent must be the same (docs/protocol.md "Binding"). */
  account: string;
  /** The protocol version its handshake named (one of `SUPPORTED_PROTOCOL_VERSIONS`): the hello answers in it. */
  protocol: number;
  /** The last state it reported: registered again if the shared state is lost (./re-register.ts). */
  lastState?: DeviceState;
}

export type PanelNamespace = Namespace<PanelClientToServer, PanelServerToClient>;
export type PanelSocket = Socket<PanelClientToServer, PanelServerToClient, Record<string, never>, PanelData>;
export type SoftphoneNamespace = Namespace<SoftphoneClientToServer, SoftphoneServerToClient>;

export interface ServerContext {
  readonly directory: Directory;
  readonly logger: ServerLogger;
  /** The clock the server's rules follow (tokens, lockouts, seats, snapshots' `serverTime`). */
  readonly now: () => number;
  /** The tenant of a line or session (throws on an unknown id: sessions only name known tenants). */
  readonly tenantOf: (id: string) => TenantConfig;
  readonly lines: LineStore;
  readonly sessions: Sessions;
  readonly seats: SeatRegistry;
  /** Answers of panel commands by command id, for retried commands (../command-replies.ts). */
  readonly commandReplies: CommandReplies<Reply<object>>;
  /** How long a line waits for its dropped softphone (calls kept, stale) before it counts as stopped. */
  readonly softphoneGraceMs: number;
  /**
   * How long after a panel command arrived the server may still act on it (./panel-commands.ts):
   * after that nothing of it is carried out — the panel is giving up on its answer.
   */
  readonly commandDeadlineMs: number;
  /** Keeps work under way on the shared state (./in-flight.ts) for a graceful close. */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** The network address a handshake came from (../client-address.ts, trusted proxies). */
  readonly addressOf: (handshake: { address: string; headers: Record<string, string | string[] | undefined> }) => string;
  /** Per-connection message budgets (../flood-limits.ts) and the monotonic clock they run on. */
  readonly floods: { readonly limits: FloodLimits; readonly clock: () => number };
}

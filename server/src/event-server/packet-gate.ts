/**
 * Every message of a connection, counted before socket.io decodes it (issue 14 §6). The namespace
 * gates see only the events they are given: the panel's (./acks.ts) every event, the softphone's
 * only `device:state`. Acknowledgements nobody asked for, events a softphone has no use for, and
 * packets for a namespace are still read and decoded — so one gate per engine.io connection counts
 * them all. Its budget is wider than either namespace's (it never refuses, only lets go): a client
 * within its namespace budget never meets it; one sending what nothing budgets — a flood of forged
 * acks, say — is let go like any other flooder (./tarpit.ts).
 */
import type { IncomingMessage } from 'node:http';
import { FloodGate, type FloodRule } from '../flood-limits.js';
import type { ServerLogger } from '../logger.js';
import { letGo, type HeldConnection } from './tarpit.js';

/** The part of an engine.io connection this needs. */
export interface EngineConnection extends HeldConnection {
  readonly request: Pick<IncomingMessage, 'headers'>;
  readonly remoteAddress: string;
  on(event: 'packet', listener: (packet: { type: string }) => void): unknown;
  close(): unknown;
}

export interface PacketGateOptions {
  readonly rule: FloodRule;
  readonly holdMs: number;
  /** Milliseconds of a monotonic clock. */
  readonly clock: () => number;
  readonly logger: ServerLogger;
  /** The connection's network address, for the log line (trusted proxies considered). */
  readonly addressOf: (conn: EngineConnection) => string;
}

/** Counts `conn`'s messages (not its pings and pongs); far past the budget it is let go. */
export function gatePackets(conn: EngineConnection, { rule, holdMs, clock, logger, addressOf }: PacketGateOptions): void {
  const gate = new FloodGate(rule, clock());
  let flooded = false;
  conn.on('packet', (packet) => {
    if (flooded || packet.type !== 'message') return;
    if (gate.admit(clock(), rule) !== 'disconnect') return;
    flooded = true;
    logger.warn({ event: 'connection.flooding', address: addressOf(conn), refused: gate.refused }, 'connection far past its message budget: disconnected');
    letGo(conn, holdMs, () => conn.close());
  });
}

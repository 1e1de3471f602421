/**
 * Seat View occupancy (seed 001 §2): which agent sits at which seat ID, per tenant. Signing in to
 * a seat another agent occupies needs the agent's confirmation; OK takes the seat over.
 */
import type { SeatHolder } from '../../web-components/src/protocol/index.js';

interface Seat {
  readonly account: string;
  readonly name: string;
  readonly since: number;
}

export type SeatClaim = { ok: true } | { ok: false; holder: SeatHolder };

export class SeatRegistry {
  private readonly seats = new Map<string, Seat>();

  /** Claims `seatId` for `account`; refuses when someone else sits there, unless `overwrite`. */
  claim(tenantId: string, seatId: string, who: { account: string; name: string }, now: number, overwrite: boolean): SeatClaim {
    const key = `${tenantId}:${seatId}`;
    const current = this.seats.get(key);
    if (current && current.account !== who.account && !overwrite) {
      return { ok: false, holder: { seatId, account: current.account, name: current.name, since: current.since } };
    }
    this.release(tenantId, who.account);
    this.seats.set(key, { account: who.account, name: who.name, since: current?.account === who.account ? current.since : now });
    return { ok: true };
  }

  /** Frees every seat the account holds (sign-out, or moving to another seat). */
  release(tenantId: string, account: string): void {
    for (const [key, seat] of this.seats) {
      if (key.startsWith(`${tenantId}:`) && seat.account === account) this.seats.delete(key);
    }
  }

  holderOf(tenantId: string, seatId: string): string | undefined {
    return this.seats.get(`${tenantId}:${seatId}`)?.account;
  }
}

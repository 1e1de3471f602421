/**
 * Seat View occupancy (seed 001 §2): which agent sits at which seat ID, per tenant, in the shared
 * state. Signing in to a seat another agent occupies needs the agent's confirmation; OK takes the
 * seat over.
 */
import type { SeatHolder } from '@biztel/protocol';
import { updateJson, type SharedState } from './state/shared-state.js';

interface Seat {
  readonly account: string;
  readonly name: string;
  readonly since: number;
}

type Seats = Record<string, Seat>;

export type SeatClaim = { ok: true } | { ok: false; holder: SeatHolder };

/** Seats are kept while their tenant has any, and a week after the last change. */
const SEATS_TTL_MS = 7 * 24 * 60 * 60_000;

export class SeatRegistry {
  constructor(private readonly state: SharedState) {}

  /** Claims `seatId` for `account`; refuses when someone else sits there, unless `overwrite`. */
  async claim(tenantId: string, seatId: string, who: { account: string; name: string }, now: number, overwrite: boolean): Promise<SeatClaim> {
    let refused: SeatHolder | undefined;
    await updateJson<Seats>(
      this.state,
      `seats:${tenantId}`,
      (seats = {}) => {
        const current = Object.hasOwn(seats, seatId) ? seats[seatId] : undefined;
        refused =
          current && current.account !== who.account && !overwrite ? { seatId, account: current.account, name: current.name, since: current.since } : undefined;
        if (refused) return seats;
        const next = without(seats, who.account);
        next[seatId] = { account: who.account, name: who.name, since: current?.account === who.account ? current.since : now };
        return next;
      },
      SEATS_TTL_MS,
    );
    return refused ? { ok: false, holder: refused } : { ok: true };
  }

  /** Frees every seat the account holds (sign-out, or moving to another seat). */
  async release(tenantId: string, account: string): Promise<void> {
    await updateJson<Seats>(
      this.state,
      `seats:${tenantId}`,
      (seats) => (seats && Object.values(seats).some((s) => s.account === account) ? without(seats, account) : seats),
      SEATS_TTL_MS,
    );
  }
}

function without(seats: Seats, account: string): Seats {
  const next: Seats = Object.create(null) as Seats;
  for (const [id, seat] of Object.entries(seats)) if (seat.account !== account) next[id] = seat;
  return next;
}

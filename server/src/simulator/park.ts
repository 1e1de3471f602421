/**
 * Park (パーク保留, seed 001 §7): the agent's leg is `parking` for a moment, then drops while the
 * customer waits on a park slot. Anyone picks the call up by dialling the slot; after
 * `parkRecallSeconds` the call rings the parking phone back, or is dropped if that phone cannot ring.
 */
import type { Reply } from '@biztel/protocol';
import { MAX_PARKED, copyExtras, type Leg, type ParkedEntry, type Switchboard } from './switchboard.js';

/** The `park` command on one of the extension's legs. */
export function park(sb: Switchboard, leg: Leg): Reply {
  if (leg.state !== 'talking' && leg.state !== 'held') return { ok: false, code: 'BUSY', message: `cannot park a call that is ${leg.state}` };
  if (leg.peer.kind !== 'external' && leg.peer.kind !== 'leg') return { ok: false, code: 'NOT_ALLOWED', message: 'nobody to park' };
  if (leg.transfer || leg.collecting || sb.consultOf(leg.id)) {
    return { ok: false, code: 'NOT_ALLOWED', message: 'finish or cancel the transfer first' };
  }
  if (!sb.config.parkSlots) return { ok: false, code: 'NOT_ALLOWED', message: 'no park slots configured' };
  const mine = [...sb.parked.values()].filter((p) => p.parker === leg.extension).length;
  const parking = sb.legsOf(leg.extension).filter((l) => l.state === 'parking').length;
  if (mine + parking >= MAX_PARKED) return { ok: false, code: 'NOT_ALLOWED', message: `at most ${MAX_PARKED} parked calls per phone` };
  const slot = freeSlot(sb);
  if (slot === undefined) return { ok: false, code: 'NOT_ALLOWED', message: 'no free park slot' };
  leg.state = 'parking';
  leg.parkSlot = slot;
  delete leg.heldAt;
  sb.setTimer(leg, sb.config.parkDelayMs, () => completePark(sb, leg, slot));
  return { ok: true };
}

/** The lowest slot that holds no call and is not being parked on. */
function freeSlot(sb: Switchboard): string | undefined {
  const slots = sb.config.parkSlots;
  if (!slots) return undefined;
  const taken = new Set([...sb.parked.keys(), ...[...sb.legs.values()].flatMap((l) => (l.parkSlot ? [l.parkSlot] : []))]);
  for (let n = slots.first; n <= slots.last; n++) if (!taken.has(String(n))) return String(n);
  return undefined;
}

function completePark(sb: Switchboard, leg: Leg, slot: string): void {
  const customer = leg.peer;
  sb.remove([leg]);
  const now = sb.now();
  const recallMs = sb.config.parkRecallSeconds * 1000;
  const entry: ParkedEntry = {
    slot,
    parker: leg.extension,
    customer,
    remoteNumber: leg.remoteNumber,
    parkedAt: now,
    recallAt: now + recallMs,
    ...copyExtras(leg),
    cancelRecall: () => undefined,
  };
  entry.cancelRecall = sb.after(recallMs, () => recall(sb, entry));
  sb.parked.set(slot, entry);
  if (customer.kind === 'leg') {
    const caller = sb.legs.get(customer.legId);
    if (caller) caller.peer = { kind: 'parked', slot };
  }
}

/** After the park time: ring the parking phone back, or drop the call when it cannot ring. */
function recall(sb: Switchboard, entry: ParkedEntry): void {
  if (sb.parked.get(entry.slot) !== entry) return;
  sb.parked.delete(entry.slot);
  const caller = entry.customer.kind === 'leg' ? sb.legs.get(entry.customer.legId) : undefined;
  if (!sb.canRing(entry.parker)) {
    if (caller) sb.remove([caller]);
    return;
  }
  const leg = sb.add({
    id: sb.nextId(),
    extension: entry.parker,
    direction: 'inbound',
    state: 'ringing',
    remoteNumber: entry.remoteNumber,
    startedAt: sb.now(),
    ...copyExtras(entry),
    recall: { slot: entry.slot },
    peer: entry.customer,
  });
  if (caller) caller.peer = { kind: 'leg', legId: leg.id };
}

/** `extension` dialled a park slot: it talks to the parked customer at once. */
export function pickUp(sb: Switchboard, extension: string, slot: string, callerIdNumber?: string): Reply {
  const entry = sb.unpark(slot);
  if (!entry) return { ok: false, code: 'NO_SUCH_CALL', message: `no call is parked on ${slot}` };
  const now = sb.now();
  const leg = sb.add({
    id: sb.nextId(),
    extension,
    direction: 'outbound',
    state: 'talking',
    remoteNumber: entry.remoteNumber,
    startedAt: now,
    answeredAt: now,
    ...copyExtras(entry),
    ...(callerIdNumber ? { callerIdNumber } : {}),
    peer: entry.customer,
  });
  if (entry.customer.kind === 'leg') {
    const caller = sb.legs.get(entry.customer.legId);
    if (caller) {
      caller.peer = { kind: 'leg', legId: leg.id };
      caller.remoteNumber = extension;
    }
  }
  return { ok: true };
}

/** The parked customer gives up waiting. */
export function parkedHangup(sb: Switchboard, slot: string): Reply {
  const entry = sb.unpark(slot);
  if (!entry) return { ok: false, code: 'NO_SUCH_CALL', message: `no call is parked on ${slot}` };
  if (entry.customer.kind === 'leg') {
    const caller = sb.legs.get(entry.customer.legId);
    if (caller) sb.remove([caller]);
  }
  return { ok: true };
}

/**
 * Transfers (seed 001 §8, §10).
 * - Attended: hold the customer, dial the target (a consultation call), `transfer` once answered.
 * - `*`: `*` holds the customer and collects the target's digits; after a pause the target is
 *   dialled as a consultation; hanging up completes the transfer whether or not the target answered;
 *   `*` again cancels and returns to the customer. The target sees the customer's number.
 * - `#` (blind): like `*`, but once dialled the agent's leg drops at once and the customer rings the
 *   target.
 * A target may be an extension, a ring group or an outside number. The leg a transfer rings at a
 * target extension carries `transferredBy` (screen transfer, seed 001 §9) and keeps it once the
 * transfer completes; ring-group members never get it.
 */
import type { Reply } from '@biztel/protocol';
import { copyExtras, type Leg, type Switchboard } from './switchboard.js';

/** How the keys typed on one leg are understood (a pure state machine, see `planDtmf`). */
export type DtmfMode =
  | { kind: 'talking' }
  | { kind: 'collecting'; digits: string }
  /** The leg is a `*` consultation call: `*` cancels the transfer. */
  | { kind: 'starConsult' }
  /** The leg is the held customer of a `*` consultation: `*` cancels the transfer. */
  | { kind: 'starCustomer' }
  /** The leg is an attended consultation: only tones; no second transfer. */
  | { kind: 'attendedConsult' }
  /** The leg ended while the keys were processed: the rest are ignored. */
  | { kind: 'gone' }
  | { kind: 'refused'; reply: Reply & { ok: false } };

export type DtmfStep =
  | { do: 'tone'; digit: string }
  | { do: 'collect'; kind: 'star' | 'hash' }
  | { do: 'append'; digit: string }
  | { do: 'cancelCollecting' }
  | { do: 'cancelStarConsult' };

const MAX_DIGITS = 32;

/** Plans the keys `digits` typed in `mode`; refuses the whole command if any key is not allowed. */
export function planDtmf(mode: DtmfMode, digits: string): { ok: true; steps: DtmfStep[] } | (Reply & { ok: false }) {
  const steps: DtmfStep[] = [];
  let m = mode;
  for (const key of digits) {
    const digit = key >= '0' && key <= '9';
    switch (m.kind) {
      case 'refused':
        return m.reply;
      case 'gone':
        return { ok: true, steps };
      case 'talking':
        if (digit) steps.push({ do: 'tone', digit: key });
        else {
          steps.push({ do: 'collect', kind: key === '*' ? 'star' : 'hash' });
          m = { kind: 'collecting', digits: '' };
        }
        break;
      case 'collecting':
        if (key === '*') {
          steps.push({ do: 'cancelCollecting' });
          m = { kind: 'talking' };
        } else if (key === '#') {
          return { ok: false, code: 'NOT_ALLOWED', message: "'#' is not part of a transfer target; '*' cancels" };
        } else if (m.digits.length >= MAX_DIGITS) {
          return { ok: false, code: 'NOT_ALLOWED', message: `a transfer target has at most ${MAX_DIGITS} digits` };
        } else {
          steps.push({ do: 'append', digit: key });
          m = { kind: 'collecting', digits: m.digits + key };
        }
        break;
      case 'starConsult':
      case 'starCustomer':
        if (key === '*') {
          steps.push({ do: 'cancelStarConsult' });
          m = m.kind === 'starConsult' ? { kind: 'gone' } : { kind: 'talking' };
        } else if (m.kind === 'starCustomer') {
          return { ok: false, code: 'BUSY', message: 'call is held' };
        } else steps.push({ do: 'tone', digit: key });
        break;
      case 'attendedConsult':
        if (!digit) return { ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' };
        steps.push({ do: 'tone', digit: key });
        break;
    }
  }
  return m.kind === 'refused' ? m.reply : { ok: true, steps };
}

/** The star-transfer pair a leg belongs to: the held customer and the consultation call. */
function starPair(sb: Switchboard, leg: Leg): { customer: Leg; consult: Leg } | undefined {
  if (leg.transfer?.kind === 'star') {
    const customer = sb.legs.get(leg.transfer.of);
    return customer ? { customer, consult: leg } : undefined;
  }
  const consult = sb.consultOf(leg.id);
  return consult?.transfer?.kind === 'star' ? { customer: leg, consult } : undefined;
}

function modeOf(sb: Switchboard, leg: Leg): DtmfMode {
  if (leg.collecting) return { kind: 'collecting', digits: leg.collecting.digits };
  const star = starPair(sb, leg);
  if (star) return star.consult === leg ? { kind: 'starConsult' } : { kind: 'starCustomer' };
  if (leg.transfer) return { kind: 'attendedConsult' };
  if (leg.state !== 'talking') return { kind: 'refused', reply: { ok: false, code: 'BUSY', message: `call is ${leg.state}` } };
  if (sb.consultOf(leg.id)) return { kind: 'refused', reply: { ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' } };
  return { kind: 'talking' };
}

/** The `dtmf` command: tones to the other party, or `*` / `#` transfer keys. */
export function dtmf(sb: Switchboard, leg: Leg, digits: string): Reply {
  const plan = planDtmf(modeOf(sb, leg), digits);
  if (!plan.ok) return plan;
  for (const step of plan.steps) {
    switch (step.do) {
      case 'tone':
        break; // the other party hears it; nothing changes on the PBX
      case 'collect':
        leg.state = 'held';
        leg.heldAt = sb.now();
        leg.collecting = { kind: step.kind, digits: '' };
        break;
      case 'append':
        if (leg.collecting) leg.collecting.digits += step.digit;
        break;
      case 'cancelCollecting':
        delete leg.collecting;
        sb.clearTimer(leg);
        resume(leg);
        break;
      case 'cancelStarConsult': {
        const pair = starPair(sb, leg);
        if (!pair) break;
        sb.endCall(pair.consult);
        resume(pair.customer);
        break;
      }
    }
  }
  if (leg.collecting && sb.legs.has(leg.id)) sb.setTimer(leg, sb.config.transferDialPauseMs, () => dialCollected(sb, leg));
  return { ok: true };
}

function resume(leg: Leg): void {
  leg.state = 'talking';
  delete leg.heldAt;
}

/** The pause after the last digit: dial the collected target (or resume when there is none). */
function dialCollected(sb: Switchboard, customer: Leg): void {
  const collected = customer.collecting;
  if (!collected) return;
  delete customer.collecting;
  const target = collected.digits;
  if (target === '' || sb.isParkSlot(target)) return resume(customer);
  if (collected.kind === 'star') {
    const id = sb.nextId();
    const peer = sb.ring(target, customer.remoteNumber, { kind: 'leg', legId: id }, customer, customer.extension, customer.extension);
    const consult = sb.add({
      id,
      extension: customer.extension,
      direction: 'outbound',
      state: 'dialing',
      remoteNumber: target,
      startedAt: sb.now(),
      transfer: { kind: 'star', of: customer.id },
      peer,
    });
    sb.autoAnswer(consult);
    return;
  }
  // `#`: blind — the customer rings the target and the agent's leg drops at once.
  const peer = sb.ring(target, customer.remoteNumber, customer.peer, customer, customer.extension, customer.extension);
  if (peer.kind === 'nobody') return sb.endCall(customer);
  sb.retarget(customer.peer, peer, target);
  sb.remove([customer]);
}

/**
 * Connects the held customer with the target of the consultation call and drops both of the
 * agent's legs. Legs at the target now show the customer's number (and business label / chat).
 * A target nobody can answer (a stopped phone) leaves the customer nowhere: the customer drops.
 */
function connect(sb: Switchboard, customer: Leg, consult: Leg): void {
  if (consult.peer.kind === 'nobody') {
    sb.remove([consult]);
    return sb.endCall(customer);
  }
  sb.retarget(consult.peer, customer.peer, customer.remoteNumber, copyExtras(customer));
  sb.retarget(customer.peer, consult.peer, consult.remoteNumber);
  sb.remove([customer, consult]);
}

/** The `transfer` command: completes an attended (or `*`) transfer. `callId` is the consultation. */
export function completeTransfer(sb: Switchboard, leg: Leg): Reply {
  const consult = leg.transfer ? leg : sb.consultOf(leg.id);
  if (!consult?.transfer) return { ok: false, code: 'NOT_ALLOWED', message: 'not a consultation call' };
  const customer = sb.legs.get(consult.transfer.of);
  if (!customer) return { ok: false, code: 'NO_SUCH_CALL', message: 'the held call has ended' };
  if (consult.transfer.kind === 'attended' && consult.state !== 'talking' && consult.state !== 'held') {
    return { ok: false, code: 'BUSY', message: 'target has not answered' };
  }
  connect(sb, customer, consult);
  return { ok: true };
}

/** Hanging up either leg of a `*` transfer completes it; returns false when `leg` is not in one. */
export function hangupCompletesStar(sb: Switchboard, leg: Leg): boolean {
  const pair = starPair(sb, leg);
  if (!pair) return false;
  connect(sb, pair.customer, pair.consult);
  return true;
}

/**
 * `unhold` of a customer with a transfer under way returns to the customer: digits being collected
 * are discarded, a consultation call (and whoever it rings or talks to) is dropped.
 */
export function unholdCustomer(sb: Switchboard, leg: Leg): Reply {
  if (leg.state !== 'held') return { ok: false, code: 'BUSY', message: `call is ${leg.state}` };
  const consult = sb.consultOf(leg.id);
  const active = sb.legsOf(leg.extension).filter((l) => l !== leg && l !== consult && l.state !== 'held');
  if (active.length > 0) return { ok: false, code: 'BUSY', message: 'another call is active; hold it first' };
  if (leg.collecting) {
    delete leg.collecting;
    sb.clearTimer(leg);
  }
  if (consult) sb.endCall(consult);
  resume(leg);
  return { ok: true };
}

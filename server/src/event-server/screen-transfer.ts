/**
 * Screen transfer (seed 001 §9) on the server: a transferred call arrives with the record its
 * sender was viewing when the transfer started, frozen for the life of the call — but only for a
 * transfer the server saw start on the SENDER's own softphone (issue 14 §1). The receiving line's
 * `transferredBy` alone proves nothing: its softphone may say anything.
 *
 * - The sender's report (`transfersStarted`) names the extensions it starts transferring to: a
 *   consultation call to one (attended, `*`), or `*`/`#` target digits that name one.
 * - Each such target line gets an offer from the sender (`offerScreen`) holding the sender's viewing
 *   as it is then. Offers expire after `OFFER_TTL_MS`, at most `MAX_OFFERS` per line.
 * - A call the target reports `transferredBy` the sender takes that offer (`setCalls`), once. The
 *   two softphones report independently, so the target's call may come first: it waits up to
 *   `LATE_OFFER_MS` for the offer, then stays without a screen.
 */
import { LOGOFF_STATUS_ID, type Call, type TransferredScreen } from '@biztel/protocol';
import type { TenantConfig } from '../config/directory.js';
import type { Line, Outcome, TransferOffer } from './line-store.js';

/** How long an offer can be taken after the transfer started. */
export const OFFER_TTL_MS = 2 * 60_000;
/** How long a transferred call waits for its sender's offer (the other softphone's report). */
export const LATE_OFFER_MS = 5_000;
/** Offers kept per line (one per sender; the oldest go first). */
export const MAX_OFFERS = 8;

/**
 * The extensions the sender `self`'s report `after` (its previous one: `before`) starts a transfer
 * to: other extensions of its tenant (`extensions`) only, never a ring group or outside number.
 * - A new consultation call (`transfer` set) whose number is such an extension (attended, `*`).
 * - `*`/`#` digits being collected that name such an extension and cannot grow into another one
 *   (`10` while `1002` is typed, when `10` is an extension too, is not offered yet).
 * - A `#` leg gone after collecting digits that could have grown: the PBX dialled them then (a
 *   blind transfer leaves no consultation call to see).
 */
export function transfersStarted(before: readonly Call[], after: readonly Call[], self: string, extensions: readonly string[]): string[] {
  const target = (n: string) => n !== self && extensions.includes(n);
  const complete = (d: string) => target(d) && !extensions.some((e) => e !== d && e.startsWith(d));
  const previous = new Map(before.map((c) => [c.id, c]));
  const started = new Set<string>();
  for (const c of after) {
    const was = previous.get(c.id);
    if (c.collecting && complete(c.collecting.digits) && was?.collecting?.digits !== c.collecting.digits) started.add(c.collecting.digits);
    if (c.transfer && target(c.remoteNumber) && !was?.transfer) {
      const typed = previous.get(c.transfer.of)?.collecting?.digits;
      // A `*` consultation to digits already offered while they were collected is the same transfer.
      if (!(typed === c.remoteNumber && complete(typed))) started.add(c.remoteNumber);
    }
  }
  const present = new Set(after.map((c) => c.id));
  for (const c of before) {
    const d = c.collecting?.kind === 'hash' ? c.collecting.digits : undefined;
    if (d !== undefined && target(d) && !complete(d) && !present.has(c.id)) started.add(d);
  }
  return [...started];
}

/**
 * The record the agent signed in on `from` views, as a transferred call carries it — only when the
 * softphone that started the transfer (`softphoneAccount`) is that agent's own: another account's
 * softphone on the extension (the `mismatch` state, e.g. while the agent's own softphone is not
 * running) must not be able to send itself the agent's screen.
 */
export function screenFrom(from: Line, tenant: TenantConfig, softphoneAccount: string): TransferredScreen | null {
  const viewing = from.viewing;
  if (!viewing || from.agent?.account !== viewing.account || from.agent.statusId === LOGOFF_STATUS_ID) return null;
  if (softphoneAccount !== viewing.account) return null;
  const name = tenant.accounts.find((a) => a.account === viewing.account)?.name.slice(0, 64);
  return { ...viewing.screen, fromExtension: from.extension, ...(name ? { fromName: name } : {}) };
}

/** The line's offers still usable at `now` (a copy). */
function liveOffers(l: Line, now: number): Record<string, TransferOffer> {
  const live: Record<string, TransferOffer> = {};
  for (const [from, offer] of Object.entries(l.offers ?? {})) if (now - offer.at < OFFER_TTL_MS) live[from] = offer;
  return live;
}

/**
 * The server saw `from`'s softphone start a transfer to line `l` at `now`, its agent viewing
 * `screen`: a call already here waiting for it takes it; otherwise it is offered to the next call
 * `transferredBy` `from` (replacing an older offer of `from`).
 */
export function offerScreen(l: Line, from: string, screen: TransferredScreen | null, now: number): Outcome {
  const offers = liveOffers(l, now);
  const waiting = l.calls.find((c) => {
    const s = c.transferredBy === from && Object.hasOwn(l.screens, c.id) ? l.screens[c.id] : undefined;
    return s?.waitingSince !== undefined && now - s.waitingSince <= LATE_OFFER_MS;
  });
  if (waiting) {
    l.screens = { ...l.screens, [waiting.id]: { from, screen } };
    l.offers = offers;
    return screen ? 'changed' : 'quiet';
  }
  offers[from] = { screen, at: now };
  const newest = Object.entries(offers)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_OFFERS);
  l.offers = Object.fromEntries(newest);
  return 'quiet';
}

/**
 * The line's calls as its device reported them at `now` (a device's `screen` was dropped by the
 * schema). A call marked `transferredBy` takes its sender's offer when it first appears here (or
 * waits a little for it), frozen for the life of the call so later navigation by the sender
 * changes nothing. Answers the senders of calls that ended their wait without an offer (to log:
 * a `transferredBy` the server never saw a transfer for).
 */
export function setCalls(l: Line, calls: Call[], now: number): string[] {
  const offers = liveOffers(l, now);
  const screens: Line['screens'] = {};
  const unseen: string[] = [];
  for (const c of calls) {
    const from = c.transferredBy;
    if (!from || from === l.extension) continue;
    const kept = Object.hasOwn(l.screens, c.id) ? l.screens[c.id] : undefined;
    if (kept?.from === from) {
      const expired = kept.waitingSince !== undefined && now - kept.waitingSince > LATE_OFFER_MS;
      if (expired) unseen.push(from);
      screens[c.id] = expired ? { from, screen: null } : kept;
      continue;
    }
    const offer = Object.hasOwn(offers, from) ? offers[from] : undefined;
    if (offer) delete offers[from];
    screens[c.id] = offer ? { from, screen: offer.screen } : { from, screen: null, waitingSince: now };
  }
  for (const [id, s] of Object.entries(l.screens)) if (s.waitingSince !== undefined && !Object.hasOwn(screens, id)) unseen.push(s.from);
  l.calls = calls;
  l.screens = screens;
  l.offers = offers;
  return unseen;
}

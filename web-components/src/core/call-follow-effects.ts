/**
 * What following the calls asks for, as data: between the calls the owner page saw last and a new
 * snapshot, a Task for every ended call worth logging, then each screen pop-up URL rule whose event
 * happened (seed 000 §2.2). Pure; app/call-follower.ts performs them. Only a running softphone
 * tells what happened to calls: while it reconnects the calls are its last report (stale), and calls
 * that leave while it is not running (it quit, its grace ran out) ended at a time nobody knows.
 */
import type { Call, Snapshot } from '@biztel/protocol';
import { shouldLog } from './call-log.js';
import { callEvents, type PopupEvent, type PopupRule } from './popup-rules.js';

export type CallEffect =
  /**
   * A call that left the snapshot has ended: its Task is saved (once per call id). `endedAt` is null
   * when the end is unknown (the call left while the softphone was not running).
   */
  | { readonly kind: 'log'; readonly call: Call; readonly endedAt: number | null }
  /** A screen pop-up URL rule fires for an event of a call (seed 000 §2.2). */
  | { readonly kind: 'popup'; readonly rule: PopupRule; readonly event: PopupEvent; readonly call: Call };

/**
 * Tasks and pop-up rules for the calls between what the owner saw last (`open`) and `after`: first a
 * Task for every ended call worth logging, then each pop-up rule whose event happened. With the
 * softphone not running in `after` no rule fires: nothing it shows is news (reconnecting: the last
 * report again; stopped or another account's: no calls, and their end is not an event anyone saw).
 */
export function callEffects(open: readonly Call[], after: Snapshot, rules: readonly PopupRule[]): CallEffect[] {
  const out: CallEffect[] = [];
  const known = after.softphone.state === 'running';
  const remaining = new Set(after.calls.map((c) => c.id));
  for (const call of open) {
    if (!remaining.has(call.id) && shouldLog(call)) out.push({ kind: 'log', call, endedAt: known ? after.serverTime : null });
  }
  if (rules.length === 0 || !known) return out;
  const gone = new Set(open.filter((c) => !remaining.has(c.id)).map((c) => c.id));
  for (const id of new Set([...open, ...after.calls].map((c) => c.id))) {
    const was = open.find((c) => c.id === id);
    const is = after.calls.find((c) => c.id === id);
    const call = (is ?? was)!;
    const customerGone = call.transfer !== undefined && gone.has(call.transfer.of);
    for (const event of callEvents(was, is, customerGone)) {
      for (const rule of rules) if (rule.event === event) out.push({ kind: 'popup', rule, event, call });
    }
  }
  return out;
}

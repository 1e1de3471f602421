/**
 * What following the calls asks for, as data: between the calls the owner page saw last and a new
 * snapshot, a Task for every ended call worth logging, then each screen pop-up URL rule whose event
 * happened (seed 000 §2.2). Pure; app/call-follower.ts performs them.
 */
import type { Call, Snapshot } from '@biztel/protocol';
import { shouldLog } from './call-log.js';
import { callEvents, type PopupEvent, type PopupRule } from './popup-rules.js';

export type CallEffect =
  /** A call that left the snapshot has ended: its Task is saved (once per call id). */
  | { readonly kind: 'log'; readonly call: Call; readonly endedAt: number }
  /** A screen pop-up URL rule fires for an event of a call (seed 000 §2.2). */
  | { readonly kind: 'popup'; readonly rule: PopupRule; readonly event: PopupEvent; readonly call: Call };

/**
 * Tasks and pop-up rules for the calls between what the owner saw last (`open`) and `after`: first a
 * Task for every ended call worth logging, then each pop-up rule whose event happened.
 */
export function callEffects(open: readonly Call[], after: Snapshot, rules: readonly PopupRule[]): CallEffect[] {
  const out: CallEffect[] = [];
  const remaining = new Set(after.calls.map((c) => c.id));
  for (const call of open) {
    if (!remaining.has(call.id) && shouldLog(call)) out.push({ kind: 'log', call, endedAt: after.serverTime });
  }
  if (rules.length === 0) return out;
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

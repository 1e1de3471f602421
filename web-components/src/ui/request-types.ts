/** The DOM event type of each call button's request, from the command table: `hold` → `biztel-hold-request`. */
import type { CallCommand } from '@biztel/protocol';

export type CallRequestType<C extends CallCommand = CallCommand> = `biztel-${C}-request`;

export function callRequestType<C extends CallCommand>(command: C): CallRequestType<C> {
  return `biztel-${command}-request`;
}

/**
 * The panel's commands as one table (data): per command, the wire event, the request schema and
 * the request's fields in the order of the command's positional arguments. The protocol's event
 * map (messages.ts), the panel's port and transport, its application layer and its shell derive
 * from this table. Every command is sent as `{ ...request, commandId }` and answered with a plain
 * `Reply`; event names and payloads are those the server has always read.
 *
 * Adding a call command (say, mute) end to end — a protocol change: update docs and the protocol
 * version with it:
 * 1. here: a row in `PANEL_COMMANDS` (and in `CALL_COMMANDS` if it is a button on a call);
 * 2. `messages.ts`: the softphone's command in `commandSchema`;
 * 3. the server: a plan in `server/src/event-server/call-commands.ts` (`CALL_EVENT_PLANS`: which
 *    calls it may act on, what the softphone is asked);
 * 4. the simulator: `execute()` in `server/src/simulator/pbx.ts`;
 * 5. the panel: the button's view model in `web-components/src/core/call-controls.ts`, its label in
 *    `web-components/src/i18n/{ja,en}-views.ts`; the app and the shell follow the table.
 */
import { object, type Infer, type Schema } from './schema.js';
import {
  callerIdRequestSchema,
  callRefSchema,
  dialRequestSchema,
  dtmfRequestSchema,
  setStatusRequestSchema,
  viewingRequestSchema,
  type Ack,
  type CallerIdChoice,
  type CommandMeta,
  type ScreenInfo,
} from './messages.js';

/** One row: `A` (type only) are the positional arguments, `fields` name them in the request. */
export interface CommandRow<E extends string, S extends Schema<object>, A extends readonly unknown[]> {
  readonly event: E;
  readonly request: S;
  readonly fields: readonly (keyof Infer<S> & string)[];
  /** Never set: carries the positional arguments' type. */
  readonly args?: A;
}

const row =
  <A extends readonly unknown[]>() =>
  <E extends string, S extends Schema<object>>(event: E, request: S, fields: readonly (keyof Infer<S> & string)[]): CommandRow<E, S, A> => ({
    event,
    request,
    fields,
  });

/** `session:signOut` carries nothing but the command id. */
export const signOutRequestSchema = object({});

export const PANEL_COMMANDS = {
  signOut: row<[]>()('session:signOut', signOutRequestSchema, []),
  setStatus: row<[statusId: string]>()('agent:setStatus', setStatusRequestSchema, ['statusId']),
  /** The caller ID the agent chose (通知番号選択欄), kept with the session; null: 指定なし. */
  setCallerId: row<[callerId: CallerIdChoice | null]>()('agent:setCallerId', callerIdRequestSchema, ['callerId']),
  dial: row<[number: string, callerId?: CallerIdChoice]>()('call:dial', dialRequestSchema, ['number', 'callerId']),
  answer: row<[callId: string]>()('call:answer', callRefSchema, ['callId']),
  hangup: row<[callId: string]>()('call:hangup', callRefSchema, ['callId']),
  hold: row<[callId: string]>()('call:hold', callRefSchema, ['callId']),
  unhold: row<[callId: string]>()('call:unhold', callRefSchema, ['callId']),
  park: row<[callId: string]>()('call:park', callRefSchema, ['callId']),
  /** Completes an attended transfer: the held customer is connected to consultation `callId`. */
  transfer: row<[callId: string]>()('call:transfer', callRefSchema, ['callId']),
  /** Keys pressed during a call (`*`/`#` start the PBX's transfers). */
  dtmf: row<[callId: string, digits: string]>()('call:dtmf', dtmfRequestSchema, ['callId', 'digits']),
  /** Screen transfer (seed 001 §9): the record the agent is viewing and the note, or null. */
  viewing: row<[screen: ScreenInfo | null]>()('agent:viewing', viewingRequestSchema, ['screen']),
} as const;

export type PanelCommand = keyof typeof PANEL_COMMANDS;
export type CommandRequest<C extends PanelCommand> = Infer<(typeof PANEL_COMMANDS)[C]['request']>;
export type CommandArgs<C extends PanelCommand> = NonNullable<(typeof PANEL_COMMANDS)[C]['args']>;
export type CommandEvent<C extends PanelCommand> = (typeof PANEL_COMMANDS)[C]['event'];

/** The commands that act on one call and carry only its id: the six call buttons. */
export const CALL_COMMANDS = ['answer', 'hangup', 'hold', 'unhold', 'park', 'transfer'] as const satisfies readonly {
  [C in PanelCommand]: CommandArgs<C> extends [callId: string] ? C : never;
}[PanelCommand][];
export type CallCommand = (typeof CALL_COMMANDS)[number];

/** The panel → server command events of the socket.io event map, one per row. */
export type PanelCommandEvents = {
  [C in PanelCommand as CommandEvent<C>]: (req: CommandRequest<C> & CommandMeta, ack: Ack) => void;
};

/** The request a command's positional arguments make; an argument left undefined is left out. */
export function commandRequest<C extends PanelCommand>(command: C, args: CommandArgs<C>): CommandRequest<C> {
  const request: Record<string, unknown> = {};
  PANEL_COMMANDS[command].fields.forEach((field, i) => {
    if (args[i] !== undefined) request[field] = args[i];
  });
  return request as CommandRequest<C>;
}

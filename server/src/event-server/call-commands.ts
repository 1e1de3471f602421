/**
 * The call commands a panel sends (`call:dial`, `call:answer`, …), declared once as data: for each
 * event, the request it carries and what the line's softphone is asked to do — or why the
 * command is refused without asking it. ./panel-namespace.ts registers them all alike (validated,
 * answered once per command id, relayed to the softphone by ./softphone-namespace.ts).
 */
import { callRefSchema, dialRequestSchema, dtmfRequestSchema, type Command, type ErrorCode, type PanelClientToServer, type Schema } from '@biztel/protocol';
import { resolveCallerId, type TenantConfig } from '../config/directory.js';
import type { Line } from './line-store.js';

/** Every panel event named `call:…`. */
export type CallEvent = Extract<keyof PanelClientToServer, `call:${string}`>;

/** A softphone command before it gets its id and deadline. */
export type DeviceCommand = Command extends infer C ? (C extends unknown ? Omit<C, 'id' | 'deadline'> : never) : never;

export interface Refusal {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message?: string;
}

/** Who sent the command: the signed-in agent of the line. */
export interface Caller {
  readonly tenant: TenantConfig;
  readonly account: string;
}

/** A validated request, ready to act on the line as it is now. */
export type CallPlan = (line: Line, caller: Caller) => DeviceCommand | Refusal;

export interface CallCommand {
  /** Validates the panel's message (its payload) into what to do with it. */
  readonly request: Schema<CallPlan>;
}

/** A call command: its request schema and what a valid request asks of the softphone. */
function callCommand<T>(request: Schema<T>, toDevice: (request: T, line: Line, caller: Caller) => DeviceCommand | Refusal): CallCommand {
  return {
    request: {
      check(input, path) {
        const r = request.check(input, path);
        return r.ok ? { ok: true, value: (line, caller) => toDevice(r.value, line, caller) } : r;
      },
    },
  };
}

const hasCall = (l: Line, callId: string) => l.calls.some((c) => c.id === callId);

const NO_SUCH_CALL: Refusal = Object.freeze({ ok: false, code: 'NO_SUCH_CALL' });

/** A command on one call of the agent's line, relayed as it is. */
const onCall = (type: 'answer' | 'hangup' | 'hold' | 'unhold' | 'park' | 'transfer') =>
  callCommand(callRefSchema, ({ callId }, l) => (hasCall(l, callId) ? { type, callId } : NO_SUCH_CALL));

export const CALL_EVENT_PLANS: { readonly [E in CallEvent]: CallCommand } = {
  'call:dial': callCommand(dialRequestSchema, ({ number, callerId }, l, { tenant, account }) => {
    if (l.agent?.hardphone) return { ok: false, code: 'NOT_ALLOWED', message: 'a hardphone cannot be dialled remotely' };
    if (l.calls.some((c) => c.state !== 'held')) return { ok: false, code: 'BUSY' };
    // A dial that names no caller ID (click-to-dial, a record page's button) presents the one the
    // agent chose for the session, while the account may still use it; else the default rule.
    const chosen = l.agent?.account === account ? l.agent.callerId : undefined;
    const fallback = chosen && resolveCallerId(tenant, account, chosen) !== undefined ? chosen : undefined;
    const callerIdNumber = resolveCallerId(tenant, account, callerId ?? fallback);
    if (callerIdNumber === undefined) return { ok: false, code: 'NOT_ALLOWED', message: 'caller ID not allowed for this account' };
    return { type: 'dial', number, callerIdNumber };
  }),
  'call:dtmf': callCommand(dtmfRequestSchema, ({ callId, digits }, l) => (hasCall(l, callId) ? { type: 'dtmf', callId, digits } : NO_SUCH_CALL)),
  'call:answer': onCall('answer'),
  'call:hangup': onCall('hangup'),
  'call:hold': onCall('hold'),
  'call:unhold': onCall('unhold'),
  'call:park': onCall('park'),
  'call:transfer': onCall('transfer'),
};

/** The softphone command with its id and deadline (`type` first, as on the wire so far). */
export function withId({ type, ...rest }: DeviceCommand, id: string, deadline: number): Command {
  return { type, id, deadline, ...rest } as Command;
}

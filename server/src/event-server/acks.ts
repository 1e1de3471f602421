/**
 * Acknowledgements, both ways — the one place that unwraps and answers them:
 * - `admitRequests`: every message of a panel connection passes its flood limits first
 *   (../flood-limits.ts); one over budget is answered RATE_LIMITED without doing the work, and a
 *   connection far past its budget is no longer read, then disconnected (./tarpit.ts).
 * - `answerRequests`: a panel's request (`emit(event, message, ack)`) is answered through its ack;
 *   a message without one is ignored, and a failure still answers (with the caller's fallback).
 * - `askSoftphone`: the server's own request to one softphone connection (on this node, or through
 *   the adapter on another), answered within a time limit.
 */
import type { Command, ErrorReply, PanelClientToServer, SignInReply } from '@biztel/protocol';
import { FloodGate, type FloodLimits } from '../flood-limits.js';
import type { ServerLogger } from '../logger.js';
import type { PanelSocket, SoftphoneNamespace } from './context.js';
import { letGo } from './tarpit.js';

export interface Admission {
  readonly limits: FloodLimits;
  /** Milliseconds of a monotonic clock (the buckets' time). */
  readonly clock: () => number;
  readonly logger: ServerLogger;
  /** The connection's network address (for the log line). */
  readonly address: string;
}

/** What a request over budget is answered (a ping keeps its only answer: it does no work anyway). */
function limitedReply(event: string, retryAfterMs: number): ErrorReply | SignInReply | { ok: true } {
  if (event === 'server:ping') return { ok: true };
  const reply: ErrorReply = { ok: false, code: 'RATE_LIMITED', message: 'too many requests on this connection' };
  // Only the sign-in reply has room for the wait (errorReplySchema has none).
  const wait = Math.min(retryAfterMs, 60_000); // within the schema's bound, whatever the budget
  return event === 'session:signIn' || event === 'session:resume' ? { ...reply, retryAfterMs: wait } : reply;
}

/**
 * Puts every incoming message of the panel connection — requests, messages without an ack, events
 * nobody handles — through its flood gate, before any handler: the signed-in budget once it has a
 * session, the smaller anonymous one before. Over budget: a request the connection may send is
 * answered `limitedReply` (its transport waits for the ack), anything else dropped. Far past it:
 * no longer read, disconnected after `limits.holdMs` (./tarpit.ts), with one log line.
 */
export function admitRequests(socket: PanelSocket, { limits, clock, logger, address }: Admission): void {
  const gate = new FloodGate(limits.anonymousPanel, clock());
  let flooded = false;
  socket.use((packet, next) => {
    if (flooded || socket.disconnected) return;
    const now = clock();
    const signedIn = socket.data.session !== undefined;
    const verdict = gate.admit(now, signedIn ? limits.panel : limits.anonymousPanel);
    if (verdict === 'admitted') return next();
    if (verdict === 'disconnect') {
      flooded = true;
      logger.warn({ event: 'panel.flooding', address, signedIn, refused: gate.refused }, 'panel connection far past its request budget: disconnected');
      letGo(socket.conn, limits.holdMs, () => socket.disconnect(true));
      return;
    }
    const [event, ...args] = packet as unknown[];
    const ack = args[args.length - 1];
    if (typeof event === 'string' && typeof ack === 'function' && socket.listeners(event as keyof PanelClientToServer).length > 0) {
      (ack as (reply: unknown) => void)(limitedReply(event, gate.waitMs(now)));
    }
  });
}

/**
 * Registers `event` on `socket` as a request: `handle` gets the message (the argument before the
 * ack; undefined when the ack came alone) and what it answers is the reply (undefined: no reply,
 * e.g. the panel left meanwhile). When it throws, `failed(error)` is the reply.
 */
export function answerRequests<R>(
  socket: PanelSocket,
  event: keyof PanelClientToServer,
  handle: (message: unknown) => Promise<R | undefined> | R | undefined,
  failed: (error: unknown) => R,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (typeof ack !== 'function') return;
    const reply = ack as (r: R) => void;
    try {
      const answer = await handle(args.length > 1 ? args[0] : undefined);
      if (answer !== undefined) reply(answer);
    } catch (error) {
      reply(failed(error));
    }
  });
}

type DeviceSocket = NonNullable<ReturnType<SoftphoneNamespace['sockets']['get']>>;
/** Per softphone connection, the asks still waiting for an answer: its disconnect gives them up. */
const waits = new WeakMap<DeviceSocket, Set<() => void>>();

function waitingOn(socket: DeviceSocket): Set<() => void> {
  let waiting = waits.get(socket);
  if (!waiting) {
    const set = new Set<() => void>();
    waits.set(socket, (waiting = set));
    socket.once('disconnect', () => {
      for (const give of [...set]) give();
    });
  }
  return waiting;
}

/**
 * What asking a softphone gave: its answer before the deadline; no answer by then (`late` settles
 * with an answer that came afterwards, or `undefined` when none came within the late window); or no
 * such connection on any node.
 */
export type Asked =
  | { readonly answered: true; readonly answer: unknown }
  | { readonly answered: false; readonly why: 'timeout'; readonly late: Promise<unknown> }
  | { readonly answered: false; readonly why: 'nobody' };

/**
 * Sends `command` to the softphone connection `device` — directly when it is on this node, else
 * through the adapter to every node — and waits until the command's deadline (`timeoutMs`) for its
 * ack; an ack after that is still listened for during `lateMs` (the caller decides what it means).
 */
export function askSoftphone(softphones: SoftphoneNamespace, device: string, command: Command, timeoutMs: number, lateMs: number): Promise<Asked> {
  const local = softphones.sockets.get(device);
  const answer: Promise<Asked> = local
    ? new Promise((resolve, reject) => {
        // Its own timer (unref'd: a closing server is not held open by a late window) and the
        // socket's disconnect end the wait; socket.io's own ack timer would outlive both.
        const waiting = waitingOn(local);
        const give = () => {
          clearTimeout(timer);
          waiting.delete(give);
          reject(new Error('no answer'));
        };
        const timer = setTimeout(give, timeoutMs + lateMs);
        timer.unref();
        waiting.add(give);
        local.emit('device:command', command, (a: unknown) => {
          clearTimeout(timer);
          waiting.delete(give);
          resolve({ answered: true, answer: a });
        });
      })
    : softphones
        .to(device)
        .timeout(timeoutMs + lateMs)
        .emitWithAck('device:command', command)
        .then((answers: unknown[]) =>
          answers.length === 0 ? ({ answered: false, why: 'nobody' } as const) : ({ answered: true, answer: answers[0] } as const),
        );
  // No answer even in the late window (or the adapter failed): the outcome stays unknown.
  const noAnswer = Promise.resolve(undefined);
  const settled = answer.catch((): Asked => ({ answered: false, why: 'timeout', late: noAnswer }));
  return new Promise<Asked>((resolve) => {
    const deadline = setTimeout(() => resolve({ answered: false, why: 'timeout', late: settled.then((a) => (a.answered ? a.answer : undefined)) }), timeoutMs);
    void settled.then((a) => {
      clearTimeout(deadline);
      resolve(a);
    });
  });
}

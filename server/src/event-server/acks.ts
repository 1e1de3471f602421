/**
 * Acknowledgements, both ways — the one place that unwraps and answers them:
 * - `answerRequests`: a panel's request (`emit(event, message, ack)`) is answered through its ack;
 *   a message without one is ignored, and a failure still answers (with the caller's fallback).
 * - `askSoftphone`: the server's own request to one softphone connection (on this node, or through
 *   the adapter on another), answered within a time limit.
 */
import type { Command, PanelClientToServer } from '@biztel/protocol';
import type { PanelSocket, SoftphoneNamespace } from './context.js';

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

/** What asking a softphone gave: its answer, no answer in time, or no such connection on any node. */
export type Asked = { readonly answered: true; readonly answer: unknown } | { readonly answered: false; readonly why: 'timeout' | 'nobody' };

/**
 * Sends `command` to the softphone connection `device` — directly when it is on this node, else
 * through the adapter to every node — and waits at most `timeoutMs` for its ack.
 */
export async function askSoftphone(softphones: SoftphoneNamespace, device: string, command: Command, timeoutMs: number): Promise<Asked> {
  try {
    const local = softphones.sockets.get(device);
    if (local) return { answered: true, answer: await local.timeout(timeoutMs).emitWithAck('device:command', command) };
    const answers = (await softphones.to(device).timeout(timeoutMs).emitWithAck('device:command', command)) as unknown[];
    return answers.length === 0 ? { answered: false, why: 'nobody' } : { answered: true, answer: answers[0] };
  } catch {
    return { answered: false, why: 'timeout' };
  }
}

/**
 * Test support for the transfer tests: the customer's number, 1001's consultation call, an
 * attended consultation under way (`consulting`) and a chatbot call on which keys were typed
 * (`typed`), an internal call transferred after a consultation (`internalCallTransferred`), each on
 * the demo tenant of `pbx-fixture.ts`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Call, Reply } from '@biztel/protocol';
import { chatFor } from './chat-transcript.js';
import type { Pbx } from './pbx.js';
import { T0, answer, dial, dtmf, hold, onlyCallId, setup, talkingInbound, transfer } from './pbx-fixture.js';

export const CUSTOMER = '0312345678';
export const all = ['1001', '1002', '1003'];

/** Fails the test set-up unless the PBX replied exactly `{ ok: true }`. */
function accepted(reply: Reply, what: string): void {
  if (!isDeepStrictEqual(reply, { ok: true })) throw new Error(`${what} refused: ${JSON.stringify(reply)}`);
}

/** 1001's call that is not `customerId` (the consultation). */
export function consultOf(pbx: Pbx, customerId: string): Call {
  const found = pbx.callsOf('1001').find((c) => c.id !== customerId);
  if (!found) throw new Error('no consultation call');
  return found;
}

/** 1001 talks to the customer, holds them and dials `target` (an attended consultation). */
export function consulting(target: string, options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: all, autoAnswerMs: null, ...options });
  const customerId = talkingInbound(ctx.pbx, '1001', CUSTOMER, 'サポート窓口');
  ctx.pbx.command('1001', hold(customerId));
  ctx.time.advance(1_000);
  accepted(ctx.pbx.command('1001', dial(target)), `dial ${target}`);
  return { ...ctx, customerId, consultId: consultOf(ctx.pbx, customerId).id };
}

/** 1001 talks to the customer (a chatbot call); types `keys`. */
export function typed(keys: string, options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: all, autoAnswerMs: null, ...options });
  const r = ctx.pbx.inbound('1001', CUSTOMER, 'チャットボット', chatFor('ok', T0));
  const customerId = r.ok ? r.callId : '';
  ctx.pbx.command('1001', answer(customerId));
  ctx.time.advance(1_000);
  accepted(ctx.pbx.command('1001', dtmf(customerId, keys)), `keys ${keys}`);
  return { ...ctx, customerId };
}

/** 1002 calls 1001, who holds the call, consults 1003 (answered) and transfers: 1002 ends up with 1003. */
export function internalCallTransferred() {
  const ctx = setup({ running: all });
  const { pbx } = ctx;
  pbx.command('1002', dial('1001'));
  const customerId = onlyCallId(pbx, '1001');
  pbx.command('1001', answer(customerId));
  pbx.command('1001', hold(customerId));
  pbx.command('1001', dial('1003'));
  pbx.command('1003', answer(onlyCallId(pbx, '1003')));
  accepted(pbx.command('1001', transfer(consultOf(pbx, customerId).id)), 'transfer to 1003');
  return ctx;
}

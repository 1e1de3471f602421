/**
 * Test support for the park tests: the slot 701 entry a completed park shows, and a call 1001
 * answered and parked (`parkedCall`), on the demo tenant of `pbx-fixture.ts`.
 */
import type { ParkedCall } from '@biztel/protocol';
import { PARK_DELAY_MS, RECALL_MS, T0, park, setup, talkingInbound } from './pbx-fixture.js';

export const parkedAt = T0 + PARK_DELAY_MS;
export const parked701: ParkedCall = { slot: '701', remoteNumber: '0312345678', parkedAt, recallAt: parkedAt + RECALL_MS };

/** 1001 answers a call from 0312345678 and parks it; the park has completed. */
export function parkedCall(options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: ['1001', '1002', '1003'], ...options });
  const callId = talkingInbound(ctx.pbx, '1001', '0312345678', 'サポート窓口');
  ctx.pbx.command('1001', park(callId));
  ctx.time.advance(PARK_DELAY_MS);
  ctx.changes.length = 0;
  return { ...ctx, callId };
}

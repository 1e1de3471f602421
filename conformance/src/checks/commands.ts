/**
 * Checks of the eight command types: each gets a schema-valid reply and the expected change in a
 * following `device:state`. Every check sets up its own line (hangs up what is left, dials a
 * number that answers by itself), so one failure does not hide the others.
 *
 * What one line allows: `dtmf` with a plain digit must be accepted and leave the call talking (a
 * tone changes nothing the server sees); `transfer` is checked as the attended transfer the panel
 * drives — hold A, dial B (B carries `transfer: {kind:'attended', of:A}`), `transfer` B — after
 * which neither call is on the line. `answer` needs a call to ring (the `--inbound` hook).
 */
import type { DeviceState } from '@biztel/protocol';
import { callOf, type Kit } from '../kit.js';

/** How far a reported time may be off the server's clock (transit, scheduling, a coarse clock). */
const CLOCK_TOLERANCE_MS = 60_000;

const held = (id: string) => (s: DeviceState) => callOf(s, id)?.state === 'held';
const gone =
  (...ids: string[]) =>
  (s: DeviceState) =>
    ids.every((id) => !callOf(s, id));

export async function checkCommands(kit: Kit): Promise<void> {
  const { options } = kit;

  await kit.check('cmd.dial', "dial → ok, then an outbound call to the number, its startedAt in the server's clock", async () => {
    await kit.clearCalls();
    const mark = kit.mark();
    await kit.ok({ type: 'dial', number: options.dialNumber });
    const state = await kit.stateAfter(
      mark,
      (s) => s.calls.some((c) => c.direction === 'outbound' && c.remoteNumber === options.dialNumber),
      'an outbound call to the number',
    );
    // Times are in the server's clock (estimated from the hello), which here runs --clock-offset-ms ahead.
    const call = state.calls.find((c) => c.direction === 'outbound' && c.remoteNumber === options.dialNumber)!;
    const off = call.startedAt - kit.harness.now();
    if (Math.abs(off) > CLOCK_TOLERANCE_MS) throw new Error(`startedAt is ${Math.round(off / 1000)} s off the server's clock (use the hello's serverTime)`);
  });

  await kit.check('cmd.hold', 'hold → ok, then the call held with heldAt', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    const mark = kit.mark();
    await kit.ok({ type: 'hold', callId: call.id });
    const state = await kit.stateAfter(mark, held(call.id), 'the call held');
    if (callOf(state, call.id)!.heldAt === undefined) throw new Error('the held call has no heldAt');
  });

  await kit.check('cmd.unhold', 'unhold → ok, then the call talking again', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    let mark = kit.mark();
    await kit.ok({ type: 'hold', callId: call.id });
    await kit.stateAfter(mark, held(call.id), 'the call held');
    mark = kit.mark();
    await kit.ok({ type: 'unhold', callId: call.id });
    await kit.stateAfter(mark, (s) => callOf(s, call.id)?.state === 'talking', 'the call talking');
  });

  await kit.check('cmd.dtmf', 'dtmf "1" → ok, the call stays talking', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    const mark = kit.mark();
    await kit.ok({ type: 'dtmf', callId: call.id, digits: '1' });
    const changed = await kit.appearsWithin(mark, (s) => callOf(s, call.id)?.state !== 'talking');
    if (changed) throw new Error(`after the tone the call is ${callOf(changed, call.id)?.state ?? 'gone'}`);
  });

  await kit.check('cmd.transfer', 'attended transfer: hold A, dial B (B.transfer.of = A), transfer B → both leave the line', async () => {
    await kit.clearCalls();
    const a = await kit.talkingCall();
    let mark = kit.mark();
    await kit.ok({ type: 'hold', callId: a.id });
    await kit.stateAfter(mark, held(a.id), 'call A held');
    const b = await kit.talkingCall(options.transferNumber);
    if (b.transfer?.kind !== 'attended' || b.transfer.of !== a.id) {
      throw new Error(`the consultation call B has transfer ${JSON.stringify(b.transfer)}, expected {"kind":"attended","of":"${a.id}"}`);
    }
    mark = kit.mark();
    await kit.ok({ type: 'transfer', callId: b.id });
    await kit.stateAfter(mark, gone(a.id, b.id), 'neither call A nor B');
  });

  await kit.check('cmd.hangup', 'hangup → ok, then the call gone', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    const mark = kit.mark();
    await kit.ok({ type: 'hangup', callId: call.id });
    await kit.stateAfter(mark, gone(call.id), 'the call gone');
  });

  await kit.check('cmd.park', 'park → ok, then a new parked entry and the call gone', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    const slots = new Set((kit.harness.lastState?.parked ?? []).map((p) => p.slot));
    const mark = kit.mark();
    await kit.ok({ type: 'park', callId: call.id });
    await kit.stateAfter(mark, (s) => gone(call.id)(s) && s.parked.some((p) => !slots.has(p.slot)), 'a new parked entry and the call gone');
  });

  await kit.check('cmd.noSuchCall', 'hangup of an unknown call id → NO_SUCH_CALL', async () => {
    const reply = await kit.send({ type: 'hangup', callId: 'no-such-call-0' });
    if (reply.ok || reply.code !== 'NO_SUCH_CALL') throw new Error(`replied ${JSON.stringify(reply)}`);
  });

  await kit.check('cmd.answer', 'an inbound call rings; answer → ok, then the call talking', async () => {
    await kit.clearCalls();
    let mark = kit.mark();
    await kit.ring();
    const ringing = await kit.stateAfter(mark, (s) => s.calls.some((c) => c.direction === 'inbound' && c.state === 'ringing'), 'an inbound call ringing');
    const call = ringing.calls.find((c) => c.direction === 'inbound' && c.state === 'ringing')!;
    if (call.remoteNumber !== options.inboundFrom) throw new Error(`the ringing call's remoteNumber is ${call.remoteNumber}, expected ${options.inboundFrom}`);
    mark = kit.mark();
    await kit.ok({ type: 'answer', callId: call.id });
    const state = await kit.stateAfter(mark, (s) => callOf(s, call.id)?.state === 'talking', 'the call talking');
    if (callOf(state, call.id)!.answeredAt === undefined) throw new Error('the answered call has no answeredAt');
  });

  await kit.check('panel.relay', "a panel's dial and hangup reach the softphone and show on the panel", async () => {
    await kit.clearCalls();
    const dialled = await kit.panel.send('call:dial', { number: options.dialNumber });
    if (!dialled.ok) throw new Error(`the panel's dial was refused: ${dialled.code}`);
    const shown = await kit.panel.until((s) => s.calls.some((c) => c.direction === 'outbound'), 'snapshot with the outbound call');
    const id = shown.calls.find((c) => c.direction === 'outbound')!.id;
    const hung = await kit.panel.send('call:hangup', { callId: id });
    if (!hung.ok) throw new Error(`the panel's hangup was refused: ${hung.code}`);
    await kit.panel.until((s) => s.calls.length === 0, 'snapshot without calls');
  });
}

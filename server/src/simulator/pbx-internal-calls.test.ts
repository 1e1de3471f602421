/** Pbx internal calls: one extension dialling another, both legs and their ends. */
import { describe, expect, it } from '@jest/globals';
import { T0, answer, dial, hangup, lastSeen, onlyCallId, setup } from './pbx-fixture.js';

describe('Pbx: internal calls', () => {
  function internalCall() {
    const ctx = setup({ autoAnswerMs: 3000 });
    ctx.pbx.command('1001', dial('1002'));
    return { ...ctx, callerId: onlyCallId(ctx.pbx, '1001'), calleeId: onlyCallId(ctx.pbx, '1002') };
  }

  it('1001 dialing 1002 rings 1002 with the caller’s extension as remote number', () => {
    const { pbx, changes, time } = internalCall();

    expect(pbx.callsOf('1001')).toEqual([expect.objectContaining({ direction: 'outbound', state: 'dialing', remoteNumber: '1002' })]);
    expect(pbx.callsOf('1002')).toEqual([expect.objectContaining({ direction: 'inbound', state: 'ringing', remoteNumber: '1001' })]);
    expect(lastSeen(changes)).toEqual({ '1001': pbx.callsOf('1001'), '1002': pbx.callsOf('1002') });
    expect(time.pending()).toBe(0); // a colleague is never auto-answered
  });

  it('1002 answering makes both legs talking, answered at the same moment', () => {
    const { pbx, time, changes, calleeId } = internalCall();
    time.advance(2_000);

    expect(pbx.command('1002', answer(calleeId))).toEqual({ ok: true });

    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking', answeredAt: T0 + 2_000 });
    expect(pbx.callsOf('1002')[0]).toMatchObject({ state: 'talking', answeredAt: T0 + 2_000 });
    expect(lastSeen(changes)).toEqual({ '1001': pbx.callsOf('1001'), '1002': pbx.callsOf('1002') });
  });

  it('the caller cannot answer its own dialing leg', () => {
    const { pbx, callerId } = internalCall();

    expect(pbx.command('1001', answer(callerId))).toMatchObject({ ok: false, code: 'BUSY' });
  });

  it.each([
    ['the caller', '1001' as const],
    ['the callee', '1002' as const],
  ])('%s hanging up ends both legs', (_who, extension) => {
    const { pbx, changes, callerId, calleeId } = internalCall();
    pbx.command('1002', answer(calleeId));

    const reply = pbx.command(extension, hangup(extension === '1001' ? callerId : calleeId));

    expect(reply).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(lastSeen(changes)).toEqual({ '1001': [], '1002': [] });
  });

  it('the callee hanging up while ringing (declining) ends the caller’s leg too', () => {
    const { pbx, calleeId } = internalCall();

    pbx.command('1002', hangup(calleeId));

    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('a colleague whose softphone is stopped never answers: the call rings out until hung up', () => {
    const { pbx, time } = setup({ autoAnswerMs: 1000, running: ['1001'] });

    expect(pbx.command('1001', dial('1002'))).toEqual({ ok: true });
    time.advance(60_000);

    expect(pbx.callsOf('1001')).toEqual([expect.objectContaining({ state: 'dialing', remoteNumber: '1002' })]);
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('tells each softphone once when an internal call ends', () => {
    const { pbx, changes, callerId, calleeId } = internalCall();
    pbx.command('1002', answer(calleeId));
    changes.length = 0;

    pbx.command('1001', hangup(callerId));

    expect(changes.map((c) => c.extension).sort()).toEqual(['1001', '1002']);
  });

  it('the remote controls do not act on internal legs', () => {
    const { pbx, callerId, calleeId } = internalCall();

    expect(pbx.remoteAnswer(callerId)).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
    expect(pbx.remoteHangup(calleeId)).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
    expect(pbx.callsOf('1002')).toHaveLength(1);
  });
});

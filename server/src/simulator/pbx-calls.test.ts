/** Pbx calls with the outside: inbound calls ringing an extension, outbound calls and their auto-answer. */
import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import type { Pbx } from './pbx.js';
import { T0, answer, dial, hangup, onlyCallId, setup } from './pbx-fixture.js';

/** Runs `act` and returns the ID of the single call `extension` then has. */
function onlyCallIdAfter(pbx: Pbx, act: () => unknown, extension: string): string {
  act();
  return onlyCallId(pbx, extension);
}

describe('Pbx: inbound calls', () => {
  it('rings a running extension and tells its softphone', () => {
    const { pbx, changes } = setup();

    const reply = pbx.inbound('1001', '0312345678', 'サポート窓口');

    expect(reply).toEqual({ ok: true, callId: expect.any(String) });
    const expected: Call = {
      id: reply.ok ? reply.callId : '',
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: '0312345678',
      startedAt: T0,
      businessLabel: 'サポート窓口',
    };
    expect(pbx.callsOf('1001')).toEqual([expected]);
    expect(changes).toEqual([{ extension: '1001', calls: [expected], parked: [] }]);
  });

  it('refuses a call to a stopped softphone', () => {
    const { pbx, changes } = setup({ running: ['1001'] });

    expect(pbx.inbound('1002', '0312345678')).toMatchObject({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' });
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('refuses a call to an unknown extension', () => {
    const { pbx } = setup();

    expect(pbx.inbound('9999', '0312345678')).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('answering makes the call talking with answeredAt on the PBX clock', () => {
    const { pbx, time, changes } = setup();
    const callId = onlyCallIdAfter(pbx, () => pbx.inbound('1001', '0312345678'), '1001');
    time.advance(4_000);

    const reply = pbx.command('1001', answer(callId));

    expect(reply).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([expect.objectContaining({ id: callId, state: 'talking', answeredAt: T0 + 4_000, startedAt: T0 })]);
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: pbx.callsOf('1001'), parked: [] });
  });

  it('hanging up removes the call', () => {
    const { pbx, changes } = setup();
    const callId = onlyCallIdAfter(pbx, () => pbx.inbound('1001', '0312345678'), '1001');
    pbx.command('1001', answer(callId));

    const reply = pbx.command('1001', hangup(callId));

    expect(reply).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: [], parked: [] });
  });

  it('the caller hanging up ends a ringing call', () => {
    const { pbx } = setup();
    const callId = onlyCallIdAfter(pbx, () => pbx.inbound('1001', 'anonymous'), '1001');

    expect(pbx.remoteHangup(callId)).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it.each<[string, (pbx: Pbx, callId: string) => unknown, string]>([
    ['an unknown call', (pbx) => pbx.command('1001', answer('nope')), 'NO_SUCH_CALL'],
    ["another extension's call", (pbx, id) => pbx.command('1002', answer(id)), 'NO_SUCH_CALL'],
    ['a call that is already talking', (pbx, id) => (pbx.command('1001', answer(id)), pbx.command('1001', answer(id))), 'BUSY'],
    ["hanging up another extension's call", (pbx, id) => pbx.command('1002', hangup(id)), 'NO_SUCH_CALL'],
    ['remote-answering an inbound call', (pbx, id) => pbx.remoteAnswer(id), 'NO_SUCH_CALL'],
  ])('refuses %s', (_what, act, code) => {
    const { pbx } = setup();
    const callId = onlyCallIdAfter(pbx, () => pbx.inbound('1001', '0312345678'), '1001');

    expect(act(pbx, callId)).toMatchObject({ ok: false, code });
  });

  it('refuses every command from a stopped softphone', () => {
    const { pbx } = setup({ running: ['1002'] });

    expect(pbx.command('1001', dial('0312345678'))).toEqual({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' });
    expect(pbx.callsOf('1001')).toEqual([]);
  });
});

describe('Pbx: outbound calls to the outside', () => {
  it('auto-answers after autoAnswerMs when the clock fires, not before', () => {
    const { pbx, time, changes } = setup({ autoAnswerMs: 3000 });

    expect(pbx.command('1001', dial('09012345678'))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([expect.objectContaining({ direction: 'outbound', state: 'dialing', remoteNumber: '09012345678', startedAt: T0 })]);
    time.advance(2_999);
    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'dialing' });
    expect(pbx.callsOf('1001')[0]).not.toHaveProperty('answeredAt');

    time.advance(1);

    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking', answeredAt: T0 + 3_000 });
    expect(changes.map((c) => c.calls[0]?.state)).toEqual(['dialing', 'talking']);
  });

  it('never auto-answers when autoAnswerMs is null, but the remote party can answer', () => {
    const { pbx, time } = setup({ autoAnswerMs: null });
    pbx.command('1001', dial('09012345678'));
    const callId = onlyCallId(pbx, '1001');

    time.advance(600_000);
    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'dialing' });
    expect(time.pending()).toBe(0);

    expect(pbx.remoteAnswer(callId)).toEqual({ ok: true });
    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking', answeredAt: T0 + 600_000 });
  });

  it('a remote answer before the timer cancels the auto-answer', () => {
    const { pbx, time } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));
    const callId = onlyCallId(pbx, '1001');
    time.advance(1_000);

    pbx.remoteAnswer(callId);

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking', answeredAt: T0 + 1_000 });
    expect(pbx.remoteAnswer(callId)).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('hanging up while dialing cancels the auto-answer', () => {
    const { pbx, time, changes } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));
    const callId = onlyCallId(pbx, '1001');

    pbx.command('1001', hangup(callId));
    const changesAfterHangup = changes.length;
    time.advance(10_000);

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(changes).toHaveLength(changesAfterHangup);
  });

  it('the remote party hanging up ends the call', () => {
    const { pbx, time, changes } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));
    const callId = onlyCallId(pbx, '1001');
    time.advance(3_000);

    expect(pbx.remoteHangup(callId)).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: [], parked: [] });
  });

  it.each<[string, (pbx: Pbx) => void]>([
    ['dialing out', (pbx) => pbx.command('1001', dial('09012345678'))],
    ['talking', (pbx) => (pbx.command('1001', dial('09012345678')), pbx.remoteAnswer(onlyCallId(pbx, '1001')))],
    ['ringing', (pbx) => pbx.inbound('1001', '0312345678')],
  ])('refuses to dial while %s (BUSY)', (_what, arrange) => {
    const { pbx } = setup({ autoAnswerMs: null });
    arrange(pbx);

    const reply = pbx.command('1001', dial('0311112222'));

    expect(reply).toMatchObject({ ok: false, code: 'BUSY' });
    expect(pbx.callsOf('1001')).toHaveLength(1);
  });

  it('follows a changed autoAnswerMs for later calls', () => {
    const { pbx, time } = setup({ autoAnswerMs: 3000 });
    pbx.autoAnswerMs = 500;

    pbx.command('1001', dial('09012345678'));
    time.advance(500);

    expect(pbx.callsOf('1001')[0]).toMatchObject({ state: 'talking' });
  });
});

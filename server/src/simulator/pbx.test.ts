import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import { chatFor } from './chat-transcript.js';
import type { Pbx } from './pbx.js';
import { T0, answer, dial, hangup, hold, lastSeen, only, onlyCallId, park, setup, talkingInbound, unhold } from './pbx-fixture.js';

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
    expect(pbx.callsOf('1001')).toEqual([
      expect.objectContaining({ direction: 'outbound', state: 'dialing', remoteNumber: '09012345678', startedAt: T0 }),
    ]);
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

describe('Pbx: softphones starting and stopping', () => {
  it('attach tells the softphone its (empty) call list', () => {
    const { pbx, changes } = setup({ running: [] });

    pbx.attach('1003');

    expect(pbx.isRunning('1003')).toBe(true);
    expect(changes).toEqual([{ extension: '1003', calls: [], parked: [] }]);
  });

  it('detach drops the stopped softphone’s calls and the internal peer’s leg', () => {
    const { pbx, changes } = setup();
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    changes.length = 0;

    pbx.detach('1002');

    expect(pbx.isRunning('1002')).toBe(false);
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(lastSeen(changes)).toEqual({ '1001': [] }); // a stopped softphone is not told anything
  });

  it('detach drops external calls and cancels their timers', () => {
    const { pbx, time } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));

    pbx.detach('1001');

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('detach leaves other extensions’ calls alone', () => {
    const { pbx } = setup();
    pbx.inbound('1001', '0312345678');
    pbx.inbound('1002', '0398765432');

    pbx.detach('1001');

    expect(pbx.callsOf('1002')).toEqual([expect.objectContaining({ remoteNumber: '0398765432' })]);
  });

  it('view lists every configured extension with its state', () => {
    const { pbx } = setup({ running: ['1001'] });
    pbx.inbound('1001', '0312345678');

    expect(pbx.view()).toEqual([
      { extension: '1001', running: true, calls: pbx.callsOf('1001'), parked: [] },
      { extension: '1002', running: false, calls: [], parked: [] },
      { extension: '1003', running: false, calls: [], parked: [] },
    ]);
  });
});

describe('Pbx: dispose', () => {
  it('cancels pending timers and forgets all calls', () => {
    const { pbx, time, changes } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));
    pbx.inbound('1002', '0312345678');
    const changesBefore = changes.length;

    pbx.dispose();
    time.advance(10_000);

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(changes).toHaveLength(changesBefore);
  });
});

describe('Pbx: call IDs', () => {
  it('gives every call a distinct ID even at the same instant', () => {
    const { pbx } = setup({ running: ['1001', '1002', '1003'] });

    const ids = ['1001', '1002', '1003', '1001'].map((to) => {
      const r = pbx.inbound(to, '0312345678');
      return r.ok ? r.callId : '';
    });

    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/); // valid protocol call IDs
  });
});

/** Runs `act` and returns the ID of the single call `extension` then has. */
function onlyCallIdAfter(pbx: Pbx, act: () => unknown, extension: string): string {
  act();
  return onlyCallId(pbx, extension);
}

describe('Pbx: hold', () => {
  it('hold makes a talking call held at now; unhold makes it talking again without heldAt', () => {
    const { pbx, time, changes } = setup();
    const callId = talkingInbound(pbx);
    time.advance(5_000);

    expect(pbx.command('1001', hold(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).toMatchObject({ state: 'held', heldAt: T0 + 5_000 });
    expect(changes.at(-1)?.calls[0]).toMatchObject({ state: 'held', heldAt: T0 + 5_000 });
    time.advance(7_000);

    expect(pbx.command('1001', unhold(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).toMatchObject({ state: 'talking', answeredAt: T0 });
    expect(only(pbx, '1001')).not.toHaveProperty('heldAt');
  });

  it('the internal peer of a held call sees nothing special', () => {
    const { pbx } = setup();
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    const before = only(pbx, '1002');

    pbx.command('1001', hold(onlyCallId(pbx, '1001')));

    expect(only(pbx, '1001').state).toBe('held');
    expect(only(pbx, '1002')).toEqual(before);
  });

  it.each<[string, (pbx: Pbx) => string]>([
    ['ringing', (pbx) => (pbx.inbound('1001', '0312345678'), onlyCallId(pbx, '1001'))],
    ['dialing', (pbx) => (pbx.command('1001', dial('0312345678')), onlyCallId(pbx, '1001'))],
    ['held', (pbx) => {
      const id = talkingInbound(pbx);
      pbx.command('1001', hold(id));
      return id;
    }],
    ['parking', (pbx) => {
      const id = talkingInbound(pbx);
      pbx.command('1001', park(id));
      return id;
    }],
  ])('refuses to hold a call that is %s (BUSY with a message)', (state, arrange) => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = arrange(pbx);

    expect(pbx.command('1001', hold(callId))).toEqual({ ok: false, code: 'BUSY', message: `cannot hold a call that is ${state}` });
    expect(only(pbx, '1001').state).toBe(state);
  });

  it('refuses to unhold a call that is not held', () => {
    const { pbx } = setup();
    const callId = talkingInbound(pbx);

    expect(pbx.command('1001', unhold(callId))).toEqual({ ok: false, code: 'BUSY', message: 'call is talking' });
  });

  it.each([
    ['hold', hold],
    ['unhold', unhold],
    ['park', park],
  ])('%s of an unknown call is NO_SUCH_CALL', (_what, make) => {
    const { pbx } = setup();

    expect(pbx.command('1001', make('nope'))).toEqual({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('dialling is allowed while the only other call is held', () => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = talkingInbound(pbx);
    pbx.command('1001', hold(callId));

    expect(pbx.command('1001', dial('0311112222'))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toHaveLength(2);
  });
});

describe('Pbx: caller ID and anonymous callers', () => {
  it('records the caller ID chosen for an outbound call on the leg', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('09012345678', '0312345001'));

    expect(only(pbx, '1001')).toMatchObject({ direction: 'outbound', remoteNumber: '09012345678', callerIdNumber: '0312345001' });
  });

  it('has no callerIdNumber when none was sent', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('09012345678'));

    expect(only(pbx, '1001')).not.toHaveProperty('callerIdNumber');
  });

  it('an internal callee sees the caller’s extension, not the presented caller ID', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('1002', '0312345001'));

    expect(only(pbx, '1002')).toMatchObject({ remoteNumber: '1001' });
    expect(only(pbx, '1002')).not.toHaveProperty('callerIdNumber');
  });

  it.each([
    ['', 'anonymous'],
    ['anonymous', 'anonymous'],
    ['Anonymous', 'Anonymous'],
  ])('an inbound call from %j shows %j', (from, shown) => {
    const { pbx } = setup();

    pbx.inbound('1001', from);

    expect(only(pbx, '1001').remoteNumber).toBe(shown);
  });
});

describe('Pbx: chatbot IVR calls', () => {
  it.each([
    ['a transcript', chatFor('ok', T0)],
    ['a connect error', { status: 'error', error: 'connect' } as const],
    ['a fetch error', { status: 'error', error: 'fetch' } as const],
    ['a server error', { status: 'error', error: 'server' } as const],
  ])('an inbound call carries %s', (_what, chat) => {
    const { pbx } = setup();

    pbx.inbound('1001', '09012345678', 'チャットボット', chat);

    expect(only(pbx, '1001')).toMatchObject({ businessLabel: 'チャットボット', chat });
  });

  it('a normal call has no chat', () => {
    const { pbx } = setup();

    pbx.inbound('1001', '09012345678');

    expect(only(pbx, '1001')).not.toHaveProperty('chat');
  });
});

describe('Pbx: change notifications', () => {
  it('tells each affected softphone exactly once per change and leaves the others alone', () => {
    const { pbx, changes } = setup({ running: ['1001', '1002', '1003'] });
    const callId = talkingInbound(pbx);
    changes.length = 0;

    pbx.command('1001', hold(callId));

    expect(changes.map((c) => c.extension)).toEqual(['1001']);
  });

  it('a command that changes nothing tells nobody', () => {
    const { pbx, changes } = setup();
    talkingInbound(pbx);
    changes.length = 0;

    pbx.command('1001', dial('0312345678'));

    expect(changes).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Call, Command } from '../../../web-components/src/protocol/index.js';
import type { SimClock } from './clock.js';
import { Pbx } from './pbx.js';

const T0 = 1_717_000_000_000;

/** A clock advanced by hand: timers fire only inside `advance`, in due order. */
function fakeClock() {
  let t = T0;
  const timers = new Set<{ at: number; fn: () => void }>();
  const clock: SimClock = {
    now: () => t,
    after(ms, fn) {
      const timer = { at: t + ms, fn };
      timers.add(timer);
      return () => {
        timers.delete(timer);
      };
    },
  };
  return {
    clock,
    advance(ms: number) {
      const until = t + ms;
      for (;;) {
        const due = [...timers].filter((x) => x.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due);
        t = due.at;
        due.fn();
      }
      t = until;
    },
    pending: () => timers.size,
  };
}

function setup(options: { autoAnswerMs?: number | null; running?: string[] } = {}) {
  const time = fakeClock();
  const changes: { extension: string; calls: Call[] }[] = [];
  const pbx = new Pbx({
    clock: time.clock,
    extensions: ['1001', '1002', '1003'],
    autoAnswerMs: options.autoAnswerMs === undefined ? 3000 : options.autoAnswerMs,
    onChange: (extension, state) => changes.push({ extension, calls: state.calls }),
  });
  for (const extension of options.running ?? ['1001', '1002']) pbx.attach(extension);
  changes.length = 0;
  return { pbx, time, changes };
}

let commandSeq = 0;
const dial = (number: string): Command => ({ type: 'dial', id: `cmd-${++commandSeq}`, number });
const answer = (callId: string): Command => ({ type: 'answer', id: `cmd-${++commandSeq}`, callId });
const hangup = (callId: string): Command => ({ type: 'hangup', id: `cmd-${++commandSeq}`, callId });

/** The ID of the only call of `extension` (fails if there is not exactly one). */
function onlyCallId(pbx: Pbx, extension: string): string {
  const calls = pbx.callsOf(extension);
  expect(calls).toHaveLength(1);
  return calls[0]!.id;
}

/** The calls each extension was last told about, after the changes recorded so far. */
function lastSeen(changes: { extension: string; calls: Call[] }[]): Record<string, Call[]> {
  return Object.fromEntries(changes.map((c) => [c.extension, c.calls]));
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
    expect(changes).toEqual([{ extension: '1001', calls: [expected] }]);
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
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: pbx.callsOf('1001') });
  });

  it('hanging up removes the call', () => {
    const { pbx, changes } = setup();
    const callId = onlyCallIdAfter(pbx, () => pbx.inbound('1001', '0312345678'), '1001');
    pbx.command('1001', answer(callId));

    const reply = pbx.command('1001', hangup(callId));

    expect(reply).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: [] });
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
    expect(changes.at(-1)).toEqual({ extension: '1001', calls: [] });
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
    expect(changes).toEqual([{ extension: '1003', calls: [] }]);
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
      { extension: '1001', running: true, calls: pbx.callsOf('1001') },
      { extension: '1002', running: false, calls: [] },
      { extension: '1003', running: false, calls: [] },
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

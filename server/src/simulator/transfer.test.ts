import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import { chatFor } from './chat-transcript.js';
import type { Pbx } from './pbx.js';
import { PARK_DELAY_MS, PAUSE_MS, RING_GROUP, T0, answer, dial, dtmf, hangup, hold, only, onlyCallId, park, setup, talkingInbound, transfer, unhold } from './pbx-fixture.js';
import { planDtmf, type DtmfMode } from './transfer.js';

const CUSTOMER = '0312345678';
const all = ['1001', '1002', '1003'];

/** 1001's call that is not `customerId` (the consultation). */
function consultOf(pbx: Pbx, customerId: string): Call {
  const found = pbx.callsOf('1001').find((c) => c.id !== customerId);
  if (!found) throw new Error('no consultation call');
  return found;
}

/** 1001 talks to the customer, holds them and dials `target` (an attended consultation). */
function consulting(target: string, options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: all, autoAnswerMs: null, ...options });
  const customerId = talkingInbound(ctx.pbx, '1001', CUSTOMER, 'サポート窓口');
  ctx.pbx.command('1001', hold(customerId));
  ctx.time.advance(1_000);
  expect(ctx.pbx.command('1001', dial(target))).toEqual({ ok: true });
  return { ...ctx, customerId, consultId: consultOf(ctx.pbx, customerId).id };
}

describe('Attended transfer (seed 001 §8)', () => {
  it('the call dialled while the customer is held is their consultation', () => {
    const { pbx, customerId, consultId } = consulting('1002');

    expect(pbx.callsOf('1001')).toEqual([
      expect.objectContaining({ id: customerId, state: 'held' }),
      expect.objectContaining({ id: consultId, state: 'dialing', remoteNumber: '1002', transfer: { kind: 'attended', of: customerId } }),
    ]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: '1001' });
  });

  it('to an extension: once the target answered, transfer connects it with the customer', () => {
    const { pbx, changes, consultId } = consulting('1002');
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    changes.length = 0;

    expect(pbx.command('1001', transfer(consultId))).toEqual({ ok: true });

    expect(pbx.callsOf('1001')).toEqual([]);
    // BIZTEL keeps the original caller's number for call-center calls transferred to extensions.
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: CUSTOMER, businessLabel: 'サポート窓口' });
    expect(changes.map((c) => c.extension)).toEqual(['1001', '1002']);
    // 1002 now talks to the outside caller: the caller can hang up.
    expect(pbx.remoteHangup(onlyCallId(pbx, '1002'))).toEqual({ ok: true });
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('to an outside number answered by the remote party', () => {
    const { pbx, consultId } = consulting('0311112222');
    expect(pbx.command('1001', transfer(consultId))).toEqual({ ok: false, code: 'BUSY', message: 'target has not answered' });
    pbx.remoteAnswer(consultId);

    expect(pbx.command('1001', transfer(consultId))).toEqual({ ok: true });

    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('to a ring group: the member who answers gets the customer', () => {
    const { pbx, consultId } = consulting(RING_GROUP);
    expect(pbx.callsOf('1001')).toHaveLength(2); // 1001 itself does not ring
    pbx.command('1003', answer(onlyCallId(pbx, '1003')));
    expect(pbx.callsOf('1002')).toEqual([]);

    pbx.command('1001', transfer(consultId));

    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: CUSTOMER });
  });

  it('the transfer command also accepts the held call’s ID', () => {
    const { pbx, customerId } = consulting('1002');
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    expect(pbx.command('1001', transfer(customerId))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('refuses to transfer before the target answered (BUSY) and changes nothing', () => {
    const { pbx, changes, consultId } = consulting('1002');
    changes.length = 0;

    expect(pbx.command('1001', transfer(consultId))).toEqual({ ok: false, code: 'BUSY', message: 'target has not answered' });
    expect(pbx.callsOf('1001')).toHaveLength(2);
    expect(changes).toEqual([]);
  });

  it('refuses to transfer a call that is not a consultation (NOT_ALLOWED)', () => {
    const { pbx } = setup();
    const callId = talkingInbound(pbx);

    expect(pbx.command('1001', transfer(callId))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'not a consultation call' });
  });

  it.each([
    ['ringing', false],
    ['talking', true],
  ])('unhold of the customer while the target is %s drops the consultation and resumes (保留 again)', (_what, answered) => {
    const { pbx, customerId } = consulting('1002');
    if (answered) pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    expect(pbx.command('1001', unhold(customerId))).toEqual({ ok: true });

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking', remoteNumber: CUSTOMER });
    expect(only(pbx, '1001')).not.toHaveProperty('heldAt');
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('hanging up the consultation ends only it; unhold then resumes the customer (切断 then 保留)', () => {
    const { pbx, customerId, consultId } = consulting('1002');
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    pbx.command('1001', hangup(consultId));
    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'held', heldAt: T0 });
    expect(pbx.callsOf('1002')).toEqual([]);

    pbx.command('1001', unhold(customerId));
    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
  });

  it('the target hanging up ends the consultation; the customer stays held', () => {
    const { pbx, customerId } = consulting('1002');
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    pbx.command('1002', hangup(onlyCallId(pbx, '1002')));

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'held' });
  });

  it('the customer hanging up during the consultation leaves an ordinary call with the target', () => {
    const { pbx, customerId, consultId } = consulting('1002');
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    pbx.remoteHangup(customerId);

    expect(only(pbx, '1001')).toMatchObject({ id: consultId, state: 'talking' });
    expect(only(pbx, '1001')).not.toHaveProperty('transfer');
    expect(pbx.command('1001', transfer(consultId))).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });

  it('refuses to dial a third call while consulting (BUSY)', () => {
    const { pbx } = consulting('1002');

    expect(pbx.command('1001', dial('0399998888'))).toMatchObject({ ok: false, code: 'BUSY' });
  });

  it('an internal caller transferred to 1003 then talks to 1003', () => {
    const { pbx } = setup({ running: all });
    pbx.command('1002', dial('1001'));
    const customerId = onlyCallId(pbx, '1001');
    pbx.command('1001', answer(customerId));
    pbx.command('1001', hold(customerId));
    pbx.command('1001', dial('1003'));
    pbx.command('1003', answer(onlyCallId(pbx, '1003')));

    pbx.command('1001', transfer(consultOf(pbx, customerId).id));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: '1003' });
    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: '1002' });
    pbx.command('1003', hangup(onlyCallId(pbx, '1003')));
    expect(pbx.callsOf('1002')).toEqual([]);
  });
});

/** 1001 talks to the customer (a chatbot call); types `keys`. */
function typed(keys: string, options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: all, autoAnswerMs: null, ...options });
  const r = ctx.pbx.inbound('1001', CUSTOMER, 'チャットボット', chatFor('ok', T0));
  const customerId = r.ok ? r.callId : '';
  ctx.pbx.command('1001', answer(customerId));
  ctx.time.advance(1_000);
  expect(ctx.pbx.command('1001', dtmf(customerId, keys))).toEqual({ ok: true });
  return { ...ctx, customerId };
}

describe('* transfer (seed 001 §10)', () => {
  it('* holds the customer and collects digits; each digit restarts the pause', () => {
    const { pbx, time, customerId } = typed('*');
    expect(only(pbx, '1001')).toMatchObject({ state: 'held', heldAt: T0 + 1_000, collecting: { kind: 'star', digits: '' } });

    for (const digit of ['1', '0', '0']) {
      time.advance(PAUSE_MS - 1);
      pbx.command('1001', dtmf(customerId, digit));
    }
    time.advance(PAUSE_MS - 1);
    expect(only(pbx, '1001')).toMatchObject({ collecting: { kind: 'star', digits: '100' } });
    pbx.command('1001', dtmf(customerId, '2'));
    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([
      expect.objectContaining({ id: customerId, state: 'held' }),
      expect.objectContaining({ direction: 'outbound', state: 'dialing', remoteNumber: '1002', transfer: { kind: 'star', of: customerId } }),
    ]);
    expect(pbx.callsOf('1001')[0]).not.toHaveProperty('collecting');
    // The target sees the customer's number (and the chat history) while it rings.
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER, businessLabel: 'チャットボット', chat: chatFor('ok', T0) });
  });

  it('hanging up while the target rings completes the transfer', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);

    expect(pbx.command('1001', hangup(consultOf(pbx, customerId).id))).toEqual({ ok: true });

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER });
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    expect(only(pbx, '1002').state).toBe('talking');
    expect(pbx.remoteHangup(onlyCallId(pbx, '1002'))).toEqual({ ok: true });
  });

  it('hanging up after the target answered completes the transfer', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    pbx.command('1001', hangup(consultOf(pbx, customerId).id));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: CUSTOMER });
  });

  it('hanging up the held customer’s leg completes it too (the agent hangs up the phone)', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);

    pbx.command('1001', hangup(customerId));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ remoteNumber: CUSTOMER });
  });

  it('the transfer button completes it as well', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);

    expect(pbx.command('1001', transfer(consultOf(pbx, customerId).id))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('to an outside number: hanging up leaves 1001 with nothing', () => {
    const { pbx, time, customerId } = typed('*0311112222', { autoAnswerMs: 2000 });
    time.advance(PAUSE_MS);
    const consult = consultOf(pbx, customerId);
    expect(consult).toMatchObject({ state: 'dialing', remoteNumber: '0311112222' });

    pbx.command('1001', hangup(consult.id));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('to a ring group: members ring with the customer’s number; the first answer takes it', () => {
    const { pbx, time, customerId } = typed(`*${RING_GROUP}`);
    time.advance(PAUSE_MS);
    pbx.command('1001', hangup(consultOf(pbx, customerId).id));

    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER });
    expect(only(pbx, '1003')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER });
    pbx.command('1003', answer(onlyCallId(pbx, '1003')));
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('to a stopped extension: hanging up drops the customer (nobody can take the call)', () => {
    const { pbx, time, customerId } = typed('*1003', { running: ['1001', '1002'] });
    time.advance(PAUSE_MS);

    pbx.command('1001', hangup(consultOf(pbx, customerId).id));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.callsOf('1003')).toEqual([]);
  });

  it.each([
    ['while the digits are collected', '*10', false, 'customer'],
    ['while the target rings (on the consultation call)', '*1002', true, 'consult'],
    ['while the target rings (on the held call)', '*1002', true, 'customer'],
  ])('* again cancels %s: the customer is talking again', (_what, keys, dialled, on) => {
    const { pbx, time, customerId } = typed(keys);
    if (dialled) time.advance(PAUSE_MS);
    const target = on === 'consult' ? consultOf(pbx, customerId).id : customerId;

    expect(pbx.command('1001', dtmf(target, '*'))).toEqual({ ok: true });
    time.advance(PAUSE_MS * 2);

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(only(pbx, '1001')).not.toHaveProperty('collecting');
    expect(only(pbx, '1001')).not.toHaveProperty('heldAt');
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('* after the target answered also cancels and drops the target', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));

    pbx.command('1001', dtmf(consultOf(pbx, customerId).id, '*'));

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('no digits before the pause: cancelled, the customer is talking again', () => {
    const { pbx, time, customerId } = typed('*');

    time.advance(PAUSE_MS);

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(only(pbx, '1001')).not.toHaveProperty('collecting');
  });

  it('unhold while digits are collected cancels too', () => {
    const { pbx, time, customerId } = typed('*10');

    pbx.command('1001', unhold(customerId));
    time.advance(PAUSE_MS);

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
  });

  it.each<[string, string, string, string]>([
    ['# while digits are collected', '*1', '#', 'NOT_ALLOWED'],
    ['digits on the held customer while the target rings', '*1002', '5', 'BUSY'],
  ])('refuses %s and changes nothing', (_what, first, then, code) => {
    const { pbx, time, changes, customerId } = typed(first);
    if (first.length > 2) time.advance(PAUSE_MS);
    changes.length = 0;

    expect(pbx.command('1001', dtmf(customerId, then))).toMatchObject({ ok: false, code });
    expect(changes).toEqual([]);
  });

  it('refuses to dial while the target’s digits are collected (BUSY)', () => {
    const { pbx } = typed('*1');

    expect(pbx.command('1001', dial('0399998888'))).toMatchObject({ ok: false, code: 'BUSY', message: 'a transfer target is being entered' });
  });

  it('hanging up while the digits are collected drops the customer', () => {
    const { pbx, time, customerId } = typed('*10');

    pbx.command('1001', hangup(customerId));
    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('the customer hanging up while the target rings leaves 1001 with an ordinary call', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);

    pbx.remoteHangup(customerId);

    expect(only(pbx, '1001')).toMatchObject({ state: 'dialing', remoteNumber: '1002' });
    expect(only(pbx, '1001')).not.toHaveProperty('transfer');
  });
});

describe('# transfer (blind, seed 001 §10)', () => {
  it('after the pause the target rings with the customer and 1001’s leg drops at once', () => {
    const { pbx, time, customerId } = typed('#1002');
    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'held', collecting: { kind: 'hash', digits: '1002' } });

    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ direction: 'inbound', state: 'ringing', remoteNumber: CUSTOMER, businessLabel: 'チャットボット' });
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    expect(only(pbx, '1002').state).toBe('talking');
    expect(pbx.remoteHangup(onlyCallId(pbx, '1002'))).toEqual({ ok: true });
  });

  it('digits typed one by one work the same', () => {
    const { pbx, time, customerId } = typed('#');
    for (const d of '1002') pbx.command('1001', dtmf(customerId, d));

    time.advance(PAUSE_MS);

    expect(only(pbx, '1002')).toMatchObject({ remoteNumber: CUSTOMER });
  });

  it('to an outside number: 1001 is free at once', () => {
    const { pbx, time } = typed('#0311112222');

    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('to a ring group: the members ring with the customer', () => {
    const { pbx, time } = typed(`#${RING_GROUP}`);

    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER });
    expect(only(pbx, '1003')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER });
  });

  it('to a stopped extension: the customer is dropped', () => {
    const { pbx, time } = typed('#1003', { running: ['1001', '1002'] });

    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it.each([
    ['no digits', '#', ''],
    ['* cancels', '#10', '*'],
  ])('%s: the customer is talking again', (_what, keys, then) => {
    const { pbx, time, customerId } = typed(keys);
    if (then) pbx.command('1001', dtmf(customerId, then));

    time.advance(PAUSE_MS);

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('an internal caller blind-transferred to 1003 rings 1003 and then talks to it', () => {
    const { pbx, time } = setup({ running: all });
    pbx.command('1002', dial('1001'));
    const customerId = onlyCallId(pbx, '1001');
    pbx.command('1001', answer(customerId));

    pbx.command('1001', dtmf(customerId, '#1003'));
    time.advance(PAUSE_MS);
    pbx.command('1003', answer(onlyCallId(pbx, '1003')));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: '1003' });
    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: '1002' });
  });
});

describe('DTMF on ordinary calls', () => {
  it('digits on a talking call are tones: ok, nothing changes', () => {
    const { pbx, changes, customerId } = typed('123');

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(changes.filter((c) => c.extension === '1001').at(-1)?.calls[0]).toMatchObject({ state: 'talking' });
  });

  it.each<[string, (pbx: Pbx) => string]>([
    ['ringing', (pbx) => (pbx.inbound('1001', CUSTOMER), onlyCallId(pbx, '1001'))],
    ['dialing', (pbx) => (pbx.command('1001', dial(CUSTOMER)), onlyCallId(pbx, '1001'))],
    ['held', (pbx) => {
      const id = talkingInbound(pbx);
      pbx.command('1001', hold(id));
      return id;
    }],
  ])('refuses keys on a call that is %s (BUSY)', (state, arrange) => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = arrange(pbx);

    expect(pbx.command('1001', dtmf(callId, '*'))).toEqual({ ok: false, code: 'BUSY', message: `call is ${state}` });
  });

  it('refuses * and # on an attended consultation (a transfer is already in progress)', () => {
    const { pbx } = setup({ running: all });
    const customerId = talkingInbound(pbx);
    pbx.command('1001', hold(customerId));
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    const consultId = consultOf(pbx, customerId).id;

    expect(pbx.command('1001', dtmf(consultId, '5'))).toEqual({ ok: true });
    expect(pbx.command('1001', dtmf(consultId, '*'))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' });
  });
});

describe('planDtmf', () => {
  it.each<[string, DtmfMode, string, unknown]>([
    ['tones while talking', { kind: 'talking' }, '12', { ok: true, steps: [{ do: 'tone', digit: '1' }, { do: 'tone', digit: '2' }] }],
    ['* starts collecting, digits append', { kind: 'talking' }, '*12', {
      ok: true,
      steps: [{ do: 'collect', kind: 'star' }, { do: 'append', digit: '1' }, { do: 'append', digit: '2' }],
    }],
    ['# starts a blind transfer', { kind: 'talking' }, '#', { ok: true, steps: [{ do: 'collect', kind: 'hash' }] }],
    ['* while collecting cancels', { kind: 'collecting', digits: '1' }, '*', { ok: true, steps: [{ do: 'cancelCollecting' }] }],
    ['*1* starts and cancels', { kind: 'talking' }, '*1*', {
      ok: true,
      steps: [{ do: 'collect', kind: 'star' }, { do: 'append', digit: '1' }, { do: 'cancelCollecting' }],
    }],
    ['# while collecting is refused', { kind: 'collecting', digits: '' }, '1#', { ok: false, code: 'NOT_ALLOWED', message: "'#' is not part of a transfer target; '*' cancels" }],
    ['a 33rd digit is refused', { kind: 'collecting', digits: '1'.repeat(32) }, '1', { ok: false, code: 'NOT_ALLOWED', message: 'a transfer target has at most 32 digits' }],
    ['* on the star consultation cancels; the rest is ignored', { kind: 'starConsult' }, '*12', { ok: true, steps: [{ do: 'cancelStarConsult' }] }],
    ['* on the star customer cancels, then tones', { kind: 'starCustomer' }, '*5', { ok: true, steps: [{ do: 'cancelStarConsult' }, { do: 'tone', digit: '5' }] }],
    ['digits on the star customer are refused', { kind: 'starCustomer' }, '5', { ok: false, code: 'BUSY', message: 'call is held' }],
    ['tones on the attended consultation', { kind: 'attendedConsult' }, '9', { ok: true, steps: [{ do: 'tone', digit: '9' }] }],
    ['# on the attended consultation is refused', { kind: 'attendedConsult' }, '#', { ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' }],
    ['anything on a refused call is refused', { kind: 'refused', reply: { ok: false, code: 'BUSY', message: 'call is ringing' } }, '1', {
      ok: false,
      code: 'BUSY',
      message: 'call is ringing',
    }],
  ])('%s', (_what, mode, digits, expected) => {
    expect(planDtmf(mode, digits)).toEqual(expected);
  });
});

describe('transferredBy: the legs a transfer creates at the target (screen transfer, seed 001 §9)', () => {
  it('attended: the consultation ringing at 1002 is marked, and the same leg keeps it with the customer', () => {
    const { pbx, consultId, customerId } = consulting('1002');
    const targetLeg = only(pbx, '1002');
    expect(targetLeg).toMatchObject({ state: 'ringing', remoteNumber: '1001', transferredBy: '1001' });
    // The agent's own legs are not marked.
    expect(pbx.callsOf('1001').map((c) => c.transferredBy)).toEqual([undefined, undefined]);
    pbx.command('1002', answer(targetLeg.id));

    pbx.command('1001', transfer(consultId));

    expect(only(pbx, '1002')).toMatchObject({ id: targetLeg.id, state: 'talking', remoteNumber: CUSTOMER, transferredBy: '1001' });
    expect(customerId).not.toBe(targetLeg.id);
  });

  it('a call dialled with nothing on hold is no transfer: not marked', () => {
    const { pbx } = setup({ running: all, autoAnswerMs: null });
    pbx.command('1001', dial('1002'));

    expect(only(pbx, '1002')).not.toHaveProperty('transferredBy');
  });

  it('*: the target rings marked while consulting and keeps it after the hang-up completes it', () => {
    const { pbx, time, customerId } = typed('*1002');
    time.advance(PAUSE_MS);
    const targetLeg = only(pbx, '1002');
    expect(targetLeg).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER, transferredBy: '1001' });

    pbx.command('1001', hangup(consultOf(pbx, customerId).id));

    expect(only(pbx, '1002')).toMatchObject({ id: targetLeg.id, remoteNumber: CUSTOMER, transferredBy: '1001' });
    pbx.command('1002', answer(targetLeg.id));
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', transferredBy: '1001' });
  });

  it('#: the customer rings the target marked', () => {
    const { pbx, time } = typed('#1002');
    time.advance(PAUSE_MS);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: CUSTOMER, transferredBy: '1001' });
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', transferredBy: '1001' });
  });

  it('a transferred call transferred on names the latest sender, not the first', () => {
    const { pbx, time } = typed('#1002');
    time.advance(PAUSE_MS);
    const atB = onlyCallId(pbx, '1002');
    pbx.command('1002', answer(atB));

    pbx.command('1002', dtmf(atB, '#1003'));
    time.advance(PAUSE_MS);

    expect(only(pbx, '1003')).toMatchObject({ remoteNumber: CUSTOMER, transferredBy: '1002' });
  });

  it('the internal caller whose call is transferred is not marked', () => {
    const { pbx } = setup({ running: all });
    pbx.command('1002', dial('1001'));
    const customerId = onlyCallId(pbx, '1001');
    pbx.command('1001', answer(customerId));
    pbx.command('1001', hold(customerId));
    pbx.command('1001', dial('1003'));
    pbx.command('1003', answer(onlyCallId(pbx, '1003')));

    pbx.command('1001', transfer(consultOf(pbx, customerId).id));

    expect(only(pbx, '1003')).toMatchObject({ remoteNumber: '1002', transferredBy: '1001' });
    expect(only(pbx, '1002')).not.toHaveProperty('transferredBy');
  });

  it.each([
    ['attended', 'attended'],
    ['*', 'star'],
    ['#', 'hash'],
  ])('%s to a ring group: no member is marked, before or after the answer', (_what, kind) => {
    let pbx: Pbx;
    if (kind === 'attended') {
      ({ pbx } = consulting(RING_GROUP));
    } else {
      const ctx = typed(`${kind === 'star' ? '*' : '#'}${RING_GROUP}`);
      ctx.time.advance(PAUSE_MS);
      pbx = ctx.pbx;
    }
    const members = [only(pbx, '1002'), only(pbx, '1003')];
    expect(members.map((m) => m.state)).toEqual(['ringing', 'ringing']);
    for (const m of members) expect(m).not.toHaveProperty('transferredBy');

    pbx.command('1003', answer(members[1]!.id));
    if (kind !== 'hash') {
      const consult = pbx.callsOf('1001').find((c) => c.transfer)!;
      expect(pbx.command('1001', kind === 'star' ? hangup(consult.id) : transfer(consult.id))).toEqual({ ok: true });
    }

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: CUSTOMER });
    expect(only(pbx, '1003')).not.toHaveProperty('transferredBy');
  });

  it('a picked-up parked call is no transfer: not marked', () => {
    const { pbx, time } = setup({ running: all });
    const id = talkingInbound(pbx, '1001', CUSTOMER);
    pbx.command('1001', park(id));
    time.advance(PARK_DELAY_MS);
    pbx.command('1002', dial('701'));
    expect(only(pbx, '1002')).not.toHaveProperty('transferredBy');
  });
});

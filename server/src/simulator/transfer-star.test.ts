/** `*` transfer (seed 001 §10): digits collected on the customer's call, then a consultation that hanging up completes. */
import { describe, expect, it } from '@jest/globals';
import { chatFor } from './chat-transcript.js';
import { PAUSE_MS, RING_GROUP, T0, answer, dial, dtmf, hangup, only, onlyCallId, transfer, unhold } from './pbx-fixture.js';
import { CUSTOMER, consultOf, typed } from './transfer-fixture.js';

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

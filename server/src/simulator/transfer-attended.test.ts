/** Attended transfer (seed 001 §8): the call dialled while the customer is held is their consultation. */
import { describe, expect, it } from '@jest/globals';
import { RING_GROUP, T0, answer, dial, hangup, only, onlyCallId, setup, talkingInbound, transfer, unhold } from './pbx-fixture.js';
import { CUSTOMER, consulting, internalCallTransferred } from './transfer-fixture.js';

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
    const { pbx } = internalCallTransferred();

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: '1003' });
    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: '1002' });
    pbx.command('1003', hangup(onlyCallId(pbx, '1003')));
    expect(pbx.callsOf('1002')).toEqual([]);
  });
});

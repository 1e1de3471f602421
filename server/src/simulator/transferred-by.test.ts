/** `transferredBy`: the legs a transfer creates at the target are marked with the sender (screen transfer, seed 001 §9). */
import { describe, expect, it } from '@jest/globals';
import type { Pbx } from './pbx.js';
import { PARK_DELAY_MS, PAUSE_MS, RING_GROUP, answer, dial, dtmf, hangup, only, onlyCallId, park, setup, talkingInbound, transfer } from './pbx-fixture.js';
import { CUSTOMER, all, consultOf, consulting, typed, internalCallTransferred } from './transfer-fixture.js';

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
    const { pbx } = internalCallTransferred();

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

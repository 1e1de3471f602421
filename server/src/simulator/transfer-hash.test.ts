/** `#` transfer (blind, seed 001 §10): digits collected, then the customer rings the target and the agent's leg drops. */
import { describe, expect, it } from '@jest/globals';
import { PAUSE_MS, RING_GROUP, answer, dial, dtmf, only, onlyCallId, setup } from './pbx-fixture.js';
import { CUSTOMER, all, typed } from './transfer-fixture.js';

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

/** A parked call rung back to the parking phone after parkRecallSeconds, and an internal caller parked, picked up and recalled. */
import { describe, expect, it } from '@jest/globals';
import type { Pbx } from './pbx.js';
import { PARK_DELAY_MS, RECALL_MS, answer, dial, hangup, hold, lastSeen, only, onlyCallId, park, setup, talkingInbound } from './pbx-fixture.js';
import { parkedAt, parked701, parkedCall } from './park-fixture.js';

describe('Park: recall after parkRecallSeconds', () => {
  it('rings the parking phone back with the customer, not a moment earlier', () => {
    const { pbx, time } = parkedCall();

    time.advance(RECALL_MS - 1);
    expect(pbx.callsOf('1001')).toEqual([]);
    time.advance(1);

    expect(only(pbx, '1001')).toEqual({
      id: expect.any(String),
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: '0312345678',
      startedAt: parkedAt + RECALL_MS,
      businessLabel: 'サポート窓口',
      recall: { slot: '701' },
    });
    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(pbx.command('1001', answer(onlyCallId(pbx, '1001')))).toEqual({ ok: true });
    expect(only(pbx, '1001').state).toBe('talking');
  });

  it('rings back a phone whose only call is held', () => {
    const { pbx, time } = parkedCall();
    pbx.command('1001', hold(talkingInbound(pbx, '1001', '0399998888')));

    time.advance(RECALL_MS);

    expect(pbx.callsOf('1001').map((c) => [c.state, c.recall])).toEqual([
      ['held', undefined],
      ['ringing', { slot: '701' }],
    ]);
  });

  it.each<[string, (pbx: Pbx) => void]>([
    ['busy on another call', (pbx) => talkingInbound(pbx, '1001', '0399998888')],
    ['ringing with another call', (pbx) => pbx.inbound('1001', '0399998888')],
    ['stopped', (pbx) => pbx.detach('1001')],
  ])('drops the parked call when the parking phone is %s', (_what, arrange) => {
    const { pbx, time } = parkedCall();
    arrange(pbx);
    const before = pbx.callsOf('1001');

    time.advance(RECALL_MS);

    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(pbx.callsOf('1001')).toEqual(before);
    expect(pbx.command('1002', dial('701'))).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('declining the recall drops the customer', () => {
    const { pbx, time } = parkedCall();
    time.advance(RECALL_MS);

    pbx.command('1001', hangup(onlyCallId(pbx, '1001')));

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.parkedBy('1001')).toEqual([]);
  });
});

describe('Park: an internal caller', () => {
  /** 1002 calls 1001; 1001 answers and parks; the park has completed. */
  function parkedColleague() {
    const ctx = setup({ running: ['1001', '1002', '1003'] });
    ctx.pbx.command('1002', dial('1001'));
    ctx.pbx.command('1001', answer(onlyCallId(ctx.pbx, '1001')));
    ctx.pbx.command('1001', park(onlyCallId(ctx.pbx, '1001')));
    ctx.time.advance(PARK_DELAY_MS);
    return ctx;
  }

  it('waits on the slot while the caller’s own leg stays talking', () => {
    const { pbx } = parkedColleague();

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.parkedBy('1001')).toEqual([{ ...parked701, remoteNumber: '1002' }]);
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: '1001' });
  });

  it('picked up by 1003: 1002 and 1003 talk, and either hanging up ends both', () => {
    const { pbx, changes } = parkedColleague();

    pbx.command('1003', dial('701'));

    expect(only(pbx, '1003')).toMatchObject({ state: 'talking', remoteNumber: '1002' });
    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', remoteNumber: '1003' });
    pbx.command('1002', hangup(onlyCallId(pbx, '1002')));
    expect(lastSeen(changes)).toMatchObject({ '1002': [], '1003': [] });
  });

  it('the caller hanging up while parked empties the slot', () => {
    const { pbx, time } = parkedColleague();

    pbx.command('1002', hangup(onlyCallId(pbx, '1002')));

    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('the recall rings 1001 with 1002 on the line; the recall dropped drops 1002', () => {
    const { pbx, time } = parkedColleague();
    time.advance(RECALL_MS);

    expect(only(pbx, '1001')).toMatchObject({ state: 'ringing', remoteNumber: '1002', recall: { slot: '701' } });
    pbx.command('1001', answer(onlyCallId(pbx, '1001')));
    pbx.command('1001', hangup(onlyCallId(pbx, '1001')));
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('a recall that cannot ring drops the caller’s leg', () => {
    const { pbx, time } = parkedColleague();
    pbx.detach('1001');

    time.advance(RECALL_MS);

    expect(pbx.callsOf('1002')).toEqual([]);
  });
});

/** Picking a parked call up by dialling its slot, and what ends a parked call before that. */
import { describe, expect, it } from '@jest/globals';
import { dial, only, onlyCallId, park, setup, talkingInbound } from './pbx-fixture.js';
import { parkedAt, parked701, parkedCall } from './park-fixture.js';

describe('Park: picking up', () => {
  it('another extension dialling the slot talks to the customer at once', () => {
    const { pbx, time, changes } = parkedCall();
    time.advance(10_000);

    expect(pbx.command('1002', dial('701'))).toEqual({ ok: true });

    expect(only(pbx, '1002')).toEqual({
      id: expect.any(String),
      direction: 'outbound',
      state: 'talking',
      remoteNumber: '0312345678',
      startedAt: parkedAt + 10_000,
      answeredAt: parkedAt + 10_000,
      businessLabel: 'サポート窓口',
    });
    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(changes.map((c) => c.extension)).toEqual(['1001', '1002']);
    expect(time.pending()).toBe(0); // no recall any more
    expect(pbx.remoteHangup(onlyCallId(pbx, '1002'))).toEqual({ ok: true });
  });

  it('the parking extension can pick its own call up', () => {
    const { pbx } = parkedCall();

    pbx.command('1001', dial('701'));

    expect(only(pbx, '1001')).toMatchObject({ state: 'talking', remoteNumber: '0312345678' });
    expect(pbx.parkedBy('1001')).toEqual([]);
  });

  it('dialling an empty slot is NO_SUCH_CALL', () => {
    const { pbx } = parkedCall();

    expect(pbx.command('1002', dial('702'))).toEqual({ ok: false, code: 'NO_SUCH_CALL', message: 'no call is parked on 702' });
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('a slot still being parked on cannot be picked up yet', () => {
    const { pbx } = setup();
    pbx.command('1001', park(talkingInbound(pbx)));

    expect(pbx.command('1002', dial('701'))).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('a busy extension cannot pick up (BUSY)', () => {
    const { pbx } = parkedCall();
    talkingInbound(pbx, '1002', '0399998888');

    expect(pbx.command('1002', dial('701'))).toMatchObject({ ok: false, code: 'BUSY' });
    expect(pbx.parkedBy('1001')).toHaveLength(1);
  });

  it('the parked customer hanging up empties the slot', () => {
    const { pbx, time } = parkedCall();

    expect(pbx.remoteHangupParked('701')).toEqual({ ok: true });
    expect(pbx.remoteHangupParked('701')).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });

    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('a parked call outlives the parking softphone stopping and starting', () => {
    const { pbx, changes } = parkedCall();

    pbx.detach('1001');
    pbx.attach('1001');

    expect(changes.at(-1)).toEqual({ extension: '1001', calls: [], parked: [parked701] });
  });
});

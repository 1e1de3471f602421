import { describe, expect, it } from '@jest/globals';
import { RING_GROUP, T0, answer, dial, hangup, hold, only, onlyCallId, setup, talkingInbound } from './pbx-fixture.js';

describe('Ring groups', () => {
  const all = ['1001', '1002', '1003'];

  it('an inbound call to the group rings every running member that is not busy', () => {
    const { pbx, changes } = setup({ running: all });
    talkingInbound(pbx, '1003', '0399998888'); // 1003 is busy
    changes.length = 0;

    const reply = pbx.inbound(RING_GROUP, '0312345678', 'サポート窓口');

    expect(reply).toEqual({ ok: true, callId: onlyCallId(pbx, '1001') });
    for (const ext of ['1001', '1002']) {
      expect(only(pbx, ext)).toMatchObject({ direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', businessLabel: 'サポート窓口' });
    }
    expect(pbx.callsOf('1003')).toHaveLength(1);
    expect(changes.map((c) => c.extension)).toEqual(['1001', '1002']);
  });

  it('skips members whose softphone is stopped', () => {
    const { pbx } = setup({ running: ['1002'] });

    pbx.inbound(RING_GROUP, '0312345678');

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002').state).toBe('ringing');
  });

  it('a member with only a held call can still ring', () => {
    const { pbx } = setup({ running: ['1001'] });
    pbx.command('1001', hold(talkingInbound(pbx, '1001', '0399998888')));

    pbx.inbound(RING_GROUP, '0312345678');

    expect(pbx.callsOf('1001').map((c) => c.state)).toEqual(['held', 'ringing']);
  });

  it('the first member to answer gets the call; the others stop ringing', () => {
    const { pbx, time, changes } = setup({ running: all });
    pbx.inbound(RING_GROUP, '0312345678');
    time.advance(2_000);
    changes.length = 0;

    expect(pbx.command('1002', answer(onlyCallId(pbx, '1002')))).toEqual({ ok: true });

    expect(only(pbx, '1002')).toMatchObject({ state: 'talking', answeredAt: T0 + 2_000, remoteNumber: '0312345678' });
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.callsOf('1003')).toEqual([]);
    expect(changes.map((c) => c.extension)).toEqual(['1001', '1002', '1003']);
    // The call is an ordinary external call now: the caller can hang it up.
    expect(pbx.remoteHangup(onlyCallId(pbx, '1002'))).toEqual({ ok: true });
    expect(pbx.callsOf('1002')).toEqual([]);
  });

  it('the caller giving up stops every member ringing', () => {
    const { pbx } = setup({ running: all });
    const reply = pbx.inbound(RING_GROUP, '0312345678');

    expect(pbx.remoteHangup(reply.ok ? reply.callId : '')).toEqual({ ok: true });

    for (const ext of all) expect(pbx.callsOf(ext)).toEqual([]);
  });

  it('one member declining leaves the others ringing; the last one declining ends the call', () => {
    const { pbx } = setup({ running: all });
    pbx.inbound(RING_GROUP, '0312345678');

    pbx.command('1001', hangup(onlyCallId(pbx, '1001')));
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(only(pbx, '1002').state).toBe('ringing');
    expect(only(pbx, '1003').state).toBe('ringing');

    pbx.command('1002', hangup(onlyCallId(pbx, '1002')));
    pbx.command('1003', hangup(onlyCallId(pbx, '1003')));
    for (const ext of all) expect(pbx.callsOf(ext)).toEqual([]);
  });

  it('an agent dialling the group rings the other members with its extension; the first answer connects', () => {
    const { pbx, time } = setup({ running: all });

    pbx.command('1001', dial(RING_GROUP, '0312345000'));

    expect(only(pbx, '1001')).toMatchObject({ direction: 'outbound', state: 'dialing', remoteNumber: RING_GROUP });
    expect(only(pbx, '1002')).toMatchObject({ state: 'ringing', remoteNumber: '1001' });
    expect(only(pbx, '1003')).toMatchObject({ state: 'ringing', remoteNumber: '1001' });
    expect(time.pending()).toBe(0); // the group is not auto-answered like an outside number
    time.advance(1_000);

    pbx.command('1003', answer(onlyCallId(pbx, '1003')));

    expect(only(pbx, '1001')).toMatchObject({ state: 'talking', answeredAt: T0 + 1_000 });
    expect(pbx.callsOf('1002')).toEqual([]);
    pbx.command('1001', hangup(onlyCallId(pbx, '1001')));
    expect(pbx.callsOf('1003')).toEqual([]);
  });

  it('the dialling agent hanging up stops every member ringing', () => {
    const { pbx } = setup({ running: all });
    pbx.command('1001', dial(RING_GROUP));

    pbx.command('1001', hangup(onlyCallId(pbx, '1001')));

    for (const ext of all) expect(pbx.callsOf(ext)).toEqual([]);
  });

  it('when no member can ring, an agent’s call stays dialing until hung up', () => {
    const { pbx, time } = setup({ running: ['1001'] });

    expect(pbx.command('1001', dial(RING_GROUP))).toEqual({ ok: true });
    time.advance(60_000);

    expect(only(pbx, '1001')).toMatchObject({ state: 'dialing', remoteNumber: RING_GROUP });
    expect(pbx.remoteAnswer(onlyCallId(pbx, '1001'))).toMatchObject({ ok: false, code: 'NO_SUCH_CALL' });
    expect(pbx.command('1001', hangup(onlyCallId(pbx, '1001')))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('refuses an inbound call to the group when no member can ring (BUSY)', () => {
    const { pbx, changes } = setup({ running: ['1001'] });
    talkingInbound(pbx, '1001', '0399998888');
    changes.length = 0;

    expect(pbx.inbound(RING_GROUP, '0312345678')).toEqual({ ok: false, code: 'BUSY', message: `no member of ring group ${RING_GROUP} can take a call` });
    expect(changes).toEqual([]);
  });

  it('a member’s softphone stopping leaves the others ringing', () => {
    const { pbx } = setup({ running: all });
    pbx.inbound(RING_GROUP, '0312345678');

    pbx.detach('1001');

    expect(only(pbx, '1002').state).toBe('ringing');
    expect(only(pbx, '1003').state).toBe('ringing');
  });
});

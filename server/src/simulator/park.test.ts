/** Parking a call (seed 001 §7): the parking delay, slot choice, refusals, and hanging up while parking. */
import { describe, expect, it } from '@jest/globals';
import type { Pbx } from './pbx.js';
import { PARK_DELAY_MS, RECALL_MS, dial, hangup, hold, only, onlyCallId, park, setup, talkingInbound } from './pbx-fixture.js';
import { parked701 } from './park-fixture.js';

describe('Park: parking a call', () => {
  it('the leg is parking for the park delay, then drops and the call waits on the lowest free slot', () => {
    const { pbx, time, changes } = setup();
    const callId = talkingInbound(pbx);
    changes.length = 0;

    expect(pbx.command('1001', park(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).toMatchObject({ id: callId, state: 'parking' });
    expect(pbx.parkedBy('1001')).toEqual([]);
    time.advance(PARK_DELAY_MS - 1);
    expect(only(pbx, '1001').state).toBe('parking');

    time.advance(1);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.parkedBy('1001')).toEqual([parked701]);
    expect(changes).toEqual([
      { extension: '1001', calls: [expect.objectContaining({ state: 'parking' })], parked: [] },
      { extension: '1001', calls: [], parked: [parked701] },
    ]);
  });

  it('a held call can be parked too, and its hold time ends', () => {
    const { pbx } = setup();
    const callId = talkingInbound(pbx);
    pbx.command('1001', hold(callId));

    expect(pbx.command('1001', park(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).not.toHaveProperty('heldAt');
  });

  it.each([
    ['702 while 701 is taken', 1, '702'],
    ['703 while 701 and 702 are taken', 2, '703'],
  ])('takes %s', (_what, before, slot) => {
    const { pbx, time } = setup({ running: ['1001', '1002', '1003'] });
    const exts = ['1002', '1003'];
    for (let i = 0; i < before; i++) {
      pbx.command(exts[i]!, park(talkingInbound(pbx, exts[i], `031111000${i}`)));
    }
    time.advance(PARK_DELAY_MS);

    pbx.command('1001', park(talkingInbound(pbx)));
    time.advance(PARK_DELAY_MS);

    expect(pbx.parkedBy('1001').map((p) => p.slot)).toEqual([slot]);
  });

  it('a slot being parked on is not given to a second call at the same time', () => {
    const { pbx, time } = setup();
    pbx.command('1001', park(talkingInbound(pbx, '1001', '0311110001')));
    pbx.command('1002', park(talkingInbound(pbx, '1002', '0311110002')));
    time.advance(PARK_DELAY_MS);

    expect(pbx.parkedBy('1001').map((p) => p.slot)).toEqual(['701']);
    expect(pbx.parkedBy('1002').map((p) => p.slot)).toEqual(['702']);
  });

  it('refuses when every slot is taken (NOT_ALLOWED) and nothing changes', () => {
    const { pbx, time, changes } = setup({ parkSlots: { first: 701, last: 701 } });
    pbx.command('1002', park(talkingInbound(pbx, '1002', '0311110002')));
    time.advance(PARK_DELAY_MS);
    const callId = talkingInbound(pbx);
    changes.length = 0;

    expect(pbx.command('1001', park(callId))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'no free park slot' });
    expect(only(pbx, '1001').state).toBe('talking');
    expect(changes).toEqual([]);
    expect(time.pending()).toBe(1); // only 701's recall
  });

  it.each<[string, (pbx: Pbx) => string, string]>([
    ['ringing', (pbx) => (pbx.inbound('1001', '0312345678'), onlyCallId(pbx, '1001')), 'BUSY'],
    ['dialing', (pbx) => (pbx.command('1001', dial('0312345678')), onlyCallId(pbx, '1001')), 'BUSY'],
    [
      'already parking',
      (pbx) => {
        const id = talkingInbound(pbx);
        pbx.command('1001', park(id));
        return id;
      },
      'BUSY',
    ],
  ])('refuses to park a call that is %s', (_what, arrange, code) => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = arrange(pbx);

    expect(pbx.command('1001', park(callId))).toMatchObject({ ok: false, code });
  });

  it('hanging up while parking drops the customer: no park happens (seed 001 §7 warning)', () => {
    const { pbx, time } = setup();
    const callId = talkingInbound(pbx);
    pbx.command('1001', park(callId));

    expect(pbx.command('1001', hangup(callId))).toEqual({ ok: true });
    time.advance(RECALL_MS * 2);

    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
    // The slot is free again.
    pbx.command('1001', park(talkingInbound(pbx)));
    time.advance(PARK_DELAY_MS);
    expect(pbx.parkedBy('1001').map((p) => p.slot)).toEqual(['701']);
  });

  it('the customer hanging up while parking ends the call', () => {
    const { pbx, time } = setup();
    const callId = talkingInbound(pbx);
    pbx.command('1001', park(callId));

    expect(pbx.remoteHangup(callId)).toEqual({ ok: true });
    time.advance(PARK_DELAY_MS);

    expect(pbx.parkedBy('1001')).toEqual([]);
    expect(time.pending()).toBe(0);
  });

  it('refuses when the tenant has no park slots (NOT_ALLOWED)', () => {
    const { pbx } = setup({ parkSlots: null });
    const callId = talkingInbound(pbx);

    expect(pbx.command('1001', park(callId))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'no park slots configured' });
    expect(only(pbx, '1001').state).toBe('talking');
  });
});

describe('Park: while a transfer is under way', () => {
  it('refuses to park the held customer or the consultation call (NOT_ALLOWED)', () => {
    const { pbx, time } = setup({ autoAnswerMs: 0 });
    const customer = talkingInbound(pbx);
    pbx.command('1001', hold(customer));
    pbx.command('1001', dial('0311112222'));
    time.advance(0);
    const consult = pbx.callsOf('1001').find((c) => c.id !== customer)!.id;

    for (const id of [customer, consult]) {
      expect(pbx.command('1001', park(id))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'finish or cancel the transfer first' });
    }
  });
});

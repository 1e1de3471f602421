import { describe, expect, it } from '@jest/globals';
import type { ParkedCall } from '@biztel/protocol';
import type { Pbx } from './pbx.js';
import {
  PARK_DELAY_MS,
  RECALL_MS,
  T0,
  answer,
  dial,
  hangup,
  hold,
  lastSeen,
  only,
  onlyCallId,
  park,
  setup,
  talkingInbound,
} from './pbx-fixture.js';

const parkedAt = T0 + PARK_DELAY_MS;
const parked701: ParkedCall = { slot: '701', remoteNumber: '0312345678', parkedAt, recallAt: parkedAt + RECALL_MS };

/** 1001 answers a call from 0312345678 and parks it; the park has completed. */
function parkedCall(options: Parameters<typeof setup>[0] = {}) {
  const ctx = setup({ running: ['1001', '1002', '1003'], ...options });
  const callId = talkingInbound(ctx.pbx, '1001', '0312345678', 'サポート窓口');
  ctx.pbx.command('1001', park(callId));
  ctx.time.advance(PARK_DELAY_MS);
  ctx.changes.length = 0;
  return { ...ctx, callId };
}

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
      pbx.command(exts[i]!, park(talkingInbound(pbx, exts[i]!, `031111000${i}`)));
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
    ['already parking', (pbx) => {
      const id = talkingInbound(pbx);
      pbx.command('1001', park(id));
      return id;
    }, 'BUSY'],
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

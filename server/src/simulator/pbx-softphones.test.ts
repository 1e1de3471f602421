/** Pbx lifecycle and bookkeeping: softphones starting and stopping, dispose, call IDs, change notifications. */
import { describe, expect, it } from '@jest/globals';
import { answer, dial, hold, lastSeen, onlyCallId, setup, talkingInbound } from './pbx-fixture.js';

describe('Pbx: softphones starting and stopping', () => {
  it('attach tells the softphone its (empty) call list', () => {
    const { pbx, changes } = setup({ running: [] });

    pbx.attach('1003');

    expect(pbx.isRunning('1003')).toBe(true);
    expect(changes).toEqual([{ extension: '1003', calls: [], parked: [] }]);
  });

  it('detach drops the stopped softphone’s calls and the internal peer’s leg', () => {
    const { pbx, changes } = setup();
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    changes.length = 0;

    pbx.detach('1002');

    expect(pbx.isRunning('1002')).toBe(false);
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(lastSeen(changes)).toEqual({ '1001': [] }); // a stopped softphone is not told anything
  });

  it('detach drops external calls and cancels their timers', () => {
    const { pbx, time } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));

    pbx.detach('1001');

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')).toEqual([]);
  });

  it('detach leaves other extensions’ calls alone', () => {
    const { pbx } = setup();
    pbx.inbound('1001', '0312345678');
    pbx.inbound('1002', '0398765432');

    pbx.detach('1001');

    expect(pbx.callsOf('1002')).toEqual([expect.objectContaining({ remoteNumber: '0398765432' })]);
  });

  it('view lists every configured extension with its state', () => {
    const { pbx } = setup({ running: ['1001'] });
    pbx.inbound('1001', '0312345678');

    expect(pbx.view()).toEqual([
      { extension: '1001', running: true, calls: pbx.callsOf('1001'), parked: [] },
      { extension: '1002', running: false, calls: [], parked: [] },
      { extension: '1003', running: false, calls: [], parked: [] },
    ]);
  });
});

describe('Pbx: dispose', () => {
  it('cancels pending timers and forgets all calls', () => {
    const { pbx, time, changes } = setup({ autoAnswerMs: 3000 });
    pbx.command('1001', dial('09012345678'));
    pbx.inbound('1002', '0312345678');
    const changesBefore = changes.length;

    pbx.dispose();
    time.advance(10_000);

    expect(time.pending()).toBe(0);
    expect(pbx.callsOf('1001')).toEqual([]);
    expect(pbx.callsOf('1002')).toEqual([]);
    expect(changes).toHaveLength(changesBefore);
  });
});

describe('Pbx: call IDs', () => {
  it('gives every call a distinct ID even at the same instant', () => {
    const { pbx } = setup({ running: ['1001', '1002', '1003'] });

    const ids = ['1001', '1002', '1003', '1001'].map((to) => {
      const r = pbx.inbound(to, '0312345678');
      return r.ok ? r.callId : '';
    });

    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_.:-]{1,64}$/); // valid protocol call IDs
  });
});

describe('Pbx: change notifications', () => {
  it('tells each affected softphone exactly once per change and leaves the others alone', () => {
    const { pbx, changes } = setup({ running: ['1001', '1002', '1003'] });
    const callId = talkingInbound(pbx);
    changes.length = 0;

    pbx.command('1001', hold(callId));

    expect(changes.map((c) => c.extension)).toEqual(['1001']);
  });

  it('a command that changes nothing tells nobody', () => {
    const { pbx, changes } = setup();
    talkingInbound(pbx);
    changes.length = 0;

    pbx.command('1001', dial('0312345678'));

    expect(changes).toEqual([]);
  });
});

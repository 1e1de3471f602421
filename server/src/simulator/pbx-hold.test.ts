/** Pbx hold and unhold, and the commands refused on calls that cannot be held. */
import { describe, expect, it } from '@jest/globals';
import type { Pbx } from './pbx.js';
import { T0, answer, dial, hold, only, onlyCallId, park, setup, talkingInbound, unhold } from './pbx-fixture.js';

describe('Pbx: hold', () => {
  it('hold makes a talking call held at now; unhold makes it talking again without heldAt', () => {
    const { pbx, time, changes } = setup();
    const callId = talkingInbound(pbx);
    time.advance(5_000);

    expect(pbx.command('1001', hold(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).toMatchObject({ state: 'held', heldAt: T0 + 5_000 });
    expect(changes.at(-1)?.calls[0]).toMatchObject({ state: 'held', heldAt: T0 + 5_000 });
    time.advance(7_000);

    expect(pbx.command('1001', unhold(callId))).toEqual({ ok: true });
    expect(only(pbx, '1001')).toMatchObject({ state: 'talking', answeredAt: T0 });
    expect(only(pbx, '1001')).not.toHaveProperty('heldAt');
  });

  it('the internal peer of a held call sees nothing special', () => {
    const { pbx } = setup();
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    const before = only(pbx, '1002');

    pbx.command('1001', hold(onlyCallId(pbx, '1001')));

    expect(only(pbx, '1001').state).toBe('held');
    expect(only(pbx, '1002')).toEqual(before);
  });

  it.each<[string, (pbx: Pbx) => string]>([
    ['ringing', (pbx) => (pbx.inbound('1001', '0312345678'), onlyCallId(pbx, '1001'))],
    ['dialing', (pbx) => (pbx.command('1001', dial('0312345678')), onlyCallId(pbx, '1001'))],
    [
      'held',
      (pbx) => {
        const id = talkingInbound(pbx);
        pbx.command('1001', hold(id));
        return id;
      },
    ],
    [
      'parking',
      (pbx) => {
        const id = talkingInbound(pbx);
        pbx.command('1001', park(id));
        return id;
      },
    ],
  ])('refuses to hold a call that is %s (BUSY with a message)', (state, arrange) => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = arrange(pbx);

    expect(pbx.command('1001', hold(callId))).toEqual({ ok: false, code: 'BUSY', message: `cannot hold a call that is ${state}` });
    expect(only(pbx, '1001').state).toBe(state);
  });

  it('refuses to unhold a call that is not held', () => {
    const { pbx } = setup();
    const callId = talkingInbound(pbx);

    expect(pbx.command('1001', unhold(callId))).toEqual({ ok: false, code: 'BUSY', message: 'call is talking' });
  });

  it.each([
    ['hold', hold],
    ['unhold', unhold],
    ['park', park],
  ])('%s of an unknown call is NO_SUCH_CALL', (_what, make) => {
    const { pbx } = setup();

    expect(pbx.command('1001', make('nope'))).toEqual({ ok: false, code: 'NO_SUCH_CALL' });
  });

  it('dialling is allowed while the only other call is held', () => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = talkingInbound(pbx);
    pbx.command('1001', hold(callId));

    expect(pbx.command('1001', dial('0311112222'))).toEqual({ ok: true });
    expect(pbx.callsOf('1001')).toHaveLength(2);
  });
});

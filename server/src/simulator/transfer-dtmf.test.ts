/** DTMF keys on calls that are not a `*`/`#` transfer in progress, and `planDtmf`, which turns keys into steps. */
import { describe, expect, it } from '@jest/globals';
import type { Pbx } from './pbx.js';
import { answer, dial, dtmf, hold, only, onlyCallId, setup, talkingInbound } from './pbx-fixture.js';
import { CUSTOMER, all, consultOf, typed } from './transfer-fixture.js';
import { planDtmf, type DtmfMode } from './transfer.js';

describe('DTMF on ordinary calls', () => {
  it('digits on a talking call are tones: ok, nothing changes', () => {
    const { pbx, changes, customerId } = typed('123');

    expect(only(pbx, '1001')).toMatchObject({ id: customerId, state: 'talking' });
    expect(changes.filter((c) => c.extension === '1001').at(-1)?.calls[0]).toMatchObject({ state: 'talking' });
  });

  it.each<[string, (pbx: Pbx) => string]>([
    ['ringing', (pbx) => (pbx.inbound('1001', CUSTOMER), onlyCallId(pbx, '1001'))],
    ['dialing', (pbx) => (pbx.command('1001', dial(CUSTOMER)), onlyCallId(pbx, '1001'))],
    [
      'held',
      (pbx) => {
        const id = talkingInbound(pbx);
        pbx.command('1001', hold(id));
        return id;
      },
    ],
  ])('refuses keys on a call that is %s (BUSY)', (state, arrange) => {
    const { pbx } = setup({ autoAnswerMs: null });
    const callId = arrange(pbx);

    expect(pbx.command('1001', dtmf(callId, '*'))).toEqual({ ok: false, code: 'BUSY', message: `call is ${state}` });
  });

  it('refuses * and # on an attended consultation (a transfer is already in progress)', () => {
    const { pbx } = setup({ running: all });
    const customerId = talkingInbound(pbx);
    pbx.command('1001', hold(customerId));
    pbx.command('1001', dial('1002'));
    pbx.command('1002', answer(onlyCallId(pbx, '1002')));
    const consultId = consultOf(pbx, customerId).id;

    expect(pbx.command('1001', dtmf(consultId, '5'))).toEqual({ ok: true });
    expect(pbx.command('1001', dtmf(consultId, '*'))).toEqual({ ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' });
  });
});

describe('planDtmf', () => {
  it.each<[string, DtmfMode, string, unknown]>([
    [
      'tones while talking',
      { kind: 'talking' },
      '12',
      {
        ok: true,
        steps: [
          { do: 'tone', digit: '1' },
          { do: 'tone', digit: '2' },
        ],
      },
    ],
    [
      '* starts collecting, digits append',
      { kind: 'talking' },
      '*12',
      {
        ok: true,
        steps: [
          { do: 'collect', kind: 'star' },
          { do: 'append', digit: '1' },
          { do: 'append', digit: '2' },
        ],
      },
    ],
    ['# starts a blind transfer', { kind: 'talking' }, '#', { ok: true, steps: [{ do: 'collect', kind: 'hash' }] }],
    ['* while collecting cancels', { kind: 'collecting', digits: '1' }, '*', { ok: true, steps: [{ do: 'cancelCollecting' }] }],
    [
      '*1* starts and cancels',
      { kind: 'talking' },
      '*1*',
      {
        ok: true,
        steps: [{ do: 'collect', kind: 'star' }, { do: 'append', digit: '1' }, { do: 'cancelCollecting' }],
      },
    ],
    [
      '# while collecting is refused',
      { kind: 'collecting', digits: '' },
      '1#',
      { ok: false, code: 'NOT_ALLOWED', message: "'#' is not part of a transfer target; '*' cancels" },
    ],
    [
      'a 33rd digit is refused',
      { kind: 'collecting', digits: '1'.repeat(32) },
      '1',
      { ok: false, code: 'NOT_ALLOWED', message: 'a transfer target has at most 32 digits' },
    ],
    ['* on the star consultation cancels; the rest is ignored', { kind: 'starConsult' }, '*12', { ok: true, steps: [{ do: 'cancelStarConsult' }] }],
    [
      '* on the star customer cancels, then tones',
      { kind: 'starCustomer' },
      '*5',
      { ok: true, steps: [{ do: 'cancelStarConsult' }, { do: 'tone', digit: '5' }] },
    ],
    ['digits on the star customer are refused', { kind: 'starCustomer' }, '5', { ok: false, code: 'BUSY', message: 'call is held' }],
    ['tones on the attended consultation', { kind: 'attendedConsult' }, '9', { ok: true, steps: [{ do: 'tone', digit: '9' }] }],
    [
      '# on the attended consultation is refused',
      { kind: 'attendedConsult' },
      '#',
      { ok: false, code: 'NOT_ALLOWED', message: 'a transfer is already in progress' },
    ],
    [
      'anything on a refused call is refused',
      { kind: 'refused', reply: { ok: false, code: 'BUSY', message: 'call is ringing' } },
      '1',
      {
        ok: false,
        code: 'BUSY',
        message: 'call is ringing',
      },
    ],
  ])('%s', (_what, mode, digits, expected) => {
    expect(planDtmf(mode, digits)).toEqual(expected);
  });
});

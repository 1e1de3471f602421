/** What a Pbx leg carries about the other party: caller ID, anonymous callers, chatbot IVR transcripts. */
import { describe, expect, it } from '@jest/globals';
import { chatFor } from './chat-transcript.js';
import { T0, dial, only, setup } from './pbx-fixture.js';

describe('Pbx: caller ID and anonymous callers', () => {
  it('records the caller ID chosen for an outbound call on the leg', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('09012345678', '0312345001'));

    expect(only(pbx, '1001')).toMatchObject({ direction: 'outbound', remoteNumber: '09012345678', callerIdNumber: '0312345001' });
  });

  it('has no callerIdNumber when none was sent', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('09012345678'));

    expect(only(pbx, '1001')).not.toHaveProperty('callerIdNumber');
  });

  it('an internal callee sees the caller’s extension, not the presented caller ID', () => {
    const { pbx } = setup();

    pbx.command('1001', dial('1002', '0312345001'));

    expect(only(pbx, '1002')).toMatchObject({ remoteNumber: '1001' });
    expect(only(pbx, '1002')).not.toHaveProperty('callerIdNumber');
  });

  it.each([
    ['', 'anonymous'],
    ['anonymous', 'anonymous'],
    ['Anonymous', 'Anonymous'],
  ])('an inbound call from %j shows %j', (from, shown) => {
    const { pbx } = setup();

    pbx.inbound('1001', from);

    expect(only(pbx, '1001').remoteNumber).toBe(shown);
  });
});

describe('Pbx: chatbot IVR calls', () => {
  it.each([
    ['a transcript', chatFor('ok', T0)],
    ['a connect error', { status: 'error', error: 'connect' } as const],
    ['a fetch error', { status: 'error', error: 'fetch' } as const],
    ['a server error', { status: 'error', error: 'server' } as const],
  ])('an inbound call carries %s', (_what, chat) => {
    const { pbx } = setup();

    pbx.inbound('1001', '09012345678', 'チャットボット', chat);

    expect(only(pbx, '1001')).toMatchObject({ businessLabel: 'チャットボット', chat });
  });

  it('a normal call has no chat', () => {
    const { pbx } = setup();

    pbx.inbound('1001', '09012345678');

    expect(only(pbx, '1001')).not.toHaveProperty('chat');
  });
});

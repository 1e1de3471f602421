import { describe, expect, it } from '@jest/globals';
import type { Call } from '@biztel/protocol';
import { callEvents, expandTemplate, isRelativeUrl, readPopupRules, type PopupEvent } from './popup-rules.js';

const base: Call = { id: 'c1', direction: 'inbound', state: 'ringing', remoteNumber: '0312345678', startedAt: 1 };
const answered = { ...base, state: 'talking' as const, answeredAt: 5 };
const out: Call = { ...base, direction: 'outbound', state: 'dialing' };
const consult: Call = { ...out, id: 'c2', transfer: { kind: 'attended', of: 'c1' } };

describe('callEvents (the BIZTEL call events of a transition)', () => {
  it.each<[string, Call | undefined, Call | undefined, boolean, PopupEvent[]]>([
    ['a call starts ringing in', undefined, base, false, ['incoming']],
    ['it is answered', base, answered, false, ['incomingAnswered']],
    ['an answered inbound call ends', answered, undefined, false, ['incomingAnsweredHangup']],
    ['an unanswered inbound call ends', base, undefined, false, ['incomingHangup']],
    ['an answered call seen first (missed ring)', undefined, answered, false, ['incoming', 'incomingAnswered']],
    ['a call is dialled', undefined, out, false, ['outgoing']],
    ['the callee answers', out, { ...out, state: 'talking', answeredAt: 9 }, false, ['outgoingAnswered']],
    ['an answered outbound call ends', { ...out, answeredAt: 9 }, undefined, false, ['outgoingAnsweredHangup']],
    ['an unanswered outbound call ends', out, undefined, false, ['outgoingHangup']],
    ['a transfer target is dialled', undefined, consult, false, ['transferOutgoing']],
    ['the target answers', consult, { ...consult, state: 'talking', answeredAt: 9 }, false, ['transferAnswered']],
    ['the transfer completes', { ...consult, answeredAt: 9 }, undefined, true, ['transferCompleted']],
    ['the answered target is hung up', { ...consult, answeredAt: 9 }, undefined, false, ['transferAnsweredHangup']],
    ['the unanswered target is hung up', consult, undefined, false, ['transferHangup']],
    ['nothing changes', answered, answered, false, []],
  ])('%s', (_what, before, after, customerGone, expected) => {
    expect(callEvents(before, after, customerGone)).toEqual(expected);
  });
});

describe('readPopupRules', () => {
  it('reads enabled rules with their method and refuses unsafe templates', () => {
    const { rules, invalid } = readPopupRules({
      '/biztelPopup/incoming': '/lightning/o/Case/new?defaultFieldValues=SuppliedPhone={TEL}',
      '/biztelPopup/incomingAnswered': 'https://crm.example.com/answered?tel={TEL}',
      '/biztelPopup/incomingAnsweredMethod': 'post',
      '/biztelPopup/outgoing': '',
      '/biztelPopup/outgoingAnswered': 'javascript:alert(1)',
      '/biztelPopup/transferCompleted': '//evil.example.com/x',
      '/biztelPopup/incomingHangup': '/\\evil.example/pop?tel={TEL}',
      '/biztelPopup/unknownEvent': '/x',
    });
    expect(rules).toEqual([
      { event: 'incoming', template: '/lightning/o/Case/new?defaultFieldValues=SuppliedPhone={TEL}', method: 'GET' },
      { event: 'incomingAnswered', template: 'https://crm.example.com/answered?tel={TEL}', method: 'POST' },
    ]);
    expect(invalid.sort()).toEqual(['incomingHangup', 'outgoingAnswered', 'transferCompleted']);
  });

  it('reads GET or an empty method as GET, and refuses a rule whose method is anything else (a typo would silently GET)', () => {
    const { rules, invalid } = readPopupRules({
      '/biztelPopup/incoming': '/a',
      '/biztelPopup/incomingMethod': ' get ',
      '/biztelPopup/outgoing': '/b',
      '/biztelPopup/outgoingMethod': '',
      '/biztelPopup/transferOutgoing': '/c',
      '/biztelPopup/transferOutgoingMethod': 'PSOT',
      '/biztelPopup/transferHangupMethod': 'PUT', // no template: the rule is off, its method unread
      '/biztelPopup/incomingHangup': '/lightning/o/Case/new',
      '/biztelPopup/incomingHangupMethod': 'POST', // a pop-up inside Lightning cannot be posted
    });

    expect(rules.map((r) => [r.event, r.method])).toEqual([
      ['incoming', 'GET'],
      ['outgoing', 'GET'],
    ]);
    expect(invalid.sort()).toEqual(['incomingHangup', 'transferOutgoing']);
  });
});

describe('expandTemplate', () => {
  const values = {
    tel: '+81 3-1234-5678',
    called: '0312345000',
    id: 'c1',
    at: Date.UTC(2025, 3, 1, 0, 5, 9),
    utcOffsetMinutes: 9 * 60,
    account: 'agent01',
    serverAddress: 'events.example.com',
    extension: '1001',
  };

  it('fills every variable of the manual, URL-encoded (DATA_ for minutes and seconds, sic)', () => {
    expect(expandTemplate('/x?t={TEL}&c={CALLED}&i={ID}&d={DATE_YYYY}{DATE_MM}{DATE_DD}{DATE_HH}{DATA_II}{DATA_SS}&a={AID}&s={SVADDR}&e={EXT}', values)).toBe(
      '/x?t=%2B81%203-1234-5678&c=0312345000&i=c1&d=20250401090509&a=agent01&s=events.example.com&e=1001',
    );
  });

  it('leaves {ID} empty on 発信 and unknown placeholders as written', () => {
    expect(expandTemplate('/x?i={ID}&z={NOPE}', { ...values, id: undefined })).toBe('/x?i=&z={NOPE}');
  });

  it('cannot be turned into another URL by the values it fills in', () => {
    expect(expandTemplate('/x?t={TEL}', { ...values, tel: '0312345678&next=//evil' })).toBe('/x?t=0312345678%26next%3D%2F%2Fevil');
    expect(isRelativeUrl('/lightning/r/Contact/003/view')).toBe(true);
    expect(isRelativeUrl('//evil.example.com')).toBe(false);
    // Slash-led, yet browsers resolve each to another host (adversarial review, issue 14 §8).
    for (const offHost of ['/\\evil.example/pop?tel=03', '/\t/evil.example/pop', '/\n/evil.example', '\\\\evil.example']) {
      expect([offHost, isRelativeUrl(offHost)]).toEqual([offHost, false]);
    }
    expect(isRelativeUrl('https://crm.example.com')).toBe(false);
  });
});

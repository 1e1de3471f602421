/**
 * The host's own calls (`opencti-host.ts`): notifying and publishing, search and screen pops, the
 * utility item. The Promise wrapper, the settings and the listeners have their own test files.
 */
import { describe, expect, it } from '@jest/globals';
import type { CallStateMessage } from '../core/call-state-message.js';
import { CALL_STATE_CHANNEL, createOpenCtiHost } from './opencti-host.js';
import { ACCOUNT, CONTACT, containerNotReady, fail, hostErrorOf, noSleep, ok, scriptedOpenCti } from './test-helpers.js';

describe('createOpenCtiHost: notifying and publishing', () => {
  it('publishCallState publishes the message on the BiztelCallState__c channel', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    const message: CallStateMessage = { v: 1, state: 'talking', direction: 'inbound', number: '0312345678', callId: 'c1', answeredAt: 1_717_000_000_000 };

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).publishCallState(message);

    expect(calls).toEqual([{ method: 'publish', arg: { channelName: CALL_STATE_CHANNEL, message } }]);
    expect(calls[0]?.arg['channelName']).toBe('BiztelCallState__c');
  });

  it('showPanel asks for the panel to be visible', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).showPanel();

    expect(calls).toEqual([{ method: 'setSoftphonePanelVisibility', arg: { visible: true } }]);
  });

  it('notifyReady calls notifyInitializationComplete and retries while the container is not ready', async () => {
    const { opencti, calls } = scriptedOpenCti({ notifyInitializationComplete: [containerNotReady, ok()] });

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).notifyReady();

    expect(calls.map((c) => c.method)).toEqual(['notifyInitializationComplete', 'notifyInitializationComplete']);
  });

  it('a failed publish rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ publish: [fail({ code: 'INVALID_PARAM', description: 'bad channel' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).publishCallState({ v: 1, state: 'idle' }));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'INVALID_PARAM', description: 'bad channel' }] });
  });
});

describe('createOpenCtiHost: searchAndPop', () => {
  const match = (Id: string, Name: unknown, RecordType: unknown = 'Contact') => ({ Id, Name, RecordType, LastModifiedDate: '2025-04-01T00:00:00.000Z' });

  it.each(['', '   ', 'anonymous', '非通知', 'Private', 'abc'])('does not search for %j', async (number) => {
    const { opencti, calls } = scriptedOpenCti({});

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number, direction: 'inbound' })).resolves.toEqual({
      records: [],
      report: null,
    });
    expect(calls).toEqual([]);
  });

  it('resolves with the validated matches of the map keyed by record Id', async () => {
    const { opencti } = scriptedOpenCti({
      searchAndScreenPop: [ok({ [CONTACT]: match(CONTACT, '山田 太郎'), [ACCOUNT]: match(ACCOUNT, '株式会社サンプル', 'Account') })],
    });

    const { records: matches } = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toEqual([
      { id: CONTACT, name: '山田 太郎', objectType: 'Contact' },
      { id: ACCOUNT, name: '株式会社サンプル', objectType: 'Account' },
    ]);
  });

  it('ignores junk entries and keeps the good ones', async () => {
    const { opencti } = scriptedOpenCti({
      searchAndScreenPop: [
        ok({
          SCREEN_POP_DATA: { type: 'sobject', params: {} },
          bad1: 'a string',
          bad2: null,
          bad3: [CONTACT],
          [`${CONTACT.slice(0, 17)}X`]: match(`${CONTACT.slice(0, 17)}X`, 'wrong checksum'),
          '<img>': match('<img src=x>', 'markup id'),
          [CONTACT]: match(CONTACT, '  山田 太郎  ', 'Contact<script>'),
          [ACCOUNT]: match(ACCOUNT, { html: '<b>' }, 42),
          dup: match(CONTACT, 'duplicate'),
          '001D000000IqhSL': { Name: 'id from the key', RecordType: 'Account' },
        }),
      ],
    });

    const { records: matches } = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toEqual([
      { id: CONTACT, name: '山田 太郎', objectType: '' },
      { id: ACCOUNT, name: '', objectType: '' },
      { id: '001D000000IqhSL', name: 'id from the key', objectType: 'Account' },
    ]);
  });

  it('cuts names to 255 characters and matches to 20', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `003xx000004Tm${String(i).padStart(2, '0')}`);
    const map = Object.fromEntries(ids.map((id) => [id, match(id, 'な'.repeat(400))]));
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [ok(map)] });

    const { records: matches } = await createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' });

    expect(matches).toHaveLength(20);
    expect(matches[0]).toEqual({ id: ids[0], name: 'な'.repeat(255), objectType: 'Contact' });
  });

  it.each<[string, unknown]>([
    ['null (layout returns no fields)', null],
    ['an empty map', {}],
    ['a string', 'nothing'],
    ['an array', [match(CONTACT, 'x')]],
  ])('resolves [] when the result is %s', async (_what, returnValue) => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [ok(returnValue)] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'outbound' })).resolves.toMatchObject({
      records: [],
    });
  });

  it.each([
    ['INVALID_PARAM', 'An invalid value was passed to the parameter callType'],
    ['SERVER_ERROR', 'A server error occurred'],
    ['SOFTPHONE_CONTAINER_ERROR', "Unable to execute sendPostMessage because the softphone container hasn't initialized yet"],
  ])('rejects with %s carried in errors[]', async (code, description) => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: [fail({ code, description })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' }));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code, description }] });
  });

  it('rejects "unavailable" without calling when the library lacks CALL_TYPE', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    delete (opencti as unknown as Record<string, unknown>)['CALL_TYPE'];

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).searchAndPop({ number: '0312345678', direction: 'inbound' }));

    expect(error.kind).toBe('unavailable');
    expect(calls).toEqual([]);
  });

  it('rejects "noResponse" when the search never answers', async () => {
    const { opencti } = scriptedOpenCti({ searchAndScreenPop: ['silent'] });

    const error = await hostErrorOf(
      createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, searchTimeoutMs: 20 }).searchAndPop({ number: '0312345678', direction: 'inbound' }),
    );

    expect(error.kind).toBe('noResponse');
  });
});

describe('createOpenCtiHost: screen pops and the utility item', () => {
  it.each([CONTACT, '001D000000IqhSL'])('popRecord(%s) pops the record with the library’s SOBJECT', async (recordId) => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(recordId);

    expect(calls).toEqual([{ method: 'screenPop', arg: { type: 'sp-sobject', params: { recordId } } }]);
  });

  it.each(['', 'x', '003xx000004TmiQAAB', `/lightning/r/Contact/${CONTACT}/view`, '<script>', `${CONTACT} `])(
    'popRecord(%j) rejects "failed" without asking the host',
    async (recordId) => {
      const { opencti, calls } = scriptedOpenCti({});

      const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(recordId));

      expect(error.kind).toBe('failed');
      expect(calls).toEqual([]);
    },
  );

  it('popRecord rejects with GENERIC_ERROR when the host cannot open the record', async () => {
    const { opencti } = scriptedOpenCti({ screenPop: [fail({ code: 'GENERIC_ERROR', description: 'no access' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).popRecord(CONTACT));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'GENERIC_ERROR', description: 'no access' }] });
  });

  it('popNewRecord opens the library’s NEW_RECORD_MODAL prefilled', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('Contact', { Phone: '03-1234-5678', LastName: '山田' });

    expect(calls).toEqual([
      {
        method: 'screenPop',
        arg: { type: 'sp-new', params: { entityName: 'Contact', defaultFieldValues: { Phone: '03-1234-5678', LastName: '山田' } } },
      },
    ]);
  });

  it('popNewRecord passes only field API names with string values', async () => {
    const { opencti, calls } = scriptedOpenCti({});
    const defaults = { Phone: '0312345678', 'bad field': 'x', Description: 7, __proto__x: 'y' } as unknown as Record<string, string>;

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('Lead', defaults);

    expect(calls[0]?.arg['params']).toEqual({ entityName: 'Lead', defaultFieldValues: { Phone: '0312345678' } });
  });

  it('popNewRecord refuses an object outside Contact/Lead/Account without asking the host', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).popNewRecord('User' as 'Contact', { Phone: '0312345678' }));

    expect(error.kind).toBe('failed');
    expect(calls).toEqual([]);
  });

  it.each([
    ['a short label', '通話中 00:12', '通話中 00:12'],
    ['surrounding spaces', '  受付可  ', '受付可'],
    ['a label over 40 characters', 'あ'.repeat(50), 'あ'.repeat(40)],
    ['emoji kept whole at the cut', `${'x'.repeat(39)}📞📞`, `${'x'.repeat(39)}📞`],
  ])('setItemLabel with %s', async (_what, label, sent) => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).setItemLabel(label);

    expect(calls).toEqual([{ method: 'setSoftphoneItemLabel', arg: { label: sent } }]);
  });

  it('waits for saveLog’s answer however long a slow org takes, while other calls still time out', async () => {
    // An org whose Task triggers and flows take longer than the calls' time-out (10 ms here).
    const later: ((response: unknown) => void)[] = [];
    const { opencti } = scriptedOpenCti({ setSoftphoneItemLabel: ['silent'] });
    (opencti as unknown as Record<string, unknown>)['saveLog'] = (arg: { callback: (r: unknown) => void }) => later.push(arg.callback);
    const host = createOpenCtiHost({ sforce: { opencti } }, { ...noSleep, responseTimeoutMs: 10 });

    const saving = host.saveLog({ entityApiName: 'Task', CallObject: 'c1' });
    expect((await hostErrorOf(host.setItemLabel('x'))).kind).toBe('noResponse');
    setTimeout(() => later[0]!(ok('00T5g000001AbCd')), 50);

    await expect(saving).resolves.toBe('00T5g000001AbCd');
  });

  it('setPanelLabel sets the utility panel’s header, cut like the item label', async () => {
    const { opencti, calls } = scriptedOpenCti({});

    await createOpenCtiHost({ sforce: { opencti } }, noSleep).setPanelLabel(` ${'あ'.repeat(50)} `);

    expect(calls).toEqual([{ method: 'setSoftphonePanelLabel', arg: { label: 'あ'.repeat(40) } }]);
  });

  it('setItemLabel rejects with the host’s errors', async () => {
    const { opencti } = scriptedOpenCti({ setSoftphoneItemLabel: [fail({ code: 'INVALID_PARAM', description: 'label' })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).setItemLabel('x'));

    expect(error).toMatchObject({ kind: 'failed', errors: [{ code: 'INVALID_PARAM', description: 'label' }] });
  });
});

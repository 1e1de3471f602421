/** The call center settings read at start (`opencti-settings.ts`). */
import { describe, expect, it } from '@jest/globals';
import { SERVER_URL_SETTING, createOpenCtiHost } from './opencti-host.js';
import { PHONE_SEARCH_SETTING, TASK_STATUS_SETTING } from './opencti-settings.js';
import { hostErrorOf, noSleep, ok, scriptedOpenCti, goodSettings } from './test-helpers.js';

describe('createOpenCtiHost: start reads the call center settings', () => {
  it('reads the event-server URL from the call center settings (origin only)', async () => {
    const { opencti, calls } = scriptedOpenCti({ getCallCenterSettings: [ok(goodSettings)] });

    const settings = await createOpenCtiHost({ sforce: { opencti } }, noSleep).start();

    expect(settings).toEqual({ serverUrl: 'https://events.example.com', popupRules: [], invalidPopupRules: [], taskStatus: 'Completed', phoneSearch: 'each' });
    expect(calls).toEqual([{ method: 'getCallCenterSettings', arg: {} }]);
  });

  it.each([
    ['http, from an http page (the local dev host)', 'http://localhost:3000', 'http://localhost:3000'],
    ['surrounding spaces', '  https://events.example.com  ', 'https://events.example.com'],
  ])('accepts a server URL with %s', async (_what, raw, serverUrl) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ [SERVER_URL_SETTING]: raw })] });

    await expect(createOpenCtiHost({ sforce: { opencti }, location: { protocol: 'http:' } }, noSleep).start()).resolves.toEqual({
      serverUrl,
      popupRules: [],
      invalidPopupRules: [],
      taskStatus: 'Completed',
      phoneSearch: 'each',
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['the URL setting is missing', { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel' }],
    ['the URL setting is blank', { [SERVER_URL_SETTING]: '   ' }],
    ['the URL setting is not a string', { [SERVER_URL_SETTING]: 42 }],
    ['the URL is ftp', { [SERVER_URL_SETTING]: 'ftp://x' }],
    ['the URL is http and the page https (mixed content: every Salesforce page)', { [SERVER_URL_SETTING]: 'http://biztel-events.example.com' }],
    ['the URL is javascript:', { [SERVER_URL_SETTING]: 'javascript:alert(1)' }],
    ['the value is not a URL', { [SERVER_URL_SETTING]: 'not a url' }],
  ])('rejects with kind "badSettings" when %s', async (_what, settings) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok(settings)] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('badSettings');
    expect(error.message).toContain(SERVER_URL_SETTING);
  });

  it.each([
    ['unset', undefined, 'Completed'],
    ['blank', '  ', 'Completed'],
    ['an org’s own status', ' 完了 ', '完了'],
  ])('reads the Task status setting: %s', async (_what, value, status) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ ...goodSettings, ...(value === undefined ? {} : { [TASK_STATUS_SETTING]: value }) })] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).start()).resolves.toMatchObject({ taskStatus: status });
  });

  it.each([
    ['too long', 'x'.repeat(41)],
    ['with a control character', 'Done\u0000'],
  ])('rejects a Task status setting %s', async (_what, value) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ ...goodSettings, [TASK_STATUS_SETTING]: value })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect([error.kind, error.message.includes(TASK_STATUS_SETTING)]).toEqual(['badSettings', true]);
  });

  it.each([
    ['unset: each, the default', undefined, 'each'],
    ['blank', ' ', 'each'],
    ['notations', 'notations', 'notations'],
    ['digits, any case and spaces', ' Digits ', 'digits'],
  ])('reads the phone search setting: %s', async (_what, value, strategy) => {
    const { opencti } = scriptedOpenCti({
      getCallCenterSettings: [ok({ ...goodSettings, ...(value === undefined ? {} : { [PHONE_SEARCH_SETTING]: value }) })],
    });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).start()).resolves.toMatchObject({ phoneSearch: strategy });
  });

  it.each(['or', 'each,digits', 'sosl'])('rejects the unknown phone search strategy %j, naming the setting and the choices', async (value) => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok({ ...goodSettings, [PHONE_SEARCH_SETTING]: value })] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('badSettings');
    expect(error.message).toContain(`${PHONE_SEARCH_SETTING} must be each, notations, digits`);
  });

  it('rejects with kind "failed" when success carries no settings object', async () => {
    const { opencti } = scriptedOpenCti({ getCallCenterSettings: [ok(null)] });

    const error = await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).start());

    expect(error.kind).toBe('failed');
  });
});

/**
 * Call logs through Open CTI (`opencti-call-log.ts`): `saveLog`, and `findCallLog` — the Apex
 * look-up that checks a save whose outcome is unknown before it is sent again.
 */
import { describe, expect, it } from '@jest/globals';
import type { OpenCtiApi } from '@biztel/opencti';
import { createFakeOpenCti, createMemoryContainer, fakeTaskId } from '@biztel/opencti/fake';
import { createOpenCtiHost } from './opencti-host.js';
import { fail, hostErrorOf, noSleep, ok, scriptedOpenCti } from './test-helpers.js';

const TASK_ID = fakeTaskId(7);

describe('findCallLog: the scripted library', () => {
  it('asks BiztelCallLog.findTask for the call’s CallObject, as a query string', async () => {
    const { opencti, calls } = scriptedOpenCti({ runApex: [ok({ runApex: TASK_ID })] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).findCallLog('c-2025:0401 1')).resolves.toBe(TASK_ID);
    expect(calls).toEqual([{ method: 'runApex', arg: { apexClass: 'BiztelCallLog', methodName: 'findTask', methodParams: 'callObject=c-2025%3A0401%201' } }]);
  });

  it.each<[string, unknown, string | null]>([
    ['an empty result: no Task', { runApex: '' }, null],
    ['a bare string', TASK_ID, TASK_ID],
    ['a bare empty string', '', null],
  ])('reads %s', async (_what, returnValue, expected) => {
    const { opencti } = scriptedOpenCti({ runApex: [ok(returnValue)] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).findCallLog('c1')).resolves.toBe(expected);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a number', 42],
    ['markup', { runApex: '<img src=x>' }],
    ['an id with a bad checksum', { runApex: `${TASK_ID.slice(0, 17)}X` }],
    ['a list', { runApex: [TASK_ID] }],
  ])('never reads %s as "no Task" (that would write a second one): it rejects', async (_what, returnValue) => {
    const { opencti } = scriptedOpenCti({ runApex: [ok(returnValue)] });

    expect((await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).findCallLog('c1'))).kind).toBe('failed');
  });

  it('rejects with the host’s error when the class is missing or not accessible', async () => {
    const { opencti } = scriptedOpenCti({ runApex: [fail({ code: 'GENERIC_ERROR', description: 'No such class' })] });

    expect(await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).findCallLog('c1'))).toMatchObject({
      kind: 'failed',
      errors: [{ code: 'GENERIC_ERROR' }],
    });
  });

  it.each<[string, unknown]>([
    ['bare', TASK_ID],
    ['as {recordId}', { recordId: TASK_ID }],
  ])('saveLog resolves with the new Task’s id, answered %s', async (_how, returnValue) => {
    const { opencti } = scriptedOpenCti({ saveLog: [ok(returnValue)] });

    await expect(createOpenCtiHost({ sforce: { opencti } }, noSleep).saveLog({ entityApiName: 'Task', CallObject: 'c1' })).resolves.toBe(TASK_ID);
  });

  it.each<[string, unknown]>([
    ['a success without an id', ok(null)],
    ['a success with junk', ok({ recordId: 'x' })],
    ['an unreadable answer', { success: 'yes' }],
  ])('saveLog rejects "noResponse" — written or not is unknown, so it is looked up, never resent — for %s', async (_what, answer) => {
    const { opencti } = scriptedOpenCti({ saveLog: [answer] });

    expect((await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).saveLog({ entityApiName: 'Task', CallObject: 'c2' }))).kind).toBe(
      'noResponse',
    );
  });

  it('saveLog rejects "failed" (retried) when Salesforce says it failed', async () => {
    const { opencti } = scriptedOpenCti({ saveLog: [fail({ code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', description: 'Status' })] });

    expect((await hostErrorOf(createOpenCtiHost({ sforce: { opencti } }, noSleep).saveLog({ entityApiName: 'Task' }))).kind).toBe('failed');
  });
});

describe('findCallLog: the fake org', () => {
  const hostOver = (apex = true) => {
    const container = createMemoryContainer({ settings: {}, apex });
    return { container, host: createOpenCtiHost({ sforce: { opencti: createFakeOpenCti(container) as unknown as OpenCtiApi } }, noSleep) };
  };

  it('finds the Task saveLog wrote for a call, and no Task for another call', async () => {
    const { host } = hostOver();

    const id = await host.saveLog({ entityApiName: 'Task', Subject: '着信', CallObject: 'c1' });

    await expect(host.findCallLog('c1')).resolves.toBe(id);
    await expect(host.findCallLog('c2')).resolves.toBeNull();
  });

  it('rejects when the org lacks the Apex class', async () => {
    const { host } = hostOver(false);

    expect((await hostErrorOf(host.findCallLog('c1'))).kind).toBe('failed');
  });
});

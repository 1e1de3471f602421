/**
 * Call logs through Open CTI, loaded when the first call ends: `saveLog` writes the Task, and
 * `runApex` asks the package's Apex class `BiztelCallLog.findTask` (force-app/main/default/classes)
 * whether a Task with a call's CallObject already exists — how a save whose outcome is unknown is
 * checked before it is sent again, so a call never gets two Tasks.
 */
import { isSalesforceId } from '@biztel/protocol';
import { HostError } from './host-port.js';
import type { OpenCtiCaller } from './opencti-call.js';
import { asRecord } from './opencti-payloads.js';

export const CALL_LOG_APEX_CLASS = 'BiztelCallLog';
export const CALL_LOG_APEX_METHOD = 'findTask';

type Caller = OpenCtiCaller['call'];

/** An org's Apex may take a while; a look-up that times out is retried later, nothing is sent meanwhile. */
const LOOKUP_TIMEOUT_MS = 30_000;

/**
 * Saves a record; resolves with its id. Lightning answers the id bare or as `{recordId}` (both are
 * read). A success without a readable id wrote the record all the same: it rejects `noResponse`
 * — outcome unknown, to be looked up — never `failed`, which would send it again.
 */
export async function saveLog(call: Caller, fields: Readonly<Record<string, string | number | boolean>>): Promise<string> {
  // No time-out: an org whose triggers and flows take long still answers, and a save given up
  // on here would be sent again and write a second Task (./log-queue.ts waits its own way).
  const returned = await call<unknown>('saveLog', { value: { ...fields } }, null);
  const id = isSalesforceId(returned) ? returned : asRecord(returned)?.['recordId'];
  if (!isSalesforceId(id)) throw new HostError('noResponse', 'saveLog: success without a readable record id');
  return id;
}

/**
 * The Task id `findTask` answers for `callObject`, null for none. Lightning hands an Apex
 * method's result back as `{runApex: result}` (a bare string is read too); anything else than an
 * id or an empty string is an error, never "none": a wrong "none" would write a second Task.
 */
export async function findCallLog(call: Caller, callObject: string): Promise<string | null> {
  const returned = await call<unknown>(
    'runApex',
    { apexClass: CALL_LOG_APEX_CLASS, methodName: CALL_LOG_APEX_METHOD, methodParams: `callObject=${encodeURIComponent(callObject)}` },
    LOOKUP_TIMEOUT_MS,
  );
  const result = typeof returned === 'string' ? returned : asRecord(returned)?.['runApex'];
  if (result === '') return null;
  if (isSalesforceId(result)) return result;
  throw new HostError('failed', `runApex ${CALL_LOG_APEX_CLASS}.${CALL_LOG_APEX_METHOD}: unexpected answer`);
}

/**
 * Test support for the Open CTI adapter's tests (`opencti-*.test.ts`): a scripted
 * `sforce.opencti` that answers each method on a later task and records every call, the response
 * shapes it answers with, and `hostErrorOf` for the rejections.
 */
import { expect } from '@jest/globals';
import { HostError } from './host-port.js';
import { SERVER_URL_SETTING } from './opencti-settings.js';
import type { OpenCtiApi } from '@biztel/opencti';

/** What the stub answers: a response object (any shape), or 'silent' for a callback that never fires. */
type Answer = unknown;
type Script = Partial<Record<string, Answer[]>>;

export const ok = (returnValue: unknown = null) => ({ success: true, returnValue, errors: null });
export const fail = (...errors: unknown[]) => ({ success: false, returnValue: null, errors });
export const containerNotReady = fail({
  code: 'SOFTPHONE_CONTAINER_ERROR',
  description: "Unable to execute sendPostMessage because the softphone container hasn't initialized yet",
});

const METHODS = [
  'getCallCenterSettings',
  'notifyInitializationComplete',
  'setSoftphonePanelVisibility',
  'publish',
  'getAppViewInfo',
  'enableClickToDial',
  'disableClickToDial',
  'searchAndScreenPop',
  'screenPop',
  'setSoftphoneItemLabel',
  'setSoftphonePanelLabel',
  'saveLog',
  'runApex',
];

/** Deliberately unlike our own words, so an adapter that used literals would be caught. */
const CALL_TYPE = Object.freeze({ INBOUND: 'ct-in', OUTBOUND: 'ct-out', INTERNAL: 'ct-int' });
const SCREENPOP_TYPE = Object.freeze({
  SOBJECT: 'sp-sobject',
  URL: 'sp-url',
  OBJECTHOME: 'sp-home',
  LIST: 'sp-list',
  SEARCH: 'sp-search',
  NEW_RECORD_MODAL: 'sp-new',
  FLOW: 'sp-flow',
});

/**
 * Each method answers with the next scripted response (the last one repeats), always on a later
 * task like the real library; every call's argument (without the callback) is recorded.
 */
export function scriptedOpenCti(script: Script) {
  const calls: { method: string; arg: Record<string, unknown> }[] = [];
  const registered: Record<string, ((payload: unknown) => void)[]> = { onClickToDial: [], onNavigationChange: [] };
  const api: Record<string, unknown> = { CALL_TYPE, SCREENPOP_TYPE };
  for (const method of ['onClickToDial', 'onNavigationChange']) {
    api[method] = (arg: { listener: (payload: unknown) => void }) => registered[method]!.push(arg.listener);
  }
  /** Lightning fires a container event at every registered library listener. */
  const fire = (method: 'onClickToDial' | 'onNavigationChange', payload: unknown) => {
    for (const listener of registered[method]!) listener(payload);
  };
  for (const method of METHODS) {
    api[method] = (arg: { callback?: (r: unknown) => void } & Record<string, unknown>) => {
      const { callback, ...rest } = arg;
      calls.push({ method, arg: rest });
      const queue = script[method] ?? [ok()];
      const answer = queue.length > 1 ? queue.shift() : queue[0];
      if (answer === 'silent') return;
      setTimeout(() => callback?.(answer), 0);
    };
  }
  return { opencti: api as unknown as OpenCtiApi, calls, registered, fire };
}

export const goodSettings = { '/reqGeneralInfo/reqAdapterUrl': '/apex/biztel', [SERVER_URL_SETTING]: 'https://events.example.com/' };
export const noSleep = { sleep: async () => {} };

/** Runs `promise` and returns the HostError it rejects with (fails if it resolves or throws another error). */
export async function hostErrorOf(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

// ---- start() -----------------------------------------------------------------------------

/** A Contact's and an Account's 18-character ids (valid checksums). */
export const CONTACT = '003xx000004TmiQAAS';
export const ACCOUNT = '001D000000IqhSLIAZ';

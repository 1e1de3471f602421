/**
 * The Promise wrapper around `sforce.opencti`: every method's `{success, returnValue, errors}`
 * callback becomes a Promise that resolves with `returnValue` or rejects with a `HostError`
 * carrying Salesforce's `errors[]` — after a time-out when the callback never comes, with retries
 * while Lightning's softphone container is not ready — and the library's constants are read here.
 */
import { HostError } from './host-port.js';
import { readErrors } from './opencti-payloads.js';
import { OPENCTI_ERROR, type OpenCtiApi, type OpenCtiCallback, type OpenCtiResponse } from '@biztel/opencti';

/** The `sforce.opencti` methods the panel calls (each takes `{…, callback}`). */
export type OpenCtiMethod =
  | 'getCallCenterSettings'
  | 'notifyInitializationComplete'
  | 'setSoftphonePanelVisibility'
  | 'publish'
  | 'getAppViewInfo'
  | 'enableClickToDial'
  | 'disableClickToDial'
  | 'searchAndScreenPop'
  | 'screenPop'
  | 'setSoftphoneItemLabel'
  | 'setSoftphonePanelLabel'
  | 'saveLog'
  | 'runApex'
  | 'setSoftphoneItemIcon'
  | 'refreshView';

/** A page's `window` as far as the adapter reads it. */
export interface OpenCtiWindow {
  sforce?: { opencti?: OpenCtiApi };
  /** The page's own address: an https page (every Salesforce page) may not open http/ws. */
  location?: { protocol: string };
}

export interface OpenCtiCallOptions {
  /** How long to wait for a callback before giving up (the API is silent outside Lightning). */
  readonly responseTimeoutMs?: number;
  /** Retries of the first call while Lightning's softphone container is not ready yet. */
  readonly containerRetries?: number;
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface OpenCtiCaller {
  /** The loaded library; throws `HostError('unavailable')` when it is not there. */
  readonly api: () => OpenCtiApi;
  /**
   * Calls `method` once; resolves with its `returnValue` (or null). `timeoutMs` overrides the
   * response time-out; null waits for the callback however long it takes.
   */
  readonly call: <T>(method: OpenCtiMethod, arg: Record<string, unknown>, timeoutMs?: number | null) => Promise<T | null>;
  /** Like `call`, retrying with back-off while the softphone container is not ready. */
  readonly callWithRetry: <T>(method: OpenCtiMethod, arg: Record<string, unknown>) => Promise<T | null>;
  /** A constant of the loaded library (`CALL_TYPE`, `SCREENPOP_TYPE`); never a literal of ours. */
  readonly constant: (group: 'CALL_TYPE' | 'SCREENPOP_TYPE', key: string) => string;
}

export function createOpenCtiCaller(win: OpenCtiWindow, options: OpenCtiCallOptions = {}): OpenCtiCaller {
  const timeoutMs = options.responseTimeoutMs ?? 5000;
  const retries = options.containerRetries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 300;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  function api(): OpenCtiApi {
    const opencti = win.sforce?.opencti;
    if (!opencti || typeof opencti.getCallCenterSettings !== 'function') {
      throw new HostError('unavailable', 'sforce.opencti is not loaded');
    }
    return opencti;
  }

  function call<T>(method: OpenCtiMethod, arg: Record<string, unknown>, waitMs: number | null = timeoutMs): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      let settled = false;
      const timer =
        waitMs === null
          ? undefined
          : setTimeout(() => {
              settled = true;
              reject(new HostError('noResponse', `${method}: no response within ${waitMs} ms`));
            }, waitMs);
      const callback: OpenCtiCallback<T> = (response: OpenCtiResponse<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (response?.success === true) {
          resolve(response.returnValue ?? null);
        } else if (response?.success !== false) {
          // Not an answer we can read: whether the call took effect is unknown.
          reject(new HostError('noResponse', `${method}: unreadable answer`));
        } else {
          const errors = readErrors(response?.errors);
          const text = errors.map((e) => `${e.code}: ${e.description}`).join('; ') || 'unknown error';
          reject(new HostError('failed', `${method}: ${text}`, errors));
        }
      };
      try {
        const opencti = api() as unknown as Record<OpenCtiMethod, (a: object) => void>;
        opencti[method]({ ...arg, callback });
      } catch (error) {
        settled = true;
        clearTimeout(timer);
        reject(error instanceof HostError ? error : new HostError('failed', `${method}: ${String(error)}`));
      }
    });
  }

  async function callWithRetry<T>(method: OpenCtiMethod, arg: Record<string, unknown>): Promise<T | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call<T>(method, arg);
      } catch (error) {
        const notReady = error instanceof HostError && error.errors.some((e) => e.code === OPENCTI_ERROR.containerNotReady);
        if (!notReady || attempt >= retries) throw error;
        await sleep(retryDelayMs * (attempt + 1));
      }
    }
  }

  function constant(group: 'CALL_TYPE' | 'SCREENPOP_TYPE', key: string): string {
    const value = (api()[group] as Readonly<Record<string, unknown>> | undefined)?.[key];
    if (typeof value !== 'string') throw new HostError('unavailable', `sforce.opencti.${group}.${key} is missing`);
    return value;
  }

  return { api, call, callWithRetry, constant };
}

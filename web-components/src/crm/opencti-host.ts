/**
 * The only code that touches `sforce.opencti`: callbacks become Promises that reject with a
 * `HostError` carrying Salesforce's `errors[]`; payloads from the host are validated.
 */
import { HostError, type CallStateMessage, type HostPort, type HostSettings } from './host-port.js';
import { OPENCTI_ERROR, type OpenCtiApi, type OpenCtiCallback, type OpenCtiResponse } from './opencti-types.js';

/** Key of our custom (non-`req`) call center section item holding the event-server URL. */
export const SERVER_URL_SETTING = '/biztel/serverUrl';
export const CALL_STATE_CHANNEL = 'BiztelCallState__c';

export interface OpenCtiHostOptions {
  /** How long to wait for a callback before giving up (the API is silent outside Lightning). */
  readonly responseTimeoutMs?: number;
  /** Retries of the first call while Lightning's softphone container is not ready yet. */
  readonly containerRetries?: number;
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

type Method = 'getCallCenterSettings' | 'notifyInitializationComplete' | 'setSoftphonePanelVisibility' | 'publish';

export function createOpenCtiHost(win: { sforce?: { opencti?: OpenCtiApi } }, options: OpenCtiHostOptions = {}): HostPort {
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

  function call<T>(method: Method, arg: Record<string, unknown>): Promise<T | null> {
    return new Promise<T | null>((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        reject(new HostError('noResponse', `${method}: no response within ${timeoutMs} ms`));
      }, timeoutMs);
      const callback: OpenCtiCallback<T> = (response: OpenCtiResponse<T>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (response && response.success === true) {
          resolve(response.returnValue ?? null);
        } else {
          const errors = readErrors(response?.errors);
          const text = errors.map((e) => `${e.code}: ${e.description}`).join('; ') || 'unknown error';
          reject(new HostError('failed', `${method}: ${text}`, errors));
        }
      };
      try {
        const fn = api()[method] as unknown as (a: object) => void;
        fn.call(api(), { ...arg, callback });
      } catch (error) {
        settled = true;
        clearTimeout(timer);
        reject(error instanceof HostError ? error : new HostError('failed', `${method}: ${String(error)}`));
      }
    });
  }

  async function callWithRetry<T>(method: Method, arg: Record<string, unknown>): Promise<T | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call<T>(method, arg);
      } catch (error) {
        const notReady =
          error instanceof HostError && error.errors.some((e) => e.code === OPENCTI_ERROR.containerNotReady);
        if (!notReady || attempt >= retries) throw error;
        await sleep(retryDelayMs * (attempt + 1));
      }
    }
  }

  return {
    async start(): Promise<HostSettings> {
      const settings = await callWithRetry<Record<string, unknown>>('getCallCenterSettings', {});
      return readSettings(settings);
    },
    async notifyReady() {
      await callWithRetry('notifyInitializationComplete', {});
    },
    async showPanel() {
      await call('setSoftphonePanelVisibility', { visible: true });
    },
    async publishCallState(message: CallStateMessage) {
      await call('publish', { channelName: CALL_STATE_CHANNEL, message: { ...message } });
    },
  };
}

function readErrors(errors: unknown): { code: string; description: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 10).map((e: unknown) => {
    const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    return {
      code: typeof item['code'] === 'string' ? item['code'].slice(0, 64) : 'UNKNOWN',
      description: typeof item['description'] === 'string' ? item['description'].slice(0, 300) : '',
    };
  });
}

/** Validates the call center settings: every value is a string; the server URL must be http(s). */
export function readSettings(settings: unknown): HostSettings {
  if (typeof settings !== 'object' || settings === null) {
    throw new HostError('failed', 'getCallCenterSettings: no settings returned');
  }
  const raw = (settings as Record<string, unknown>)[SERVER_URL_SETTING];
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} is not set in the call center`);
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} is not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new HostError('badSettings', `${SERVER_URL_SETTING} must be an http(s) URL: ${raw.slice(0, 200)}`);
  }
  return { serverUrl: url.origin };
}

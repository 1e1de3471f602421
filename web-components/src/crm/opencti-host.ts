/**
 * The only code that touches `sforce.opencti`: callbacks become Promises that reject with a
 * `HostError` carrying Salesforce's `errors[]`; payloads from the host are validated.
 */
import { isRelativeUrl, readPopupRules } from '../core/popup-rules.js';
import { isSalesforceId } from '../core/salesforce-id.js';
import {
  HostError,
  type CallStateMessage,
  type ClickToDialRequest,
  type HostPort,
  type HostSettings,
  type NewRecordEntity,
  type RecordMatch,
  type ViewedRecord,
} from './host-port.js';
import { OPENCTI_ERROR, type OpenCtiApi, type OpenCtiCallback, type OpenCtiResponse } from '@biztel/opencti';

/** Key of our custom (non-`req`) call center section item holding the event-server URL. */
export const SERVER_URL_SETTING = '/biztel/serverUrl';
export const CALL_STATE_CHANNEL = 'BiztelCallState__c';
/** At most this many search matches reach the panel. */
export const MAX_RECORD_MATCHES = 20;
/** Utility item labels are cut to this many characters. */
export const MAX_ITEM_LABEL = 40;
const MAX_NAME = 255;
const MAX_DIAL_INPUT = 40;
const NEW_RECORD_ENTITIES: readonly string[] = ['Contact', 'Lead', 'Account'] satisfies NewRecordEntity[];

export interface OpenCtiHostOptions {
  /** How long to wait for a callback before giving up (the API is silent outside Lightning). */
  readonly responseTimeoutMs?: number;
  /** Retries of the first call while Lightning's softphone container is not ready yet. */
  readonly containerRetries?: number;
  readonly retryDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where an exception thrown by a subscriber goes (default: rethrown on a later task, like `reportError`). */
  readonly reportError?: (error: unknown) => void;
}

type Method =
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
  | 'saveLog'
  | 'setSoftphoneItemIcon'
  | 'refreshView';

type Subscriber = (payload: unknown) => void;
type ListenerKey = 'clickToDial' | 'navigation';
const LISTENER_KEYS: readonly ListenerKey[] = ['clickToDial', 'navigation'];
const LISTENER_METHOD = { clickToDial: 'onClickToDial', navigation: 'onNavigationChange' } as const;
type Fanout = Record<ListenerKey, Set<Subscriber>> & { readonly registered: Record<ListenerKey, boolean> };
/**
 * The library offers no way to remove a listener, so each page's `sforce.opencti` gets exactly
 * one listener per event, registered with the first subscriber and fanned out to the current
 * subscribers of every host made over it; unsubscribing only leaves the fan-out.
 */
const fanouts = new WeakMap<object, Fanout>();

function fanoutOf(opencti: object): Fanout {
  let fanout = fanouts.get(opencti);
  if (!fanout) {
    fanout = { clickToDial: new Set(), navigation: new Set(), registered: { clickToDial: false, navigation: false } };
    fanouts.set(opencti, fanout);
  }
  return fanout;
}

/** The channel on which the `biztelLiveCall` LWC asks the panel to dial: `{v: 1, number, recordId?, recordName?}`. */
export const DIAL_REQUEST_CHANNEL = 'BiztelDialRequest__c';

export function createOpenCtiHost(win: { sforce?: { opencti?: OpenCtiApi } }, options: OpenCtiHostOptions = {}): HostPort {
  const dialListeners = new Set<(request: ClickToDialRequest) => void>();
  let dialSubscribed = false;
  const timeoutMs = options.responseTimeoutMs ?? 5000;
  const retries = options.containerRetries ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 300;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const reportError =
    options.reportError ??
    ((error: unknown) =>
      setTimeout(() => {
        throw error;
      }, 0));

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

  /** A constant of the loaded library (`CALL_TYPE`, `SCREENPOP_TYPE`); never a literal of ours. */
  function constant(group: 'CALL_TYPE' | 'SCREENPOP_TYPE', key: string): string {
    const value = (api()[group] as Readonly<Record<string, unknown>> | undefined)?.[key];
    if (typeof value !== 'string') throw new HostError('unavailable', `sforce.opencti.${group}.${key} is missing`);
    return value;
  }

  /**
   * Subscribers made before the library is there wait here; `start()` moves them to the page's
   * fan-out. The library listener is registered with the first subscriber of each event.
   */
  const waiting: Record<ListenerKey, Set<Subscriber>> = { clickToDial: new Set(), navigation: new Set() };

  function loaded(): OpenCtiApi | undefined {
    const opencti = win.sforce?.opencti;
    return typeof opencti === 'object' && opencti !== null ? opencti : undefined;
  }

  function register(opencti: OpenCtiApi): void {
    const fanout = fanoutOf(opencti);
    for (const key of LISTENER_KEYS) {
      const method = LISTENER_METHOD[key];
      if (fanout.registered[key] || fanout[key].size === 0 || typeof opencti[method] !== 'function') continue;
      const subscribers = fanout[key];
      try {
        opencti[method]({
          listener: (payload: unknown) => {
            for (const subscriber of [...subscribers]) {
              try {
                subscriber(payload);
              } catch (error) {
                reportError(error);
              }
            }
          },
        });
        fanout.registered[key] = true;
      } catch {
        // The library refused (not framed yet?): the next subscription or start() tries again.
      }
    }
  }

  function subscribe(key: ListenerKey, subscriber: Subscriber): () => void {
    const opencti = loaded();
    if (opencti) {
      fanoutOf(opencti)[key].add(subscriber);
      register(opencti);
    } else {
      waiting[key].add(subscriber);
    }
    return () => {
      waiting[key].delete(subscriber);
      const current = loaded();
      if (current) fanouts.get(current)?.[key].delete(subscriber);
    };
  }

  function adoptWaiting(): void {
    const opencti = loaded();
    if (!opencti) return;
    const fanout = fanoutOf(opencti);
    for (const key of LISTENER_KEYS) {
      for (const subscriber of waiting[key]) fanout[key].add(subscriber);
      waiting[key].clear();
    }
    register(opencti);
  }

  return {
    async start(): Promise<HostSettings> {
      const settings = await callWithRetry<Record<string, unknown>>('getCallCenterSettings', {});
      adoptWaiting();
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
    onDialRequest(listener: (request: ClickToDialRequest) => void) {
      dialListeners.add(listener);
      if (!dialSubscribed) {
        dialSubscribed = true;
        try {
          api().subscribe({
            channelName: DIAL_REQUEST_CHANNEL,
            listener: (message: unknown) => {
              const m = asRecord(message);
              const request = m?.['v'] === 1 ? readClickToDial(m) : undefined;
              if (request) for (const l of [...dialListeners]) l(request);
            },
            callback: (response) => {
              if (!response?.success) dialSubscribed = false;
            },
          });
        } catch {
          dialSubscribed = false;
        }
      }
      return () => dialListeners.delete(listener);
    },
    onClickToDial(listener: (request: ClickToDialRequest) => void) {
      return subscribe('clickToDial', (payload) => {
        const request = readClickToDial(payload);
        if (request) listener(request);
      });
    },
    onNavigation(listener: (view: ViewedRecord | null) => void) {
      return subscribe('navigation', (payload) => listener(readViewedRecord(payload)));
    },
    async currentView() {
      return readViewedRecord(await call<unknown>('getAppViewInfo', {}));
    },
    async setClickToDial(enabled: boolean) {
      await callWithRetry(enabled ? 'enableClickToDial' : 'disableClickToDial', {});
    },
    async searchAndPop({ number, direction }) {
      // Loaded with the first search (the panel bundle fetches it with the signed-in views).
      const { phoneSearchParams, phoneSearchVariants } = await import('../core/phone-search.js');
      if (phoneSearchVariants(number).length === 0) return [];
      const callType = constant('CALL_TYPE', direction === 'inbound' ? 'INBOUND' : 'OUTBOUND');
      const arg: Record<string, unknown> = { searchParams: phoneSearchParams(number), callType, deferred: false };
      // Prefills the new-record form the layout may pop when an inbound search finds nothing.
      if (direction === 'inbound') arg['defaultFieldValues'] = { Phone: number.trim() };
      return readMatches(await call<unknown>('searchAndScreenPop', arg));
    },
    async popRecord(recordId: string) {
      if (!isSalesforceId(recordId)) throw new HostError('failed', 'popRecord: not a Salesforce record id');
      await call('screenPop', { type: constant('SCREENPOP_TYPE', 'SOBJECT'), params: { recordId } });
    },
    async popNewRecord(entityName: NewRecordEntity, defaults: Record<string, string>) {
      if (!NEW_RECORD_ENTITIES.includes(entityName)) throw new HostError('failed', 'popNewRecord: unsupported object');
      await call('screenPop', {
        type: constant('SCREENPOP_TYPE', 'NEW_RECORD_MODAL'),
        params: { entityName, defaultFieldValues: readFieldValues(defaults) },
      });
    },
    async setItemLabel(label: string) {
      await call('setSoftphoneItemLabel', { label: Array.from(label.trim()).slice(0, MAX_ITEM_LABEL).join('') });
    },
    async setItemIcon(key) {
      await call('setSoftphoneItemIcon', { key });
    },
    async saveLog(fields) {
      const id = await call<unknown>('saveLog', { value: { ...fields } });
      if (!isSalesforceId(id)) throw new HostError('failed', 'saveLog: no record id returned');
      return id;
    },
    async popUrl(url: string) {
      if (!isRelativeUrl(url)) throw new HostError('failed', 'popUrl: only relative Salesforce URLs pop inside Lightning');
      await call('screenPop', { type: constant('SCREENPOP_TYPE', 'URL'), params: { url } });
    },
    async refreshView() {
      await call('refreshView', {});
    },
  };
}

// ---- validation of what the host sends ----------------------------------------------------

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** Digits, `+`, `-`, spaces, parentheses, and their full-width forms (also `ー`, `‐`, `　`). */
const DIAL_INPUT = /^[0-9０-９+＋\-－‐ー()（） 　]+$/u;

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Array.from(trimmed).slice(0, max).join('');
}

function objectType(value: unknown): string | undefined {
  return typeof value === 'string' && API_NAME.test(value) ? value : undefined;
}

/** An `onClickToDial` payload → a request, or undefined when the number is not a phone number. */
export function readClickToDial(payload: unknown): ClickToDialRequest | undefined {
  const p = asRecord(payload);
  if (!p) return undefined;
  const raw = p['number'];
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return undefined;
  const number = String(raw).trim();
  if (number.length > MAX_DIAL_INPUT || !DIAL_INPUT.test(number) || !/[0-9０-９]/u.test(number)) return undefined;
  const recordName = text(p['recordName'], MAX_NAME);
  const type = objectType(p['objectType']);
  return {
    number,
    ...(isSalesforceId(p['recordId']) ? { recordId: p['recordId'] } : {}),
    ...(recordName !== undefined ? { recordName } : {}),
    ...(type !== undefined ? { objectType: type } : {}),
  };
}

/** A `getAppViewInfo` / `onNavigationChange` payload → the viewed record, or null when not on one. */
export function readViewedRecord(payload: unknown): ViewedRecord | null {
  const p = asRecord(payload);
  if (!p || !isSalesforceId(p['recordId'])) return null;
  const recordName = text(p['recordName'], MAX_NAME);
  const type = objectType(p['objectType']);
  return {
    recordId: p['recordId'],
    ...(recordName !== undefined ? { recordName } : {}),
    ...(type !== undefined ? { objectType: type } : {}),
  };
}

/** The `searchAndScreenPop` map (record Id → {Id, Name, RecordType, …}) → validated matches. */
export function readMatches(returnValue: unknown): RecordMatch[] {
  const map = asRecord(returnValue);
  if (!map) return [];
  const matches: RecordMatch[] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(map).slice(0, 200)) {
    const entry = asRecord(value);
    if (!entry) continue; // e.g. junk, or a deferred search's SCREEN_POP_DATA
    const id = entry['Id'] ?? key;
    if (!isSalesforceId(id) || seen.has(id)) continue;
    seen.add(id);
    matches.push({ id, name: text(entry['Name'], MAX_NAME) ?? '', objectType: objectType(entry['RecordType']) ?? '' });
    if (matches.length === MAX_RECORD_MATCHES) break;
  }
  return matches;
}

/** Only field API names with string values travel as `defaultFieldValues`. */
function readFieldValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(asRecord(values) ?? {}).slice(0, 50)) {
    if (API_NAME.test(field) && typeof value === 'string') out[field] = value.slice(0, MAX_NAME);
  }
  return out;
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
  const { rules, invalid } = readPopupRules(settings as Record<string, unknown>);
  return { serverUrl: url.origin, popupRules: rules, invalidPopupRules: invalid };
}

/**
 * The Open CTI adapter of `HostPort` — with the modules beside it, the only code that touches
 * `sforce.opencti`. `createOpenCtiHost` maps each port method to a library call: settings and
 * readiness, the utility item, the message channels, click-to-dial and navigation, search and
 * screen pops, call logs. Beside it:
 * - `opencti-call.ts`: callbacks become Promises that reject with a `HostError` carrying
 *   Salesforce's `errors[]` (time-out, retries while the container is not ready);
 * - `opencti-listeners.ts`: the one library listener per page for click-to-dial and navigation,
 *   fanned out to subscribers;
 * - `opencti-payloads.ts` / `opencti-settings.ts`: validation of what the host sends;
 * - `opencti-search.ts`: the phone lookup by the administrator's strategy (loaded when first used);
 * - `opencti-call-log.ts`: saving call logs and finding one already saved (loaded when first used).
 * The method groups stay in this one closure on purpose: as separate factory modules they cost
 * another ~80 B gzip of the start bundle's budget (docs/decisions/0007-panel-bundle-budget.md).
 */
import { DEFAULT_PHONE_SEARCH, type PhoneSearchStrategy } from '../core/phone-search-strategy.js';
import { isRelativeUrl } from '../core/popup-rules.js';
import { isSalesforceId } from '@biztel/protocol';
import {
  HostError,
  type CallStateMessage,
  type ClickToDialRequest,
  type HostPort,
  type HostSettings,
  type NewRecordEntity,
  type ViewedRecord,
} from './host-port.js';
import { createOpenCtiCaller, type OpenCtiCallOptions, type OpenCtiWindow } from './opencti-call.js';
import { createListenerFanout } from './opencti-listeners.js';
import { asRecord, readClickToDial, readFieldValues, readViewedRecord } from './opencti-payloads.js';
import { readSettings } from './opencti-settings.js';

export { MAX_RECORD_MATCHES, readClickToDial, readMatches, readViewedRecord } from './opencti-payloads.js';
export { SERVER_URL_SETTING, readSettings } from './opencti-settings.js';

export const CALL_STATE_CHANNEL = 'BiztelCallState__c';
/** The channel on which the `biztelLiveCall` LWC asks the panel to dial: `{v: 1, number, recordId?, recordName?}`. */
export const DIAL_REQUEST_CHANNEL = 'BiztelDialRequest__c';
/** Utility item labels are cut to this many characters. */
export const MAX_ITEM_LABEL = 40;
const NEW_RECORD_ENTITIES: readonly string[] = ['Contact', 'Lead', 'Account'] satisfies NewRecordEntity[];

export interface OpenCtiHostOptions extends OpenCtiCallOptions {
  /** Where an exception thrown by a subscriber goes (default: rethrown on a later task, like `reportError`). */
  readonly reportError?: (error: unknown) => void;
  /** How long a phone search is waited for (default 20 s: a slow org's search still pops while the call rings). */
  readonly searchTimeoutMs?: number;
}

export function createOpenCtiHost(win: OpenCtiWindow, options: OpenCtiHostOptions = {}): HostPort {
  const { api, call, callWithRetry, constant } = createOpenCtiCaller(win, options);
  const dialListeners = new Set<(request: ClickToDialRequest) => void>();
  const stateListeners = new Set<() => void>();
  let dialSubscribed = false;
  /** One subscription to the components' channel: dial requests, and requests for the live call. */
  const subscribeRequests = () => {
    if (dialSubscribed) return;
    dialSubscribed = true;
    try {
      api().subscribe({
        channelName: DIAL_REQUEST_CHANNEL,
        listener: (message: unknown) => {
          const m = asRecord(message);
          if (m?.['v'] !== 1) return;
          if (m['request'] === 'callState') {
            for (const l of [...stateListeners]) l();
            return;
          }
          const request = readClickToDial(m);
          if (request) for (const l of [...dialListeners]) l(request);
        },
        callback: (response) => {
          if (!response?.success) dialSubscribed = false;
        },
      });
    } catch {
      dialSubscribed = false;
    }
  };
  const reportError =
    options.reportError ??
    ((error: unknown) =>
      setTimeout(() => {
        throw error;
      }, 0));
  const { subscribe, adoptWaiting } = createListenerFanout(win, reportError);
  let phoneSearch: PhoneSearchStrategy = DEFAULT_PHONE_SEARCH;

  return {
    async start(): Promise<HostSettings> {
      const raw = await callWithRetry<Record<string, unknown>>('getCallCenterSettings', {});
      adoptWaiting();
      const settings = readSettings(raw, win.location?.protocol);
      phoneSearch = settings.phoneSearch;
      return settings;
    },
    async notifyReady() {
      await callWithRetry('notifyInitializationComplete', {});
    },
    // ---- the utility item and the message channels
    async showPanel() {
      await call('setSoftphonePanelVisibility', { visible: true });
    },
    async publishCallState(message: CallStateMessage) {
      await call('publish', { channelName: CALL_STATE_CHANNEL, message: { ...message } });
    },
    onDialRequest(listener: (request: ClickToDialRequest) => void) {
      dialListeners.add(listener);
      subscribeRequests();
      return () => dialListeners.delete(listener);
    },
    onCallStateRequest(listener: () => void) {
      stateListeners.add(listener);
      subscribeRequests();
      return () => stateListeners.delete(listener);
    },
    // ---- click-to-dial and navigation (fanned out by opencti-listeners.ts)
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
    // ---- search and screen pops
    async searchAndPop(request) {
      // Loaded with the first search (the panel bundle fetches it with the signed-in views).
      const { searchPhone } = await import('./opencti-search.js');
      return searchPhone({ call, constant }, request, phoneSearch, options.searchTimeoutMs);
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
    // ---- the utility item's label and icon
    async setItemLabel(label: string) {
      await call('setSoftphoneItemLabel', { label: Array.from(label.trim()).slice(0, MAX_ITEM_LABEL).join('') });
    },
    async setPanelLabel(label: string) {
      await call('setSoftphonePanelLabel', { label: Array.from(label.trim()).slice(0, MAX_ITEM_LABEL).join('') });
    },
    async setItemIcon(key) {
      await call('setSoftphoneItemIcon', { key });
    },
    // ---- call logs (loaded when the first call ends)
    async saveLog(fields) {
      return (await import('./opencti-call-log.js')).saveLog(call, fields);
    },
    async findCallLog(callObject) {
      return (await import('./opencti-call-log.js')).findCallLog(call, callObject);
    },
    // ---- pop-up URLs, refreshing the page
    async popUrl(url: string) {
      if (!isRelativeUrl(url)) throw new HostError('failed', 'popUrl: only relative Salesforce URLs pop inside Lightning');
      await call('screenPop', { type: constant('SCREENPOP_TYPE', 'URL'), params: { url } });
    },
    async refreshView() {
      await call('refreshView', {});
    },
  };
}

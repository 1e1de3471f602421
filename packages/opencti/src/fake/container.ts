/**
 * The "softphone container" side of a fake Open CTI: what Lightning does when the softphone page
 * calls `sforce.opencti.*`. One implementation serves unit tests (in memory) and the dev host
 * (behind a postMessage bridge), so the panel never knows which host it runs in.
 */
import type { AppViewInfo, OpenCtiErrorItem } from '../index.js';
import { FAKE_CALL_TYPE, FAKE_SCREENPOP_TYPE } from './constants.js';
import { fakeTaskId, screenPopData, searchRecords, viewOf, type FakePage, type FakeRecord, type SearchSyntax } from './org.js';

export { fakeTaskId, searchRecords, viewOf, type FakePage, type FakeRecord, type SearchSyntax } from './org.js';

/** Container events: click-to-dial, navigation, and messages on a Lightning Message Service channel. */
export type ContainerEvent = 'onClickToDial' | 'onNavigationChange' | `lms:${string}`;

export interface OpenCtiContainer {
  /** Runs one API method; resolves with `returnValue` or rejects with `OpenCtiErrorItem[]`. */
  handle(method: string, arg: Readonly<Record<string, unknown>>): Promise<unknown>;
  /** Subscribes the page to a container event (click-to-dial, navigation); returns unsubscribe. */
  listen(event: ContainerEvent, listener: (payload: unknown) => void): () => void;
}

export class ContainerFailure extends Error {
  constructor(readonly errors: OpenCtiErrorItem[]) {
    super(errors.map((e) => e.code).join(', '));
  }
}

export interface MemoryContainerOptions {
  /** Flat `/section/item` → string map, as `getCallCenterSettings` returns it. */
  readonly settings: Record<string, string>;
  /** The org's records that `searchAndScreenPop` and `screenPop` find. */
  readonly records?: readonly FakeRecord[];
  /**
   * How the org reads a search string: `sosl` (default) splits it at ` OR ` and compares numbers
   * leniently (`+81` = trunk `0`, punctuation ignored); `literal` escapes the operators — the whole
   * string is one term — and only ignores punctuation, so `+81 3-…` and `03-…` differ (a strict org).
   */
  readonly searchSyntax?: SearchSyntax;
  /** Whether the package's Apex class `BiztelCallLog` is deployed and accessible (default true). */
  readonly apex?: boolean;
}

export interface MemoryContainer extends OpenCtiContainer {
  /** Every call the page made, in order (method and argument without the callback). */
  readonly calls: { method: string; arg: Readonly<Record<string, unknown>> }[];
  /** Makes the next `count` calls of `method` fail with `code`. */
  failNext(method: string, code: string, count?: number): void;
  /** Fires a container event at the page, as Lightning would. */
  emit(event: ContainerEvent, payload: unknown): void;
  panelVisible: boolean;
  itemLabel: string;
  /** The utility panel's header (`setSoftphonePanelLabel`); empty: the utility item's configured name. */
  panelLabel: string;
  /** Messages published on Lightning Message Service channels. */
  readonly published: { channelName: string; message: unknown }[];
  itemIcon: string;
  /** Whether the softphone turned Lightning's click-to-dial links on. */
  clickToDialEnabled: boolean;
  readonly records: readonly FakeRecord[];
  /** What the main area shows now. */
  readonly page: FakePage;
  /** What `getAppViewInfo` answers for the current page. */
  readonly view: AppViewInfo;
  /** Every page a screen pop opened (by `screenPop` or by an inbound `searchAndScreenPop`), in order. */
  readonly pops: FakePage[];
  /** Records created or updated with `saveLog` (Tasks for call logs), with their generated Id. */
  readonly saved: Record<string, unknown>[];
  /** How many times `refreshView` was called. */
  refreshes: number;
  /** The user opens a record (or the home page for `null`); false for an unknown id. Emits onNavigationChange. */
  navigate(recordId: string | null): boolean;
  /** The user clicks a phone link; emits onClickToDial only while click-to-dial is enabled. */
  clickToDial(record: FakeRecord, field?: 'Phone' | 'MobilePhone'): boolean;
}

const ERROR_TEXT: Record<string, string> = {
  INVALID_PARAM: 'An invalid value was passed to the parameter',
  GENERIC_ERROR: 'An error occurred',
  SERVER_ERROR: 'A server error occurred',
  SOFTPHONE_CONTAINER_ERROR: "Unable to execute sendPostMessage because the softphone container hasn't initialized yet",
};

const CALL_TYPES: readonly string[] = Object.values(FAKE_CALL_TYPE);
const SCREENPOP_TYPES: readonly string[] = Object.values(FAKE_SCREENPOP_TYPE);

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An optional `defaultFieldValues`: undefined, or an object of strings. */
function isFieldValues(value: unknown): value is Record<string, string> | undefined {
  return value === undefined || (isPlainObject(value) && Object.values(value).every((v) => typeof v === 'string'));
}

export function createMemoryContainer(options: MemoryContainerOptions): MemoryContainer {
  const failures = new Map<string, { code: string; count: number }>();
  const listeners = new Map<ContainerEvent, Set<(payload: unknown) => void>>();
  const records = Object.freeze((options.records ?? []).map((r) => Object.freeze({ ...r })));
  let page: FakePage = { kind: 'home' };
  const invalid = (name: string): ContainerFailure => new ContainerFailure([{ code: 'INVALID_PARAM', description: `${ERROR_TEXT['INVALID_PARAM']} ${name}` }]);
  const generic = (description: string): ContainerFailure => new ContainerFailure([{ code: 'GENERIC_ERROR', description }]);

  const show = (next: FakePage, popped: boolean) => {
    page = next;
    if (popped) container.pops.push(next);
    container.emit('onNavigationChange', viewOf(next));
  };

  const search = (searchParams: string): FakeRecord[] => searchRecords(records, searchParams, options.searchSyntax ?? 'sosl');

  const resultMap = (matches: readonly FakeRecord[]) => Object.fromEntries(matches.map((r) => [r.Id, { ...r }]));

  const container: MemoryContainer = {
    calls: [],
    published: [],
    pops: [],
    saved: [],
    refreshes: 0,
    records,
    panelVisible: false,
    itemLabel: '',
    panelLabel: '',
    itemIcon: '',
    clickToDialEnabled: false,
    get page() {
      return page;
    },
    get view() {
      return viewOf(page);
    },
    async handle(method, arg) {
      container.calls.push({ method, arg });
      const failure = failures.get(method);
      if (failure && failure.count > 0) {
        failure.count -= 1;
        throw new ContainerFailure([{ code: failure.code, description: ERROR_TEXT[failure.code] ?? failure.code }]);
      }
      switch (method) {
        case 'getCallCenterSettings':
          return { ...options.settings };
        case 'getAppViewInfo':
          return viewOf(page);
        case 'enableClickToDial':
        case 'disableClickToDial':
          container.clickToDialEnabled = method === 'enableClickToDial';
          return null;
        case 'notifyInitializationComplete':
          return null;
        case 'refreshView':
          container.refreshes += 1;
          return null;
        case 'saveLog': {
          const value = arg['value'];
          if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('value');
          const fields = { ...(value as Record<string, unknown>) };
          if (typeof fields['Id'] === 'string') {
            const existing = container.saved.find((r) => r['Id'] === fields['Id']);
            if (!existing) throw new ContainerFailure([{ code: 'GENERIC_ERROR', description: `no record ${String(fields['Id'])}` }]);
            Object.assign(existing, fields);
            return existing['Id'];
          }
          if (typeof fields['entityApiName'] !== 'string') throw invalid('entityApiName');
          const id = fakeTaskId(container.saved.length + 1);
          container.saved.push({ ...fields, Id: id });
          return id;
        }
        case 'setSoftphonePanelVisibility':
          if (typeof arg['visible'] !== 'boolean') throw invalid('visible');
          container.panelVisible = arg['visible'];
          return null;
        case 'isSoftphonePanelVisible':
          return { visible: container.panelVisible };
        case 'setSoftphoneItemLabel':
          if (typeof arg['label'] !== 'string') throw invalid('label');
          container.itemLabel = arg['label'];
          return null;
        case 'setSoftphonePanelLabel':
          if (typeof arg['label'] !== 'string') throw invalid('label');
          container.panelLabel = arg['label'];
          return null;
        case 'setSoftphoneItemIcon':
          if (typeof arg['key'] !== 'string' || arg['key'] === '') throw invalid('key');
          container.itemIcon = arg['key'];
          return null;
        case 'searchAndScreenPop':
          return searchAndScreenPop(arg);
        case 'runApex':
          return runApex(arg);
        case 'screenPop':
          return screenPop(arg);
        case 'publish': {
          const channelName = arg['channelName'];
          if (typeof channelName !== 'string' || typeof arg['message'] !== 'object' || arg['message'] === null) {
            throw invalid('message');
          }
          const message: unknown = JSON.parse(JSON.stringify(arg['message']));
          container.published.push({ channelName, message });
          // Like Lightning Message Service: every subscriber of the channel receives it.
          container.emit(`lms:${channelName}`, message);
          return null;
        }
        case 'subscribe': {
          const channelName = arg['channelName'];
          if (typeof channelName !== 'string' || channelName === '') throw invalid('channelName');
          return { channelName, id: `sub-${channelName}` };
        }
        default:
          throw generic(`${method} is not supported by this host`);
      }
    },
    listen(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    failNext(method, code, count = 1) {
      failures.set(method, { code, count });
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    navigate(recordId) {
      if (recordId === null) {
        show({ kind: 'home' }, false);
        return true;
      }
      const record = records.find((r) => r.Id === recordId);
      if (!record) return false;
      show({ kind: 'record', record }, false);
      return true;
    },
    clickToDial(record, field = 'Phone') {
      const number = record[field];
      if (!container.clickToDialEnabled || number === undefined) return false;
      container.emit('onClickToDial', { number, recordId: record.Id, recordName: record.Name, objectType: record.RecordType });
      return true;
    },
  };

  /**
   * Like Lightning with a softphone layout that pops inbound calls only: one match opens the
   * record, several open the search page, none opens a new Contact prefilled with
   * `defaultFieldValues`. Outbound and internal searches only answer; a deferred inbound search
   * answers with the pop it would have made as `SCREEN_POP_DATA` (the argument for `screenPop`).
   */
  function searchAndScreenPop(arg: Readonly<Record<string, unknown>>): unknown {
    const { searchParams, callType, defaultFieldValues, deferred } = arg;
    if (typeof searchParams !== 'string' || searchParams.trim() === '') throw invalid('searchParams');
    if (typeof callType !== 'string' || !CALL_TYPES.includes(callType)) throw invalid('callType');
    if (!isFieldValues(defaultFieldValues)) throw invalid('defaultFieldValues');
    if (deferred !== undefined && typeof deferred !== 'boolean') throw invalid('deferred');
    if (arg['queryParams'] !== undefined && typeof arg['queryParams'] !== 'string') throw invalid('queryParams');
    const matches = search(searchParams);
    if (callType !== FAKE_CALL_TYPE.INBOUND) return resultMap(matches);
    const [only] = matches;
    const pop: FakePage =
      matches.length === 1 && only
        ? { kind: 'record', record: only }
        : matches.length > 1
          ? { kind: 'search', searchString: searchParams, matches }
          : { kind: 'newRecord', entityName: 'Contact', defaultFieldValues: { ...defaultFieldValues } };
    if (deferred !== true) {
      show(pop, true);
      return resultMap(matches);
    }
    // Deferred: nothing pops; the answer carries what would have, for `screenPop`.
    return { ...resultMap(matches), SCREEN_POP_DATA: screenPopData(pop) };
  }

  /**
   * The package's one Apex method, `BiztelCallLog.findTask(callObject)`: the Id of the saved Task
   * with that CallObject, or '' — answered as Lightning wraps an Apex result, `{runApex: …}`.
   */
  function runApex(arg: Readonly<Record<string, unknown>>): unknown {
    const { apexClass, methodName, methodParams } = arg;
    if (typeof apexClass !== 'string' || typeof methodName !== 'string' || typeof methodParams !== 'string') throw invalid('apexClass');
    if (options.apex === false || apexClass !== 'BiztelCallLog' || methodName !== 'findTask') {
      throw generic(`No such Apex method ${apexClass.slice(0, 40)}.${methodName.slice(0, 40)} or no access to it`);
    }
    const callObject = new URLSearchParams(methodParams).get('callObject') ?? '';
    const task = container.saved.find((r) => r['entityApiName'] === 'Task' && r['CallObject'] === callObject);
    return { runApex: typeof task?.['Id'] === 'string' ? task['Id'] : '' };
  }

  function screenPop(arg: Readonly<Record<string, unknown>>): null {
    const { type, params } = arg;
    if (typeof type !== 'string' || !SCREENPOP_TYPES.includes(type)) throw invalid('type');
    if (!isPlainObject(params)) throw invalid('params');
    switch (type) {
      case FAKE_SCREENPOP_TYPE.SOBJECT: {
        if (typeof params['recordId'] !== 'string' || params['recordId'] === '') throw invalid('recordId');
        const record = records.find((r) => r.Id === params['recordId']);
        if (!record) throw generic(`The record ${params['recordId'].slice(0, 18)} does not exist or you cannot see it`);
        show({ kind: 'record', record }, true);
        return null;
      }
      case FAKE_SCREENPOP_TYPE.NEW_RECORD_MODAL: {
        const { entityName } = params;
        const defaults = params['defaultFieldValues'] ?? arg['defaultFieldValues'];
        if (typeof entityName !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(entityName)) throw invalid('entityName');
        if (!isFieldValues(defaults)) throw invalid('defaultFieldValues');
        show({ kind: 'newRecord', entityName, defaultFieldValues: { ...defaults } }, true);
        return null;
      }
      case FAKE_SCREENPOP_TYPE.SEARCH: {
        const { searchString } = params;
        if (typeof searchString !== 'string' || searchString.trim().length < 3) throw invalid('searchString');
        show({ kind: 'search', searchString, matches: search(searchString) }, true);
        return null;
      }
      case FAKE_SCREENPOP_TYPE.URL: {
        // Like force:navigateToURL: a relative Salesforce URL only.
        const { url } = params;
        if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) throw invalid('url');
        show({ kind: 'url', url }, true);
        return null;
      }
      default:
        throw generic(`screenPop type ${type} is not supported by this host`);
    }
  }

  return container;
}

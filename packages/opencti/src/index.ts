/**
 * The subset of Salesforce's `sforce.opencti` (Lightning, API 38+) that the panel uses, typed after
 * the Open CTI Developer Guide: one object argument, asynchronous callbacks with
 * `{success, returnValue, errors}`. See shared/design/opencti-api.md.
 */
export interface OpenCtiErrorItem {
  code: string;
  description: string;
  details?: unknown;
}

export interface OpenCtiResponse<T> {
  success: boolean;
  returnValue: T | null;
  errors: OpenCtiErrorItem[] | null;
}

export type OpenCtiCallback<T> = (response: OpenCtiResponse<T>) => void;

/** `getCallCenterSettings` returns a flat map of `/section/item` keys to string values. */
export type CallCenterSettings = Record<string, string>;

/**
 * What `getAppViewInfo` returns and `onNavigationChange` delivers: `url`, and on a record its id,
 * name and object (plus `accountId`/`contactId`/`personAccount` on person accounts). Only `url`
 * on a list view in a standard app; nothing at all in a console app. Untrusted until validated.
 */
export interface AppViewInfo {
  url?: string;
  recordId?: string;
  recordName?: string;
  objectType?: string;
  accountId?: string;
  contactId?: string;
  personAccount?: boolean;
}

/** The `onClickToDial` payload; the doc types `number` as a number, real pages send strings. */
export interface ClickToDialPayload {
  number: string | number;
  recordId?: string;
  recordName?: string;
  objectType?: string;
  accountId?: string;
  contactId?: string;
  personAccount?: boolean;
  params?: string;
}

/** One entry of the `searchAndScreenPop` result map (keyed by record Id), plus the layout's display fields. */
export interface SearchMatch {
  Id: string;
  Name?: string;
  RecordType?: string;
  [field: string]: unknown;
}

export interface OpenCtiApi {
  notifyInitializationComplete(arg: { callback?: OpenCtiCallback<null> }): void;
  getCallCenterSettings(arg: { callback: OpenCtiCallback<CallCenterSettings> }): void;
  getAppViewInfo(arg: { callback: OpenCtiCallback<AppViewInfo> }): void;
  enableClickToDial(arg: { callback?: OpenCtiCallback<null> }): void;
  disableClickToDial(arg: { callback?: OpenCtiCallback<null> }): void;
  onClickToDial(arg: { listener: (payload: ClickToDialPayload) => void }): void;
  onNavigationChange(arg: { listener: (payload: AppViewInfo) => void }): void;
  screenPop(arg: { type: string; params: Record<string, unknown>; defaultFieldValues?: Record<string, string>; callback?: OpenCtiCallback<null> }): void;
  searchAndScreenPop(arg: {
    searchParams: string;
    callType: string;
    queryParams?: string;
    defaultFieldValues?: Record<string, string>;
    deferred?: boolean;
    params?: Record<string, unknown>;
    callback?: OpenCtiCallback<Record<string, SearchMatch>>;
  }): void;
  setSoftphonePanelVisibility(arg: { visible: boolean; callback?: OpenCtiCallback<null> }): void;
  setSoftphoneItemLabel(arg: { label: string; callback?: OpenCtiCallback<null> }): void;
  /** The utility panel's header. */
  setSoftphonePanelLabel(arg: { label: string; callback?: OpenCtiCallback<null> }): void;
  setSoftphoneItemIcon(arg: { key: string; callback?: OpenCtiCallback<null> }): void;
  /** Creates (`entityApiName`) or updates (`Id`) any record; `returnValue` is the record id. */
  saveLog(arg: { value: Record<string, unknown>; callback?: OpenCtiCallback<string> }): void;
  refreshView(arg: { callback?: OpenCtiCallback<null> }): void;
  setSoftphoneItemIcon(arg: { key: string; callback?: OpenCtiCallback<null> }): void;
  publish(arg: { channelName: string; message: object; callback?: OpenCtiCallback<unknown> }): void;
  /** Lightning Message Service (API 47+): the callback's `returnValue` is the subscription. */
  subscribe(arg: { channelName: string; listener: (message: unknown) => void; callback?: OpenCtiCallback<unknown> }): void;
  readonly CALL_TYPE: { readonly INBOUND: string; readonly OUTBOUND: string; readonly INTERNAL: string };
  readonly SCREENPOP_TYPE: {
    readonly SOBJECT: string;
    readonly URL: string;
    readonly OBJECTHOME: string;
    readonly LIST: string;
    readonly SEARCH: string;
    readonly NEW_RECORD_MODAL: string;
    readonly FLOW: string;
  };
}

/** Documented error codes (sforce_api_cti_error_messages_lightning). */
export const OPENCTI_ERROR = {
  invalidParam: 'INVALID_PARAM',
  generic: 'GENERIC_ERROR',
  server: 'SERVER_ERROR',
  containerNotReady: 'SOFTPHONE_CONTAINER_ERROR',
} as const;

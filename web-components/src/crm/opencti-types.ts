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

export interface OpenCtiApi {
  notifyInitializationComplete(arg: { callback?: OpenCtiCallback<null> }): void;
  getCallCenterSettings(arg: { callback: OpenCtiCallback<CallCenterSettings> }): void;
  setSoftphonePanelVisibility(arg: { visible: boolean; callback?: OpenCtiCallback<null> }): void;
  setSoftphoneItemLabel(arg: { label: string; callback?: OpenCtiCallback<null> }): void;
  publish(arg: { channelName: string; message: object; callback?: OpenCtiCallback<unknown> }): void;
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

/**
 * What the panel needs from the CRM host that frames it. Host-neutral on purpose: Open CTI
 * implements it today; a Service Cloud Voice connector can implement it after Open CTI retires
 * (February 2028) without touching core or transport.
 */
import type { CallStateMessage } from '../core/call-state-message.js';
import type { PhoneSearchReport, PhoneSearchStrategy } from '../core/phone-search-strategy.js';
import type { PopupRule } from '../core/popup-rules.js';

export type { CallStateMessage };

export interface HostSettings {
  /** The admin's screen pop-up URL rules (seed 000 §2.2) from the call center definition. */
  readonly popupRules: readonly PopupRule[];
  /** Rules refused because their template is not a relative Salesforce path or an http(s) URL. */
  readonly invalidPopupRules: readonly string[];
  /** The BIZTEL event-notification server, an https URL (http only on localhost). */
  readonly serverUrl: string;
  /** The Status of the Tasks calls are logged as (Task statuses are per org). */
  readonly taskStatus: string;
  /** How numbers are searched (`/biztel/phoneSearch`). */
  readonly phoneSearch: PhoneSearchStrategy;
}

/** What a phone lookup found, and how it searched (for 診断; `null` when the host does not say). */
export interface PhoneSearchResult {
  readonly records: RecordMatch[];
  readonly report: PhoneSearchReport | null;
}

/** A record the host's search found; `id` is a validated Salesforce id, `name` plain text. */
export interface RecordMatch {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
}

/** A phone link clicked in the CRM: fill the number and dial. */
export interface ClickToDialRequest {
  readonly number: string;
  readonly recordId?: string;
  readonly recordName?: string;
  readonly objectType?: string;
}

/** The record the agent is viewing (what a screen transfer carries). */
export interface ViewedRecord {
  readonly recordId: string;
  readonly recordName?: string;
  readonly objectType?: string;
}

/** Objects the panel may open a prefilled "new record" form for. */
export type NewRecordEntity = 'Contact' | 'Lead' | 'Account';

/** The utility item icons the panel uses (SLDS utility icons). */
export type ItemIcon = 'call' | 'pause' | 'phone_portrait' | 'offline';

export interface HostPort {
  /** Verifies the host API works and reads the settings; rejects with a `HostError`. */
  start(): Promise<HostSettings>;
  /** Tells the host the panel finished loading (hides Lightning's spinner). */
  notifyReady(): Promise<void>;
  /** Shows the panel (e.g. when a call rings while it is minimised). */
  showPanel(): Promise<void>;
  publishCallState(message: CallStateMessage): Promise<void>;
  /** Phone links clicked in the CRM. Only validated payloads reach the listener; returns unsubscribe. */
  onClickToDial(listener: (request: ClickToDialRequest) => void): () => void;
  /** The agent moved to another page; `null` when it is not a record (list view, home…). Returns unsubscribe. */
  onNavigation(listener: (view: ViewedRecord | null) => void): () => void;
  /** The record on screen now, or `null`. */
  currentView(): Promise<ViewedRecord | null>;
  /** Turns the CRM's click-to-dial phone links on or off. */
  setClickToDial(enabled: boolean): Promise<void>;
  /**
   * Searches records by phone number (every stored notation, by the settings' strategy) and lets
   * the host pop them by its own rules; resolves with the validated matches (at most 20) and a
   * report of the searches. Anonymous or empty numbers resolve no records without asking the host.
   */
  searchAndPop(request: { number: string; direction: 'inbound' | 'outbound' }): Promise<PhoneSearchResult>;
  /** Opens a record; rejects with `HostError('failed')` for an invalid id without asking the host. */
  popRecord(recordId: string): Promise<void>;
  /** Opens the host's "new record" form prefilled with `defaults` (field API name → value). */
  popNewRecord(entityName: NewRecordEntity, defaults: Record<string, string>): Promise<void>;
  /** The label of the panel's utility item (at most 40 characters). */
  setItemLabel(label: string): Promise<void>;
  /** The header of the utility panel (at most 40 characters): the same name as the item at rest. */
  setPanelLabel(label: string): Promise<void>;
  /** The icon of the panel's utility item: an SLDS utility icon name such as `call`. */
  setItemIcon(key: ItemIcon): Promise<void>;
  /** Creates (with `entityApiName`) or updates (with `Id`) a record; resolves with its id. */
  saveLog(fields: Readonly<Record<string, string | number | boolean>>): Promise<string>;
  /**
   * The id of this user's call-log Task whose CallObject is `callObject`, or null when there is
   * none: how a save whose outcome is unknown is checked before it is sent again. Rejects when
   * the host cannot tell (then nothing may be sent again).
   */
  findCallLog(callObject: string): Promise<string | null>;
  /**
   * Requests to dial from other components of the app (the `biztelLiveCall` LWC publishes them on
   * a message channel). Only validated requests reach the listener; returns unsubscribe.
   */
  onDialRequest(listener: (request: ClickToDialRequest) => void): () => void;
  /**
   * A component of the app that just opened asks for the live call (`{ v: 1, request: 'callState' }`
   * on the same channel; message channels are publish/subscribe only): the owner page publishes it
   * again. Returns unsubscribe.
   */
  onCallStateRequest(listener: () => void): () => void;
  /** Opens a relative Salesforce URL inside Lightning (a pop-up rule's URL). */
  popUrl(url: string): Promise<void>;
  /** Refreshes the agent's current view (after a log was saved, so the activity shows). */
  refreshView(): Promise<void>;
}

export type HostErrorKind = 'unavailable' | 'failed' | 'noResponse' | 'badSettings';

export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly kind: HostErrorKind,
    message: string,
    readonly errors: readonly { code: string; description: string }[] = [],
  ) {
    super(message);
  }
}

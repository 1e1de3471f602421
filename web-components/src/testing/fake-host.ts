/** A scriptable fake of the Open CTI host port: records every call, answers on a later task. */
import {
  HostError,
  type CallStateMessage,
  type ClickToDialRequest,
  type HostPort,
  type HostSettings,
  type NewRecordEntity,
  type PhoneSearchResult,
  type RecordMatch,
  type ViewedRecord,
} from '../crm/host-port.js';
import type { PhoneSearchReport } from '../core/phone-search-strategy.js';
import { later } from './wait.js';

export { HostError };

/** A scriptable HostPort: records every call; answers on a later task like the real host. */
export class FakeHost implements HostPort {
  readonly calls: { method: keyof HostPort; arg?: unknown }[] = [];
  readonly published: CallStateMessage[] = [];
  settings: HostSettings = { serverUrl: 'https://octi.example.biztel.jp', popupRules: [], invalidPopupRules: [], taskStatus: 'Completed', phoneSearch: 'each' };
  /** When set, `start()` rejects with it. */
  startError: Error | null = null;

  start(): Promise<HostSettings> {
    this.calls.push({ method: 'start' });
    return later(() => {
      if (this.startError) throw this.startError;
      return this.settings;
    });
  }

  notifyReady(): Promise<void> {
    this.calls.push({ method: 'notifyReady' });
    return later(() => undefined);
  }

  showPanel(): Promise<void> {
    this.calls.push({ method: 'showPanel' });
    return later(() => undefined);
  }

  publishCallState(message: CallStateMessage): Promise<void> {
    this.calls.push({ method: 'publishCallState', arg: message });
    this.published.push(message);
    return later(() => undefined);
  }

  /** What `searchAndPop` finds (default: nothing); `searchError` makes it fail instead. */
  searchResults: RecordMatch[] = [];
  searchError: Error | null = null;
  /** How `searchAndPop` says it searched (for 診断). */
  searchReport: PhoneSearchReport | null = null;
  private readonly clickListeners = new Set<(request: ClickToDialRequest) => void>();
  private readonly navigationListeners = new Set<(view: ViewedRecord | null) => void>();

  onClickToDial(listener: (request: ClickToDialRequest) => void): () => void {
    this.clickListeners.add(listener);
    return () => this.clickListeners.delete(listener);
  }

  private readonly dialRequestListeners = new Set<(request: ClickToDialRequest) => void>();

  onDialRequest(listener: (request: ClickToDialRequest) => void): () => void {
    this.dialRequestListeners.add(listener);
    return () => this.dialRequestListeners.delete(listener);
  }

  private readonly stateRequestListeners = new Set<() => void>();

  onCallStateRequest(listener: () => void): () => void {
    this.stateRequestListeners.add(listener);
    return () => this.stateRequestListeners.delete(listener);
  }

  /** A component of the app (the LWC) opened and asks for the live call. */
  callStateRequest(): void {
    for (const listener of [...this.stateRequestListeners]) listener();
  }

  /** A component of the app (the LWC) asks the panel to dial. */
  dialRequest(request: ClickToDialRequest): void {
    for (const listener of [...this.dialRequestListeners]) listener(request);
  }

  onNavigation(listener: (view: ViewedRecord | null) => void): () => void {
    this.navigationListeners.add(listener);
    return () => this.navigationListeners.delete(listener);
  }

  /** What `currentView` answers (the record on screen). */
  view: ViewedRecord | null = null;

  currentView(): Promise<ViewedRecord | null> {
    this.calls.push({ method: 'currentView' });
    return later(() => this.view);
  }

  /** The agent moves to another page in the CRM. */
  navigate(view: ViewedRecord | null): void {
    this.view = view;
    for (const listener of [...this.navigationListeners]) listener(view);
  }

  setClickToDial(enabled: boolean): Promise<void> {
    this.calls.push({ method: 'setClickToDial', arg: enabled });
    return later(() => undefined);
  }

  searchAndPop(request: { number: string; direction: 'inbound' | 'outbound' }): Promise<PhoneSearchResult> {
    this.calls.push({ method: 'searchAndPop', arg: request });
    return later(() => {
      if (this.searchError) throw this.searchError;
      return { records: this.searchResults, report: this.searchReport };
    });
  }

  popRecord(recordId: string): Promise<void> {
    this.calls.push({ method: 'popRecord', arg: recordId });
    return later(() => undefined);
  }

  popNewRecord(entityName: NewRecordEntity, defaults: Record<string, string>): Promise<void> {
    this.calls.push({ method: 'popNewRecord', arg: { entityName, defaults } });
    return later(() => undefined);
  }

  setItemLabel(label: string): Promise<void> {
    this.calls.push({ method: 'setItemLabel', arg: label });
    return later(() => undefined);
  }

  /** Tasks saved with `saveLog`; `saveFailures` makes that many next saves fail first. */
  readonly savedLogs: Readonly<Record<string, string | number | boolean>>[] = [];
  saveFailures = 0;

  saveLog(fields: Readonly<Record<string, string | number | boolean>>): Promise<string> {
    this.calls.push({ method: 'saveLog', arg: fields });
    return later(() => {
      if (this.saveFailures > 0) {
        this.saveFailures -= 1;
        throw new HostError('failed', 'saveLog: SERVER_ERROR');
      }
      this.savedLogs.push(fields);
      return `00T5g00000${String(this.savedLogs.length).padStart(5, '0')}AAA`;
    });
  }

  /** `findCallLog`: the Task with that CallObject among the saved ones, else null; `findError` fails instead. */
  findError: Error | null = null;

  findCallLog(callObject: string): Promise<string | null> {
    this.calls.push({ method: 'findCallLog', arg: callObject });
    return later(() => {
      if (this.findError) throw this.findError;
      const index = this.savedLogs.findIndex((f) => f['CallObject'] === callObject);
      return index < 0 ? null : `00T5g00000${String(index + 1).padStart(5, '0')}AAA`;
    });
  }

  /** That many next `setPanelLabel` calls fail (the container not ready yet). */
  panelLabelFailures = 0;

  setPanelLabel(label: string): Promise<void> {
    this.calls.push({ method: 'setPanelLabel', arg: label });
    return later(() => {
      if (this.panelLabelFailures > 0) {
        this.panelLabelFailures -= 1;
        throw new HostError('failed', 'setSoftphonePanelLabel: SOFTPHONE_CONTAINER_ERROR');
      }
    });
  }

  setItemIcon(key: string): Promise<void> {
    this.calls.push({ method: 'setItemIcon', arg: key });
    return later(() => undefined);
  }

  popUrl(url: string): Promise<void> {
    this.calls.push({ method: 'popUrl', arg: url });
    return later(() => undefined);
  }

  refreshView(): Promise<void> {
    this.calls.push({ method: 'refreshView' });
    return later(() => undefined);
  }

  /** The agent clicks a phone link in the CRM. */
  clickToDial(request: ClickToDialRequest): void {
    for (const listener of [...this.clickListeners]) listener(request);
  }

  argsOf(method: keyof HostPort): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  count(method: keyof HostPort): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

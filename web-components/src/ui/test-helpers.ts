/**
 * Shared helpers for the `dom` component tests: realistic wire fixtures (checked against the
 * protocol's own schemas), user-like input helpers, an event recorder, an axe check that looks
 * into shadow roots, and hand-written fakes of the two ports the shell talks to.
 */
import { afterEach, beforeEach } from '@jest/globals';
import * as axe from 'axe-core';
import {
  HostError,
  type CallStateMessage,
  type ClickToDialRequest,
  type HostPort,
  type HostSettings,
  type NewRecordEntity,
  type RecordMatch,
  type ViewedRecord,
} from '../crm/host-port.js';
import type { Logger } from '../log.js';
import { memoryStore } from '../crm/log-queue.js';
import {
  LOGOFF_STATUS_ID,
  callerIdsSchema,
  parse,
  snapshotSchema,
  statusSchema,
  type AgentStatus,
  type Call,
  type CallerIdChoice,
  type CallerIds,
  type Reply,
  type SignInReply,
  type SignInRequest,
  type Snapshot,
  type TokenReply,
} from '@biztel/protocol';
import type { ConnectionEvent, EventServerPort } from '../transport/event-server-port.js';
import type { SoftphoneServices } from './softphone-controller.js';

// ---- fixtures ---------------------------------------------------------------------------------

/** The statuses a BIZTEL tenant offers (as the event server's hello sends them). */
export const STATUSES: readonly AgentStatus[] = [
  { id: 'available', label: '受付可' },
  { id: 'wrapup', label: '後処理' },
  { id: 'away', label: '離席' },
  { id: 'break', label: '休憩' },
  { id: LOGOFF_STATUS_ID, label: 'ログオフ' },
].map((s) => parse(statusSchema, s, 'status'));

/** Caller IDs as distributed to the account (seed 003): both lists, switchable, nothing restricted. */
export const CALLER_IDS: CallerIds = parse(
  callerIdsSchema,
  {
    mode: 'switchable',
    restricted: false,
    numbers: [
      { number: '0312345678', label: '代表' },
      { number: '0501234567', label: '' },
    ],
    windows: [
      { id: 'cc-support', name: 'サポート窓口', number: '0120111222' },
      { id: 'cc-sales', name: '営業窓口', number: '0120333444' },
    ],
  },
  'callerIds',
);

/** 2025-04-01 09:00:00 JST, as the server's clock reports it. */
export const SERVER_TIME = Date.UTC(2025, 3, 1, 0, 0, 0);

type SnapshotOverrides = Partial<Omit<Snapshot, 'agent' | 'softphone'>> & {
  agent?: Partial<Snapshot['agent']>;
  softphone?: Partial<Snapshot['softphone']>;
};

/** A snapshot as the server pushes it; validated by the protocol schema so fixtures stay real. */
export function snapshotFixture(overrides: SnapshotOverrides = {}): Snapshot {
  const { agent, softphone, ...rest } = overrides;
  return parse(
    snapshotSchema,
    {
      revision: 1,
      serverTime: SERVER_TIME,
      statuses: STATUSES,
      calls: [],
      parked: [],
      callerIds: { mode: 'switchable', restricted: false, numbers: [], windows: [] },
      ...rest,
      agent: { account: 'yamada.taro', extension: '1001', statusId: 'available', hardphone: false, ...agent },
      softphone: { running: true, ...softphone },
    },
    'snapshot',
  );
}

export function ringingCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-20250401-0001',
    direction: 'inbound',
    state: 'ringing',
    remoteNumber: '0312345678',
    startedAt: SERVER_TIME - 3_000,
    businessLabel: 'サポート窓口',
    ...overrides,
  };
}

export function talkingCall(overrides: Partial<Call> = {}): Call {
  return ringingCall({ state: 'talking', answeredAt: SERVER_TIME - 65_000, startedAt: SERVER_TIME - 70_000, ...overrides });
}

/** The customer put on hold 10 s ago (after 55 s of talking). */
export function heldCall(overrides: Partial<Call> = {}): Call {
  return talkingCall({ state: 'held', heldAt: SERVER_TIME - 10_000, ...overrides });
}

/** The agent's call to a transfer target (extension 2002) while the customer waits on hold. */
export function consultationCall(state: 'dialing' | 'talking', overrides: Partial<Call> = {}): Call {
  return {
    id: 'call-20250401-0002',
    direction: 'outbound',
    state,
    remoteNumber: '2002',
    startedAt: SERVER_TIME - 8_000,
    ...(state === 'talking' ? { answeredAt: SERVER_TIME - 5_000 } : {}),
    transfer: { kind: 'attended', of: 'call-20250401-0001' },
    ...overrides,
  };
}

/** A chat history as the chatbot integration delivers it (seed 004), deliberately not in time order. */
export function chatHistory(): NonNullable<Call['chat']> {
  return {
    status: 'ok',
    messages: [
      { from: 'bot', kind: 'text', text: 'ご用件をお選びください。', at: SERVER_TIME - 120_000 },
      { from: 'customer', kind: 'text', text: '配送について', at: SERVER_TIME - 110_000 },
      { from: 'customer', kind: 'upload', text: '', url: 'https://chat.example.com/uploads/receipt.png', at: SERVER_TIME - 100_000 },
      { from: 'customer', kind: 'text', text: 'お問い合わせ番号 A-123', at: SERVER_TIME - 105_000 },
      { from: 'bot', kind: 'text', text: 'オペレーターにおつなぎします。', at: SERVER_TIME - 90_000 },
    ],
  };
}

/** A call parked on `slot` by this extension, `ago` ms ago. */
export function parkedCall(slot: string, ago = 20_000, remoteNumber = '0312345678'): Snapshot['parked'][number] {
  return { slot, remoteNumber, parkedAt: SERVER_TIME - ago, recallAt: SERVER_TIME - ago + 300_000 };
}

// ---- DOM helpers ------------------------------------------------------------------------------

/**
 * Lets pending promises and timers run (the fakes answer on a later task, as real ports do), then
 * waits until `root` and every Lit element inside its shadow roots has finished rendering.
 */
export async function settle(root: Element): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await rendered(root);
  }
}

async function rendered(el: Element): Promise<void> {
  await (el as { updateComplete?: Promise<unknown> }).updateComplete;
  for (const child of el.shadowRoot?.querySelectorAll('*') ?? []) if (child.localName.includes('-')) await rendered(child);
}

export function $<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${root.localName}: nothing matches ${selector}`);
  return found;
}

export function $$<T extends Element = HTMLElement>(root: Element, selector: string): T[] {
  return [...(root.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/**
 * Text as a user (and a screen reader) gets it: whitespace collapsed, `aria-hidden` decoration
 * and `<style>` (jsdom has no adopted style sheets, so Lit writes `<style>` into shadow roots) left out.
 */
export function textOf(node: Node | null | undefined): string {
  return collectText(node).replace(/\s+/g, ' ').trim();
}

function collectText(node: Node | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node instanceof Element && (node.localName === 'style' || node.getAttribute('aria-hidden') === 'true')) return '';
  let text = '';
  for (const child of node.childNodes) text += collectText(child);
  return text;
}

/** Types into a field as a user would: value changes, then `input` and `change` fire. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Enter or Space on a button, as a browser does it: the keydown, then (unless prevented) the
 * button's activation, a click. jsdom implements only the keydown.
 */
export function activate(button: HTMLButtonElement, key: 'Enter' | ' '): void {
  const keydown = press(button, key);
  if (!keydown.defaultPrevented && !button.disabled) button.click();
}

export function press(target: Element, key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

/**
 * Enter in a text field. jsdom does not implement implicit submission, so after the keydown this
 * does what a browser does next: submits the field's form (through its default button rules).
 */
export function pressEnter(input: HTMLInputElement): void {
  const keydown = press(input, 'Enter');
  if (!keydown.defaultPrevented) input.form?.requestSubmit();
}

/** The text of what `control` is described by (`aria-describedby`), looked up in `host`'s shadow root. */
export function describedText(host: Element, control: Element): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => textOf(host.shadowRoot!.getElementById(id)))
    .join(' ');
}

/** The element focused inside `host`'s shadow root (document.activeElement only shows the host). */
export function focused(host: Element): Element | null {
  return host.shadowRoot?.activeElement ?? null;
}

export const PANEL_EVENTS = [
  'biztel-sign-in-request',
  'biztel-dial-request',
  'biztel-answer-request',
  'biztel-hangup-request',
  'biztel-status-change-request',
  'biztel-sign-out-request',
  'biztel-notice-dismiss-request',
  'biztel-hold-request',
  'biztel-unhold-request',
  'biztel-park-request',
  'biztel-transfer-request',
  'biztel-dtmf-request',
  'biztel-dial-pad-press',
  'biztel-seat-takeover-request',
  'biztel-seat-takeover-cancel',
  'biztel-record-open-request',
  'biztel-record-create-request',
  'biztel-transfer-note-change',
] as const;

export interface RecordedEvent {
  readonly type: string;
  readonly detail: unknown;
  readonly bubbles: boolean;
  readonly composed: boolean;
}

/**
 * Records every `biztel-*` request that reaches `target` (the document by default, i.e. only
 * events that bubble and compose out of the shadow roots). Call `stop()` in afterEach.
 */
export function recordEvents(target: EventTarget = document): { events: RecordedEvent[]; stop(): void } {
  const events: RecordedEvent[] = [];
  const listener = (e: Event) =>
    events.push({ type: e.type, detail: (e as CustomEvent).detail, bubbles: e.bubbles, composed: e.composed });
  for (const type of PANEL_EVENTS) target.addEventListener(type, listener);
  return {
    events,
    stop: () => {
      for (const type of PANEL_EVENTS) target.removeEventListener(type, listener);
    },
  };
}

/**
 * For a component test file: records the requests reaching the document during each test (as
 * `recordEvents` does), then stops recording and empties the page after it.
 */
export function recordEventsPerTest(): { readonly events: readonly RecordedEvent[] } {
  let recorder: ReturnType<typeof recordEvents> | undefined;
  beforeEach(() => {
    recorder = recordEvents(document);
  });
  afterEach(() => {
    recorder?.stop();
    document.body.replaceChildren();
  });
  return {
    get events() {
      return recorder?.events ?? [];
    },
  };
}

/**
 * jest-fixed-jsdom replaces jsdom's `FormData` with Node's (undici), which cannot read an
 * `HTMLFormElement` (`new FormData(form)` throws "Argument 1 could not be converted to:
 * undefined"). Browsers and jsdom itself can, so for the tests that submit forms this puts the
 * DOM's own `FormData` back, taken from a blank iframe of the same jsdom. Returns the restorer.
 */
export function useDomFormData(): () => void {
  const frame = document.createElement('iframe');
  document.documentElement.append(frame);
  const domFormData = (frame.contentWindow as (Window & typeof globalThis) | null)?.FormData;
  frame.remove();
  if (!domFormData) throw new Error('jsdom gave the iframe no window: cannot restore the DOM FormData');
  const original = globalThis.FormData;
  globalThis.FormData = domFormData;
  return () => {
    globalThis.FormData = original;
  };
}

// ---- accessibility ----------------------------------------------------------------------------

/**
 * Runs axe on `el` (axe walks open shadow roots) and returns its violations, plus the results it
 * could not decide ("needs review"), in a readable form so a failing `toEqual([])` prints them.
 * Two rules cannot work in jsdom and are off: `color-contrast` (no computed colours) and
 * `label-content-name-mismatch` (needs a canvas 2D context, which jsdom lacks; the tests check
 * label-in-name on the status button themselves).
 */
export async function axeViolations(el: Element): Promise<string[]> {
  const results = await axe.run(el, {
    rules: { 'color-contrast': { enabled: false }, 'label-content-name-mismatch': { enabled: false } },
  });
  const describe = (kind: string) => (r: axe.Result) =>
    `${kind} ${r.id} (${r.impact ?? '?'}): ${r.help}\n  ${r.nodes.map((n) => `${n.target.join(' >>> ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`;
  return [...results.violations.map(describe('violation')), ...results.incomplete.map(describe('needs review'))];
}

// ---- fakes of the ports -----------------------------------------------------------------------

/** A scriptable HostPort: records every call; answers on a later task like the real host. */
export class FakeHost implements HostPort {
  readonly calls: { method: keyof HostPort; arg?: unknown }[] = [];
  readonly published: CallStateMessage[] = [];
  settings: HostSettings = { serverUrl: 'https://octi.example.biztel.jp', popupRules: [], invalidPopupRules: [] };
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

  searchAndPop(request: { number: string; direction: 'inbound' | 'outbound' }): Promise<RecordMatch[]> {
    this.calls.push({ method: 'searchAndPop', arg: request });
    return later(() => {
      if (this.searchError) throw this.searchError;
      return this.searchResults;
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

type Command = 'signIn' | 'signOut' | 'setStatus' | 'dial' | 'answer' | 'hangup' | 'hold' | 'unhold' | 'park' | 'transfer' | 'dtmf' | 'viewing';

/** A scriptable EventServerPort: records commands, replies from a script, pushes snapshots. */
export class FakeEventServer implements EventServerPort {
  readonly calls: { method: keyof EventServerPort; arg?: unknown }[] = [];
  statuses: AgentStatus[] = [...STATUSES];
  /** When set, `connect()` rejects with it. */
  connectError: Error | null = null;
  /** The reply to the next sign-in; the snapshot is what the server would send. */
  signInReply: SignInReply = { ok: true, snapshot: snapshotFixture() };
  /** Replies per command (default `{ok: true}`). */
  readonly replies: Partial<Record<Exclude<Command, 'signIn'>, Reply>> = {};
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly connectionListeners = new Set<(e: ConnectionEvent) => void>();

  connect(serverUrl: string): Promise<{ statuses: AgentStatus[] }> {
    this.calls.push({ method: 'connect', arg: serverUrl });
    return later(() => {
      if (this.connectError) throw this.connectError;
      return { statuses: this.statuses };
    });
  }

  signIn(request: SignInRequest): Promise<SignInReply> {
    this.calls.push({ method: 'signIn', arg: request });
    return later(() => this.signInReply);
  }

  /** The reply to the next resume (default: the session is taken back with the sign-in snapshot). */
  resumeReply: SignInReply | null = null;

  resume(token: string): Promise<SignInReply> {
    this.calls.push({ method: 'resume', arg: token });
    return later(() => this.resumeReply ?? this.signInReply);
  }

  /** What `ping()` answers (ms, or null for no answer). */
  latencyMs: number | null = 12;

  ping(): Promise<number | null> {
    return later(() => this.latencyMs);
  }

  private tokenCount = 0;

  /** Hands out `token-1-…`, `token-2-…` (long enough for the schema), or `tokenReply` when set. */
  tokenReply: TokenReply | null = null;

  sessionToken(): Promise<TokenReply> {
    this.calls.push({ method: 'sessionToken' });
    this.tokenCount += 1;
    const token = `token-${this.tokenCount}-${'x'.repeat(40)}`;
    return later(() => this.tokenReply ?? { ok: true, token });
  }

  private readonly sessionEndedListeners = new Set<() => void>();

  onSessionEnded(listener: () => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  /** Another panel of the agent signed out. */
  endSession(): void {
    for (const listener of [...this.sessionEndedListeners]) listener();
  }

  signOut(): Promise<Reply> {
    return this.command('signOut', undefined);
  }

  setStatus(statusId: string): Promise<Reply> {
    return this.command('setStatus', statusId);
  }

  /** The caller ID sent with each dial, in order (undefined = the server's default rule). */
  readonly dialCallerIds: (CallerIdChoice | undefined)[] = [];

  dial(number: string, callerId?: CallerIdChoice): Promise<Reply> {
    this.dialCallerIds.push(callerId);
    return this.command('dial', number);
  }

  answer(callId: string): Promise<Reply> {
    return this.command('answer', callId);
  }

  hangup(callId: string): Promise<Reply> {
    return this.command('hangup', callId);
  }

  hold(callId: string): Promise<Reply> {
    return this.command('hold', callId);
  }

  unhold(callId: string): Promise<Reply> {
    return this.command('unhold', callId);
  }

  park(callId: string): Promise<Reply> {
    return this.command('park', callId);
  }

  transfer(callId: string): Promise<Reply> {
    return this.command('transfer', callId);
  }

  dtmf(callId: string, digits: string): Promise<Reply> {
    return this.command('dtmf', { callId, digits });
  }

  viewing(screen: Parameters<EventServerPort['viewing']>[0]): Promise<Reply> {
    return this.command('viewing', screen);
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  close(): void {
    this.calls.push({ method: 'close' });
  }

  /** The server pushes a snapshot to every listener. */
  push(snapshot: Snapshot): void {
    for (const listener of [...this.snapshotListeners]) listener(snapshot);
  }

  /** The connection changes (e.g. the socket drops for good). */
  emitConnection(event: ConnectionEvent): void {
    for (const listener of [...this.connectionListeners]) listener(event);
  }

  get listenerCount(): number {
    return this.snapshotListeners.size + this.connectionListeners.size;
  }

  argsOf(method: keyof EventServerPort): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  private command(method: Exclude<Command, 'signIn'>, arg: unknown): Promise<Reply> {
    this.calls.push({ method, arg });
    return later(() => this.replies[method] ?? { ok: true });
  }
}

/** A logger that keeps every line, so tests can check nothing secret was logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push([level, message, ...details.map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))].join(' '));
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export interface FakeServices extends SoftphoneServices {
  readonly host: FakeHost;
  readonly server: FakeEventServer;
  readonly logger: Logger & { lines: string[] };
}

export function fakeServices(): FakeServices {
  return {
    host: new FakeHost(),
    server: new FakeEventServer(),
    logger: recordingLogger(),
    now: () => Date.now(),
    store: memoryStore(),
    logTexts: { subjectInbound: '着信', subjectOutbound: '発信', anonymous: '非通知', businessLabel: '業務ラベル', chatCustomer: 'お客様', chatBot: 'チャットボット' },
  };
}

export { HostError };

/** Resolves (or rejects) on a later task, as real ports answer. */
function later<T>(produce: () => T): Promise<T> {
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(produce());
      } catch (error) {
        reject(error);
      }
    }, 0),
  );
}

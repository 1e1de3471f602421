/**
 * Wires core + transport + crm for the root element: runs the start-up checks, turns the agent's
 * requests into server commands, feeds server snapshots into the reducer, and performs the side
 * effects that follow from state changes (show the panel on ringing, publish the live call).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  callStateMessage,
  currentCall,
  initialState,
  noticeForError,
  reduce,
  signInErrorFor,
  type PanelEvent,
  type PanelState,
} from '../core/panel-state.js';
import { checkSignInForm, type SignInForm } from '../core/sign-in.js';
import type { FormMemory } from '../core/panel-state.js';
import { normaliseDialString } from '../core/phone.js';
import type { HostPort, ItemIcon, ViewedRecord } from '../crm/host-port.js';
import { HostError } from '../crm/host-port.js';
import type { ConnectionEvent, EventServerPort } from '../transport/event-server-port.js';
import type { Logger } from '../log.js';
import type { Call, CallerIdChoice, Reply, SignInRequest, Snapshot } from '@biztel/protocol';
import { displayNumber } from '../core/phone.js';
import type { Lookups } from '../core/lookup.js';
import { callEvents, expandTemplate, isRelativeUrl, type PopupEvent, type PopupRule } from '../core/popup-rules.js';
import { openInNewTab } from './open-url.js';
import { shouldLog, taskFor, type TaskTexts } from '../core/call-log.js';
import { CallLogQueue, type KeyValueStore } from '../crm/log-queue.js';
import { memoryStore } from '../core/key-value-store.js';
import { ResumeStore } from '../session/resume-store.js';
import type { Ownership, TabCoordinator } from '../session/tab-coordinator.js';
import { CallJournal } from '../session/call-journal.js';
import { OperationLog } from '../core/operation-log.js';
import type { DiagnosticsInfo, InitCheck, InitCheckName } from '../core/diagnostics.js';
import { PANEL_VERSION } from '../version.js';

export interface SoftphoneServices {
  readonly host: HostPort;
  readonly server: EventServerPort;
  readonly logger: Logger;
  readonly now: () => number;
  /** Where the call-log queue survives a reload (the page's localStorage in the bundle). */
  readonly store: KeyValueStore;
  /** Words of the Task subject and description, in the agent's language. */
  readonly logTexts: TaskTexts;
  /** Where the resume token waits for the next page of this Salesforce user (default: memory). */
  readonly resume?: ResumeStore;
  /** Elects the one page of this user that pops, logs and publishes (default: this page alone). */
  readonly tabs?: TabCoordinator | null;
  /** `<org id>/<user id>`: keeps one Salesforce user's call journal apart from another's. */
  readonly userScope?: string | null;
}

export class SoftphoneController implements ReactiveController {
  state: PanelState = initialState;
  private disposers: (() => void)[] = [];
  private lastPublished = '';
  private running = false;
  private pendingSignIn: SignInRequest | null = null;
  private readonly resumeStore: ResumeStore;
  /** Whether this page performs the side effects of calls (see TabCoordinator). */
  ownership: Ownership = 'alone';
  private journal: CallJournal | null = null;
  /** The last snapshot whose calls the owner followed (Tasks, pop-up rules). */
  private followed: Snapshot | null = null;
  private lastItemLabel = '';
  private lastItemIcon: ItemIcon | null = null;
  private popupRules: readonly PopupRule[] = [];
  private serverAddress = '';
  /** The CRM record on screen and the agent's note: what a transfer sends along (画面転送). */
  private viewing: ViewedRecord | null = null;
  private transferNote = '';
  private logQueue: CallLogQueue | null = null;
  /** The reconnection attempt under way, shown while reconnecting. */
  reconnectAttempt: { attempt: number; of: number } | null = null;
  /** Call logs waiting to be saved in the CRM (shown so the agent knows nothing is lost). */
  pendingLogs = 0;
  private clickToDialEnabled: boolean | null = null;
  /** Operations and events of this page, for the diagnostics view and support (never secrets). */
  readonly operationLog = new OperationLog();
  private readonly checks: Record<InitCheckName, InitCheck> = {
    opencti: { name: 'opencti', ok: null },
    settings: { name: 'settings', ok: null },
    eventServer: { name: 'eventServer', ok: null },
    signIn: { name: 'signIn', ok: null },
  };
  private serverUrl = '';
  private latencyMs: number | null = null;
  private latencyTimer: ReturnType<typeof setInterval> | undefined;

  /** What the diagnostics view shows and support gets with the copy button. */
  diagnostics(): DiagnosticsInfo {
    const s = this.state;
    const connection =
      s.phase === 'starting' ? 'starting' : s.phase === 'failed' ? 'disconnected' : s.phase === 'signedIn' && s.reconnecting ? 'reconnecting' : 'connected';
    return {
      connection,
      serverUrl: this.serverUrl,
      latencyMs: connection === 'connected' ? this.latencyMs : null,
      ownership: this.ownership,
      agent: s.phase === 'signedIn' ? `${s.snapshot.agent.account}@${s.snapshot.agent.extension}` : '-',
      initChecks: Object.values(this.checks),
      version: PANEL_VERSION,
      userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
    };
  }

  private check(name: InitCheckName, ok: boolean, detail?: string): void {
    this.checks[name] = { name, ok, ...(detail ? { detail } : {}) };
  }

  /** Measures the round trip now and every 30 s (shown in diagnostics). */
  private watchLatency(): void {
    const measure = () =>
      void this.services.server.ping().then((ms) => {
        this.latencyMs = ms;
      });
    measure();
    this.latencyTimer = setInterval(measure, 30_000);
    this.disposers.push(() => clearInterval(this.latencyTimer));
  }

  constructor(
    private readonly element: ReactiveControllerHost,
    private readonly services: SoftphoneServices,
  ) {
    this.resumeStore = services.resume ?? new ResumeStore(memoryStore(), null, null);
    element.addController(this);
  }

  private get owner(): boolean {
    return this.ownership !== 'other';
  }

  hostConnected(): void {
    if (this.running) return;
    this.running = true;
    this.state = initialState;
    void this.start();
  }

  hostDisconnected(): void {
    this.running = false;
    this.pendingSignIn = null;
    this.logQueue?.dispose();
    this.logQueue = null;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.services.tabs?.dispose();
    this.services.server.close();
  }

  // ---- start-up checks (seed 001 §2) ---------------------------------------------------------

  private async start(): Promise<void> {
    const { host, server, logger } = this.services;
    let serverUrl: string;
    try {
      const settings = await host.start();
      serverUrl = settings.serverUrl;
      this.serverUrl = serverUrl;
      this.check('opencti', true);
      this.check('settings', settings.invalidPopupRules.length === 0, settings.invalidPopupRules.length > 0 ? `pop-up rules refused: ${settings.invalidPopupRules.join(', ')}` : undefined);
      this.popupRules = settings.popupRules;
      if (settings.invalidPopupRules.length > 0) {
        logger.error('pop-up rules refused (not a relative Salesforce path or an http(s) URL)', settings.invalidPopupRules.join(', '));
      }
    } catch (error) {
      const bad = error instanceof HostError && error.kind === 'badSettings';
      logger.error('Open CTI start failed', describe(error));
      this.check(bad ? 'settings' : 'opencti', false, describe(error));
      if (bad) this.check('opencti', true);
      this.dispatch({ type: 'startupFailed', failure: bad ? 'server' : 'opencti', detail: describe(error) });
      if (bad) host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
      return;
    }
    host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
    this.serverAddress = new URL(serverUrl).host;
    if (!this.running) return;
    await this.startTabs();
    if (!this.running) return;
    // Registered on every load (reload, pop-out and new tab are each a new instance).
    this.disposers.push(
      host.onClickToDial((request) => void this.clickToDial(request.number)),
      host.onDialRequest((request) => void this.clickToDial(request.number)),
      host.onNavigation((view) => {
        this.viewing = view;
        this.reportViewing();
      }),
    );
    try {
      const hello = await server.connect(serverUrl);
      if (!this.running) return;
      this.check('eventServer', true);
      this.watchLatency();
      this.disposers.push(
        server.onSnapshot((snapshot) => this.dispatch({ type: 'snapshotReceived', snapshot, receivedAt: this.services.now() })),
        server.onConnection((event) => void this.onConnection(event)),
        server.onSessionEnded(() => {
          this.resumeStore.clear();
          this.dispatch({ type: 'sessionEnded', error: 'signedOutElsewhere' });
        }),
      );
      // A reload, pop-out or another tab of this user: take the signed-in session back.
      if (!(await this.restoreSession()) && this.running) this.dispatch({ type: 'ready', statuses: hello.statuses });
    } catch (error) {
      logger.error('event server unreachable', describe(error));
      this.check('eventServer', false, describe(error));
      this.dispatch({ type: 'startupFailed', failure: 'server', detail: describe(error) });
    }
  }

  // ---- the agent's requests -----------------------------------------------------------------

  async signIn(form: SignInForm): Promise<void> {
    const check = checkSignInForm(form);
    if (!check.ok) return;
    const { password: _password, ...memory } = form;
    await this.submitSignIn(check.request, memory);
  }

  /** The agent confirmed taking over the occupied seat: the same sign-in, with the overwrite flag. */
  async takeOverSeat(): Promise<void> {
    const pending = this.pendingSignIn;
    if (!pending || this.state.phase !== 'signedOut') return;
    await this.submitSignIn({ ...pending, overwriteSeat: true }, this.state.form);
  }

  /** The agent cancelled: back to the form; the remembered request (and its password) is dropped. */
  cancelSeatTakeover(): void {
    this.pendingSignIn = null;
    this.dispatch({ type: 'seatConflictDismissed' });
  }

  /**
   * The connection dropped: a signed-in panel keeps working in a reconnecting state and takes its
   * session back with the resume token once the socket is back (never the password). Only when
   * reconnecting fails for good, or the server no longer knows the session, does the manual's
   * message appear.
   */
  private async onConnection(event: ConnectionEvent): Promise<void> {
    const { logger, server } = this.services;
    if (event.kind === 'failed') {
      this.dispatch({ type: 'connectionLost', detail: event.reason });
      return;
    }
    if (this.state.phase !== 'signedIn') return;
    if (event.kind === 'retrying') {
      this.reconnectAttempt = { attempt: event.attempt, of: event.of };
      this.operationLog.record('connection', 'reconnect attempt', `${event.attempt}/${event.of}`);
      this.element.requestUpdate();
      return;
    }
    this.reconnectAttempt = null;
    if (event.kind === 'lost') {
      logger.warn('connection lost; reconnecting', event.reason);
      this.dispatch({ type: 'connectionInterrupted' });
      return;
    }
    const reply = await this.resumeStore.exclusive(async () => {
      const token = this.resumeStore.read();
      if (!token) return null;
      const r = await server.resume(token);
      if (r.ok) this.resumeStore.write(r.resumeToken ?? null);
      else if (r.code === 'SESSION_EXPIRED') this.resumeStore.clear();
      return r;
    });
    if (!reply) {
      this.dispatch({ type: 'connectionLost', detail: 'no session to resume' });
    } else if (reply.ok) {
      this.dispatch({ type: 'sessionResumed', snapshot: reply.snapshot, receivedAt: this.services.now() });
      this.reportViewing();
    } else if (reply.code === 'SESSION_EXPIRED') {
      // Signed out elsewhere meanwhile, or the server restarted without keeping sessions.
      logger.warn('session expired while reconnecting');
      this.dispatch({ type: 'sessionEnded', error: 'sessionExpired' });
    } else {
      logger.warn('session could not be resumed', reply.code);
      this.dispatch({ type: 'connectionLost', detail: `session could not be resumed (${reply.code})` });
    }
  }

  /**
   * Joins the other panels of this Salesforce user: learns whether this page owns the side effects
   * now, takes them over when the owner's page closes, and follows a sign-in made in another tab.
   */
  private async startTabs(): Promise<void> {
    const tabs = this.services.tabs;
    if (!tabs) return;
    this.disposers.push(
      tabs.onChange((ownership) => this.ownershipChanged(ownership)),
      tabs.onSignedIn(() => {
        if (this.state.phase === 'signedOut' && !this.state.submitting) void this.restoreSession();
      }),
      tabs.onJournal(() => {
        if (this.state.phase === 'signedIn') this.lookUpNewCalls(this.state.lookups, this.state.snapshot);
      }),
    );
    this.ownership = await tabs.start();
  }

  private ownershipChanged(ownership: Ownership): void {
    const took = ownership !== 'other' && this.ownership === 'other';
    this.ownership = ownership;
    this.services.logger.info(`ownership: ${ownership}`);
    if (took && this.state.phase === 'signedIn') {
      // The owner's page closed: this page does its work from here, including what it missed.
      this.lastPublished = '';
      this.effects(this.state, this.state);
    }
    this.element.requestUpdate();
  }

  /** Takes the session back with the stored token (another page of this user left it there). */
  private async restoreSession(): Promise<boolean> {
    if (!this.resumeStore.persistent) return false;
    const { server, logger } = this.services;
    const reply = await this.resumeStore.exclusive(async () => {
      const token = this.resumeStore.read();
      if (!token) return null;
      const r = await server.resume(token);
      if (r.ok) this.resumeStore.write(r.resumeToken ?? null);
      else this.resumeStore.clear();
      return r;
    });
    if (!reply) return false;
    if (!reply.ok) {
      logger.info('the stored session could not be taken back', reply.code);
      return false;
    }
    logger.info('session taken back without the password');
    this.dispatch({ type: 'sessionRestored', snapshot: reply.snapshot, receivedAt: this.services.now() });
    this.reportViewing();
    return this.state.phase === 'signedIn';
  }

  private async submitSignIn(request: SignInRequest, memory: FormMemory): Promise<void> {
    this.dispatch({ type: 'signInSubmitted', form: memory });
    const reply = await this.services.server.signIn(request);
    this.check('signIn', reply.ok, reply.ok ? undefined : reply.code);
    if (reply.ok) {
      this.pendingSignIn = null;
      this.resumeStore.write(reply.resumeToken ?? null);
      this.dispatch({ type: 'signInAccepted', snapshot: reply.snapshot, receivedAt: this.services.now() });
      this.services.tabs?.announceSignedIn();
    } else if (reply.code === 'SEAT_TAKEN' && !request.overwriteSeat) {
      // Kept in memory only until the agent answers the question; never stored or logged.
      this.pendingSignIn = request;
      this.dispatch({ type: 'seatConflict', seat: reply.seat ?? { seatId: request.seatId ?? '' } });
    } else {
      this.pendingSignIn = null;
      this.dispatch({ type: 'signInRejected', error: signInErrorFor(reply.code) });
    }
  }

  /** Returns true when the dial was accepted (the view then clears the number field). */
  async dial(input: string, callerId?: CallerIdChoice): Promise<boolean> {
    const check = normaliseDialString(input);
    if (!check.ok) {
      const notice = check.reason === 'empty' ? 'dialEmpty' : check.reason === 'tooLong' ? 'dialTooLong' : 'dialInvalidCharacters';
      this.dispatch({ type: 'noticeRaised', notice });
      return false;
    }
    return this.command('dial', this.services.server.dial(check.number, callerId));
  }

  hold(callId: string): Promise<boolean> {
    return this.command('hold', this.services.server.hold(callId));
  }

  unhold(callId: string): Promise<boolean> {
    return this.command('unhold', this.services.server.unhold(callId));
  }

  park(callId: string): Promise<boolean> {
    return this.command('park', this.services.server.park(callId));
  }

  transfer(callId: string): Promise<boolean> {
    return this.command('transfer', this.services.server.transfer(callId));
  }

  /** Keys pressed during a call; `*` and `#` start the PBX's transfers. */
  dtmf(callId: string, digits: string): Promise<boolean> {
    return /^[0-9*#]{1,32}$/.test(digits) ? this.command('dtmf', this.services.server.dtmf(callId, digits)) : Promise.resolve(false);
  }

  answer(callId: string): Promise<boolean> {
    return this.command('answer', this.services.server.answer(callId));
  }

  hangup(callId: string): Promise<boolean> {
    return this.command('hangup', this.services.server.hangup(callId));
  }

  setStatus(statusId: string): Promise<boolean> {
    return this.command('setStatus', this.services.server.setStatus(statusId));
  }

  async signOut(): Promise<void> {
    if (await this.command('signOut', this.services.server.signOut())) {
      this.resumeStore.clear();
      if (this.state.phase === 'signedIn') this.journal?.setOpenCalls([], this.state.snapshot.serverTime);
      this.dispatch({ type: 'signedOut' });
    }
  }

  /**
   * A phone link clicked in the CRM: dials after normalisation, unless the agent is on a call or
   * uses a hardphone (then says why). Signed out, click-to-dial is disabled in the CRM anyway.
   */
  async clickToDial(number: string): Promise<boolean> {
    const s = this.state;
    if (s.phase !== 'signedIn') {
      this.dispatch({ type: 'signInRequired' });
      return false;
    }
    if (s.snapshot.agent.hardphone) {
      this.dispatch({ type: 'noticeRaised', notice: 'clickToDialHardphone' });
      return false;
    }
    if (s.snapshot.calls.length > 0) {
      this.dispatch({ type: 'noticeRaised', notice: 'clickToDialOnCall' });
      return false;
    }
    return this.dial(number);
  }

  /** Opens a record the info area found (a screen pop the agent asked for). */
  async openRecord(recordId: string): Promise<void> {
    try {
      await this.services.host.popRecord(recordId);
    } catch (error) {
      this.services.logger.warn('could not open the record', describe(error));
      this.dispatch({ type: 'noticeRaised', notice: 'crmFailed' });
    }
  }

  /** Opens the CRM's new-contact form with the number prefilled. */
  async createRecord(number: string): Promise<void> {
    try {
      await this.services.host.popNewRecord('Contact', { Phone: number });
    } catch (error) {
      this.services.logger.warn('could not open a new record', describe(error));
      this.dispatch({ type: 'noticeRaised', notice: 'crmFailed' });
    }
  }

  /** The one-line note that goes with the screen to a transfer target (beyond the manual). */
  setTransferNote(note: string): void {
    const clean = note.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 140);
    if (clean === this.transferNote) return;
    this.transferNote = clean;
    this.reportViewing();
  }

  /**
   * Tells the event server which record the agent is viewing (and the note), so a transfer can
   * send it to the target (seed 001 §9). Only a validated record id travels, never a URL.
   */
  private reportViewing(): void {
    if (this.state.phase !== 'signedIn') return;
    const view = this.viewing;
    const screen = view
      ? {
          recordId: view.recordId,
          ...(view.recordName ? { recordName: view.recordName.slice(0, 255) } : {}),
          ...(view.objectType && /^[A-Za-z0-9_]{1,80}$/.test(view.objectType) ? { objectType: view.objectType } : {}),
          ...(this.transferNote ? { note: this.transferNote } : {}),
        }
      : null;
    this.services.server.viewing(screen).then(
      (reply) => {
        if (!reply.ok) this.services.logger.warn('screen info refused', reply.code);
      },
      (e: unknown) => this.services.logger.warn('could not report the screen', describe(e)),
    );
  }

  /** The utility-bar item's label (e.g. `通話中 03:12`) and icon, each sent only when it changes. */
  showItemLabel(label: string, icon?: ItemIcon): void {
    if (label !== this.lastItemLabel) {
      this.lastItemLabel = label;
      this.services.host.setItemLabel(label).catch((e: unknown) => this.services.logger.warn('could not set the item label', describe(e)));
    }
    if (icon !== undefined && icon !== this.lastItemIcon) {
      this.lastItemIcon = icon;
      this.services.host.setItemIcon(icon).catch((e: unknown) => this.services.logger.warn('could not set the item icon', describe(e)));
    }
  }

  dismissNotice(): void {
    this.dispatch({ type: 'noticeDismissed' });
  }

  private async command(name: string, pending: Promise<Reply>): Promise<boolean> {
    this.operationLog.record('operation', name);
    const reply = await pending;
    this.operationLog.record(reply.ok ? 'event' : 'error', `${name} ${reply.ok ? 'accepted' : 'refused'}`, reply.ok ? undefined : reply.code);
    if (reply.ok) {
      if (this.state.phase === 'signedIn' && this.state.notice) this.dispatch({ type: 'noticeDismissed' });
      return true;
    }
    this.services.logger.warn('command refused', reply.code);
    this.dispatch({ type: 'noticeRaised', notice: noticeForError(reply.code) });
    return false;
  }

  // ---- state and side effects ---------------------------------------------------------------

  /** Every event into the operation log, in short (snapshots as revision, status and call states). */
  private record(event: PanelEvent): void {
    const log = this.operationLog;
    switch (event.type) {
      case 'snapshotReceived':
      case 'signInAccepted':
      case 'sessionResumed':
      case 'sessionRestored': {
        const { revision, agent, calls, parked } = event.snapshot;
        log.record('event', event.type, {
          revision,
          status: agent.statusId,
          calls: calls.map((c) => `${c.id}:${c.direction}:${c.state}`).join(' '),
          parked: parked.map((p) => p.slot).join(' '),
        });
        return;
      }
      case 'signInSubmitted':
        log.record('operation', 'signIn', { account: event.form.account, extension: event.form.extension, seatId: event.form.seatId, hardphone: event.form.hardphone });
        return;
      case 'connectionInterrupted':
      case 'connectionLost':
        log.record('connection', event.type, event.type === 'connectionLost' ? event.detail : undefined);
        return;
      case 'startupFailed':
        log.record('error', event.type, `${event.failure}: ${event.detail}`);
        return;
      case 'noticeRaised':
        log.record('error', event.type, event.notice);
        return;
      case 'signInRejected':
      case 'sessionEnded':
        log.record('error', event.type, event.error);
        return;
      case 'lookupFinished':
        log.record('event', event.type, { callId: event.callId, records: event.records.length });
        return;
      default:
        log.record('event', event.type, 'callId' in event ? event.callId : undefined);
    }
  }

  private dispatch(event: PanelEvent): void {
    this.record(event);
    const previous = this.state;
    const next = reduce(previous, event);
    if (next === previous) {
      this.services.logger.debug(`ignored ${event.type} in phase ${previous.phase}`);
      return;
    }
    this.state = next;
    this.effects(previous, next);
    this.element.requestUpdate();
  }

  /**
   * Screen pop (seed 001 §4, §6): a call that starts ringing in, or that the agent dials out, is
   * looked up once in the CRM with its number (3.5.10+: outbound searches the dialled number).
   * Anonymous callers and short internal numbers are not searched.
   */
  private lookUpNewCalls(seen: Lookups, snapshot: Snapshot): void {
    for (const call of snapshot.calls) {
      if (seen[call.id] !== undefined) continue;
      // Looked up by this user's earlier page (reload, pop-out) or the owner tab: show, don't pop.
      const earlier = this.journal?.lookedUp(call.id);
      if (earlier) {
        if (earlier.records) {
          this.dispatch({ type: 'lookupStarted', callId: call.id });
          this.dispatch({ type: 'lookupFinished', callId: call.id, records: earlier.records });
        }
        continue;
      }
      if (!this.owner || call.transfer || call.recall) continue;
      const startsRinging = call.direction === 'inbound' && call.state === 'ringing';
      const startsDialling = call.direction === 'outbound' && call.state === 'dialing';
      if (!startsRinging && !startsDialling) continue;
      const shown = displayNumber(call.remoteNumber);
      if (shown.kind === 'anonymous' || shown.value.replace(/\D/g, '').length < MIN_SEARCH_DIGITS) continue;
      void this.lookUp(call.id, shown.value, call.direction);
    }
  }

  private async lookUp(callId: string, number: string, direction: 'inbound' | 'outbound'): Promise<void> {
    const journal = this.journal;
    journal?.markLookedUp(callId);
    this.dispatch({ type: 'lookupStarted', callId });
    try {
      const records = await this.services.host.searchAndPop({ number, direction });
      journal?.markLookedUp(callId, records);
      this.dispatch({ type: 'lookupFinished', callId, records });
    } catch (error) {
      this.services.logger.warn('CRM search failed', describe(error));
      this.dispatch({ type: 'lookupFailed', callId });
    }
  }

  /** The server forgets the screen with the session: read and report it after every sign-in. */
  private syncViewing(previous: PanelState, next: PanelState): void {
    if (next.phase !== 'signedIn' || previous.phase === 'signedIn') return;
    this.services.host.currentView().then(
      (view) => {
        this.viewing = view;
        this.reportViewing();
      },
      (e: unknown) => this.services.logger.warn('could not read the current view', describe(e)),
    );
  }

  /**
   * The owner page keeps one queue per signed-in agent; pending Tasks of an earlier page are saved
   * when it starts. Other pages keep none (the queue lives in shared storage).
   */
  private syncLogQueue(next: PanelState): void {
    const wanted = next.phase === 'signedIn' && this.owner;
    if (wanted && !this.logQueue) {
      this.logQueue = new CallLogQueue({
        host: this.services.host,
        store: this.services.store,
        key: `biztel.calllog.${next.snapshot.agent.account}`,
        logger: this.services.logger,
        onPendingChange: (pending) => {
          this.pendingLogs = pending;
          this.element.requestUpdate();
        },
      });
      this.pendingLogs = this.logQueue.pending;
      void this.logQueue.flush();
    } else if (!wanted && this.logQueue) {
      // Pending Tasks stay stored and are saved by the next owner or at the next sign-in.
      this.logQueue.dispose();
      this.logQueue = null;
    }
  }

  /** The journal of the signed-in agent's calls, shared by this user's pages. */
  private syncJournal(next: PanelState): void {
    if (next.phase !== 'signedIn') {
      this.journal = null;
      this.followed = null;
      return;
    }
    if (this.journal) return;
    const scope = this.services.userScope ?? 'page';
    this.journal = new CallJournal(this.services.store, `biztel.calls.${scope}.${next.snapshot.agent.account}`);
  }

  /**
   * The owner follows every change of the calls against the journal (not this page's memory), so
   * what happened while no page was watching — a reload, a pop-out, the owner tab closing — is
   * still logged and still fires its pop-up rules, and nothing is done twice.
   */
  private followCalls(snapshot: Snapshot): void {
    const journal = this.journal;
    if (!journal || !this.owner || snapshot === this.followed) return;
    this.followed = snapshot;
    const before = journal.openCalls(snapshot.serverTime);
    journal.setOpenCalls(snapshot.calls, snapshot.serverTime);
    this.logEndedCalls(before, snapshot);
    this.runPopupRules(before, snapshot);
  }

  /** A call that left the snapshot has ended: its Task is queued (exactly once, by call id). */
  private logEndedCalls(before: readonly Call[], snapshot: Snapshot): void {
    const queue = this.logQueue;
    if (!queue) return;
    const remaining = new Set(snapshot.calls.map((c) => c.id));
    for (const call of before) {
      if (remaining.has(call.id) || !shouldLog(call)) continue;
      const found = this.journal?.lookedUp(call.id)?.records ?? [];
      // Related to the one record the search found, else to the record the agent is viewing.
      const viewed = this.viewing
        ? [{ id: this.viewing.recordId, name: this.viewing.recordName ?? '', objectType: this.viewing.objectType ?? '' }]
        : [];
      const records = found.length === 1 ? found : viewed;
      queue.enqueue(call.id, taskFor({ call, endedAt: snapshot.serverTime, records }, this.services.logTexts, -new Date(snapshot.serverTime).getTimezoneOffset()));
    }
  }

  /**
   * Screen pop-up URL rules (seed 000 §2.2): each call event of a snapshot transition that has an
   * enabled rule opens its URL — relative ones inside Lightning, absolute ones in a new tab.
   */
  private runPopupRules(before: readonly Call[], after: Snapshot): void {
    if (this.popupRules.length === 0) return;
    const ids = new Set([...before, ...after.calls].map((c) => c.id));
    const goneIds = new Set(before.filter((c) => !after.calls.some((a) => a.id === c.id)).map((c) => c.id));
    for (const id of ids) {
      const was = before.find((c) => c.id === id);
      const is = after.calls.find((c) => c.id === id);
      const call = (is ?? was)!;
      const customerGone = call.transfer !== undefined && goneIds.has(call.transfer.of);
      for (const event of callEvents(was, is, customerGone)) {
        for (const rule of this.popupRules.filter((r) => r.event === event)) this.openPopup(rule, event, call, after);
      }
    }
  }

  private openPopup(rule: PopupRule, event: PopupEvent, call: Call, snapshot: Snapshot): void {
    const inbound = call.direction === 'inbound';
    const url = expandTemplate(rule.template, {
      tel: inbound ? call.remoteNumber : (call.callerIdNumber ?? snapshot.agent.extension),
      called: inbound ? snapshot.agent.extension : call.remoteNumber,
      ...(event === 'outgoing' ? {} : { id: call.id }),
      at: snapshot.serverTime,
      utcOffsetMinutes: -new Date(snapshot.serverTime).getTimezoneOffset(),
      account: snapshot.agent.account,
      serverAddress: this.serverAddress,
      extension: snapshot.agent.extension,
    });
    if (isRelativeUrl(url)) {
      this.services.host.popUrl(url).catch((e: unknown) => this.services.logger.warn('pop-up rule failed', describe(e)));
    } else if (typeof document !== 'undefined') {
      try {
        openInNewTab(document, url, rule.method);
      } catch (error) {
        this.services.logger.warn('pop-up rule URL refused', describe(error));
      }
    }
  }

  /** Phone links in the CRM dial only while signed in with a softphone (not a hardphone). */
  private syncClickToDial(s: PanelState): void {
    if (s.phase === 'starting' || s.phase === 'failed') return;
    const enabled = s.phase === 'signedIn' && !s.snapshot.agent.hardphone;
    if (enabled === this.clickToDialEnabled) return;
    this.clickToDialEnabled = enabled;
    this.services.host.setClickToDial(enabled).catch((e: unknown) => this.services.logger.warn('could not switch click-to-dial', describe(e)));
  }

  private effects(previous: PanelState, next: PanelState): void {
    const { host, logger } = this.services;
    const before = previous.phase === 'signedIn' ? currentCall(previous.snapshot) : undefined;
    const after = next.phase === 'signedIn' ? currentCall(next.snapshot) : undefined;
    if (after?.state === 'ringing' && (before?.id !== after.id || before.state !== 'ringing')) {
      host.showPanel().catch((e: unknown) => logger.warn('could not show the panel', describe(e)));
    }
    this.syncJournal(next);
    this.syncLogQueue(next);
    this.syncViewing(previous, next);
    if (next.phase === 'signedIn') {
      this.followCalls(next.snapshot);
      this.lookUpNewCalls(next.lookups, next.snapshot);
    }
    this.syncClickToDial(next);
    if (this.owner && (next.phase === 'signedIn' || previous.phase === 'signedIn')) {
      const message = callStateMessage(next);
      const key = JSON.stringify(message);
      if (key !== this.lastPublished) {
        this.lastPublished = key;
        host.publishCallState(message).catch((e: unknown) => logger.warn('could not publish the call state', describe(e)));
      }
    }
  }
}

/** Extensions, park slots and feature codes are not worth a CRM search. */
const MIN_SEARCH_DIGITS = 6;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

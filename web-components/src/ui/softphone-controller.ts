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
import type { Call, CallerIdChoice, Reply, SignInRequest, Snapshot } from '../protocol/index.js';
import { displayNumber } from '../core/phone.js';
import type { Lookups } from '../core/lookup.js';
import { callEvents, expandTemplate, isRelativeUrl, type PopupEvent, type PopupRule } from '../core/popup-rules.js';
import { openInNewTab } from './open-url.js';
import { shouldLog, taskFor, type TaskTexts } from '../core/call-log.js';
import { CallLogQueue, type KeyValueStore } from '../crm/log-queue.js';

export interface SoftphoneServices {
  readonly host: HostPort;
  readonly server: EventServerPort;
  readonly logger: Logger;
  readonly now: () => number;
  /** Where the call-log queue survives a reload (the page's localStorage in the bundle). */
  readonly store: KeyValueStore;
  /** Words of the Task subject and description, in the agent's language. */
  readonly logTexts: TaskTexts;
}

export class SoftphoneController implements ReactiveController {
  state: PanelState = initialState;
  private disposers: (() => void)[] = [];
  private lastPublished = '';
  private running = false;
  private pendingSignIn: SignInRequest | null = null;
  private resumeToken: string | null = null;
  private lastItemLabel = '';
  private lastItemIcon: ItemIcon | null = null;
  private popupRules: readonly PopupRule[] = [];
  private serverAddress = '';
  /** The CRM record on screen and the agent's note: what a transfer sends along (画面転送). */
  private viewing: ViewedRecord | null = null;
  private transferNote = '';
  private logQueue: CallLogQueue | null = null;
  /** Call logs waiting to be saved in the CRM (shown so the agent knows nothing is lost). */
  pendingLogs = 0;
  private clickToDialEnabled: boolean | null = null;

  constructor(
    private readonly element: ReactiveControllerHost,
    private readonly services: SoftphoneServices,
  ) {
    element.addController(this);
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
    this.services.server.close();
  }

  // ---- start-up checks (seed 001 §2) ---------------------------------------------------------

  private async start(): Promise<void> {
    const { host, server, logger } = this.services;
    let serverUrl: string;
    try {
      const settings = await host.start();
      serverUrl = settings.serverUrl;
      this.popupRules = settings.popupRules;
      if (settings.invalidPopupRules.length > 0) {
        logger.error('pop-up rules refused (not a relative Salesforce path or an http(s) URL)', settings.invalidPopupRules.join(', '));
      }
    } catch (error) {
      const bad = error instanceof HostError && error.kind === 'badSettings';
      logger.error('Open CTI start failed', describe(error));
      this.dispatch({ type: 'startupFailed', failure: bad ? 'server' : 'opencti', detail: describe(error) });
      if (bad) host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
      return;
    }
    host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
    this.serverAddress = new URL(serverUrl).host;
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
      this.disposers.push(
        server.onSnapshot((snapshot) => this.dispatch({ type: 'snapshotReceived', snapshot, receivedAt: this.services.now() })),
        server.onConnection((event) => void this.onConnection(event)),
      );
      this.dispatch({ type: 'ready', statuses: hello.statuses });
    } catch (error) {
      logger.error('event server unreachable', describe(error));
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
    if (event.kind === 'lost') {
      logger.warn('connection lost; reconnecting', event.reason);
      this.dispatch({ type: 'connectionInterrupted' });
      return;
    }
    const token = this.resumeToken;
    if (!token) {
      this.dispatch({ type: 'connectionLost', detail: 'no session to resume' });
      return;
    }
    this.resumeToken = null;
    const reply = await server.resume(token);
    if (reply.ok) {
      this.resumeToken = reply.resumeToken ?? null;
      this.dispatch({ type: 'sessionResumed', snapshot: reply.snapshot, receivedAt: this.services.now() });
      this.reportViewing();
    } else {
      logger.warn('session could not be resumed', reply.code);
      this.dispatch({ type: 'connectionLost', detail: `session could not be resumed (${reply.code})` });
    }
  }

  private async submitSignIn(request: SignInRequest, memory: FormMemory): Promise<void> {
    this.dispatch({ type: 'signInSubmitted', form: memory });
    const reply = await this.services.server.signIn(request);
    if (reply.ok) {
      this.pendingSignIn = null;
      // In memory only: a reload starts a new page that signs in again (issue: reload/pop-out).
      this.resumeToken = reply.resumeToken ?? null;
      this.dispatch({ type: 'signInAccepted', snapshot: reply.snapshot, receivedAt: this.services.now() });
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
    return this.command(this.services.server.dial(check.number, callerId));
  }

  hold(callId: string): Promise<boolean> {
    return this.command(this.services.server.hold(callId));
  }

  unhold(callId: string): Promise<boolean> {
    return this.command(this.services.server.unhold(callId));
  }

  park(callId: string): Promise<boolean> {
    return this.command(this.services.server.park(callId));
  }

  transfer(callId: string): Promise<boolean> {
    return this.command(this.services.server.transfer(callId));
  }

  /** Keys pressed during a call; `*` and `#` start the PBX's transfers. */
  dtmf(callId: string, digits: string): Promise<boolean> {
    return /^[0-9*#]{1,32}$/.test(digits) ? this.command(this.services.server.dtmf(callId, digits)) : Promise.resolve(false);
  }

  answer(callId: string): Promise<boolean> {
    return this.command(this.services.server.answer(callId));
  }

  hangup(callId: string): Promise<boolean> {
    return this.command(this.services.server.hangup(callId));
  }

  setStatus(statusId: string): Promise<boolean> {
    return this.command(this.services.server.setStatus(statusId));
  }

  async signOut(): Promise<void> {
    if (await this.command(this.services.server.signOut())) {
      this.resumeToken = null;
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

  private async command(pending: Promise<Reply>): Promise<boolean> {
    const reply = await pending;
    if (reply.ok) {
      if (this.state.phase === 'signedIn' && this.state.notice) this.dispatch({ type: 'noticeDismissed' });
      return true;
    }
    this.services.logger.warn('command refused', reply.code);
    this.dispatch({ type: 'noticeRaised', notice: noticeForError(reply.code) });
    return false;
  }

  // ---- state and side effects ---------------------------------------------------------------

  private dispatch(event: PanelEvent): void {
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
      if (seen[call.id] !== undefined || call.transfer || call.recall) continue;
      const startsRinging = call.direction === 'inbound' && call.state === 'ringing';
      const startsDialling = call.direction === 'outbound' && call.state === 'dialing';
      if (!startsRinging && !startsDialling) continue;
      const shown = displayNumber(call.remoteNumber);
      if (shown.kind === 'anonymous' || shown.value.replace(/\D/g, '').length < MIN_SEARCH_DIGITS) continue;
      void this.lookUp(call.id, shown.value, call.direction);
    }
  }

  private async lookUp(callId: string, number: string, direction: 'inbound' | 'outbound'): Promise<void> {
    this.dispatch({ type: 'lookupStarted', callId });
    try {
      const records = await this.services.host.searchAndPop({ number, direction });
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

  /** One queue per signed-in agent; pending Tasks of an earlier page are saved on sign-in. */
  private syncLogQueue(previous: PanelState, next: PanelState): void {
    if (next.phase === 'signedIn' && previous.phase !== 'signedIn') {
      this.logQueue?.dispose();
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
    } else if (next.phase !== 'signedIn' && previous.phase === 'signedIn') {
      // Pending Tasks stay stored and are saved at the next sign-in.
      this.logQueue?.dispose();
      this.logQueue = null;
    }
  }

  /** A call that left the snapshot has ended: its Task is queued (exactly once, by call id). */
  private logEndedCalls(previous: PanelState & { phase: 'signedIn' }, snapshot: Snapshot): void {
    const queue = this.logQueue;
    if (!queue) return;
    const remaining = new Set(snapshot.calls.map((c) => c.id));
    for (const call of previous.snapshot.calls) {
      if (remaining.has(call.id) || !shouldLog(call)) continue;
      const lookup = previous.lookups[call.id];
      const found = lookup?.status === 'found' ? lookup.records : [];
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
  private runPopupRules(before: Snapshot, after: Snapshot): void {
    if (this.popupRules.length === 0) return;
    const ids = new Set([...before.calls, ...after.calls].map((c) => c.id));
    const goneIds = new Set(before.calls.filter((c) => !after.calls.some((a) => a.id === c.id)).map((c) => c.id));
    for (const id of ids) {
      const was = before.calls.find((c) => c.id === id);
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
    this.syncLogQueue(previous, next);
    this.syncViewing(previous, next);
    if (previous.phase === 'signedIn' && next.phase === 'signedIn') {
      this.logEndedCalls(previous, next.snapshot);
      this.runPopupRules(previous.snapshot, next.snapshot);
    }
    if (next.phase === 'signedIn') this.lookUpNewCalls(next.lookups, next.snapshot);
    this.syncClickToDial(next);
    if (next.phase === 'signedIn' || previous.phase === 'signedIn') {
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

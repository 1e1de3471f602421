/**
 * The BIZTEL connector for Service Cloud Voice (partner telephony): a `VendorConnector` of
 * `@salesforce/scv-connector-base` over the panel's own application layer and event-server
 * transport. Salesforce's Omni-Channel softphone draws the UI; this relays its requests to the
 * agent's BIZTEL softphone (scv/call-requests.ts) and tells it what the softphone's snapshots show
 * (scv/scv-calls.ts). What BIZTEL cannot do is declared in `getCapabilities` and refused.
 */
import {
  ActiveCallsResult,
  AgentConfigResult,
  CallResult,
  CapabilitiesResult,
  Constants,
  GenericResult,
  HangupResult,
  HoldToggleResult,
  InitResult,
  LogoutResult,
  ParticipantResult,
  PhoneContactsResult,
  VendorConnector,
} from '@salesforce/scv-connector-base';
import type { Snapshot } from '@biztel/protocol';
import type { PanelState } from '../core/panel-state.js';
import { agentConfig, biztelStatusFor, capabilities, keepsPhone } from './agent-settings.js';
import { CallRequests, ScvRequestError, type CallMatch } from './call-requests.js';
import { createConnectorApp, type ConnectorApp } from './connector-app.js';
import type { ConnectorDeps } from './connector-deps.js';
import { readConnectorConfig } from './connector-config.js';
import { DirectoryReader, phoneContacts } from './contacts.js';
import { phoneCall } from './phone-calls.js';
import { publish, publishFailure, type ScvEventType } from './publish.js';
import { callEvents, scvCalls, type ScvCall, type ScvCallEvent } from './scv-calls.js';

/** The height SCV gives the connector's frame while it shows the BIZTEL sign-in form (its error and takeover question included). */
export const LOGIN_FRAME_HEIGHT = 640;

/** The event SCV is sent for each change (the library's event type names, checked by its types). */
const EVENT_TYPE: Record<ScvCallEvent['type'], ScvEventType> = {
  callStarted: 'CALL_STARTED',
  callConnected: 'CALL_CONNECTED',
  holdToggle: 'HOLD_TOGGLE',
  participantAdded: 'PARTICIPANT_ADDED',
  participantConnected: 'PARTICIPANT_CONNECTED',
  participantRemoved: 'PARTICIPANT_REMOVED',
  hangup: 'HANGUP',
};

/** The `MESSAGE` event carrying a chatbot conversation (Voice Toolkit listeners read it). */
export const CHAT_MESSAGE_TYPE = 'biztel.chat';

export class BiztelConnector extends VendorConnector {
  private started: { app: ConnectorApp; requests: CallRequests } | null = null;
  /** The snapshot whose calls SCV was last told about (null: SCV knows no session). */
  private announced: Snapshot | null = null;
  /** While `init` runs: a session taken back then is announced by SCV's own ready step. */
  private initializing = false;
  /** The agent asked to sign out through SCV: SCV is told by the answer, not again. */
  private loggingOut = false;
  private readonly expected: { type: ScvCallEvent['type']; match: CallMatch }[] = [];
  private readonly directory: DirectoryReader;

  constructor(private readonly deps: ConnectorDeps) {
    super();
    this.directory = new DirectoryReader(deps.services.server, deps.services.now);
  }

  /** The application layer, made by `init` (SCV's setup). */
  get app(): ConnectorApp {
    if (!this.started) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'the connector is not set up yet');
    return this.started.app;
  }

  private get requests(): CallRequests {
    if (!this.started) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'the connector is not set up yet');
    return this.started.requests;
  }

  /** The application layer for this Salesforce user: another tab's sign-in is taken as this tab's. */
  private start(userScope: string | null): ConnectorApp {
    const store = this.deps.sessionStore(userScope);
    const app = createConnectorApp({ ...this.deps.services, ...store });
    this.started = { app, requests: new CallRequests(app, this) };
    app.store.subscribe((before, after) => this.changed(before, after));
    if (store.tabs) {
      void store.tabs.start();
      store.tabs.onSignedIn(() => {
        const s = app.store.state;
        if (s.phase === 'signedOut' && s.step.kind !== 'submitting') void app.session.restore();
      });
    }
    return app;
  }

  /** SCV will announce `type` for the matching call from a request's answer; returns undo. */
  expect(type: ScvCallEvent['type'], match: CallMatch): () => void {
    const entry = { type, match };
    this.expected.push(entry);
    return () => {
      const i = this.expected.indexOf(entry);
      if (i >= 0) this.expected.splice(i, 1);
    };
  }

  override async init(config: unknown): Promise<InitResult> {
    const settings = readConnectorConfig(config, this.deps.pageProtocol);
    if (!settings.ok) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARAMS, settings.problem);
    const allowed = this.deps.allowedServers;
    if (allowed && !allowed.includes(settings.serverUrl)) {
      throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARAMS, `${settings.serverUrl} is not an event server this connector page may use`);
    }
    if (this.started) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'the connector is set up already');
    const app = this.start(settings.userScope);
    const { server, logger } = this.deps.services;
    let statuses;
    try {
      ({ statuses } = await server.connect(settings.serverUrl));
    } catch (error) {
      logger.error('event server unreachable', error instanceof Error ? error.message : String(error));
      throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, `BIZTEL event server unreachable: ${settings.serverUrl}`);
    }
    app.diagnostics.serverUrl = settings.serverUrl;
    app.session.listen();
    this.initializing = true;
    try {
      if (await app.session.restore()) return new InitResult({});
    } finally {
      this.initializing = false;
    }
    app.store.dispatch({ type: 'ready', statuses });
    this.deps.login.show(app);
    return new InitResult({ showLogin: true, loginFrameHeight: LOGIN_FRAME_HEIGHT });
  }

  private changed(before: PanelState, after: PanelState): void {
    if (after.phase === 'signedIn') {
      if (before.phase !== 'signedIn') {
        this.signedIn(after.snapshot);
        return;
      }
      if (after.snapshot !== before.snapshot && this.announced) this.announce(after.snapshot);
      return;
    }
    if (before.phase !== 'signedIn') return;
    // The agent is off the calls SCV knows here: the session or the connection is gone.
    const calls = scvCalls(this.announced);
    if (calls.length > 0) this.tell({ type: 'hangup', calls: calls.map((c) => ({ ...c, state: 'ended', onHold: false })) });
    this.announced = null;
    if (after.phase === 'failed') {
      publishFailure(`BIZTEL event server connection lost: ${after.detail}`);
      return;
    }
    if (this.loggingOut) return;
    // Signed out elsewhere, taken over, or expired: SCV shows its sign-in again.
    publish('LOGOUT_RESULT', new LogoutResult({ success: true, loginFrameHeight: LOGIN_FRAME_HEIGHT }));
    this.deps.login.show(this.app);
  }

  private signedIn(snapshot: Snapshot): void {
    this.announced = snapshot;
    this.deps.login.hide();
    // SCV then asks for the agent's config, capabilities and the call in progress (getActiveCalls).
    if (!this.initializing) publish('LOGIN_RESULT', new GenericResult({ success: true }));
  }

  private announce(snapshot: Snapshot): void {
    const before = this.announced;
    this.announced = snapshot;
    for (const event of callEvents(before, snapshot)) {
      if (this.consumed(event)) continue;
      this.tell(event);
    }
    this.publishChats(before, snapshot);
  }

  /** Whether a request expects `event` (SCV hears it from the request's answer); one expectation is used up. */
  private consumed(event: ScvCallEvent): boolean {
    const calls = 'call' in event ? [event.call] : event.calls;
    const matches = (match: CallMatch) => calls.some((c) => (typeof match === 'string' ? c.callId === match : match(c)));
    const i = this.expected.findIndex((e) => e.type === event.type && matches(e.match));
    if (i < 0) return false;
    this.expected.splice(i, 1);
    return true;
  }

  private tell(event: ScvCallEvent): void {
    const call = (c: ScvCall) => phoneCall(c, this.announced?.agent.hardphone ?? false);
    let payload: object;
    switch (event.type) {
      case 'callStarted':
      case 'callConnected':
      case 'participantRemoved':
        payload = new CallResult({ call: call(event.call) });
        break;
      case 'participantAdded':
      case 'participantConnected':
        payload = new ParticipantResult({
          initialCallHasEnded: false,
          callInfo: call(event.call).callInfo,
          phoneNumber: event.call.phoneNumber,
          callId: event.call.callId,
        });
        break;
      case 'holdToggle':
        payload = new HoldToggleResult({ isCustomerOnHold: event.customerOnHold, isThirdPartyOnHold: event.thirdPartyOnHold, calls: event.calls.map(call) });
        break;
      case 'hangup':
        payload = new HangupResult({ calls: event.calls.map(call) });
        break;
    }
    publish(EVENT_TYPE[event.type], payload);
  }

  /** A chatbot conversation, when a call brings one or it changes: a `MESSAGE` event for Voice Toolkit listeners. */
  private publishChats(before: Snapshot | null, after: Snapshot): void {
    const had = new Map((before?.calls ?? []).map((c) => [c.id, c.chat]));
    for (const call of after.calls) {
      if (!call.chat || JSON.stringify(had.get(call.id)) === JSON.stringify(call.chat)) continue;
      publish('MESSAGE', { type: CHAT_MESSAGE_TYPE, callId: call.id, chat: call.chat }, false);
    }
  }

  override getActiveCalls(): Promise<ActiveCallsResult> {
    return Promise.resolve(new ActiveCallsResult({ activeCalls: this.requests.phoneCalls() }));
  }

  override acceptCall(call: unknown): Promise<CallResult> {
    return this.requests.accept(call);
  }

  override declineCall(call: unknown): Promise<CallResult> {
    return this.requests.decline(call);
  }

  override endCall(call: unknown): Promise<HangupResult> {
    return this.requests.end(call);
  }

  override hold(call: unknown) {
    return this.requests.hold(call, true);
  }

  override resume(call: unknown) {
    return this.requests.hold(call, false);
  }

  override dial(contact: unknown): Promise<CallResult> {
    return this.requests.dial(contact);
  }

  // Declared `void` by the library, which awaits it and logs a rejection: the digits a call refused are logged.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  override sendDigits(digits: unknown): Promise<void> {
    return this.requests.sendDigits(digits);
  }

  override addParticipant(contact: unknown, call: unknown, isBlindTransfer: boolean) {
    return this.requests.addParticipant(contact, call, isBlindTransfer === true);
  }

  override mute(): Promise<never> {
    return Promise.reject(new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'BIZTEL softphones have no mute over the event server'));
  }

  override unmute(): Promise<never> {
    return this.mute();
  }

  override swap(): Promise<never> {
    return Promise.reject(
      new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'BIZTEL returns to the customer with 保留, which drops the consultation: no swap'),
    );
  }

  override conference(): Promise<never> {
    return Promise.reject(new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'BIZTEL has no three-way call: end the call to complete the transfer'));
  }

  /** SCV's transfer dialog: colleagues on the tenant's extensions and its ring groups (scv/contacts.ts). */
  override async getPhoneContacts(filter?: unknown): Promise<PhoneContactsResult> {
    const contacts = phoneContacts(await this.directory.entries(), this.announced, filter);
    const types = [Constants.CONTACT_TYPE.AGENT, Constants.CONTACT_TYPE.QUEUE, Constants.CONTACT_TYPE.PHONEBOOK];
    return new PhoneContactsResult({ contacts, contactTypes: types });
  }

  /** An Omni-Channel presence status, as the BIZTEL status it means (scv/agent-settings.ts). */
  override async setAgentStatus(agentStatus: unknown, statusInfo: unknown): Promise<GenericResult> {
    const snapshot = this.announced;
    if (!snapshot) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'not signed in to BIZTEL');
    const status = biztelStatusFor(snapshot.statuses, agentStatus, statusInfo);
    if (!status) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_AGENT_STATUS, `no BIZTEL status for ${String(agentStatus)}`);
    return new GenericResult({ success: await this.app.commands.run('setStatus', status.id) });
  }

  override getAgentConfig(): Promise<AgentConfigResult> {
    return Promise.resolve(agentConfig(this.announced?.agent.hardphone ?? false));
  }

  /** The phone (softphone or hardphone mode) is chosen at sign-in: SCV may only confirm it. */
  override setAgentConfig(config: unknown): Promise<GenericResult> {
    if (keepsPhone(config, this.announced?.agent.hardphone ?? false)) return Promise.resolve(new GenericResult({ success: true }));
    return Promise.reject(new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'sign out and sign in again to change between softphone and hardphone'));
  }

  override getCapabilities(): Promise<CapabilitiesResult> {
    return Promise.resolve(capabilities());
  }

  override async logout(): Promise<LogoutResult> {
    this.loggingOut = true;
    try {
      await this.app.session.signOut();
    } finally {
      this.loggingOut = false;
    }
    const out = this.app.store.state.phase !== 'signedIn';
    if (out) this.deps.login.show(this.app);
    return new LogoutResult({ success: out, loginFrameHeight: LOGIN_FRAME_HEIGHT });
  }

  /** Messages from Salesforce (Voice Toolkit `sendMessage`): `{ type: 'biztel.chat', callId }` asks for a call's chat again. */
  override handleMessage(message: unknown): void {
    const m = (message ?? {}) as { type?: unknown; callId?: unknown };
    const call = this.announced?.calls.find((c) => c.id === m.callId);
    if (m.type !== CHAT_MESSAGE_TYPE || !call?.chat) return;
    publish('MESSAGE', { type: CHAT_MESSAGE_TYPE, callId: call.id, chat: call.chat }, false);
  }

  /** BIZTEL has no after-call work on the event server: SCV's wrap-up is its own. */
  override wrapUpCall(): void {}
}

/**
 * The start-up sequence (seed 001 §2): Open CTI and the call center's settings, the other pages of
 * this user, the CRM's listeners, the event server; then the session taken back, or the sign-in
 * form. Each step's outcome is a start-up check in the diagnostics. An event server unreachable at
 * start-up is tried again by itself, 2 s, 4 s, … at most 30 s apart, and at once on 再試行
 * (`retryNow`): the panel recovers when the server comes up, without a reload.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HostError } from '../crm/host-port.js';
import type { CrmSync } from './crm-sync.js';
import type { Diagnostics } from './diagnostics.js';
import { describe, warnOnFailure, type CallCenterSettings, type SoftphoneServices } from './services.js';
import type { Session } from './session.js';
import type { PanelStore } from './store.js';
import type { TabOwnership } from './tab-ownership.js';

export interface StartupParts {
  readonly diagnostics: Diagnostics;
  readonly tabs: TabOwnership;
  readonly session: Session;
  readonly crm: CrmSync;
  readonly settings: CallCenterSettings;
}

/** The first automatic retry of an unreachable event server, and the longest wait between two. */
export const STARTUP_RETRY_FIRST_MS = 2000;
export const STARTUP_RETRY_MAX_MS = 30_000;

export class Startup implements ReactiveController {
  private running = false;
  private serverUrl: string | null = null;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private connecting = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly services: SoftphoneServices,
    private readonly parts: StartupParts,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.running) return;
    this.running = true;
    this.retries = 0;
    this.store.reset();
    void this.start();
  }

  hostDisconnected(): void {
    this.running = false;
    this.clearRetry();
    this.services.server.close();
  }

  /** 再試行: connect to the event server now (only while start-up waits for it). */
  retryNow(): void {
    if (!this.running || this.connecting || this.serverUrl === null) return;
    const s = this.store.state;
    if (s.phase !== 'failed' || !s.retrying) return;
    this.clearRetry();
    void this.connectServer(this.serverUrl);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async start(): Promise<void> {
    const { host, logger } = this.services;
    const { diagnostics, tabs, crm, settings: callCenter } = this.parts;
    const notifyReady = () => void host.notifyReady().catch(warnOnFailure(logger, 'notifyInitializationComplete failed'));
    let serverUrl: string;
    try {
      const settings = await host.start();
      serverUrl = settings.serverUrl;
      diagnostics.serverUrl = serverUrl;
      diagnostics.check('opencti', true);
      const refused = settings.invalidPopupRules.join(', ');
      diagnostics.check('settings', refused === '', refused ? `pop-up rules refused: ${refused}` : undefined);
      callCenter.popupRules = settings.popupRules;
      callCenter.taskStatus = settings.taskStatus;
      if (refused) logger.error('pop-up rules refused (not a relative Salesforce path or an http(s) URL, or a method other than GET or POST)', refused);
    } catch (error) {
      const bad = error instanceof HostError && error.kind === 'badSettings';
      logger.error('Open CTI start failed', describe(error));
      diagnostics.check(bad ? 'settings' : 'opencti', false, describe(error));
      if (bad) diagnostics.check('opencti', true);
      this.store.dispatch({ type: 'startupFailed', failure: bad ? 'settings' : 'opencti', detail: describe(error) });
      if (bad) notifyReady();
      return;
    }
    notifyReady();
    callCenter.serverAddress = new URL(serverUrl).host;
    if (!this.running) return;
    await tabs.start();
    if (!this.running) return;
    // Registered on every load (reload, pop-out and new tab are each a new instance).
    crm.listen();
    this.serverUrl = serverUrl;
    await this.connectServer(serverUrl);
  }

  /** The event server step: on success the session or the form; on failure the error, and a retry later. */
  private async connectServer(serverUrl: string): Promise<void> {
    const { server, logger } = this.services;
    const { diagnostics, session } = this.parts;
    this.connecting = true;
    let hello: Awaited<ReturnType<typeof server.connect>>;
    try {
      hello = await server.connect(serverUrl);
    } catch (error) {
      this.connecting = false;
      if (!this.running) return;
      logger.error('event server unreachable', describe(error));
      diagnostics.check('eventServer', false, describe(error));
      this.store.dispatch({ type: 'startupFailed', failure: 'server', detail: describe(error), retrying: true });
      const wait = Math.min(STARTUP_RETRY_MAX_MS, STARTUP_RETRY_FIRST_MS * 2 ** this.retries++);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.connectServer(serverUrl);
      }, wait);
      return;
    }
    this.connecting = false;
    if (!this.running) return;
    this.store.dispatch({ type: 'startupRecovered' });
    diagnostics.check('eventServer', true);
    diagnostics.watchLatency();
    session.listen();
    // A reload, pop-out or another tab of this user: take the signed-in session back.
    if (!(await session.restore()) && this.running) this.store.dispatch({ type: 'ready', statuses: hello.statuses });
  }
}

/**
 * The start-up sequence (seed 001 §2): Open CTI and the call center's settings, the other pages of
 * this user, the CRM's listeners, the event server; then the session taken back, or the sign-in
 * form. Each step's outcome is a start-up check in the diagnostics.
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

export class Startup implements ReactiveController {
  private running = false;

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
    this.store.reset();
    void this.start();
  }

  hostDisconnected(): void {
    this.running = false;
    this.services.server.close();
  }

  private async start(): Promise<void> {
    const { host, server, logger } = this.services;
    const { diagnostics, tabs, session, crm, settings: callCenter } = this.parts;
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
      if (refused) logger.error('pop-up rules refused (not a relative Salesforce path or an http(s) URL)', refused);
    } catch (error) {
      const bad = error instanceof HostError && error.kind === 'badSettings';
      logger.error('Open CTI start failed', describe(error));
      diagnostics.check(bad ? 'settings' : 'opencti', false, describe(error));
      if (bad) diagnostics.check('opencti', true);
      this.store.dispatch({ type: 'startupFailed', failure: bad ? 'server' : 'opencti', detail: describe(error) });
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
    try {
      const hello = await server.connect(serverUrl);
      if (!this.running) return;
      diagnostics.check('eventServer', true);
      diagnostics.watchLatency();
      session.listen();
      // A reload, pop-out or another tab of this user: take the signed-in session back.
      if (!(await session.restore()) && this.running) this.store.dispatch({ type: 'ready', statuses: hello.statuses });
    } catch (error) {
      logger.error('event server unreachable', describe(error));
      diagnostics.check('eventServer', false, describe(error));
      this.store.dispatch({ type: 'startupFailed', failure: 'server', detail: describe(error) });
    }
  }
}

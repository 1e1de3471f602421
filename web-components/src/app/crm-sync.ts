/**
 * The CRM side of the panel from the start: phone links and dial requests from the CRM (and
 * whether links dial at all), opening found or new records, showing the panel when a call rings,
 * and the utility-bar item's label and icon. The screen pop is screen-pop.ts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Effect } from '../core/call-effects.js';
import type { HostPort, ItemIcon } from '../crm/host-port.js';
import type { Logger } from '../log.js';
import type { CallCommands } from './call-commands.js';
import { describe, warnOnFailure } from './services.js';
import type { PanelStore } from './store.js';

export class CrmSync implements ReactiveController {
  private label = '';
  private icon: ItemIcon | null = null;
  private panelLabel = '';
  private readonly disposers: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly crm: HostPort,
    private readonly logger: Logger,
    private readonly commands: CallCommands,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Phone links clicked in the CRM, and dial requests of its components (registered on every load). */
  listen(): void {
    this.disposers.push(
      this.crm.onClickToDial((request) => void this.clickToDial(request.number)),
      this.crm.onDialRequest((request) => void this.clickToDial(request.number)),
    );
  }

  perform(effect: Effect): void {
    switch (effect.kind) {
      case 'showPanel':
        this.crm.showPanel().catch(warnOnFailure(this.logger, 'could not show the panel'));
        return;
      case 'clickToDial':
        this.crm.setClickToDial(effect.enabled).catch(warnOnFailure(this.logger, 'could not switch click-to-dial'));
        return;
    }
  }

  /**
   * A phone link clicked in the CRM: dials after normalisation, unless the agent is on a call or
   * uses a hardphone (then says why). Signed out, click-to-dial is disabled in the CRM anyway.
   */
  async clickToDial(number: string): Promise<boolean> {
    const s = this.store.state;
    if (s.phase !== 'signedIn') {
      this.store.dispatch({ type: 'signInRequired' });
      return false;
    }
    if (s.snapshot.agent.hardphone || s.snapshot.calls.length > 0) {
      this.store.dispatch({ type: 'noticeRaised', notice: s.snapshot.agent.hardphone ? 'clickToDialHardphone' : 'clickToDialOnCall' });
      return false;
    }
    return this.commands.dial(number);
  }

  /** Opens a record the info area found (a screen pop the agent asked for). */
  openRecord(recordId: string): Promise<void> {
    return this.crmAction(this.crm.popRecord(recordId), 'could not open the record');
  }

  /** Opens the CRM's new-contact form with the number prefilled. */
  createRecord(number: string): Promise<void> {
    return this.crmAction(this.crm.popNewRecord('Contact', { Phone: number }), 'could not open a new record');
  }

  /** The utility-bar item's label (e.g. `通話中 03:12`) and icon, each sent only when it changes. */
  /** The utility panel's header: the app's name, as the item says at rest (sent once per name). */
  showPanelLabel(label: string): void {
    if (label === this.panelLabel) return;
    this.panelLabel = label;
    this.crm.setPanelLabel(label).catch((error: unknown) => {
      // Not set (say, the container was not ready yet): the next refresh tries again.
      if (this.panelLabel === label) this.panelLabel = '';
      warnOnFailure(this.logger, 'could not set the panel label')(error);
    });
  }

  showItemLabel(label: string, icon?: ItemIcon): void {
    if (label !== this.label) {
      this.label = label;
      this.crm.setItemLabel(label).catch((error: unknown) => {
        if (this.label === label) this.label = '';
        warnOnFailure(this.logger, 'could not set the item label')(error);
      });
    }
    if (icon !== undefined && icon !== this.icon) {
      this.icon = icon;
      this.crm.setItemIcon(icon).catch(warnOnFailure(this.logger, 'could not set the item icon'));
    }
  }

  private async crmAction(pending: Promise<void>, failure: string): Promise<void> {
    try {
      await pending;
    } catch (error) {
      this.logger.warn(failure, describe(error));
      this.store.dispatch({ type: 'noticeRaised', notice: 'crmFailed' });
    }
  }
}

/**
 * Screen transfer (画面転送, seed 001 §9): follows the CRM record the agent is viewing and the
 * agent's one-line note, and tells the event server, so a transfer can send them to the target.
 * Only a validated record id travels, never a URL.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ScreenInfo } from '@biztel/protocol';
import type { Effect } from '../core/call-effects.js';
import type { HostPort, ViewedRecord } from '../crm/host-port.js';
import type { Logger } from '../log.js';
import type { EventServerPort } from '../transport/event-server-port.js';
import { describe, warnOnFailure } from './services.js';
import type { PanelStore } from './store.js';

const OBJECT_TYPE = /^[A-Za-z0-9_]{1,80}$/;

export class ScreenTransfer implements ReactiveController {
  /** The CRM record on screen: also what a Task is related to when the search was not conclusive. */
  viewing: ViewedRecord | null = null;
  private note = '';
  /** The customer call the note was written for. */
  private noteFor: string | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly crm: HostPort,
    private readonly server: EventServerPort,
    private readonly logger: Logger,
  ) {
    host.addController(this);
  }

  /** Follows the agent's navigation in the CRM (registered on every page load). */
  hostConnected(): void {
    this.disposers.push(
      this.crm.onNavigation((view) => {
        this.viewing = view;
        this.report();
      }),
    );
  }

  hostDisconnected(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  perform(effect: Effect): void {
    if (effect.kind === 'reportView') this.report();
    // The note belongs to the call it was written for: it never goes with a later call's transfer.
    if (effect.kind === 'follow' && this.note !== '' && !effect.snapshot.calls.some((c) => c.id === this.noteFor)) {
      this.note = '';
      this.noteFor = null;
      this.report();
    }
    if (effect.kind !== 'readView') return;
    this.crm.currentView().then(
      (view) => {
        this.viewing = view;
        this.report();
      },
      warnOnFailure(this.logger, 'could not read the current view'),
    );
  }

  /**
   * The one-line note that goes with the screen to a transfer target (beyond the manual); it is
   * dropped once the customer call `callId` it was written for is over.
   */
  setNote(note: string, callId: string): void {
    this.noteFor = callId;
    const clean = note
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
      .slice(0, 140);
    if (clean === this.note) return;
    this.note = clean;
    this.report();
  }

  private report(): void {
    if (this.store.state.phase !== 'signedIn') return;
    const view = this.viewing;
    const screen: ScreenInfo | null = view
      ? {
          recordId: view.recordId,
          ...(view.recordName ? { recordName: view.recordName.slice(0, 255) } : {}),
          ...(view.objectType && OBJECT_TYPE.test(view.objectType) ? { objectType: view.objectType } : {}),
          ...(this.note ? { note: this.note } : {}),
        }
      : null;
    this.server.send('viewing', screen).then(
      (reply) => {
        if (!reply.ok) this.logger.warn('screen info refused', reply.code);
      },
      (e: unknown) => this.logger.warn('could not report the screen', describe(e)),
    );
  }
}

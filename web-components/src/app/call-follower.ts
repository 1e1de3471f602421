/**
 * The owner page's follower of calls: keeps the signed-in agent's call journal (shared by this
 * user's pages) and Task queue, follows every snapshot against the journal — so what happened while
 * no page watched is still logged and still fires its pop-up rules, and nothing is done twice — and
 * publishes the live call to the CRM's other components in its own browser tab (LMS; every page).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Call, Snapshot } from '@biztel/protocol';
import type { Effect } from '../core/call-effects.js';
import { callEffects, type CallEffect } from '../core/call-follow-effects.js';
import { taskFor } from '../core/call-log.js';
import type { PanelState } from '../core/panel-state.js';
import { expandTemplate, isRelativeUrl, popupValues } from '../core/popup-rules.js';
import { CallLogQueue } from '../crm/log-queue.js';
import { CallJournal } from '../session/call-journal.js';
import { openInNewTab } from './open-url.js';
import { describe, warnOnFailure, type CallCenterSettings, type SoftphoneServices } from './services.js';
import type { CallStateMessage, ViewedRecord } from '../crm/host-port.js';

export class CallFollower implements ReactiveController {
  /** Call logs waiting to be saved in the CRM (shown so the agent knows nothing is lost). */
  pendingLogs = 0;
  journal: CallJournal | null = null;
  private queue: CallLogQueue | null = null;
  /** The last snapshot whose calls were followed. */
  private followed: Snapshot | null = null;
  private published = '';
  private stopAnswering: (() => void) | null = null;
  /** The live call as last computed (on every page), what a component's request is answered with. */
  private latest: CallStateMessage | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly services: SoftphoneServices,
    private readonly settings: CallCenterSettings,
    /** Whether this page performs the side effects of calls. */
    private readonly owner: () => boolean,
    /** The record on screen: what a Task is related to when the search was not conclusive. */
    private readonly viewing: () => ViewedRecord | null,
    /** Where a call log's problems go for support (the operation log, 診断). */
    private readonly report: (callId: string, problem: string) => void = () => undefined,
  ) {
    host.addController(this);
  }

  /**
   * A component that opens mid-call asks for the live call: the page publishes it again. Every
   * page does, owner or not: a message channel reaches only the browser tab it is published in,
   * and each tab's components need the call (a second tab's record page too).
   */
  hostConnected(): void {
    this.stopAnswering ??= this.services.host.onCallStateRequest(() => {
      if (!this.latest) return;
      this.services.host.publishCallState(this.latest).catch(warnOnFailure(this.services.logger, 'could not publish the call state'));
    });
  }

  hostDisconnected(): void {
    this.queue?.dispose();
    this.queue = null;
    this.stopAnswering?.();
    this.stopAnswering = null;
  }

  /** This page took the side effects over: publish again even what the owner published. */
  tookOver(): void {
    this.published = '';
  }

  /**
   * Keeps the journal for a signed-in agent, and the Task queue on the owner page only (pending
   * Tasks of an earlier page are saved when it starts; others stay stored for the next owner).
   */
  sync(state: PanelState): void {
    const account = state.phase === 'signedIn' ? state.snapshot.agent.account : null;
    if (account === null) {
      this.journal = null;
      this.followed = null;
    } else {
      this.journal ??= this.journalFor(account);
    }
    const wanted = account !== null && this.owner();
    if (wanted && !this.queue) {
      this.queue = new CallLogQueue({
        host: this.services.host,
        store: this.services.store,
        key: `biztel.calllog.${account}`,
        logger: this.services.logger,
        onPendingChange: (pending) => {
          this.pendingLogs = pending;
          this.host.requestUpdate();
        },
        onProblem: this.report,
      });
      this.pendingLogs = this.queue.pending;
      void this.queue.flush();
    } else if (!wanted && this.queue) {
      this.queue.dispose();
      this.queue = null;
    }
  }

  perform(effect: Effect): void {
    if (effect.kind === 'follow') this.follow(effect.snapshot);
    else if (effect.kind === 'forgetOpenCalls') this.journalFor(effect.account).setOpenCalls([], effect.at);
    else if (effect.kind === 'publish') {
      // Every page publishes to its own browser tab's components (see hostConnected).
      this.latest = effect.message;
      const key = JSON.stringify(effect.message);
      if (key === this.published) return;
      this.published = key;
      this.services.host.publishCallState(effect.message).catch(warnOnFailure(this.services.logger, 'could not publish the call state'));
    }
  }

  private journalFor(account: string): CallJournal {
    return new CallJournal(this.services.store, `biztel.calls.${this.services.userScope ?? 'page'}.${account}`);
  }

  private follow(snapshot: Snapshot): void {
    const journal = this.journal;
    if (!journal || !this.owner() || snapshot === this.followed) return;
    this.followed = snapshot;
    const open = journal.openCalls(snapshot.serverTime);
    journal.setOpenCalls(snapshot.calls, snapshot.serverTime);
    for (const effect of callEffects(open, snapshot, this.settings.popupRules)) this.performCall(effect, snapshot);
  }

  private performCall(effect: CallEffect, snapshot: Snapshot): void {
    const utcOffsetMinutes = -new Date(snapshot.serverTime).getTimezoneOffset();
    if (effect.kind === 'log') {
      if (this.queue)
        this.queue.enqueue(
          effect.call.id,
          taskFor(
            { call: effect.call, endedAt: effect.endedAt, records: this.related(effect.call) },
            { ...this.services.logTexts, status: this.settings.taskStatus },
            utcOffsetMinutes,
          ),
        );
      return;
    }
    const url = expandTemplate(
      effect.rule.template,
      popupValues(effect.event, effect.call, snapshot, { serverAddress: this.settings.serverAddress, utcOffsetMinutes }),
    );
    if (isRelativeUrl(url)) {
      this.services.host.popUrl(url).catch(warnOnFailure(this.services.logger, 'pop-up rule failed'));
    } else if (typeof document !== 'undefined') {
      try {
        openInNewTab(document, url, effect.rule.method);
      } catch (error) {
        this.services.logger.warn('pop-up rule URL refused', describe(error));
      }
    }
  }

  /** The one record the search found, else the record the agent is viewing. */
  private related(call: Call) {
    const found = this.journal?.lookedUp(call.id)?.records ?? [];
    const view = this.viewing();
    return found.length === 1 ? found : view ? [{ id: view.recordId, name: view.recordName ?? '', objectType: view.objectType ?? '' }] : [];
  }
}

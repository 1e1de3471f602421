/**
 * The call panel's display-only sections (seed 001 §1): the status menu with the extension line,
 * the caller-ID selector, the message and info area (state, other party, timers, record info,
 * the held customer during a transfer) and the list of parked calls — with the texts they show.
 * While the softphone's connection is down they show its last report as stale: dimmed, marked
 * 状態未確認, timers standing at the time the connection dropped.
 * None of them emits anything: every control that asks for something stays in `call-panel.ts`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Call, Snapshot } from '@biztel/protocol';
import type { CallControls, PanelMessage } from '../core/call-controls.js';
import type { Lookups } from '../core/lookup.js';
import type { NoticeCode } from '../core/panel-errors.js';
import { formatDuration } from '../core/duration.js';
import { displayNumber } from '../core/phone.js';
import type { Catalogue, MessageKey } from '../i18n/index.js';
import { fill } from './format.js';
import { icon } from './icons.js';

/** The text of each notice the panel shows. */
export const NOTICE_TEXT: Record<NoticeCode, MessageKey> = {
  softphoneNotRunning: 'noticeSoftphoneNotRunning',
  softphoneReconnecting: 'noticeSoftphoneReconnecting',
  softphoneMismatch: 'noticeSoftphoneMismatch',
  resultUnknown: 'noticeResultUnknown',
  commandExpired: 'noticeCommandExpired',
  noSuchCall: 'noticeNoSuchCall',
  busy: 'noticeBusy',
  timeout: 'noticeTimeout',
  disconnected: 'noticeDisconnected',
  rejected: 'noticeRejected',
  rateLimited: 'noticeRateLimited',
  notAllowed: 'noticeNotAllowed',
  dialEmpty: 'noticeDialEmpty',
  dialInvalidCharacters: 'noticeDialInvalidCharacters',
  dialTooLong: 'noticeDialTooLong',
  clickToDialOnCall: 'clickToDialRefusedOnCall',
  clickToDialHardphone: 'clickToDialRefusedHardphone',
  crmFailed: 'crmFailed',
};

/** The other party's number as shown, or 非通知 for an anonymous caller. */
export function shownNumber(t: Catalogue, call: { remoteNumber: string }): string {
  const shown = displayNumber(call.remoteNumber);
  return shown.kind === 'anonymous' ? t.anonymous : shown.value;
}

function messageText(t: Catalogue, message: PanelMessage): string {
  switch (message.kind) {
    case 'idle':
      return t.idle;
    case 'call':
      return t[message.state];
    case 'recall':
      return fill(t.recallMessage, { slot: message.slot });
    case 'parked':
      return fill(t.parkedMessage, { slot: message.slot });
    case 'collecting':
      return message.transfer === 'star' ? t.collectingStar : t.collectingHash;
  }
}

/** A running timer; standing still at `stoppedAt` (server time) once the softphone's report is stale. */
function timer(label: string, since: number, clockOffsetMs: number, stoppedAt: number | null) {
  if (stoppedAt !== null) return html`<span role="timer" aria-label=${label} class="stopped-timer">${formatDuration(stoppedAt - since)}</span>`;
  return html`<span role="timer" aria-label=${label}><biztel-call-timer .since=${since} .offset=${clockOffsetMs}></biztel-call-timer></span>`;
}

/** The calls shown are the softphone's last report, not confirmed since its connection dropped. */
const isStale = (view: CallControls): boolean => view.locked?.kind === 'reconnecting' || view.locked?.kind === 'offline';

function staleBadge(t: Catalogue) {
  return html`<span class="stale-badge">${t.callStale}</span>`;
}

/** The status label and menu, with the extension line beside it. */
export function renderTop(t: Catalogue, snapshot: Snapshot) {
  return html`
    <biztel-status-menu .t=${t} .statuses=${snapshot.statuses} .statusId=${snapshot.agent.statusId} .onCall=${snapshot.calls.length > 0}>
      <div class="meta">
        <div>${t.extensionLabel} ${snapshot.agent.extension}${snapshot.agent.hardphone ? ` · ${t.hardphoneMode}` : ''}</div>
        ${snapshot.softphone.state !== 'stopped' || snapshot.agent.hardphone ? nothing : html`<div class="stopped">${t.softphoneStopped}</div>`}
      </div>
    </biztel-status-menu>
  `;
}

/** 通知番号選択欄 (seed 001 §5, seed 003): the session's choice; the panel reads its `choice` when it dials. */
export function renderCallerId(t: Catalogue, snapshot: Snapshot) {
  return html`<biztel-caller-id-select .t=${t} .callerIds=${snapshot.callerIds} .chosen=${snapshot.callerIdChoice}></biztel-caller-id-select>`;
}

/** What the message area needs besides the view-model. */
export interface MessageAreaContext {
  readonly clockOffsetMs: number;
  readonly lookups: Lookups;
  /** 画面転送: the transferring agent's record (the panel renders it: its link asks to open the record). */
  readonly renderScreen: (call: Call) => TemplateResult | typeof nothing;
  /**
   * The dial pad is open during the call: the card shrinks to one line (state, number, timer) so
   * the keys fit beside it; the label, records and screen come back when the pad closes.
   */
  readonly compact?: boolean;
}

/** メッセージ画面 and 情報画面: the state, the other party, timers; the held customer during a transfer. */
export function renderMessageArea(t: Catalogue, view: CallControls, { clockOffsetMs, lookups, renderScreen, compact = false }: MessageAreaContext) {
  const text = messageText(t, view.message);
  const call = view.current;
  if (!call) {
    return html`<p class="message idle" part="message" data-state=${view.message.kind === 'parked' ? 'parked' : 'idle'}>
      <span>${text}</span>
    </p>`;
  }
  const stateAttr = call.recall && call.state === 'ringing' ? 'ringing' : call.state;
  const ownHold = view.heldCustomer === null && view.holdTimerFrom !== null;
  const stale = isStale(view);
  const stoppedAt = view.timersStoppedAt;
  const callTimer = view.callTimerFrom !== null ? timer(t.callTimer, view.callTimerFrom, clockOffsetMs, stoppedAt) : nothing;
  const collectingLine =
    view.message.kind === 'collecting'
      ? html`<p class="timer-line"><span>${t.collectingDigits}</span> <span class="digits">${view.message.digits}</span></p>`
      : nothing;
  if (compact) {
    return html`<section class="call compact ${stale ? 'stale' : ''}" data-state=${stateAttr} aria-label=${stale ? `${text} (${t.callStale})` : text}>
        <p class="message" part="message">
          <span>${text}${stale ? staleBadge(t) : nothing}</span> <span class="number">${shownNumber(t, call)}</span> ${callTimer}
        </p>
        ${collectingLine}
      </section>
      ${view.heldCustomer ? renderHeldCustomer(t, view, view.heldCustomer, clockOffsetMs) : nothing}`;
  }
  return html`
    <section class="call ${stale ? 'stale' : ''}" data-state=${stateAttr} aria-label=${stale ? `${text} (${t.callStale})` : text}>
      <p class="message" part="message">
        <span>${text}${stale ? staleBadge(t) : nothing}</span>
        ${callTimer}
      </p>
      ${view.consultation ? html`<p class="role">${t.transferTarget}</p>` : nothing}
      <p class="number">${shownNumber(t, call)}</p>
      ${call.businessLabel ? html`<p class="label">${t.businessLabel}: ${call.businessLabel}</p>` : nothing} ${renderScreen(call)}
      <biztel-record-info .t=${t} .lookup=${lookups[call.id]} .number=${call.remoteNumber}></biztel-record-info>
      ${collectingLine}
      ${
        ownHold && view.holdTimerFrom !== null
          ? html`<p class="timer-line"><span>${t.holdTimer}</span> ${timer(t.holdTimer, view.holdTimerFrom, clockOffsetMs, stoppedAt)}</p>`
          : nothing
      }
      ${call.chat?.status === 'ok' && call.chat.messages.length > 0 ? html`<p class="chat-flag">${icon('chat')}<span>${t.chatIndicator}</span></p>` : nothing}
    </section>
    ${view.heldCustomer ? renderHeldCustomer(t, view, view.heldCustomer, clockOffsetMs) : nothing}
  `;
}

function renderHeldCustomer(t: Catalogue, view: CallControls, customer: Call, clockOffsetMs: number) {
  const holdFrom = view.holdTimerFrom;
  const stale = isStale(view);
  return html`<section
    class="held-customer ${stale ? 'stale' : ''}"
    data-state="held"
    aria-label=${stale ? `${t.heldCustomer} (${t.callStale})` : t.heldCustomer}
  >
    <p class="timer-line">
      <span>${t.heldCustomer}${stale ? staleBadge(t) : nothing}</span>
      ${holdFrom !== null ? timer(t.holdTimer, holdFrom, clockOffsetMs, view.timersStoppedAt) : nothing}
    </p>
    <p class="number">${shownNumber(t, customer)}</p>
  </section>`;
}

/** The calls this extension parked, so the agent can tell a colleague the park number (seed 001 §7). */
export function renderParked(t: Catalogue, view: CallControls) {
  return html`
    <section class="parked ${isStale(view) ? 'stale' : ''}" aria-labelledby="parked-heading">
      <h2 id="parked-heading">${icon('park')}<span>${t.parkedHeading}</span>${isStale(view) ? staleBadge(t) : nothing}</h2>
      <ul>
        ${view.parked.map(
          (p) =>
            html`<li>
              <span class="slot">${fill(t.parkedSlot, { slot: p.slot })}</span>
              <span class="remote">${shownNumber(t, p)}</span>
            </li>`,
        )}
      </ul>
    </section>
  `;
}

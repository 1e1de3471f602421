/**
 * The banner of a softphone that cannot take commands (the call panel shows it under the status
 * line): its connection dropped — a warning with the time left before the line gives up waiting —
 * or it is signed in with another account than the agent's — an error naming that account, with
 * the manual's rule (seed 001 §2); or the panel's own connection to the event server dropped — a
 * warning, announced, that says nothing can be operated until it is back. Display only; the controls are disabled by `callControls`.
 */
import { html, nothing } from 'lit';
import type { SoftphoneLock } from '../core/call-controls.js';
import type { Catalogue } from '../i18n/index.js';
import { fill } from './format.js';
import { icon } from './icons.js';

export function renderSoftphoneBanner(t: Catalogue, lock: SoftphoneLock | null, clockOffsetMs: number, attempt: { attempt: number; of: number } | null = null) {
  if (lock === null) return nothing;
  if (lock.kind === 'offline') {
    return html`<div class="banner banner-warning" data-connection="offline">
      ${icon('info')}
      <div class="banner-text" role="status">
        <p class="banner-title">
          ${t.reconnecting}
          ${attempt ? html`<span class="attempt">${fill(t.reconnectAttempt, { attempt: String(attempt.attempt), of: String(attempt.of) })}</span>` : nothing}
        </p>
        <p>${t.offlineHint}</p>
      </div>
    </div>`;
  }
  if (lock.kind === 'mismatch') {
    return html`<div class="banner banner-error" role="alert" data-softphone="mismatch">
      ${icon('info')}
      <div class="banner-text">
        <p class="banner-title">${lock.account === null ? t.softphoneMismatchOther : fill(t.softphoneMismatchAccount, { account: lock.account })}</p>
        <p>${t.softphoneMismatchRule}</p>
      </div>
    </div>`;
  }
  return html`<div class="banner banner-warning" data-softphone="reconnecting">
    ${icon('info')}
    <div class="banner-text">
      <p class="banner-title" role="status">${t.softphoneReconnectingBanner}</p>
      ${
        lock.until === null
          ? nothing
          : html`<p class="banner-left">
              <span>${t.softphoneReconnectingLeft}</span>
              <span role="timer" aria-label=${t.softphoneReconnectingLeftLabel}
                ><biztel-call-timer .until=${lock.until} .offset=${clockOffsetMs}></biztel-call-timer
              ></span>
            </p>`
      }
    </div>
  </div>`;
}

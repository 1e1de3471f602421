/**
 * The call panel's action bar: the notice of the last request, パーク / 保留 / 転送 during a call,
 * and 発信 (or 応答) with 切断 (seed 001 §1). It stays at the bottom of the panel, outside the part
 * that scrolls, so the primary actions of every state are in view at the utility panel's size and
 * at 200 % zoom. Every button only emits a request on `host`; what is shown and enabled comes from
 * the `callControls` view-model.
 */
import { html, nothing } from 'lit';
import type { CallControls } from '../core/call-controls.js';
import type { NoticeCode } from '../core/panel-errors.js';
import type { Catalogue } from '../i18n/index.js';
import { NOTICE_TEXT } from './call-panel-sections.js';
import {
  AnswerRequestEvent,
  HangupRequestEvent,
  HoldRequestEvent,
  NoticeDismissRequestEvent,
  ParkRequestEvent,
  TransferRequestEvent,
  UnholdRequestEvent,
} from './events.js';
import { icon } from './icons.js';

export function renderActionBar(t: Catalogue, view: CallControls, notice: NoticeCode | null, host: HTMLElement) {
  const { hangUp } = view;
  const hint = hangUp.blockedBy === 'parking' ? t.hangUpParkingHint : hangUp.blockedBy === 'collecting' ? t.hangUpCollectingHint : null;
  // The notice and the hint take at most a quarter of the window and scroll there: at 200 % zoom
  // they never squeeze the calls out, nor the buttons.
  return html`<div class="action-bar" part="action-bar">
    ${
      notice || hint
        ? html`<div class="bar-messages" tabindex="0" role="group" aria-label=${t.barMessages}>
            ${
              notice
                ? html`<p class="notice" role="alert">
                    <span>${t[NOTICE_TEXT[notice]]}</span>
                    <button type="button" aria-label=${t.dismiss} @click=${() => host.dispatchEvent(new NoticeDismissRequestEvent())}>×</button>
                  </p>`
                : nothing
            }
            ${hint !== null ? html`<p class="hint warning" id="hangup-hint">${icon('info')}<span>${hint}</span></p>` : nothing}
          </div>`
        : nothing
    }
    ${renderControls(t, view, host)} ${renderActions(t, view, host, hint)}
  </div>`;
}

/** パーク / 保留 / 転送: shown only during a call (seed 001 §1). */
function renderControls(t: Catalogue, { park, hold, transfer }: CallControls, host: HTMLElement) {
  if (!park.shown && !hold.shown && !transfer.shown) return nothing;
  const onHold = () => {
    if (hold.shown && hold.enabled) host.dispatchEvent(hold.pressed ? new UnholdRequestEvent(hold.callId) : new HoldRequestEvent(hold.callId));
  };
  return html`
    <div class="controls" part="controls" role="group" aria-label=${t.callControls}>
      ${
        park.shown
          ? html`<button
              class="btn park"
              type="button"
              ?disabled=${!park.enabled}
              @click=${() => park.enabled && host.dispatchEvent(new ParkRequestEvent(park.callId))}
            >
              ${icon('park')}<span>${t.park}</span>
            </button>`
          : nothing
      }
      ${
        hold.shown
          ? html`<button class="btn hold" type="button" aria-pressed=${hold.pressed ? 'true' : 'false'} ?disabled=${!hold.enabled} @click=${onHold}>
              ${icon('hold')}<span>${t.hold}</span>
            </button>`
          : nothing
      }
      ${
        transfer.shown
          ? html`<button
              class="btn transfer"
              type="button"
              ?disabled=${!transfer.active}
              title=${transfer.active ? nothing : t.transferInactiveHint}
              @click=${() => transfer.active && host.dispatchEvent(new TransferRequestEvent(transfer.callId))}
            >
              ${icon('transfer')}<span>${t.transfer}</span>
            </button>`
          : nothing
      }
    </div>
  `;
}

/** 発信/応答 is one button (seed 001 §1): it answers a ringing call, otherwise it submits the number form. */
function renderActions(t: Catalogue, { primary, hangUp }: CallControls, host: HTMLElement, hint: string | null) {
  const callButton =
    primary.mode === 'answer'
      ? html`<button
          class="btn btn-success"
          type="button"
          ?disabled=${!primary.enabled}
          @click=${() => primary.enabled && host.dispatchEvent(new AnswerRequestEvent(primary.callId))}
        >
          ${icon('phone')}<span>${t.answer}</span>
        </button>`
      : html`<button class="btn btn-success" type="submit" form="dial-form" ?disabled=${!primary.enabled}>${icon('phone')}<span>${t.dial}</span></button>`;
  return html`
    <div class="actions" part="actions">
      ${callButton}
      <button
        class="btn btn-destructive"
        type="button"
        ?disabled=${!hangUp.enabled}
        aria-describedby=${hint !== null ? 'hangup-hint' : nothing}
        title=${hint ?? nothing}
        @click=${() => hangUp.enabled && hangUp.callId !== null && host.dispatchEvent(new HangupRequestEvent(hangUp.callId))}
      >
        ${icon('hangUp')}<span>${t.hangUp}</span>
      </button>
    </div>
  `;
}

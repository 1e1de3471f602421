import { css } from 'lit';

/**
 * Styles of what `<biztel-call-panel>` shows of the calls (call-panel-sections.ts): the softphone
 * banner, the message and info area in each call state (stale while the softphone reconnects, one
 * line while the dial pad is open), the held customer, the parked list and a received screen.
 */
export const callCardStyles = css`
  /* the softphone cannot take commands: reconnecting (warning) or another account's (error) */
  .banner {
    display: flex;
    align-items: flex-start;
    gap: var(--biztel-space-x-small);
    padding: var(--biztel-space-x-small) var(--biztel-space-small);
    border: 1px solid;
    border-left-width: 4px;
    border-radius: var(--biztel-radius);
    overflow-wrap: anywhere;
  }
  .banner .icon {
    margin-top: 0.125rem;
  }
  .banner-text {
    display: grid;
    gap: var(--biztel-space-xx-small);
    min-width: 0;
  }
  .banner p {
    margin: 0;
  }
  .banner-title {
    font-weight: 700;
  }
  .banner-warning {
    border-color: var(--biztel-color-warning);
    background: var(--biztel-color-held-surface);
    color: var(--biztel-color-text);
  }
  .banner-warning .icon {
    color: var(--biztel-color-warning);
  }
  .banner-error {
    border-color: var(--biztel-color-error);
    background: var(--biztel-color-error-surface);
    color: var(--biztel-color-error);
  }
  .banner-left {
    display: flex;
    gap: var(--biztel-space-xx-small);
    color: var(--biztel-color-text-weak);
    font-variant-numeric: tabular-nums;
  }

  /* message area (メッセージ画面) and info area (情報画面) */
  .call,
  .idle,
  .held-customer {
    display: grid;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    padding: var(--biztel-space-small);
    border-radius: var(--biztel-radius);
    border-left: 4px solid var(--biztel-color-border);
    background: var(--biztel-color-surface-alt);
  }
  [data-state='ringing'],
  [data-state='dialing'] {
    border-left-color: var(--biztel-color-ringing);
    background: var(--biztel-color-ringing-surface);
  }
  [data-state='dialing'] {
    background: var(--biztel-color-surface-alt);
  }
  [data-state='talking'] {
    border-left-color: var(--biztel-color-talking);
    background: var(--biztel-color-talking-surface);
  }
  [data-state='held'] {
    border-left-color: var(--biztel-color-held);
    background: var(--biztel-color-held-surface);
  }
  [data-state='parking'],
  [data-state='parked'] {
    border-left-color: var(--biztel-color-parked);
    background: var(--biztel-color-parked-surface);
  }
  /* the softphone's last report, not confirmed since its connection dropped */
  .stale,
  .parked.stale li {
    border-left-style: dashed;
    border-left-color: var(--biztel-color-disabled);
    background: var(--biztel-color-surface-alt);
    color: var(--biztel-color-text-weak);
  }
  .stale-badge {
    display: inline-block;
    margin-left: var(--biztel-space-x-small);
    padding: 0 var(--biztel-space-xx-small);
    border: 1px solid var(--biztel-color-text-weak);
    border-radius: var(--biztel-radius);
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
    font-weight: 600;
    vertical-align: middle;
  }
  .message {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--biztel-space-x-small);
    margin: 0;
    font-size: var(--biztel-font-size-large);
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .message > span {
    min-width: 0;
  }
  .number {
    margin: 0;
    font-size: var(--biztel-font-size-x-large);
    font-variant-numeric: tabular-nums;
    overflow-wrap: anywhere;
  }
  .label,
  .role,
  .timer-line {
    margin: 0;
    color: var(--biztel-color-text-weak);
    overflow-wrap: anywhere;
  }
  .timer-line {
    display: flex;
    justify-content: space-between;
    gap: var(--biztel-space-x-small);
    font-variant-numeric: tabular-nums;
  }
  .chat-flag {
    display: inline-flex;
    align-items: center;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    color: var(--biztel-color-link);
    font-weight: 600;
  }
  /* one line while the dial pad is open during the call */
  /* it stays on top of the scrolling part: the keys scroll under it, the call never out of view */
  .call.compact {
    position: sticky;
    top: 0;
    z-index: 1;
    padding: var(--biztel-space-x-small) var(--biztel-space-small);
  }
  .call.compact .message {
    align-items: baseline;
    font-size: var(--biztel-font-size);
  }
  .call.compact .number {
    flex: 1 0 auto;
    max-width: 100%;
    overflow: hidden;
    font-size: var(--biztel-font-size-large);
    font-weight: 400;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .held-customer .number {
    font-size: var(--biztel-font-size-large);
  }

  /* calls this extension parked */
  .parked {
    display: grid;
    gap: var(--biztel-space-xx-small);
  }
  .parked h2 {
    display: flex;
    align-items: center;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    font-size: var(--biztel-font-size);
    color: var(--biztel-color-text-weak);
  }
  .parked h2 .icon {
    color: var(--biztel-color-parked);
  }
  .parked ul {
    display: grid;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .parked li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--biztel-space-x-small);
    padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
    border-left: 4px solid var(--biztel-color-parked);
    border-radius: var(--biztel-radius);
    background: var(--biztel-color-parked-surface);
    overflow-wrap: anywhere;
  }
  .parked .slot {
    font-weight: 700;
  }
  .parked .remote {
    font-variant-numeric: tabular-nums;
  }

  .screen-transfer {
    display: grid;
    gap: var(--biztel-space-xx-small);
    margin-top: var(--biztel-space-xx-small);
  }
  .screen-transfer .hint,
  .screen-note {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .screen-link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--biztel-color-link);
    font: inherit;
    font-weight: 600;
    text-align: left;
    text-decoration: underline;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
`;

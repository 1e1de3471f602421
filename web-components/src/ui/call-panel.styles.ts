import { css } from 'lit';

/**
 * Styles of `<biztel-call-panel>`'s frame: the status on top, the scrolling body, the action bar
 * (notice, park / hold / transfer, call buttons), the number field, 画面転送メモ and the 200 % zoom
 * layout. The calls themselves: call-card.styles.ts; the status menu and the caller-ID selector
 * style themselves.
 */
export const callPanelStyles = css`
  /*
   * The status on top, the action bar at the bottom, the part between them scrolls: given a height
   * (the shell fits the panel to the window), the primary actions never leave the view.
   */
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    container-type: inline-size;
  }
  .panel {
    display: flex;
    flex: 1 1 auto;
    flex-direction: column;
    min-height: 0;
  }
  .top {
    flex: none;
    padding: var(--biztel-space-small) var(--biztel-space-medium) var(--biztel-space-x-small);
  }
  /* fills the panel, so the action bar keeps one place: the bottom edge */
  .body {
    min-height: 3rem;
    display: flex;
    flex: 1 1 auto;
    flex-direction: column;
    gap: var(--biztel-space-small);
    min-height: 0;
    overflow-y: auto;
    padding: var(--biztel-space-xx-small) var(--biztel-space-medium) var(--biztel-space-small);
  }
  .body > *,
  .action-bar > * {
    min-width: 0;
  }
  .body > *:not(slot) {
    flex: none;
  }
  ::slotted([slot='footer']) {
    margin-top: auto;
  }
  [hidden] {
    display: none !important;
  }
  .action-bar {
    display: grid;
    flex: none;
    gap: var(--biztel-space-x-small);
    padding: var(--biztel-space-x-small) var(--biztel-space-medium) var(--biztel-space-small);
    border-top: 1px solid var(--biztel-color-border);
    background: var(--biztel-color-surface);
  }
  .action-bar .hint {
    margin: 0;
    font-size: var(--biztel-font-size-small);
  }
  .bar-messages {
    display: grid;
    gap: var(--biztel-space-xx-small);
    max-height: 25vh;
    overflow-y: auto;
  }
  .meta {
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
    text-align: right;
  }
  .meta .stopped {
    color: var(--biztel-color-error);
  }
  .hint.warning {
    color: var(--biztel-color-warning);
  }

  .notice {
    display: flex;
    align-items: flex-start;
    gap: var(--biztel-space-x-small);
    margin: 0;
    padding: var(--biztel-space-x-small);
    border: 1px solid var(--biztel-color-error);
    border-radius: var(--biztel-radius);
    background: var(--biztel-color-error-surface);
    color: var(--biztel-color-error);
    overflow-wrap: anywhere;
  }
  .notice span {
    flex: 1;
    min-width: 0;
  }
  .notice button {
    border: 0;
    background: none;
    color: inherit;
    cursor: pointer;
    font-size: 1rem;
    line-height: 1;
  }

  /* park / hold / transfer */
  .controls {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 4.5rem), 1fr));
    gap: var(--biztel-space-x-small);
  }
  .btn {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .hold[aria-pressed='true'] {
    background: var(--biztel-color-held);
    border-color: var(--biztel-color-held);
    color: #fff;
  }
  .hold:disabled {
    background: var(--biztel-color-surface-alt);
    border-color: var(--biztel-color-border);
    color: var(--biztel-color-disabled);
  }
  .transfer:not(:disabled) {
    background: var(--biztel-color-brand);
    border-color: var(--biztel-color-brand);
    color: #fff;
  }
  /* hovered, they keep their colour (the shared hover background would leave white on light grey) */
  .hold[aria-pressed='true']:hover:not(:disabled) {
    background: var(--biztel-color-held);
    filter: brightness(0.9);
  }
  .transfer:hover:not(:disabled) {
    background: var(--biztel-color-brand-dark);
  }

  .dial {
    display: flex;
    gap: var(--biztel-space-x-small);
  }
  .dial .input {
    flex: 1;
    min-width: 0;
    min-height: 2.25rem;
    font-size: var(--biztel-font-size-large);
  }
  .dial .input:disabled {
    background: var(--biztel-color-surface-alt);
    color: var(--biztel-color-disabled);
  }
  .pad-toggle {
    flex: none;
    width: 2.25rem;
    padding: 0;
  }
  .pad-toggle[aria-expanded='true'] {
    background: var(--biztel-color-surface-alt);
    border-color: var(--biztel-color-brand);
  }
  .actions {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 4.5rem), 1fr));
    gap: var(--biztel-space-x-small);
  }

  /* 200 % zoom of the utility panel (180 CSS px): tighter, the bar's buttons without icons */
  @container (max-width: 16rem) {
    .top,
    .body,
    .action-bar {
      padding-left: var(--biztel-space-x-small);
      padding-right: var(--biztel-space-x-small);
    }
    .top {
      padding-top: var(--biztel-space-x-small);
    }
    .body {
      gap: var(--biztel-space-x-small);
    }
    .action-bar {
      gap: var(--biztel-space-xx-small);
      padding-top: var(--biztel-space-xx-small);
      padding-bottom: var(--biztel-space-xx-small);
    }
    .action-bar .controls,
    .action-bar .actions {
      gap: var(--biztel-space-xx-small);
    }
    .action-bar .btn {
      min-height: 2rem;
    }
    .action-bar .btn .icon {
      display: none;
    }
    .action-bar .controls {
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 2.75rem), 1fr));
    }
    .meta {
      text-align: left;
    }
    .btn {
      padding: 0 var(--biztel-space-xx-small);
    }
  }
  .transfer-note {
    display: grid;
    gap: var(--biztel-space-xx-small);
  }
  .transfer-note summary {
    width: fit-content;
    min-height: 1.5rem;
    color: var(--biztel-color-link);
    font-size: var(--biztel-font-size-small);
    line-height: 1.5rem;
    cursor: pointer;
  }
  /* offline (event server connection down): the status is last known, not live */
  .panel.offline biztel-status-menu {
    opacity: 0.6;
    filter: grayscale(1);
  }
`;

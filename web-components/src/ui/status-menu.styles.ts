import { css } from 'lit';

/**
 * Styles of `<biztel-status-menu>`. The host takes the `--biztel-*` tokens from the panel around
 * it. The menu is positioned against the whole row, so it may be as wide as the panel.
 */
export const statusMenuStyles = css`
  :host {
    display: block;
  }
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--biztel-space-x-small);
    position: relative;
  }
  .status-button {
    display: inline-flex;
    align-items: center;
    gap: var(--biztel-space-x-small);
    min-width: 0;
    min-height: 2rem;
    padding: 0 var(--biztel-space-x-small);
    border: 1px solid var(--biztel-color-border);
    border-radius: 1rem;
    background: var(--biztel-color-surface);
    color: var(--biztel-color-text);
    cursor: pointer;
  }
  .status-label {
    overflow-wrap: anywhere;
  }
  .dot {
    flex: none;
    width: 0.625rem;
    height: 0.625rem;
    border-radius: 50%;
    background: var(--biztel-color-success);
  }
  .dot.logoff {
    background: var(--biztel-color-disabled);
  }
  .dot.other {
    background: var(--biztel-color-warning);
  }
  .menu {
    position: absolute;
    top: calc(100% + 0.25rem);
    left: 0;
    z-index: 2;
    box-sizing: border-box;
    min-width: min(12rem, 100%);
    max-width: 100%;
    margin: 0;
    padding: var(--biztel-space-xx-small) 0;
    list-style: none;
    background: var(--biztel-color-surface);
    border: 1px solid var(--biztel-color-border);
    border-radius: var(--biztel-radius);
    box-shadow: 0 2px 3px rgba(0, 0, 0, 0.16);
  }
  .menu button {
    display: flex;
    width: 100%;
    gap: var(--biztel-space-x-small);
    padding: var(--biztel-space-x-small) var(--biztel-space-small);
    border: 0;
    background: none;
    color: var(--biztel-color-text);
    text-align: left;
    cursor: pointer;
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--biztel-color-surface-alt);
  }
  .menu button[aria-disabled='true'] {
    color: var(--biztel-color-text-weak);
    cursor: not-allowed;
  }
  .menu .item-text {
    display: flex;
    flex-direction: column;
  }
  .menu .note {
    font-size: var(--biztel-font-size-small);
  }
  .menu .check {
    flex: none;
    width: 1rem;
    color: var(--biztel-color-brand);
  }
  .menu hr {
    margin: var(--biztel-space-xx-small) 0;
    border: 0;
    border-top: 1px solid var(--biztel-color-border);
  }
`;

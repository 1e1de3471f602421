import { css } from 'lit';

/**
 * Styles of `<biztel-diagnostics>`: the facts list (labels beside their values when wide enough),
 * the start-up checks with their marks, the scrollable list of recent entries, the actions and
 * the manual-copy text box; tighter at 200 % zoom.
 */
export const diagnosticsStyles = css`
  :host {
    display: block;
    min-width: 0;
    container-type: inline-size;
  }
  .diag {
    display: grid;
    gap: var(--biztel-space-x-small);
    padding: var(--biztel-space-small) var(--biztel-space-medium) var(--biztel-space-medium);
    border-top: 1px solid var(--biztel-color-border);
    background: var(--biztel-color-surface);
    overflow-wrap: anywhere;
  }
  .diag > * {
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: var(--biztel-font-size-large);
  }
  h3 {
    margin: var(--biztel-space-x-small) 0 0;
    font-size: var(--biztel-font-size);
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: 2px solid var(--biztel-color-focus);
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--biztel-space-xx-small);
    margin: 0;
  }
  dl > div {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    min-width: 0;
  }
  dt {
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  .checks,
  .search,
  .events ol {
    display: grid;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .search li {
    overflow-wrap: anywhere;
  }
  .search li + li {
    padding-inline-start: var(--biztel-space-small);
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  .check {
    display: flex;
    gap: var(--biztel-space-xx-small);
    align-items: baseline;
    min-width: 0;
  }
  .check > span:last-child {
    min-width: 0;
  }
  .mark {
    flex: none;
    width: 1rem;
    font-weight: 700;
    text-align: center;
  }
  .check.ok .mark {
    color: var(--biztel-color-success);
  }
  .check.failed .mark {
    color: var(--biztel-color-error);
  }
  .check.notrun .mark {
    color: var(--biztel-color-text-weak);
  }
  .weak,
  .dropped {
    margin: 0;
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  .events {
    max-height: 12rem;
    overflow-x: hidden;
    overflow-y: auto;
    border: 1px solid var(--biztel-color-border);
    border-radius: var(--biztel-radius);
    padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
    font-size: var(--biztel-font-size-small);
  }
  .entry {
    min-width: 0;
    padding-bottom: var(--biztel-space-xx-small);
    border-bottom: 1px solid var(--biztel-color-surface-alt);
  }
  .entry time {
    font-variant-numeric: tabular-nums;
    color: var(--biztel-color-text-weak);
  }
  .entry .kind {
    color: var(--biztel-color-text-weak);
  }
  .entry.error .kind,
  .entry.error .name {
    color: var(--biztel-color-error);
  }
  .entry .name {
    font-weight: 600;
  }
  .entry .detail {
    display: block;
    color: var(--biztel-color-text-weak);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--biztel-space-x-small);
  }
  .actions .btn {
    min-width: 0;
    max-width: 100%;
    white-space: normal;
    text-align: center;
  }
  .outcome {
    margin: 0;
    min-height: 1lh;
  }
  .outcome.failed {
    color: var(--biztel-color-error);
  }
  .copy-text {
    display: grid;
    gap: var(--biztel-space-xx-small);
  }
  .copy-text label {
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  textarea.input {
    min-height: 6rem;
    padding: var(--biztel-space-xx-small);
    resize: vertical;
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: var(--biztel-font-size-small);
  }

  /* Wide enough: labels beside their values. */
  @container (min-width: 18rem) {
    dl > div {
      grid-template-columns: minmax(0, 8rem) minmax(0, 1fr);
      gap: var(--biztel-space-x-small);
      align-items: baseline;
    }
  }
  /* 200 % zoom in a 360 px utility bar: tighter padding. */
  @container (max-width: 14rem) {
    .diag {
      padding: var(--biztel-space-x-small);
    }
    .actions .btn {
      flex: 1 1 100%;
    }
  }
`;

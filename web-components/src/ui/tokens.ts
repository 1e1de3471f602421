import { css } from 'lit';

/**
 * Design tokens after Salesforce Lightning Design System values, so the panel looks native in
 * Lightning without loading the SLDS stylesheet. Override any `--biztel-*` property to theme.
 */
export const tokens = css`
  :host {
    --biztel-color-brand: #0176d3;
    --biztel-color-brand-dark: #014486;
    /* SLDS link blue: 4.5:1 or better on every light surface of the panel. */
    --biztel-color-link: #0b5cab;
    --biztel-color-text: #181818;
    --biztel-color-text-weak: #5c5c5c;
    --biztel-color-border: #c9c9c9;
    --biztel-color-surface: #ffffff;
    --biztel-color-surface-alt: #f3f3f3;
    --biztel-color-success: #2e844a;
    --biztel-color-success-dark: #22683e;
    --biztel-color-error: #ba0517;
    --biztel-color-error-dark: #8e030f;
    --biztel-color-warning: #a96404;
    --biztel-color-ringing: #0176d3;
    --biztel-color-talking: #2e844a;
    --biztel-color-held: #a96404;
    --biztel-color-parked: #7526e3;
    --biztel-color-ringing-surface: #eef4ff;
    --biztel-color-talking-surface: #ebf7e6;
    --biztel-color-held-surface: #fef0e0;
    --biztel-color-parked-surface: #f2ebfd;
    --biztel-color-error-surface: #fef1ee;
    --biztel-color-disabled: #939393;
    --biztel-color-focus: #0176d3;
    --biztel-space-xx-small: 0.25rem;
    --biztel-space-x-small: 0.5rem;
    --biztel-space-small: 0.75rem;
    --biztel-space-medium: 1rem;
    --biztel-radius: 0.25rem;
    --biztel-font-family:
      -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', Meiryo, 'Helvetica Neue', Arial, sans-serif;
    --biztel-font-size-small: 0.75rem;
    --biztel-font-size: 0.8125rem;
    --biztel-font-size-large: 1rem;
    --biztel-font-size-x-large: 1.25rem;
    font-family: var(--biztel-font-family);
    font-size: var(--biztel-font-size);
    color: var(--biztel-color-text);
  }
`;

/** Shared control styles: SLDS-like buttons and inputs with visible focus. */
export const controls = css`
  button,
  input,
  select {
    font: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--biztel-space-xx-small);
    min-height: 2.25rem;
    padding: 0 var(--biztel-space-small);
    border: 1px solid var(--biztel-color-border);
    border-radius: var(--biztel-radius);
    background: var(--biztel-color-surface);
    color: var(--biztel-color-brand);
    cursor: pointer;
    font-weight: 600;
  }
  .btn:hover:not(:disabled) {
    background: var(--biztel-color-surface-alt);
  }
  .btn:disabled {
    color: var(--biztel-color-disabled);
    background: var(--biztel-color-surface-alt);
    border-color: var(--biztel-color-border);
    cursor: default;
  }
  .btn-brand {
    background: var(--biztel-color-brand);
    border-color: var(--biztel-color-brand);
    color: #fff;
  }
  .btn-brand:hover:not(:disabled) {
    background: var(--biztel-color-brand-dark);
  }
  .btn-success {
    background: var(--biztel-color-success);
    border-color: var(--biztel-color-success);
    color: #fff;
  }
  .btn-success:hover:not(:disabled) {
    background: var(--biztel-color-success-dark);
  }
  .btn-destructive {
    background: var(--biztel-color-error);
    border-color: var(--biztel-color-error);
    color: #fff;
  }
  .btn-destructive:hover:not(:disabled) {
    background: var(--biztel-color-error-dark);
  }
  .icon {
    width: 1rem;
    height: 1rem;
    flex: none;
    fill: currentColor;
  }
  .input {
    box-sizing: border-box;
    width: 100%;
    min-height: 2rem;
    padding: 0 var(--biztel-space-x-small);
    border: 1px solid var(--biztel-color-border);
    border-radius: var(--biztel-radius);
    background: var(--biztel-color-surface);
    color: var(--biztel-color-text);
  }
  .input[aria-invalid='true'] {
    border-color: var(--biztel-color-error);
    box-shadow: inset 0 0 0 1px var(--biztel-color-error);
  }
  :focus-visible {
    outline: 2px solid var(--biztel-color-focus);
    outline-offset: 2px;
  }
  /* A short line of help under a control: an optional icon, then the text. */
  .hint {
    display: flex;
    align-items: flex-start;
    gap: var(--biztel-space-xx-small);
    margin: 0;
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    border: 0;
  }
`;

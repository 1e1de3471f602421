import { css } from 'lit';

/** Styles of `<biztel-caller-id-select>`; the host takes the `--biztel-*` tokens from the panel around it. */
export const callerIdSelectStyles = css`
  :host {
    display: block;
  }
  /* caller-ID selector (通知番号選択欄) */
  .caller-id {
    display: grid;
    gap: var(--biztel-space-xx-small);
  }
  .caller-id-head {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--biztel-space-xx-small);
  }
  .field-label {
    color: var(--biztel-color-text-weak);
    font-size: var(--biztel-font-size-small);
  }
  .switch {
    display: inline-flex;
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .switch input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
    margin: 0;
  }
  /* At least 24 × 24 CSS px: a target size the agent can hit (WCAG 2.2, 2.5.8). */
  .switch label {
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    min-height: 24px;
    min-width: 24px;
    padding: 0.125rem var(--biztel-space-x-small);
    border: 1px solid var(--biztel-color-border);
    background: var(--biztel-color-surface);
    color: var(--biztel-color-brand);
    font-size: var(--biztel-font-size-small);
    cursor: pointer;
  }
  .switch label:first-of-type {
    border-radius: var(--biztel-radius) 0 0 var(--biztel-radius);
  }
  .switch label:last-of-type {
    border-left: 0;
    border-radius: 0 var(--biztel-radius) var(--biztel-radius) 0;
  }
  .switch input:checked + label {
    background: var(--biztel-color-brand);
    border-color: var(--biztel-color-brand);
    color: #fff;
  }
  .switch input:focus-visible + label {
    outline: 2px solid var(--biztel-color-focus);
    outline-offset: 2px;
  }
  .caller-id select {
    min-width: 0;
    text-overflow: ellipsis;
  }
  .label-line {
    display: inline-flex;
    align-items: center;
    gap: var(--biztel-space-xx-small);
  }
  /* 003's information icon: its tip shows while the pointer or the keyboard focus is on it */
  .info {
    display: inline-flex;
  }
  .info-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 24px;
    min-height: 24px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: none;
    color: var(--biztel-color-brand);
    cursor: help;
  }
  .info-button:focus-visible {
    outline: 2px solid var(--biztel-color-focus);
    outline-offset: 1px;
  }
  .tip {
    display: none;
    position: absolute;
    /* under the label row, as wide as the selector: never past the panel's edge at 200 % zoom */
    top: calc(100% + 0.25rem);
    left: 0;
    right: 0;
    z-index: 3;
    padding: var(--biztel-space-xx-small) var(--biztel-space-x-small);
    border-radius: var(--biztel-radius);
    background: var(--biztel-color-text);
    color: var(--biztel-color-surface);
    font-size: var(--biztel-font-size-small);
    line-height: 1.4;
  }
  .info:hover .tip,
  .info:focus-within .tip {
    display: block;
  }
  .info.dismissed .tip {
    display: none;
  }
`;

/**
 * The fake Lightning page's looks, SLDS-like: the parts every element shares (cards, form
 * controls, buttons, rows, muted and error text) and each element's own (the page layout, the
 * utility bar, the org's records, the simulator's controls).
 */
import { css } from 'lit';

/** Cards, labels, inputs, buttons and text tones, for every element of the page. */
export const sharedStyles = css`
  .card {
    background: #fff;
    border: 1px solid #e5e5e5;
    border-radius: 0.25rem;
    padding: 1rem;
    margin-bottom: 1rem;
  }
  .card h2 {
    margin: 0 0 0.75rem;
    font-size: 1rem;
  }
  label {
    display: block;
    margin: 0.5rem 0 0.25rem;
    color: #5c5c5c;
    font-size: 12px;
  }
  input,
  select,
  button {
    font: inherit;
  }
  input,
  select {
    box-sizing: border-box;
    width: 100%;
    height: 2rem;
    padding: 0 0.5rem;
    border: 1px solid #c9c9c9;
    border-radius: 0.25rem;
  }
  button {
    min-height: 2rem;
    padding: 0 0.75rem;
    border: 1px solid #c9c9c9;
    border-radius: 0.25rem;
    background: #fff;
    color: #0176d3;
    cursor: pointer;
  }
  button.brand {
    background: #0176d3;
    border-color: #0176d3;
    color: #fff;
  }
  .row {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    margin-top: 0.5rem;
  }
  .muted {
    color: #5c5c5c;
  }
  .error {
    color: #ba0517;
  }
`;

/** The page: header, the two-column main area, the utility bar's row at the bottom. */
export const pageStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr auto;
    height: 100vh;
    font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Hiragino Sans', Meiryo, sans-serif;
    font-size: 13px;
    color: #181818;
    background: #f3f3f3;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0 1rem;
    height: 3rem;
    background: #fff;
    border-bottom: 3px solid #0176d3;
  }
  header strong {
    font-size: 1rem;
  }
  header .hint {
    color: #5c5c5c;
  }
  header .user {
    margin-left: auto;
    color: #5c5c5c;
    font-size: 11px;
  }
  main {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 22rem;
    gap: 1rem;
    padding: 1rem;
    overflow: auto;
  }
  pre {
    margin: 0;
    white-space: pre-wrap;
    font-size: 12px;
  }
`;

/** The utility bar: its item and the panel that opens above it. */
export const utilityBarStyles = css`
  :host {
    position: relative;
    display: flex;
    align-items: center;
    height: 2.5rem;
    padding: 0 0.5rem;
    background: #fff;
    border-top: 1px solid #c9c9c9;
  }
  .utility-item {
    border: 0;
    border-radius: 0;
    height: 2.5rem;
    color: #181818;
  }
  .utility-item[aria-expanded='true'] {
    border-top: 3px solid #0176d3;
  }
  .utility-panel {
    position: absolute;
    bottom: 2.5rem;
    left: 0.5rem;
    width: 360px;
    height: 520px;
    display: flex;
    flex-direction: column;
    background: #fff;
    border: 1px solid #c9c9c9;
    border-radius: 0.25rem 0.25rem 0 0;
    box-shadow: 0 -2px 6px rgba(0, 0, 0, 0.15);
  }
  .utility-panel[hidden] {
    display: none;
  }
  .utility-panel .bar {
    flex: none;
    height: 2rem;
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: space-between;
    padding: 0 0.5rem;
    background: #f3f3f3;
    border-bottom: 1px solid #c9c9c9;
    font-weight: 600;
  }
  .utility-panel .bar button {
    min-height: 1.5rem;
    border: 0;
    background: none;
  }
  .utility-panel .bar .actions {
    display: flex;
    gap: 0.25rem;
  }
  .utility-panel .notice {
    flex: none;
    margin: 0;
    padding: 0.5rem;
    border-bottom: 1px solid #c9c9c9;
  }
  .utility-panel .popped-out {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    padding: 1rem;
    text-align: center;
    color: #5c5c5c;
  }
  iframe {
    flex: 1;
    width: 100%;
    min-height: 0;
    border: 0;
  }
`;

/** The org's records: lists, field lists, click-to-dial links, the new-record modal. */
export const recordStyles = css`
  :host {
    display: block;
  }
  .records {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .records li {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    flex-wrap: wrap;
    padding: 0.375rem 0;
    border-top: 1px solid #e5e5e5;
  }
  .records li:first-child {
    border-top: 0;
  }
  .records a {
    color: #0176d3;
  }
  .object {
    color: #5c5c5c;
    font-size: 12px;
  }
  button.c2d {
    min-height: 1.5rem;
    padding: 0 0.25rem;
    border: 0;
    background: none;
    text-decoration: underline;
  }
  .c2d-disabled {
    color: #5c5c5c;
  }
  dl.fields {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dl.fields dt {
    color: #5c5c5c;
  }
  dl.fields dd {
    margin: 0;
  }
  .modal {
    border: 1px solid #0176d3;
    box-shadow: 0 2px 8px rgba(0, 0, 0, 0.2);
  }
`;

/** The simulator's controls: extensions, their calls, the auto-answer checkbox. */
export const simulatorStyles = css`
  :host {
    display: block;
  }
  .ext {
    border-top: 1px solid #e5e5e5;
    padding: 0.5rem 0;
  }
  .call {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    flex-wrap: wrap;
    margin: 0.25rem 0 0 1rem;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.75rem;
  }
  .check input {
    width: auto;
    height: auto;
  }
`;

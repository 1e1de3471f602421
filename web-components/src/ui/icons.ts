/**
 * Utility icons drawn for the panel (24 × 24, `currentColor`), in the spirit of the SLDS utility
 * set without loading it. Always decorative: the button around an icon carries the name.
 */
import { html, svg, type TemplateResult } from 'lit';

const HANDSET = 'M7.2 2.8h2.9l1.6 4.6-2.1 1.6a11.2 11.2 0 0 0 5.4 5.4l1.6-2.1 4.6 1.6v2.9a2.3 2.3 0 0 1-2.3 2.3A16.4 16.4 0 0 1 4.9 5.1a2.3 2.3 0 0 1 2.3-2.3z';

const ICONS = {
  phone: svg`<path d=${HANDSET} />`,
  hangUp: svg`<path d=${HANDSET} transform="rotate(135 12 12)" />`,
  hold: svg`<rect x="6" y="5" width="4" height="14" rx="1" /><rect x="14" y="5" width="4" height="14" rx="1" />`,
  park: svg`<path
    d="M6.5 3h11A2.5 2.5 0 0 1 20 5.5v13a2.5 2.5 0 0 1-2.5 2.5h-11A2.5 2.5 0 0 1 4 18.5v-13A2.5 2.5 0 0 1 6.5 3zm3 4v10h2v-3.5h1.8a3.25 3.25 0 0 0 0-6.5zm2 2h1.8a1.25 1.25 0 0 1 0 2.5h-1.8z"
    fill-rule="evenodd"
  />`,
  transfer: svg`<path d="M15 3.5 20.5 8 15 12.5V9.5H4v-3h11zM9 11.5v3h11v3H9v3L3.5 16z" />`,
  dialPad: svg`${[3.5, 9, 14.5].flatMap((y) => [6, 12, 18].map((x) => svg`<circle cx=${x} cy=${y} r="1.9" />`))}<circle cx="12" cy="20" r="1.9" />`,
  chat: svg`<path
    d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 5v2h10V8zm0 4v2h7v-2z"
    fill-rule="evenodd"
  />`,
  info: svg`<path d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20zm-1.25 8v8h2.5v-8zm1.25-4.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z" fill-rule="evenodd" />`,
  chevron: svg`<path d="M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z" />`,
} as const;

export type IconName = keyof typeof ICONS;

/** `<svg>` for `name`; hidden from assistive technology and never focusable. */
export function icon(name: IconName): TemplateResult {
  return html`<svg class="icon icon-${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${ICONS[name]}</svg>`;
}

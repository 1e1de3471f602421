import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { formatDuration } from '../core/duration.js';

/**
 * @summary A running `mm:ss` / `hh:mm:ss` timer. Only this small element re-renders every second,
 * never the whole panel.
 */
export class BiztelCallTimer extends LitElement {
  static override styles = css`
    :host {
      display: inline;
      font-variant-numeric: tabular-nums;
    }
  `;

  private timer: ReturnType<typeof setInterval> | undefined;

  /** Server time (epoch ms) the timer counts from. */
  @property({ type: Number }) since = 0;
  /** server clock − local clock, in ms. */
  @property({ type: Number }) offset = 0;
  @property({ attribute: false }) now: () => number = () => Date.now();

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  override render() {
    return html`${formatDuration(this.now() + this.offset - this.since)}`;
  }
}

import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { formatDuration } from '../core/duration.js';

/**
 * @summary A running `mm:ss` / `hh:mm:ss` timer, counting up from `since` or, given `until`, down
 * to it (never below zero). Only this small element re-renders every second, never the whole panel.
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
  /** Server time (epoch ms) to count down to instead: the timer shows the time left. */
  @property({ type: Number }) until: number | null = null;
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
    const now = this.now() + this.offset;
    return html`${formatDuration(this.until === null ? now - this.since : this.until - now)}`;
  }
}

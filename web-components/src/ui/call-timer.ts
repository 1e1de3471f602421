import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { formatDuration, msToNextSecond } from '../core/duration.js';

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

  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Server time (epoch ms) the timer counts from. */
  @property({ type: Number }) since = 0;
  /** Server time (epoch ms) to count down to instead: the timer shows the time left. */
  @property({ type: Number }) until: number | null = null;
  /** server clock − local clock, in ms. */
  @property({ type: Number }) offset = 0;
  @property({ attribute: false }) now: () => number = () => Date.now();

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The next render when the shown second turns (not every 1000 ms from whenever it started). */
  private schedule(): void {
    clearTimeout(this.timer);
    const wait = msToNextSecond(this.now() + this.offset, this.until ?? this.since);
    this.timer = setTimeout(() => {
      this.requestUpdate();
      this.schedule();
    }, wait);
  }

  override render() {
    const now = this.now() + this.offset;
    return html`${formatDuration(this.until === null ? now - this.since : this.until - now)}`;
  }
}

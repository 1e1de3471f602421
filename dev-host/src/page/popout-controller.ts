/**
 * The utility's pop-out, as Lightning does it: the softphone page opens in a window of its own and
 * leaves the utility bar; pop-in (or the agent closing that window) brings it back to the bar. A
 * reactive controller of the fake Lightning page: it owns the window, watches it, and cleans up.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the softphone lives: in the utility bar, in its own window, or in the bar after a blocked pop-up. */
export type PopoutState = { readonly kind: 'docked' } | { readonly kind: 'blocked' } | { readonly kind: 'poppedOut'; readonly window: Window };

/** The window name Lightning-like pop-outs reuse, so a second pop-out never makes a second window. */
export const POPOUT_TARGET = 'biztel-softphone-popout';
export const POPOUT_FEATURES = 'popup,width=360,height=600';

/** The page's window, as far as the controller needs it (a fake in tests). */
export interface PopoutPage {
  open(url: string, target: string, features: string): Window | null;
  addEventListener(type: 'pagehide', listener: () => void): void;
  removeEventListener(type: 'pagehide', listener: () => void): void;
}

export interface PopoutOptions {
  readonly page: PopoutPage;
  /** How often to look whether the agent closed the window (default 500 ms). */
  readonly pollMs?: number;
  /** Called after every change, with the previous and the new state. */
  readonly onChange?: (from: PopoutState, to: PopoutState) => void;
}

export class PopoutController implements ReactiveController {
  private readonly page: PopoutPage;
  private readonly pollMs: number;
  private readonly onChange: (from: PopoutState, to: PopoutState) => void;
  private watch: ReturnType<typeof setInterval> | undefined;
  private current: PopoutState = { kind: 'docked' };

  constructor(
    private readonly host: ReactiveControllerHost,
    options: PopoutOptions,
  ) {
    this.page = options.page;
    this.pollMs = options.pollMs ?? 500;
    this.onChange = options.onChange ?? (() => {});
    host.addController(this);
  }

  get state(): PopoutState {
    return this.current;
  }

  hostConnected(): void {
    this.page.addEventListener('pagehide', this.onPageHide);
  }

  hostDisconnected(): void {
    this.page.removeEventListener('pagehide', this.onPageHide);
    this.stopWatching();
  }

  /** Lightning's page goes away: its popped-out utility goes with it. */
  private readonly onPageHide = (): void => {
    if (this.current.kind === 'poppedOut') this.current.window.close();
    this.stopWatching();
  };

  /** Opens `url` in the pop-out window; false (and the panel stays docked) when the browser refused. */
  popOut(url: string): boolean {
    if (this.current.kind === 'poppedOut') {
      this.current.window.focus();
      return true;
    }
    const win = this.page.open(url, POPOUT_TARGET, POPOUT_FEATURES);
    if (!win) {
      this.set({ kind: 'blocked' });
      return false;
    }
    this.set({ kind: 'poppedOut', window: win });
    this.watch = setInterval(() => {
      if (this.current.kind === 'poppedOut' && this.current.window.closed) this.dock();
    }, this.pollMs);
    return true;
  }

  /** Closes the pop-out window and puts the softphone back in the utility bar. */
  popIn(): void {
    if (this.current.kind === 'poppedOut' && !this.current.window.closed) this.current.window.close();
    this.dock();
  }

  /** Forgets a blocked pop-up's message. */
  dismiss(): void {
    if (this.current.kind === 'blocked') this.set({ kind: 'docked' });
  }

  private dock(): void {
    this.stopWatching();
    if (this.current.kind !== 'docked') this.set({ kind: 'docked' });
  }

  private stopWatching(): void {
    clearInterval(this.watch);
    this.watch = undefined;
  }

  private set(next: PopoutState): void {
    const previous = this.current;
    this.current = next;
    this.onChange(previous, next);
    this.host.requestUpdate();
  }
}

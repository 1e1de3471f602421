/**
 * Log lines that anyone can cause without signing in (a refused Origin, a failed or rate-limited
 * sign-in, a handshake in another protocol) are budgeted (issue 14 §8): per event — and per real
 * account a line names — the first `perWindow` lines of each window are written as they come; the
 * rest are counted, and one `log.suppressed` line per window says how many were left out when it ends. A flood of
 * refused requests thus costs a few lines a minute, not one line each, and nothing is lost
 * silently. Every other line passes untouched.
 */
import type { ServerLogger } from './logger.js';

/**
 * The events an unauthenticated client can cause (the budget applies to these only), and those a
 * signed-in softphone can repeat at will (one line per report it sends).
 */
export const UNAUTHENTICATED_EVENTS: ReadonlySet<string> = new Set([
  'panel.originRefused',
  'panel.flooding',
  'connection.flooding',
  'device.invalidState',
  'screen.transferUnseen',
  'panel.authFailed',
  'auth.rateLimited',
  'auth.slowedDown',
  'device.unsupportedProtocol',
  'device.browserOriginRefused',
  'device.invalidHandshake',
  'device.authFailed',
  'device.extensionInUse',
]);

export interface LogBudgetOptions {
  readonly now: () => number;
  /** Lines written per event and window (default 20). */
  readonly perWindow?: number;
  /** The window (default 60 s). */
  readonly windowMs?: number;
  /** Which events are budgeted (default `UNAUTHENTICATED_EVENTS`). */
  readonly events?: ReadonlySet<string>;
}

export interface BudgetedLogger extends ServerLogger {
  /** Writes the `log.suppressed` lines of windows that ended (a timer calls it); `all`: of every window (on close). */
  flush(all?: boolean): void;
}

interface Window {
  event: string;
  /** The real account the window's lines name (each has its own window), if any. */
  account: string | undefined;
  start: number;
  written: number;
  suppressed: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export function budgetedLogger(logger: ServerLogger, options: LogBudgetOptions): BudgetedLogger {
  const perWindow = options.perWindow ?? 20;
  const windowMs = options.windowMs ?? 60_000;
  const events = options.events ?? UNAUTHENTICATED_EVENTS;
  const windows = new Map<string, Window>();

  const report = (w: Window) => {
    if (w.suppressed === 0) return;
    logger[w.level](
      { event: 'log.suppressed', of: w.event, ...(w.account !== undefined ? { account: w.account } : {}), suppressed: w.suppressed, windowMs },
      `${w.suppressed} more "${w.message}" lines in ${Math.round(windowMs / 1000)} s were left out`,
    );
  };

  const write = (level: 'info' | 'warn' | 'error') => (fields: Record<string, unknown>, message: string) => {
    const event = fields['event'];
    if (typeof event !== 'string' || !events.has(event)) return logger[level](fields, message);
    const now = options.now();
    const account = realAccount(fields['account']);
    const key = account === undefined ? event : `${event}\n${account}`;
    let w = windows.get(key);
    if (w && now - w.start >= windowMs) {
      report(w);
      w = undefined;
    }
    if (!w) {
      w = { event, account, start: now, written: 0, suppressed: 0, level, message };
      windows.set(key, w);
    }
    if (w.written < perWindow) {
      w.written += 1;
      logger[level](fields, message);
    } else {
      w.suppressed += 1;
    }
  };

  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    flush(all = false) {
      const now = options.now();
      for (const [key, w] of windows) {
        if (!all && now - w.start < windowMs) continue;
        report(w);
        windows.delete(key);
      }
    },
  };
}

/**
 * A real account a line names (./event-server/auth.ts `loggedAccount` writes invented ones as
 * `unknown:<hash>`): lines about each real account get a window of their own, so a flood of
 * invented names cannot use up the budget and hide guesses at a real agent's password.
 */
function realAccount(account: unknown): string | undefined {
  return typeof account === 'string' && !account.startsWith('unknown:') ? account : undefined;
}

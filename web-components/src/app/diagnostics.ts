/**
 * Start-up checks and diagnostics (診断情報): the result of each start-up check, the round trip to
 * the event server (measured every 30 s), and the operation log every panel event enters.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DiagnosticsInfo, DiagnosticsOwnership, InitCheck, InitCheckName } from '../core/diagnostics.js';
import { OperationLog } from '../core/operation-log.js';
import type { PhoneSearchReport } from '../core/phone-search-strategy.js';
import { operationLine } from '../core/operation-entry.js';
import type { EventServerPort } from '../transport/event-server-port.js';
import { PANEL_VERSION } from '../version.js';
import type { PanelStore } from './store.js';

const LATENCY_EVERY_MS = 30_000;

export class Diagnostics implements ReactiveController {
  /** Operations and events of this page, for the diagnostics view and support (never secrets). */
  readonly operationLog = new OperationLog();
  serverUrl = '';
  /** The newest phone lookup's report (the screen pop sets it). */
  lastSearch: PhoneSearchReport | null = null;
  private latencyMs: number | null = null;
  private latencyTimer: ReturnType<typeof setInterval> | undefined;
  private readonly checks: Record<InitCheckName, InitCheck> = {
    opencti: { name: 'opencti', ok: null },
    settings: { name: 'settings', ok: null },
    eventServer: { name: 'eventServer', ok: null },
    signIn: { name: 'signIn', ok: null },
    callLog: { name: 'callLog', ok: null },
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly server: EventServerPort,
    private readonly ownership: () => DiagnosticsOwnership,
  ) {
    store.onEvent((event) => {
      const { kind, name, detail } = operationLine(event);
      this.operationLog.record(kind, name, detail);
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    clearInterval(this.latencyTimer);
  }

  check(name: InitCheckName, ok: boolean, detail?: string): void {
    this.checks[name] = { name, ok, ...(detail ? { detail } : {}) };
  }

  /** Measures the round trip now and every 30 s. */
  watchLatency(): void {
    const measure = () =>
      void this.server.ping().then((ms) => {
        this.latencyMs = ms;
      });
    measure();
    clearInterval(this.latencyTimer);
    this.latencyTimer = setInterval(measure, LATENCY_EVERY_MS);
  }

  /** What the diagnostics view shows and support gets with the copy button. */
  info(): DiagnosticsInfo {
    const s = this.store.state;
    const connection =
      s.phase === 'starting'
        ? 'starting'
        : s.phase === 'failed'
          ? 'disconnected'
          : s.phase === 'signedIn' && s.connection.kind === 'reconnecting'
            ? 'reconnecting'
            : 'connected';
    return {
      connection,
      serverUrl: this.serverUrl,
      pageOrigin: globalThis.location?.origin ?? '',
      latencyMs: connection === 'connected' ? this.latencyMs : null,
      ownership: this.ownership(),
      agent: s.phase === 'signedIn' ? `${s.snapshot.agent.account}@${s.snapshot.agent.extension}` : '-',
      initChecks: Object.values(this.checks),
      version: PANEL_VERSION,
      userAgent: typeof navigator === 'undefined' ? '' : navigator.userAgent,
      lastSearch: this.lastSearch,
    };
  }
}

/**
 * What the diagnostics view (診断情報) shows and what its copy button puts on the clipboard for a
 * support ticket: connection state, server, latency, window ownership, agent, start-up checks and
 * the newest operation-log entries. Pure: the controller supplies `DiagnosticsInfo`, the words
 * come from the catalogue (structurally: core does not import i18n).
 */
import { scrubText, type OperationLog } from './operation-log.js';
import { formatEntry } from './operation-log-text.js';
import type { PhoneSearchReport } from './phone-search-strategy.js';

export type InitCheckName = 'opencti' | 'settings' | 'eventServer' | 'signIn' | 'callLog';

export interface InitCheck {
  readonly name: InitCheckName;
  /** `null`: not run yet. */
  readonly ok: boolean | null;
  readonly detail?: string;
}

export type DiagnosticsConnection = 'starting' | 'connected' | 'reconnecting' | 'disconnected';
export type DiagnosticsOwnership = 'alone' | 'this' | 'other';

export interface DiagnosticsInfo {
  readonly connection: DiagnosticsConnection;
  readonly serverUrl: string;
  /** The panel page's own origin: what the event server's ALLOWED_ORIGINS must admit. */
  readonly pageOrigin: string;
  /** Round trip to the event server in ms; `null` when not measured (yet). */
  readonly latencyMs: number | null;
  /** Which window handles calls when the panel is open in several (pop-out, tabs). */
  readonly ownership: DiagnosticsOwnership;
  /** `account@extension`, or `-` when signed out. */
  readonly agent: string;
  readonly initChecks: readonly InitCheck[];
  readonly version: string;
  readonly userAgent: string;
  /** The newest phone lookup of this page (`null`: none yet). */
  readonly lastSearch: PhoneSearchReport | null;
}

/** How many log entries the copied text carries. */
export const DIAGNOSTICS_TEXT_ENTRIES = 30;

/** The catalogue keys the diagnostics words come from (the i18n `Catalogue` satisfies this). */
export type DiagnosticsLabelKey =
  | 'locale'
  | 'diagnosticsHeading'
  | 'diagConnection'
  | 'diagConnectionStarting'
  | 'diagConnectionConnected'
  | 'diagConnectionReconnecting'
  | 'diagConnectionDisconnected'
  | 'diagServerUrl'
  | 'diagPageOrigin'
  | 'diagLatency'
  | 'diagLatencyValue'
  | 'diagNone'
  | 'diagOwnership'
  | 'ownershipAlone'
  | 'ownershipThis'
  | 'ownershipOther'
  | 'diagAgent'
  | 'diagVersion'
  | 'diagUserAgent'
  | 'diagInitChecks'
  | 'diagCheckOpencti'
  | 'diagCheckSettings'
  | 'diagCheckEventServer'
  | 'diagCheckSignIn'
  | 'diagCheckCallLog'
  | 'diagCheckOk'
  | 'diagCheckFailed'
  | 'diagCheckNotRun'
  | 'diagRecentEvents'
  | 'diagNoEvents'
  | 'diagDropped'
  | 'diagGeneratedAt'
  | 'diagPhoneSearch'
  | 'diagSearchFound'
  | 'diagSearchFailed'
  | 'diagSearchTotal'
  | 'diagPopLayout'
  | 'diagPopDone'
  | 'diagPopFailed'
  | 'diagPopSkipped'
  | 'diagPopNone';

export type DiagnosticsLabels = Readonly<Record<DiagnosticsLabelKey, string>>;

export const CONNECTION_LABEL: Readonly<Record<DiagnosticsConnection, DiagnosticsLabelKey>> = {
  starting: 'diagConnectionStarting',
  connected: 'diagConnectionConnected',
  reconnecting: 'diagConnectionReconnecting',
  disconnected: 'diagConnectionDisconnected',
};

export const OWNERSHIP_LABEL: Readonly<Record<DiagnosticsOwnership, DiagnosticsLabelKey>> = {
  alone: 'ownershipAlone',
  this: 'ownershipThis',
  other: 'ownershipOther',
};

export const CHECK_LABEL: Readonly<Record<InitCheckName, DiagnosticsLabelKey>> = {
  opencti: 'diagCheckOpencti',
  settings: 'diagCheckSettings',
  eventServer: 'diagCheckEventServer',
  signIn: 'diagCheckSignIn',
  callLog: 'diagCheckCallLog',
};

const POP_LABEL: Readonly<Record<PhoneSearchReport['pop'], DiagnosticsLabelKey>> = {
  layout: 'diagPopLayout',
  done: 'diagPopDone',
  failed: 'diagPopFailed',
  skipped: 'diagPopSkipped',
  none: 'diagPopNone',
};

/**
 * The newest phone lookup in words: the strategy with the total and the pop on the first line,
 * then each search string with what it found (`失敗` when it failed); the dash when none ran.
 */
export function searchLines(report: PhoneSearchReport | null, t: DiagnosticsLabels): string[] {
  if (!report) return [t.diagNone];
  const total = fillIn(t.diagSearchTotal, { count: String(report.records) });
  return [
    `${report.strategy} · ${total} · ${t[POP_LABEL[report.pop]]}`,
    ...report.searches.map(
      ({ term, found }) => `${infoText(term, 120)} → ${found === null ? t.diagSearchFailed : fillIn(t.diagSearchFound, { count: String(found) })}`,
    ),
  ];
}

/** ✓ passed, ✗ failed, – not run yet. */
export function checkMark(ok: boolean | null): string {
  return ok === null ? '–' : ok ? '✓' : '✗';
}

export function checkResultLabel(ok: boolean | null): DiagnosticsLabelKey {
  return ok === null ? 'diagCheckNotRun' : ok ? 'diagCheckOk' : 'diagCheckFailed';
}

/** `42 ms` in the catalogue's locale, or the catalogue's dash when not measured. */
export function latencyText(latencyMs: number | null, t: DiagnosticsLabels): string {
  if (latencyMs === null || !Number.isFinite(latencyMs)) return t.diagNone;
  const ms = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 }).format(Math.max(0, latencyMs));
  return fillIn(t.diagLatencyValue, { ms });
}

/** A text of the info, safe to show and copy: control characters out, credentials redacted, bounded. */
export function infoText(value: string, max = 500): string {
  return scrubText(value, max).trim() || '-';
}

/**
 * The text the copy button copies for a support ticket: every field of `info` in words, the
 * start-up checks, and the newest 30 log entries (ISO time, kind, name, detail), then how many old
 * entries were dropped. `generatedAt` (epoch ms), when given, heads the text.
 */
export function diagnosticsText(info: DiagnosticsInfo, log: OperationLog, t: DiagnosticsLabels, generatedAt?: number): string {
  const lines = [t.diagnosticsHeading];
  if (generatedAt !== undefined && Number.isFinite(generatedAt)) lines.push(`${t.diagGeneratedAt}: ${new Date(generatedAt).toISOString()}`);
  lines.push(
    `${t.diagConnection}: ${t[CONNECTION_LABEL[info.connection]]}`,
    `${t.diagServerUrl}: ${infoText(info.serverUrl)}`,
    `${t.diagPageOrigin}: ${infoText(info.pageOrigin)}`,
    `${t.diagLatency}: ${latencyText(info.latencyMs, t)}`,
    `${t.diagOwnership}: ${t[OWNERSHIP_LABEL[info.ownership]]}`,
    `${t.diagAgent}: ${infoText(info.agent)}`,
    `${t.diagVersion}: ${infoText(info.version)}`,
    `${t.diagUserAgent}: ${infoText(info.userAgent)}`,
    `${t.diagInitChecks}:`,
  );
  for (const check of info.initChecks) {
    const detail = check.detail ? ` — ${infoText(check.detail)}` : '';
    lines.push(`  ${checkMark(check.ok)} ${t[CHECK_LABEL[check.name]]}: ${t[checkResultLabel(check.ok)]}${detail}`);
  }
  if (info.initChecks.length === 0) lines.push(`  ${t.diagNone}`);
  lines.push(`${t.diagPhoneSearch}:`, ...searchLines(info.lastSearch, t).map((line, i) => `${i === 0 ? '  ' : '    '}${line}`));
  const entries = log.last(DIAGNOSTICS_TEXT_ENTRIES);
  lines.push('', `${t.diagRecentEvents}:`);
  if (entries.length === 0) lines.push(t.diagNoEvents);
  for (const entry of entries) lines.push(formatEntry(entry));
  if (log.dropped > 0) lines.push(fillIn(t.diagDropped, { count: String(log.dropped) }));
  return `${lines.join('\n')}\n`;
}

/** Fills `{name}` placeholders (core keeps its own copy of the ui helper). */
function fillIn(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

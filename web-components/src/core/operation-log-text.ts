/**
 * The operation log as plain text, for support: loaded with the diagnostics view (the log itself
 * records from the first moment, in the start bundle; ./operation-log.ts).
 */
import { MAX_DETAIL, MAX_NAME, scrubText, type OperationEntry, type OperationLog } from './operation-log.js';

function isoTime(at: number): string {
  return Number.isFinite(at) ? new Date(at).toISOString() : String(at);
}

/** One entry as a line of the plain-text export: ISO time, kind, name, detail (tab-separated). */
export function formatEntry(entry: OperationEntry): string {
  const fields = [isoTime(entry.at), entry.kind, entry.name];
  if (entry.detail !== undefined) fields.push(entry.detail);
  return fields.join('\t');
}

/**
 * The plain-text export of `log`: `key: value` header lines (scrubbed), a line saying how many
 * entries were dropped (when any were), a blank line, then one line per entry (see `formatEntry`).
 */
export function logText(log: OperationLog, header: Readonly<Record<string, string>> = {}): string {
  const lines = Object.entries(header).map(([key, value]) => `${scrubText(key, MAX_NAME)}: ${scrubText(value, MAX_DETAIL)}`);
  if (log.dropped > 0) lines.push(`dropped: ${log.dropped}`);
  if (lines.length > 0) lines.push('');
  for (const entry of log.entries()) lines.push(formatEntry(entry));
  return `${lines.join('\n')}\n`;
}

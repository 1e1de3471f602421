/**
 * Validation of what `sforce.opencti` sends the panel: click-to-dial and navigation payloads,
 * search results, error lists — and of the field values the panel sends it. Nothing from the host
 * reaches the panel unchecked: ids must be Salesforce ids, names are cut, junk is dropped.
 */
import { isSalesforceId } from '@biztel/protocol';
import type { ClickToDialRequest, RecordMatch, ViewedRecord } from './host-port.js';

/** At most this many search matches reach the panel. */
export const MAX_RECORD_MATCHES = 20;
const MAX_NAME = 255;
const MAX_DIAL_INPUT = 40;

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
/** Digits, `+`, `-`, spaces, parentheses, and their full-width forms (also `ー`, `‐`, and the ideographic space U+3000). */
const DIAL_INPUT = /^[0-9０-９+＋\-－‐ー()（） \u3000]+$/u;

/** A plain object (not an array), else undefined. */
export const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Array.from(trimmed).slice(0, max).join('');
}

function objectType(value: unknown): string | undefined {
  return typeof value === 'string' && API_NAME.test(value) ? value : undefined;
}

/** An `onClickToDial` payload → a request, or undefined when the number is not a phone number. */
export function readClickToDial(payload: unknown): ClickToDialRequest | undefined {
  const p = asRecord(payload);
  if (!p) return undefined;
  const raw = p['number'];
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return undefined;
  const number = String(raw).trim();
  if (number.length > MAX_DIAL_INPUT || !DIAL_INPUT.test(number) || !/[0-9０-９]/u.test(number)) return undefined;
  const recordName = text(p['recordName'], MAX_NAME);
  const type = objectType(p['objectType']);
  return {
    number,
    ...(isSalesforceId(p['recordId']) ? { recordId: p['recordId'] } : {}),
    ...(recordName !== undefined ? { recordName } : {}),
    ...(type !== undefined ? { objectType: type } : {}),
  };
}

/** A `getAppViewInfo` / `onNavigationChange` payload → the viewed record, or null when not on one. */
export function readViewedRecord(payload: unknown): ViewedRecord | null {
  const p = asRecord(payload);
  if (!p || !isSalesforceId(p['recordId'])) return null;
  const recordName = text(p['recordName'], MAX_NAME);
  const type = objectType(p['objectType']);
  return {
    recordId: p['recordId'],
    ...(recordName !== undefined ? { recordName } : {}),
    ...(type !== undefined ? { objectType: type } : {}),
  };
}

/** The `searchAndScreenPop` map (record Id → {Id, Name, RecordType, …}) → validated matches. */
export function readMatches(returnValue: unknown): RecordMatch[] {
  const map = asRecord(returnValue);
  if (!map) return [];
  const matches: RecordMatch[] = [];
  const seen = new Set<string>();
  for (const [key, value] of Object.entries(map).slice(0, 200)) {
    const entry = asRecord(value);
    if (!entry) continue; // e.g. junk, or a deferred search's SCREEN_POP_DATA
    const id = entry['Id'] ?? key;
    if (!isSalesforceId(id) || seen.has(id)) continue;
    seen.add(id);
    matches.push({ id, name: text(entry['Name'], MAX_NAME) ?? '', objectType: objectType(entry['RecordType']) ?? '' });
    if (matches.length === MAX_RECORD_MATCHES) break;
  }
  return matches;
}

/** Only field API names with string values travel as `defaultFieldValues`. */
export function readFieldValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(asRecord(values) ?? {}).slice(0, 50)) {
    if (API_NAME.test(field) && typeof value === 'string') out[field] = value.slice(0, MAX_NAME);
  }
  return out;
}

/** A failed callback's `errors` → at most 10 `{code, description}`, cut to size. */
export function readErrors(errors: unknown): { code: string; description: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors.slice(0, 10).map((e: unknown) => {
    const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    return {
      code: typeof item['code'] === 'string' ? item['code'].slice(0, 64) : 'UNKNOWN',
      description: typeof item['description'] === 'string' ? item['description'].slice(0, 300) : '',
    };
  });
}

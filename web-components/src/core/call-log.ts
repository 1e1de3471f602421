/**
 * Call logging (the Salesforce Task of a finished call), pure: which calls are logged, and the
 * Task fields for one. The Task's call-center fields follow the Salesforce API guidelines
 * (CallType, CallDurationInSeconds, CallObject = BIZTEL call id, TaskSubtype 'Call').
 */
import type { Call, Chat } from '@biztel/protocol';
import type { RecordRef } from './lookup.js';
import { displayNumber } from './phone.js';

/** A call as it was last seen before it disappeared from the snapshot, and when it ended. */
export interface EndedCall {
  readonly call: Call;
  /**
   * Server time the call ended (the time of the snapshot that no longer had it); null when nobody
   * knows: the softphone quit or its connection dropped for good while the call was on.
   */
  readonly endedAt: number | null;
  /** The CRM records found for the other party, if any. */
  readonly records: readonly RecordRef[];
}

export type TaskValue = string | number | boolean;
export type TaskFields = Readonly<Record<string, TaskValue>>;

export interface TaskTexts {
  /** The Task's Status: the call center's setting (Task statuses are per org). */
  readonly status: string;
  readonly subjectInbound: string;
  readonly subjectOutbound: string;
  readonly anonymous: string;
  readonly businessLabel: string;
  readonly chatCustomer: string;
  readonly chatBot: string;
  /** The description's line for a call whose end was never reported (no duration is logged). */
  readonly endUnknown: string;
}

/**
 * Logged: calls the agent answered and calls the agent dialled. Not logged: an inbound call that
 * rang and was never answered here (missed, or taken by another ring-group member), and the
 * internal consultation leg of a transfer.
 */
export function shouldLog(call: Call): boolean {
  if (call.transfer) return false;
  return call.direction === 'outbound' || call.answeredAt !== undefined;
}

/** Person records (Contact 003, Lead 00Q) go to WhoId; anything else (Account, Case…) to WhatId. */
function relation(records: readonly RecordRef[]): Record<string, string> {
  if (records.length !== 1) return {};
  const record = records[0]!;
  const person = record.objectType === 'Contact' || record.objectType === 'Lead' || /^(003|00Q)/.test(record.id);
  return person ? { WhoId: record.id } : { WhatId: record.id };
}

/** `YYYY-MM-DD` of `epochMs` in the agent's time zone (offset in minutes east of UTC). */
export function activityDate(epochMs: number, utcOffsetMinutes: number): string {
  const d = new Date(epochMs + utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

function transcript(chat: Chat | undefined, texts: TaskTexts): string[] {
  if (chat?.status !== 'ok') return [];
  return [...chat.messages]
    .sort((a, b) => a.at - b.at)
    .map((m) => `${m.from === 'customer' ? texts.chatCustomer : texts.chatBot}: ${m.kind === 'text' ? m.text : (m.url ?? m.text)}`);
}

const DESCRIPTION_MAX = 32_000;

/**
 * How long the call lasted from its answer, in whole seconds (0 if never answered); null when its
 * end is unknown (it may even have been answered meanwhile) — then the Task leaves
 * CallDurationInSeconds unset rather than log a made-up length.
 */
function durationSeconds(call: Call, endedAt: number | null): number | null {
  if (endedAt === null) return null;
  return call.answeredAt === undefined ? 0 : Math.max(0, Math.round((endedAt - call.answeredAt) / 1000));
}

/** The Task for one ended call; saved with `saveLog` (create), then `refreshView`. */
export function taskFor(ended: EndedCall, texts: TaskTexts, utcOffsetMinutes: number): TaskFields {
  const { call } = ended;
  const shown = displayNumber(call.remoteNumber);
  const number = shown.kind === 'anonymous' ? texts.anonymous : shown.value;
  const seconds = durationSeconds(call, ended.endedAt);
  const description = [
    ...(seconds === null ? [texts.endUnknown] : []),
    ...(call.businessLabel ? [`${texts.businessLabel}: ${call.businessLabel}`] : []),
    ...transcript(call.chat, texts),
  ].join('\n');
  return {
    entityApiName: 'Task',
    Subject: `${call.direction === 'inbound' ? texts.subjectInbound : texts.subjectOutbound} ${number}`.slice(0, 255),
    Status: texts.status,
    TaskSubtype: 'Call',
    CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
    ...(seconds === null ? {} : { CallDurationInSeconds: seconds }),
    CallObject: call.id,
    ActivityDate: activityDate(call.startedAt, utcOffsetMinutes),
    ...(description ? { Description: description.slice(0, DESCRIPTION_MAX) } : {}),
    ...relation(ended.records),
  };
}

/**
 * Screen pop-up URL rules (seed 000 §2.2), pure: which BIZTEL call event a snapshot transition
 * is, the admin's rules read from the call center settings, and the URL a rule expands to.
 */
import type { Call, Snapshot } from '@biztel/protocol';

/** The thirteen call events of the BIZTEL pop-up rules, with the manual's names. */
export const POPUP_EVENTS = {
  incoming: '着信',
  incomingAnswered: '着信応答',
  incomingAnsweredHangup: '着信通話切断',
  incomingHangup: '着信切断',
  outgoing: '発信',
  outgoingAnswered: '発信応答',
  outgoingAnsweredHangup: '発信応答切断',
  outgoingHangup: '発信切断',
  transferOutgoing: '転送発信',
  transferAnswered: '転送応答',
  transferCompleted: '転送完了',
  transferAnsweredHangup: '転送応答切断',
  transferHangup: '転送切断',
} as const;
export type PopupEvent = keyof typeof POPUP_EVENTS;

export interface PopupRule {
  readonly event: PopupEvent;
  readonly template: string;
  readonly method: 'GET' | 'POST';
}

/** The call center section that holds the rules: `/biztelPopup/<event>` = URL template. */
export const POPUP_SECTION = '/biztelPopup/';

/**
 * The events one call went through between two snapshots (`before`/`after` undefined = absent).
 * `customerGone`: the held call a consultation belongs to ended at the same time (transfer done).
 */
export function callEvents(before: Call | undefined, after: Call | undefined, customerGone = false): PopupEvent[] {
  const call = after ?? before;
  if (!call) return [];
  const transfer = call.transfer !== undefined;
  const answeredBefore = before?.answeredAt !== undefined;
  const answeredNow = after?.answeredAt !== undefined;
  const events: PopupEvent[] = [];
  if (!before && after) {
    if (transfer) events.push('transferOutgoing');
    else events.push(after.direction === 'inbound' ? 'incoming' : 'outgoing');
  }
  if (after && answeredNow && !answeredBefore) {
    events.push(transfer ? 'transferAnswered' : after.direction === 'inbound' ? 'incomingAnswered' : 'outgoingAnswered');
  }
  if (before && !after) {
    if (transfer) events.push(customerGone ? 'transferCompleted' : answeredBefore ? 'transferAnsweredHangup' : 'transferHangup');
    else if (before.direction === 'inbound') events.push(answeredBefore ? 'incomingAnsweredHangup' : 'incomingHangup');
    else events.push(answeredBefore ? 'outgoingAnsweredHangup' : 'outgoingHangup');
  }
  return events;
}

/**
 * Reads the rules from the call center settings (all values are strings). A rule is on when its
 * template is set; `/biztelPopup/<event>Method` says GET (also when empty) or POST (http(s) URLs
 * only). Templates that are neither a relative Salesforce path nor an http(s) URL, other methods,
 * and POST for a relative path are refused (returned in `invalid`).
 */
export function readPopupRules(settings: Readonly<Record<string, unknown>>): { rules: PopupRule[]; invalid: string[] } {
  const rules: PopupRule[] = [];
  const invalid: string[] = [];
  for (const event of Object.keys(POPUP_EVENTS) as PopupEvent[]) {
    const raw = settings[`${POPUP_SECTION}${event}`];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const template = raw.trim();
    const rawMethod = settings[`${POPUP_SECTION}${event}Method`];
    const method = typeof rawMethod === 'string' ? rawMethod.trim().toUpperCase() || 'GET' : 'GET';
    // POST posts a form to another site: a relative (in-Lightning) pop-up cannot be posted.
    if (!isAllowedTemplate(template) || (method !== 'GET' && (method !== 'POST' || isRelativeUrl(template)))) {
      invalid.push(event);
      continue;
    }
    rules.push({ event, template, method });
  }
  return { rules, invalid };
}

function isAllowedTemplate(template: string): boolean {
  if (template.length > 2000) return false;
  if (isRelativeUrl(template)) return true;
  return /^https?:\/\/[^\s/\\]+/i.test(template);
}

/** A host no real URL has: a path that resolves elsewhere is not a path of the org. */
const ORG = 'https://org.invalid';

/**
 * Whether an expanded pop-up URL opens inside Salesforce (a path of the org) or in a new tab. Only
 * a path that stays on the org's host counts: `//host`, `/\host` and `/<tab>/host` start with a
 * slash but browsers resolve them to another host.
 */
export function isRelativeUrl(url: string): boolean {
  if (!url.startsWith('/')) return false;
  try {
    return new URL(url, ORG).origin === ORG;
  } catch {
    return false;
  }
}

/** The values a template can use (seed 000 §2.2; minutes and seconds are spelled DATA_). */
export interface PopupValues {
  readonly tel: string;
  readonly called: string;
  /** The request (call) id; absent on 発信. */
  readonly id?: string;
  /** When the event happened (epoch ms) and the agent's UTC offset in minutes. */
  readonly at: number;
  readonly utcOffsetMinutes: number;
  readonly account: string;
  readonly serverAddress: string;
  readonly extension: string;
}

/** Expands `{TEL}`… in `template`; every value is URL-encoded. Unknown placeholders stay as written. */
export function expandTemplate(template: string, values: PopupValues): string {
  const d = new Date(values.at + values.utcOffsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const table: Record<string, string> = {
    TEL: values.tel,
    CALLED: values.called,
    ID: values.id ?? '',
    DATE_YYYY: String(d.getUTCFullYear()),
    DATE_MM: two(d.getUTCMonth() + 1),
    DATE_DD: two(d.getUTCDate()),
    DATE_HH: two(d.getUTCHours()),
    DATA_II: two(d.getUTCMinutes()),
    DATA_SS: two(d.getUTCSeconds()),
    AID: values.account,
    SVADDR: values.serverAddress,
    EXT: values.extension,
  };
  return template.replace(/\{([A-Z_]+)\}/g, (whole, name: string) => (Object.hasOwn(table, name) ? encodeURIComponent(table[name]!) : whole));
}

/** What a rule's template is filled with for `event` of `call` (the agent's end of the line as the extension). */
export function popupValues(
  event: PopupEvent,
  call: Call,
  snapshot: Snapshot,
  context: { readonly serverAddress: string; readonly utcOffsetMinutes: number },
): PopupValues {
  const inbound = call.direction === 'inbound';
  return {
    tel: inbound ? call.remoteNumber : (call.callerIdNumber ?? snapshot.agent.extension),
    called: inbound ? snapshot.agent.extension : call.remoteNumber,
    ...(event === 'outgoing' ? {} : { id: call.id }),
    at: snapshot.serverTime,
    utcOffsetMinutes: context.utcOffsetMinutes,
    account: snapshot.agent.account,
    serverAddress: context.serverAddress,
    extension: snapshot.agent.extension,
  };
}

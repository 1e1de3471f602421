/**
 * What the sign-in form's takeover confirmation says (seed 001 §2 and one agent per extension):
 * the heading, the body naming who holds the seat or the extension and since when, and the question.
 * One confirmation for both: the form renders it and answers OK / キャンセル the same way.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LineHolder, SeatHolder } from '@biztel/protocol';
import type { StartCatalogue } from '../i18n/index.js';
import { fill } from './format.js';

/** The texts of one confirmation. */
export interface TakeoverText {
  readonly heading: string;
  readonly body: TemplateResult;
  readonly question: string;
}

/** `name (account)`, or whichever of them the server sent. */
function holderName(t: StartCatalogue, holder: { account?: string | undefined; name?: string | undefined }): string | undefined {
  return holder.name && holder.account ? fill(t.seatTakenByAccount, { name: holder.name, account: holder.account }) : (holder.name ?? holder.account);
}

/** The time of day, in the catalogue's locale (24 h). */
function sinceText(t: StartCatalogue, since: number | undefined): string | undefined {
  return since === undefined ? undefined : new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(since);
}

/** 既に着席中の座席IDを指定した場合、確認ウィンドウが表示されます (seed 001 §2). */
export function seatTakeoverText(t: StartCatalogue, seat: SeatHolder): TakeoverText {
  const who = holderName(t, seat);
  const since = sinceText(t, seat.since);
  return {
    heading: t.seatTakenHeading,
    body: html`<p>${fill(t.seatTakenBody, { seat: seat.seatId })}</p>
      ${who ? html`<p class="seat-holder">${fill(t.seatTakenBy, { who })}</p>` : nothing}
      ${since ? html`<p class="seat-since">${fill(t.seatTakenSince, { time: since })}</p>` : nothing}`,
    question: t.seatTakenOverwrite,
  };
}

/** Another agent is signed in on the extension: the same confirmation, about the sign-in. */
export function lineTakeoverText(t: StartCatalogue, line: LineHolder): TakeoverText {
  const since = sinceText(t, line.since);
  return {
    heading: t.lineTakenHeading,
    body: html`<p class="line-holder">${fill(t.lineTakenBody, { extension: line.extension, who: holderName(t, line) ?? line.account })}</p>
      ${since ? html`<p class="seat-since">${fill(t.lineTakenSince, { time: since })}</p>` : nothing}`,
    question: t.lineTakenOverwrite,
  };
}

import { en } from './en.js';
import { ja, type Catalogue, type MessageKey, type StartCatalogue, type StartMessageKey } from './ja.js';

export type { Catalogue, MessageKey, StartCatalogue, StartMessageKey };
export type Locale = 'ja' | 'en';

/** Japanese unless the page says English (`<html lang="en">`). */
export function pickLocale(lang: string | null | undefined): Locale {
  return lang?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

/**
 * The catalogue of a locale. Read when called, not when this module loads: the panel bundle ships
 * one catalogue per page and hands it in at start (see `panel-ja.ts` / `panel-en.ts`).
 */
export function catalogue(locale: Locale): Catalogue {
  return locale === 'en' ? en : ja;
}

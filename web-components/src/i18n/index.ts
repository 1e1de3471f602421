import { en } from './en.js';
import { ja, type Catalogue, type MessageKey } from './ja.js';

export type { Catalogue, MessageKey };
export type Locale = 'ja' | 'en';

const catalogues: Record<Locale, Catalogue> = { ja, en };

/** Japanese unless the page says English (`<html lang="en">`). */
export function pickLocale(lang: string | null | undefined): Locale {
  return lang?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}

export function catalogue(locale: Locale): Catalogue {
  return catalogues[locale];
}

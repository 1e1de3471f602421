/**
 * Japanese (default). Strings from the BIZTEL manuals are kept verbatim (seed 001). Kept in two
 * parts so the panel bundle starts with the strings of the shell and the sign-in form only
 * (`ja-start.ts`) and loads the rest with the views that show them (`ja-views.ts`).
 */
import { jaStart } from './ja-start.js';
import { jaViews } from './ja-views.js';

export const ja = { ...jaStart, ...jaViews } as const;

export type MessageKey = keyof typeof ja;
export type Catalogue = Record<MessageKey, string>;
/** The strings the page starts with: what the shell, the sign-in form and the services may use. */
export type StartMessageKey = keyof typeof jaStart;
export type StartCatalogue = Record<StartMessageKey, string>;
/** The strings of the views loaded on demand. */
export type ViewsCatalogue = Record<keyof typeof jaViews, string>;

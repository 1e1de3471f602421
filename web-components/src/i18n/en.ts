import type { Catalogue } from './ja.js';
import { enStart } from './en-start.js';
import { enViews } from './en-views.js';

/** English, in the same two parts as the Japanese catalogue (see ja.ts). */
export const en: Catalogue = { ...enStart, ...enViews };

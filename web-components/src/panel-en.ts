/** Entry of the panel bundle for an English page (`<html lang="en">`). */
import { enStart } from './i18n/en-start.js';
import { provideCatalogue } from './i18n/provided.js';
import { startPanel } from './main.js';

provideCatalogue(enStart, () => import('./i18n/en-views.js').then((m) => m.enViews));
startPanel();

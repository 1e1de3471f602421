/** Entry of the panel bundle for a Japanese page (and any language but English). */
import { jaStart } from './i18n/ja-start.js';
import { provideCatalogue } from './i18n/provided.js';
import { startPanel } from './main.js';

provideCatalogue(jaStart, () => import('./i18n/ja-views.js').then((m) => m.jaViews));
startPanel();

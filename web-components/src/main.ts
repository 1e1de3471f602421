/**
 * The panel's start (the `biztel_softphone` static resource): real adapters for the Open CTI host
 * and the event server, then the elements. The page loads `panel-ja.ts` or `panel-en.ts`, which
 * hand in the page's catalogue and call `startPanel`; the signed-in views and the diagnostics view
 * are separate chunks loaded when first needed.
 */
import { createOpenCtiHost } from './crm/opencti-host.js';
import { consoleLogger } from './log.js';
import { lazyTransport } from './transport/lazy-transport.js';
import { BiztelSoftphone, type ViewGroup } from './ui/biztel-softphone.js';
import { registerStartElements } from './ui/views-start.js';
import { catalogue, pickLocale, type StartCatalogue } from './i18n/index.js';
import { completeCatalogue } from './i18n/provided.js';
import { storageOrMemory } from './core/key-value-store.js';
import { ResumeStore, isUserScope } from './session/resume-store.js';
import { TabCoordinator } from './session/tab-coordinator.js';
import { browserApis } from './session/browser-apis.js';

/** Sets up the services and view loading, then defines the start elements (the page's `<biztel-softphone>` upgrades). */
export function startPanel(): void {
  BiztelSoftphone.services = services;
  BiztelSoftphone.loadViews = loadViews;
  registerStartElements();
}

const VIEWS: Record<ViewGroup, () => Promise<() => void>> = {
  // The CRM search (crm/opencti-host.ts) comes along: a call may ring as soon as the agent is in.
  signedIn: () =>
    Promise.all([import('./ui/views-signed-in.js'), import('./core/phone-search.js')]).then(
      ([m]) =>
        () =>
          m.registerSignedInViews(),
    ),
  diagnostics: () => import('./ui/views-diagnostics.js').then((m) => () => m.registerDiagnosticsView()),
};

/** A group's chunk and the rest of the page's strings, fetched together; the views are defined once both are in. */
async function loadViews(group: ViewGroup): Promise<void> {
  const [register] = await Promise.all([VIEWS[group](), completeCatalogue()]);
  register();
}

function services(): ReturnType<typeof BiztelSoftphone.services> {
  const t: StartCatalogue = catalogue(pickLocale(document.documentElement.lang));
  // `<org id>/<user id>` from the Visualforce page: one user's session never reaches another's.
  const scope = document.querySelector('meta[name="biztel-user-scope"]')?.getAttribute('content');
  const userScope = isUserScope(scope) ? scope : null;
  const apis = browserApis();
  // localStorage when the page may use it (it can be blocked), else memory for this page only.
  const store = storageOrMemory(() => window.localStorage);
  return {
    host: createOpenCtiHost(window),
    // socket.io in its own chunk, fetched now: the sign-in form is drawn meanwhile.
    server: lazyTransport(() => import('./transport/socket-transport.js').then((m) => new m.SocketTransport({ logger: consoleLogger('biztel:transport') }))),
    logger: consoleLogger('biztel:panel'),
    now: () => Date.now(),
    store,
    resume: new ResumeStore(store, userScope, apis.locks),
    tabs: userScope ? tabsUntilPageHide(new TabCoordinator({ scope: userScope, apis })) : null,
    userScope,
    logTexts: {
      subjectInbound: t.logSubjectInbound,
      subjectOutbound: t.logSubjectOutbound,
      anonymous: t.anonymous,
      businessLabel: t.businessLabel,
      chatCustomer: t.chatCustomer,
      chatBot: t.chatBot,
      endUnknown: t.logEndUnknown,
    },
  };
}

/** A closing page says goodbye at once, so the other windows stop counting it (and one takes over). */
function tabsUntilPageHide(tabs: TabCoordinator): TabCoordinator {
  window.addEventListener('pagehide', () => tabs.dispose(), { once: true });
  return tabs;
}

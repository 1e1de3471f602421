/**
 * Entry of the BIZTEL connector page for Service Cloud Voice (built to `dist/scv-connector/`, the
 * contact center's adapter URL): Salesforce frames it and hands it a port with `SETUP_CONNECTOR`
 * (scv-connector-base checks the sender is a Salesforce origin); the page shows the BIZTEL sign-in
 * form when SCV shows its login frame. Japanese unless the adapter URL says `?lang=en`. A reload, or
 * another tab of the same Salesforce user, takes the BIZTEL session back without the password.
 */
import { initializeConnector } from '@salesforce/scv-connector-base';
import { memoryStore, storageOrMemory } from '../core/key-value-store.js';
import { enStart } from '../i18n/en-start.js';
import { pickLocale } from '../i18n/index.js';
import { jaStart } from '../i18n/ja-start.js';
import { provideCatalogue } from '../i18n/provided.js';
import { consoleLogger } from '../log.js';
import type { SessionServices } from '../app/session.js';
import { browserApis } from '../session/browser-apis.js';
import { ResumeStore } from '../session/resume-store.js';
import { TabCoordinator } from '../session/tab-coordinator.js';
import { SocketTransport } from '../transport/socket-transport.js';
import { define } from '../ui/define.js';
import { BiztelSignInForm } from '../ui/sign-in-form.js';
import { BiztelConnector } from './biztel-connector.js';
import { BiztelScvLogin } from './login-view.js';

/**
 * With the Salesforce user known (`organizationId` and `userId` from the contact center's values),
 * the resume token is kept per org and user in localStorage and the user's tabs hear of each other's
 * sign-ins — as on the Open CTI page: a reload, a pop-out or another tab takes the session back
 * without the password. Without it, in this page's memory only (a reload asks for the password).
 */
function sessionStore(userScope: string | null): Pick<SessionServices, 'resume' | 'tabs'> {
  const apis = browserApis();
  // Without the user, nothing is stored: a token kept for the tab could be taken by whoever uses it next.
  if (!userScope) return { resume: new ResumeStore(memoryStore(), null, null), tabs: null };
  const tabs = new TabCoordinator({ scope: userScope, apis });
  window.addEventListener('pagehide', () => tabs.dispose(), { once: true });
  return {
    resume: new ResumeStore(
      storageOrMemory(() => window.localStorage),
      userScope,
      apis.locks,
    ),
    tabs,
  };
}

/** The event servers the hosting site allows (`<meta name="biztel-event-servers">`, origins separated by spaces); null: any. */
function allowedServers(doc: Document): string[] | null {
  const list = (doc.querySelector('meta[name="biztel-event-servers"]')?.getAttribute('content') ?? '').split(/\s+/).filter(Boolean);
  return list.length > 0 ? list.map((origin) => origin.replace(/\/+$/, '')) : null;
}

export function startConnector(doc: Document = document): BiztelConnector {
  const locale = pickLocale(new URLSearchParams(doc.location.search).get('lang') ?? doc.documentElement.lang);
  const start = locale === 'en' ? enStart : jaStart;
  doc.documentElement.lang = locale;
  // The connector shows the sign-in form only: the views' strings are never needed.
  provideCatalogue(start, () => Promise.reject(new Error('the connector page has no other views')));
  define(customElements, [
    ['biztel-sign-in-form', BiztelSignInForm],
    ['biztel-scv-login', BiztelScvLogin],
  ]);
  const login = doc.querySelector('biztel-scv-login') ?? doc.body.appendChild(doc.createElement('biztel-scv-login'));
  (login as BiztelScvLogin).t = start;
  const logger = consoleLogger('biztel:scv');
  const connector = new BiztelConnector({
    services: {
      server: new SocketTransport({ logger: consoleLogger('biztel:transport') }),
      logger,
      now: () => Date.now(),
    },
    sessionStore,
    allowedServers: allowedServers(doc),
    login: login as BiztelScvLogin,
    pageProtocol: doc.location.protocol,
  });
  initializeConnector(connector);
  return connector;
}

startConnector();

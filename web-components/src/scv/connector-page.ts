/**
 * Entry of the BIZTEL connector page for Service Cloud Voice (built to `dist/scv-connector/`, the
 * contact center's adapter URL): Salesforce frames it and hands it a port with `SETUP_CONNECTOR`
 * (scv-connector-base checks the sender is a Salesforce origin); the page shows the BIZTEL sign-in
 * form when SCV shows its login frame. Japanese unless the adapter URL says `?lang=en`. A reload of
 * the tab takes the BIZTEL session back without the password.
 */
import { initializeConnector } from '@salesforce/scv-connector-base';
import { storageOrMemory } from '../core/key-value-store.js';
import { enStart } from '../i18n/en-start.js';
import { pickLocale } from '../i18n/index.js';
import { jaStart } from '../i18n/ja-start.js';
import { provideCatalogue } from '../i18n/provided.js';
import { consoleLogger } from '../log.js';
import { ResumeStore } from '../session/resume-store.js';
import { SocketTransport } from '../transport/socket-transport.js';
import { define } from '../ui/define.js';
import { BiztelSignInForm } from '../ui/sign-in-form.js';
import { BiztelConnector } from './biztel-connector.js';
import { BiztelScvLogin } from './login-view.js';

/** The key of the resume token in the tab's sessionStorage (`biztel.resume.scv`). */
const SCV_RESUME_SCOPE = 'scv';

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
      // The resume token lives in this tab's sessionStorage: a reload of the tab takes the session
      // back without the password, and nothing else reads it — not another tab, not another
      // Salesforce user of this browser (the connector knows no Salesforce user id to key a
      // shared store by, as the Open CTI page does).
      resume: new ResumeStore(
        storageOrMemory(() => window.sessionStorage),
        SCV_RESUME_SCOPE,
        null,
      ),
    },
    login: login as BiztelScvLogin,
    pageProtocol: doc.location.protocol,
  });
  initializeConnector(connector);
  return connector;
}

startConnector();

/**
 * Entry of the BIZTEL connector page for Service Cloud Voice (built to `dist/scv-connector/`, the
 * contact center's adapter URL): Salesforce frames it and hands it a port with `SETUP_CONNECTOR`
 * (scv-connector-base checks the sender is a Salesforce origin); the page shows the BIZTEL sign-in
 * form when SCV shows its login frame. Japanese unless the adapter URL says `?lang=en`.
 */
import { initializeConnector } from '@salesforce/scv-connector-base';
import { memoryStore } from '../core/key-value-store.js';
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
      // Kept in this page's memory: the page has no Salesforce user id to key a stored token by,
      // so a reload asks for the password again (the Open CTI page keeps it per org and user).
      resume: new ResumeStore(memoryStore(), null, null),
    },
    login: login as BiztelScvLogin,
    pageProtocol: doc.location.protocol,
  });
  initializeConnector(connector);
  return connector;
}

startConnector();

/**
 * The SCV connector in a test, driven through the real `@salesforce/scv-connector-base` (its
 * published build) as Salesforce drives it: a `SETUP_CONNECTOR` window message from a Salesforce
 * origin hands over a MessageChannel port; requests arrive on it, telephony events leave on it. The
 * event server is the scriptable fake: the test plays the softphone by pushing its snapshots.
 * Needs a jsdom test environment.
 */
import { afterEach, beforeEach, jest } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import type { Call, Snapshot } from '@biztel/protocol';
import { memoryStore } from '../core/key-value-store.js';
import { ResumeStore } from '../session/resume-store.js';
import { FakeEventServer } from './fake-event-server.js';
import { recordingLogger } from './fake-services.js';
import { CALLER_IDS, snapshotFixture } from './fixtures.js';
import { until } from './wait.js';

export const SALESFORCE = 'https://acme.lightning.force.com';
export const CONFIG = { '/biztel/serverUrl': 'https://events.example.com', '/reqGeneralInfo/reqAdapterUrl': 'https://connector.example.com' };
export const FORM = { account: 'yamada.taro', password: 'secret-pass', extension: '1001', seatId: '', initialStatusId: 'available', hardphone: false };

interface Posted {
  type: string;
  payload?: { telephonyEventType?: string; telephonyEventPayload?: unknown; [key: string]: unknown };
}

const open: (() => void)[] = [];
/** For a test file: quiets the library's console reports (the tests read the dispatched events) and closes each test's ports. */
export function connectorPagePerTest(): void {
  beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    open.splice(0).forEach((close) => close());
    jest.restoreAllMocks();
  });
}

/**
 * A fresh connector page: the library and the connector loaded anew (the library keeps its port and
 * connector in module state), a fake event server, and the SCV side of the MessageChannel.
 */
export async function connectorPage({ token = null as string | null, origin = SALESFORCE, allowedServers = null as string[] | null } = {}) {
  jest.resetModules();
  const lib = await import('@salesforce/scv-connector-base');
  const { BiztelConnector } = await import('../scv/biztel-connector.js');
  const server = new FakeEventServer();
  // A sign-in hands out a resume token, as the real server does (a reconnect spends it).
  server.signInReply = { ok: true, snapshot: snapshotFixture({ callerIds: CALLER_IDS }), resumeToken: `token-signin-${'x'.repeat(40)}` };
  const login = { shown: 0, hidden: 0 };
  /** The user scope each set-up asked a session store for. */
  const scopes: (string | null)[] = [];
  const resume = new ResumeStore(memoryStore(), '00D000000000001/005000000000001', null);
  if (token) resume.write(token);
  const connector = new BiztelConnector({
    services: { server, logger: recordingLogger(), now: () => Date.now() },
    sessionStore: (scope) => {
      scopes.push(scope);
      return { resume, tabs: null };
    },
    login: { show: () => (login.shown += 1), hide: () => (login.hidden += 1) },
    pageProtocol: 'https:',
    allowedServers,
  });
  lib.initializeConnector(connector);
  const { port1, port2 } = new MessageChannel();
  const posted: Posted[] = [];
  port2.on('message', (m: Posted) => posted.push(m));
  open.push(() => {
    port1.close();
    port2.close();
  });
  const setup = (config: object = CONFIG) => {
    const event = new Event('message');
    Object.defineProperties(event, {
      data: { value: { type: 'SETUP_CONNECTOR', connectorConfig: config } },
      origin: { value: origin },
      ports: { value: [port1] },
    });
    window.dispatchEvent(event);
  };
  const events = (type: string) =>
    posted
      .filter((m) => m.type === 'TELEPHONY_EVENT_DISPATCHED' && m.payload?.telephonyEventType === type)
      .map((m) => m.payload!.telephonyEventPayload as Record<string, unknown>);
  const request = (message: object) => port2.postMessage(message);
  let revision = 100;
  /** What the softphone reports next: each a higher revision than the last. */
  const snapshot = (...calls: Call[]): Snapshot => snapshotFixture({ calls, revision: (revision += 1) });
  return { connector, server, login, posted, setup, events, request, snapshot, scopes };
}

/** A page signed in through the login form, with SCV told the connector is ready. */
export async function signedInPage() {
  const page = await connectorPage();
  page.setup();
  await until(() => page.events('SHOW_LOGIN').length === 1, 'the login frame');
  await page.connector.app.session.signIn(FORM);
  await until(() => page.posted.some((m) => m.type === 'CONNECTOR_READY'), 'the connector ready');
  return page;
}

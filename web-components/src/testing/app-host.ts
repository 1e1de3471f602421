/** The application layer in tests: a reactive-controller host that connects and disconnects its controllers like an element, and pages over fake services. */
import { afterEach, expect } from '@jest/globals';
import { PlainControllerHost } from '../app/plain-host.js';
import { createSoftphoneApp, type SoftphoneApp, type SoftphoneServices } from '../app/softphone-app.js';
import { fakeServices, type FakeServices } from './fake-services.js';
import { until } from './wait.js';

/** The application layer over `services`, connected as a page's element would be; `close()` disconnects it. */
export function openApp(services: SoftphoneServices): { app: SoftphoneApp; host: PlainControllerHost; close: () => void } {
  const host = new PlainControllerHost();
  const app = createSoftphoneApp(host, services);
  host.connect();
  return { app, host, close: () => host.disconnect() };
}

/** A sign-in form as an agent fills it in (the password never leaves the session's memory). */
export const FORM = {
  account: 'agent02',
  password: 'secret-pass',
  extension: '1002',
  seatId: 'S-7',
  initialStatusId: 'available',
  hardphone: false,
};

/**
 * For a test file: `open(services)` gives the application layer of a new page, closed after each
 * test; `started()` a page at the sign-in form over fresh fake services.
 */
export function appPerTest(): {
  open: (services: FakeServices) => SoftphoneApp;
  started: () => Promise<{ app: SoftphoneApp; services: FakeServices }>;
  /** Closes every page opened so far (a page closing before the test ends). */
  closeAll: () => void;
} {
  const pages: (() => void)[] = [];
  const closeAll = () => pages.splice(0).forEach((close) => close());
  afterEach(closeAll);
  const open = (services: FakeServices): SoftphoneApp => {
    const { app, close } = openApp(services);
    pages.push(close);
    return app;
  };
  return {
    open,
    closeAll,
    started: async () => {
      const services = fakeServices();
      const app = open(services);
      await until(() => app.store.state.phase === 'signedOut');
      expect(app.store.state.phase).toBe('signedOut');
      return { app, services };
    },
  };
}

/**
 * The application layer the Service Cloud Voice connector runs on: the panel's store, session
 * (sign-in, takeover questions, resume after a reconnect or a reload), commands and diagnostics —
 * the same code as the Open CTI panel's, without its CRM side (Salesforce draws the softphone,
 * pops records and logs the VoiceCall itself in SCV).
 */
import { CallCommands } from '../app/call-commands.js';
import { Diagnostics } from '../app/diagnostics.js';
import { PlainControllerHost } from '../app/plain-host.js';
import { Session, type SessionServices } from '../app/session.js';
import { PanelStore } from '../app/store.js';
import type { PanelState } from '../core/panel-state.js';

export interface ConnectorApp {
  readonly host: PlainControllerHost;
  readonly store: PanelStore;
  readonly session: Session;
  readonly commands: CallCommands;
  readonly diagnostics: Diagnostics;
}

export function createConnectorApp(services: SessionServices): ConnectorApp {
  const host = new PlainControllerHost();
  const store = new PanelStore(services.logger);
  // One connector per Salesforce page: it owns its side effects (SCV itself keeps tabs apart).
  const diagnostics = new Diagnostics(host, store, services.server, () => 'alone');
  const commands = new CallCommands(store, services.server, services.logger, diagnostics.operationLog);
  const session = new Session(host, store, services, commands, diagnostics);
  store.subscribe(() => host.requestUpdate());
  host.connect();
  return { host, store, session, commands, diagnostics };
}

/**
 * Resolves with the first state (the current one included) for which `pick` returns a value; rejects
 * after `timeoutMs`, or at once when `give` says the wait is hopeless (the agent signed out, the
 * call ended). A softphone that never reports is a failed request, not a hung one.
 */
export function waitForState<T>(
  store: PanelStore,
  pick: (state: PanelState) => T | undefined,
  timeoutMs: number,
  give: (state: PanelState) => string | null = () => null,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = (state: PanelState): boolean => {
      const value = pick(state);
      if (value !== undefined) {
        resolve(value);
        return true;
      }
      const why = give(state);
      if (why !== null) {
        reject(new Error(why));
        return true;
      }
      return false;
    };
    if (check(store.state)) return;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no answer from the softphone within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = store.subscribe((_before, after) => {
      if (!check(after)) return;
      clearTimeout(timer);
      unsubscribe();
    });
  });
}

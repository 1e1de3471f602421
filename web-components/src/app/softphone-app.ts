/**
 * The application layer as the shell reaches it: one store and the controllers over it, each with
 * one concern, wired together here. Every change of state goes through the pure
 * `effects(before, after)` (core/call-effects.ts) to the controllers that perform them, then asks
 * the host to render.
 */
import type { ReactiveControllerHost } from 'lit';
import { effects } from '../core/call-effects.js';
import { DEFAULT_TASK_STATUS } from '../core/task-status.js';
import { CallCommands } from './call-commands.js';
import { CrmSync } from './crm-sync.js';
import { Diagnostics } from './diagnostics.js';
import type { CallCenterSettings, SoftphoneServices } from './services.js';
import { SignedInLoader } from './signed-in-loader.js';
import { Session } from './session.js';
import { Startup } from './startup.js';
import { PanelStore } from './store.js';
import { TabOwnership } from './tab-ownership.js';

export type { SoftphoneServices } from './services.js';

export interface SoftphoneApp {
  readonly store: PanelStore;
  readonly diagnostics: Diagnostics;
  readonly tabs: TabOwnership;
  readonly session: Session;
  readonly commands: CallCommands;
  readonly crm: CrmSync;
  /** The call follower, screen pop and screen transfer: loaded with their chunk once a sign-in starts. */
  readonly signedIn: SignedInLoader;
  readonly startup: Startup;
}

export function createSoftphoneApp(host: ReactiveControllerHost, services: SoftphoneServices): SoftphoneApp {
  const { logger, server, host: crmHost } = services;
  const store = new PanelStore(logger);
  // Another tab signed in: take the session back (the session is made below; called only later).
  const tabs = new TabOwnership(host, store, services.tabs ?? null, logger, () => void session.restore());
  const owner = () => tabs.owner;
  const diagnostics = new Diagnostics(host, store, server, () => tabs.ownership);
  const commands = new CallCommands(store, server, logger, diagnostics.operationLog);
  const session = new Session(host, store, services, commands, diagnostics);
  const crm = new CrmSync(host, store, crmHost, logger, commands);
  const settings: CallCenterSettings = { popupRules: [], serverAddress: '', taskStatus: DEFAULT_TASK_STATUS };
  // Fetched once: while the agent types the password (`prefetch`), or when a sign-in starts.
  let chunk: Promise<typeof import('./signed-in.js')> | undefined;
  const fetchChunk = () =>
    (chunk ??= import('./signed-in.js').catch((error: unknown) => {
      chunk = undefined;
      throw error;
    }));
  const signedIn = new SignedInLoader(() => fetchChunk().then((m) => m.signedInParts(host, store, services, settings, owner, diagnostics)), logger, fetchChunk);
  signedIn.use(() => host.requestUpdate());
  tabs.onTakeOver(() => signedIn.parts?.calls.tookOver());
  store.subscribe((before, after) => {
    const list = effects(before, after);
    for (const effect of list) crm.perform(effect);
    signedIn.perform(after, list);
    host.requestUpdate();
  });
  const parts = { store, diagnostics, tabs, session, commands, crm, signedIn };
  // Last: its hostConnected starts everything the others listen to.
  const startup = new Startup(host, store, services, { ...parts, settings });
  return { ...parts, startup };
}

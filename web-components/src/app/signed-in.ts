/**
 * The controllers a signed-in agent needs, in a chunk of their own (the page starts without them):
 * the call follower (journal, Tasks, pop-up rules, LMS), the screen pop and screen transfer. They
 * perform the effects of every change of state from the sign-in on.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Effect } from '../core/call-effects.js';
import type { PanelState } from '../core/panel-state.js';
import { CallFollower } from './call-follower.js';
import type { Diagnostics } from './diagnostics.js';
import { ScreenPop } from './screen-pop.js';
import { ScreenTransfer } from './screen-transfer.js';
import { describe, type CallCenterSettings, type SoftphoneServices } from './services.js';
import type { PanelStore } from './store.js';

export interface SignedInParts {
  readonly calls: CallFollower;
  readonly screen: ScreenTransfer;
  /** Performs the effects of a change of state to `after` that concern these controllers. */
  perform(after: PanelState, effects: readonly Effect[]): void;
}

export function signedInParts(
  host: ReactiveControllerHost,
  store: PanelStore,
  services: SoftphoneServices,
  settings: CallCenterSettings,
  owner: () => boolean,
  diagnostics: Diagnostics,
): SignedInParts {
  const { host: crm, server, logger } = services;
  const screen = new ScreenTransfer(host, store, crm, server, logger);
  const calls = new CallFollower(
    host,
    services,
    settings,
    owner,
    () => screen.viewing,
    (callId, problem) => diagnostics.operationLog.record('error', 'callLog', `${callId}: ${problem}`),
  );
  // Whether a Task cut off mid-save can be checked (the Apex class deployed, the agent allowed).
  crm.findCallLog('biztel-access-check').then(
    () => diagnostics.check('callLog', true),
    (error: unknown) => diagnostics.check('callLog', false, describe(error)),
  );
  const pop = new ScreenPop(store, crm, logger, () => calls.journal, owner, diagnostics);
  return {
    calls,
    screen,
    perform(after, effects) {
      calls.sync(after);
      for (const effect of effects) {
        calls.perform(effect);
        screen.perform(effect);
        pop.perform(effect);
      }
    },
  };
}

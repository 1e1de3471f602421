/** What the application layer is given: the ports (host, event server), the clock, storage and texts. */
import type { HostPort } from '../crm/host-port.js';
import type { KeyValueStore } from '../core/key-value-store.js';
import type { TaskTexts } from '../core/call-log.js';
import type { PopupRule } from '../core/popup-rules.js';
import type { EventServerPort } from '../transport/event-server-port.js';
import type { Logger } from '../log.js';
import type { ResumeStore } from '../session/resume-store.js';
import type { TabCoordinator } from '../session/tab-coordinator.js';

export interface SoftphoneServices {
  readonly host: HostPort;
  readonly server: EventServerPort;
  readonly logger: Logger;
  readonly now: () => number;
  /** Where the call-log queue survives a reload (the page's localStorage in the bundle). */
  readonly store: KeyValueStore;
  /** Words of the Task subject and description, in the agent's language. */
  readonly logTexts: Omit<TaskTexts, 'status'>;
  /** Where the resume token waits for the next page of this Salesforce user (default: memory). */
  readonly resume?: ResumeStore;
  /** Elects the one page of this user that pops, logs and publishes (default: this page alone). */
  readonly tabs?: TabCoordinator | null;
  /** `<org id>/<user id>`: keeps one Salesforce user's call journal apart from another's. */
  readonly userScope?: string | null;
}

/** What start-up learns from the call center's settings and the followed calls use. */
export interface CallCenterSettings {
  /** The screen pop-up URL rules. */
  popupRules: readonly PopupRule[];
  /** The event server's host, for the rules' `{SVADDR}`. */
  serverAddress: string;
  /** The Status of the Tasks calls are logged as. */
  taskStatus: string;
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Logs a failed fire-and-forget call to a port instead of leaving its rejection unhandled. */
export function warnOnFailure(logger: Logger, what: string): (error: unknown) => void {
  return (error) => logger.warn(what, describe(error));
}

/**
 * What the panel needs from the CRM host that frames it. Host-neutral on purpose: Open CTI
 * implements it today; a Service Cloud Voice connector can implement it after Open CTI retires
 * (February 2028) without touching core or transport.
 */
import type { CallStateMessage } from '../core/call-state-message.js';

export type { CallStateMessage };

export interface HostSettings {
  /** The BIZTEL event-notification server, an http(s) URL. */
  readonly serverUrl: string;
}

export interface HostPort {
  /** Verifies the host API works and reads the settings; rejects with a `HostError`. */
  start(): Promise<HostSettings>;
  /** Tells the host the panel finished loading (hides Lightning's spinner). */
  notifyReady(): Promise<void>;
  /** Shows the panel (e.g. when a call rings while it is minimised). */
  showPanel(): Promise<void>;
  publishCallState(message: CallStateMessage): Promise<void>;
}

export type HostErrorKind = 'unavailable' | 'failed' | 'noResponse' | 'badSettings';

export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    readonly kind: HostErrorKind,
    message: string,
    readonly errors: readonly { code: string; description: string }[] = [],
  ) {
    super(message);
  }
}

/** What the SCV connector is given by its page: services, where the session is kept, its login view and its host's rules. */
import type { SessionServices } from '../app/session.js';
import type { ConnectorApp } from './connector-app.js';

/** Where the connector shows its sign-in form (its own page; Salesforce sizes the frame). */
export interface LoginView {
  show(app: ConnectorApp): void;
  hide(): void;
}

export interface ConnectorDeps {
  readonly services: Omit<SessionServices, 'resume' | 'tabs'>;
  /**
   * Where the session's resume token is kept, and how the Salesforce user's other tabs hear of a
   * sign-in: for `<org>/<user>` (from the contact center's values), or for this tab alone (null).
   */
  readonly sessionStore: (userScope: string | null) => Pick<SessionServices, 'resume' | 'tabs'>;
  readonly login: LoginView;
  /** The connector page's protocol: http event servers only from an http page (the dev host). */
  readonly pageProtocol: string;
  /**
   * The event servers (origins) this connector page may connect to, as its host set them; null:
   * any the contact center names. SCV sets connectors up from any Salesforce org's page, so a
   * hosted page should name its own: the password goes to that server.
   */
  readonly allowedServers?: readonly string[] | null;
}

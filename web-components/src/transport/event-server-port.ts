/** What the panel needs from the BIZTEL event-notification server. */
import type {
  AgentStatus,
  CommandArgs,
  DirectoryReply,
  PanelCommand,
  Reply,
  SessionEnded,
  SignInReply,
  SignInRequest,
  Snapshot,
  TokenReply,
} from '@biztel/protocol';

/** `lost`: reconnecting by itself; `restored`: connected again; `failed`: gave up for good. */
export type ConnectionEvent =
  | { kind: 'lost'; reason: string }
  /** Reconnection attempt `attempt` of at most `of` is starting. */
  | { kind: 'retrying'; attempt: number; of: number }
  | { kind: 'restored' }
  | { kind: 'failed'; reason: string };

export interface EventServerPort {
  /** Connects and waits for the server's hello; rejects when the server cannot be reached. */
  connect(serverUrl: string): Promise<{ statuses: AgentStatus[] }>;
  /** A `SEAT_TAKEN` refusal carries who holds the seat, when the server knows; `LINE_TAKEN`, who is signed in on the extension. */
  signIn(request: SignInRequest): Promise<SignInReply>;
  /** Takes the session back after a reconnect with the token the last sign-in/resume gave. */
  resume(token: string): Promise<SignInReply>;
  /** A fresh resume token of the signed-in session, kept for a reload, pop-out or another tab. */
  sessionToken(): Promise<TokenReply>;
  /** The signed-in agent's transfer targets: the tenant's other extensions (who is signed in) and ring groups. */
  directory(): Promise<DirectoryReply>;
  /** Round trip to the server in ms (diagnostics), or null when it does not answer. */
  ping(): Promise<number | null>;
  /**
   * A command of the table (`PANEL_COMMANDS` of `@biztel/protocol`): sign-out, status, the call
   * commands and, for screen transfer, the record the agent is viewing (send that on every change
   * and after each (re)sign-in: the server forgets it on sign-out and when the connection drops).
   */
  send<C extends PanelCommand>(command: C, ...args: CommandArgs<C>): Promise<Reply>;
  /** Every validated snapshot the server pushes; returns unsubscribe. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
  /** The session is over, and why (signed out on another panel, line taken over, a fresh sign-in): this panel is signed out too. */
  onSessionEnded(listener: (event: SessionEnded) => void): () => void;
  close(): void;
}

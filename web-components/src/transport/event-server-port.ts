/** What the panel needs from the BIZTEL event-notification server. */
import type { AgentStatus, Reply, SignInRequest, Snapshot } from '../protocol/index.js';

export type ConnectionEvent = { kind: 'lost'; reason: string } | { kind: 'restored' };

export interface EventServerPort {
  /** Connects and waits for the server's hello; rejects when the server cannot be reached. */
  connect(serverUrl: string): Promise<{ statuses: AgentStatus[] }>;
  signIn(request: SignInRequest): Promise<Reply<{ snapshot: Snapshot }>>;
  signOut(): Promise<Reply>;
  setStatus(statusId: string): Promise<Reply>;
  dial(number: string): Promise<Reply>;
  answer(callId: string): Promise<Reply>;
  hangup(callId: string): Promise<Reply>;
  /** Every validated snapshot the server pushes; returns unsubscribe. */
  onSnapshot(listener: (snapshot: Snapshot) => void): () => void;
  onConnection(listener: (event: ConnectionEvent) => void): () => void;
  close(): void;
}

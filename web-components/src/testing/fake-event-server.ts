/** A scriptable fake of the event-server port: records commands, replies from a script, pushes snapshots. */
import {
  commandRequest,
  type AgentStatus,
  type CommandArgs,
  type DirectoryReply,
  type PanelCommand,
  type Reply,
  type SessionEnded,
  type SignInReply,
  type SignInRequest,
  type Snapshot,
  type TokenReply,
} from '@biztel/protocol';
import type { ConnectionEvent, EventServerPort } from '../transport/event-server-port.js';
import { STATUSES, snapshotFixture } from './fixtures.js';
import { later } from './wait.js';

/** A scriptable EventServerPort: records commands, replies from a script, pushes snapshots. */
export class FakeEventServer implements EventServerPort {
  readonly calls: { method: keyof EventServerPort | PanelCommand; arg?: unknown }[] = [];
  statuses: AgentStatus[] = [...STATUSES];
  /** When set, `connect()` rejects with it. */
  connectError: Error | null = null;
  /** The reply to the next sign-in; the snapshot is what the server would send. */
  signInReply: SignInReply = { ok: true, snapshot: snapshotFixture() };
  /** Replies per command (default `{ok: true}`). */
  readonly replies: Partial<Record<PanelCommand, Reply>> = {};
  private readonly snapshotListeners = new Set<(s: Snapshot) => void>();
  private readonly connectionListeners = new Set<(e: ConnectionEvent) => void>();

  connect(serverUrl: string): Promise<{ statuses: AgentStatus[] }> {
    this.calls.push({ method: 'connect', arg: serverUrl });
    return later(() => {
      if (this.connectError) throw this.connectError;
      return { statuses: this.statuses };
    });
  }

  signIn(request: SignInRequest): Promise<SignInReply> {
    this.calls.push({ method: 'signIn', arg: request });
    return later(() => this.signInReply);
  }

  /** The reply to the next resume (default: the session is taken back with the sign-in snapshot). */
  resumeReply: SignInReply | null = null;

  resume(token: string): Promise<SignInReply> {
    this.calls.push({ method: 'resume', arg: token });
    return later(() => this.resumeReply ?? this.signInReply);
  }

  /** What `directory()` answers (default: two colleagues' extensions and a ring group). */
  directoryReply: DirectoryReply = {
    ok: true,
    entries: [
      { kind: 'extension', extension: '1002', agent: { account: 'sato.hanako', name: '佐藤 花子', statusId: 'available' } },
      { kind: 'extension', extension: '1003' },
      { kind: 'ringGroup', extension: '2000', name: 'サポートグループ' },
    ],
  };

  directory(): Promise<DirectoryReply> {
    this.calls.push({ method: 'directory' });
    return later(() => this.directoryReply);
  }

  /** What `ping()` answers (ms, or null for no answer). */
  latencyMs: number | null = 12;

  ping(): Promise<number | null> {
    return later(() => this.latencyMs);
  }

  private tokenCount = 0;

  /** Hands out `token-1-…`, `token-2-…` (long enough for the schema), or `tokenReply` when set. */
  tokenReply: TokenReply | null = null;

  sessionToken(): Promise<TokenReply> {
    this.calls.push({ method: 'sessionToken' });
    this.tokenCount += 1;
    const token = `token-${this.tokenCount}-${'x'.repeat(40)}`;
    return later(() => this.tokenReply ?? { ok: true, token });
  }

  private readonly sessionEndedListeners = new Set<(event: SessionEnded) => void>();

  onSessionEnded(listener: (event: SessionEnded) => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  /** The server ended the session (by default: another panel of the agent signed out). */
  endSession(event: SessionEnded = { reason: 'signedOut' }): void {
    for (const listener of [...this.sessionEndedListeners]) listener(event);
  }

  /** Records the command with the request it would send (e.g. `{ callId }`) and answers from `replies`. */
  send<C extends PanelCommand>(command: C, ...args: CommandArgs<C>): Promise<Reply> {
    this.calls.push({ method: command, arg: commandRequest(command, args) });
    return later(() => this.replies[command] ?? { ok: true });
  }

  onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  close(): void {
    this.calls.push({ method: 'close' });
  }

  /** The server pushes a snapshot to every listener. */
  push(snapshot: Snapshot): void {
    for (const listener of [...this.snapshotListeners]) listener(snapshot);
  }

  /** The connection changes (e.g. the socket drops for good). */
  emitConnection(event: ConnectionEvent): void {
    for (const listener of [...this.connectionListeners]) listener(event);
  }

  get listenerCount(): number {
    return this.snapshotListeners.size + this.connectionListeners.size;
  }

  argsOf(method: keyof EventServerPort | PanelCommand): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }
}

/** A scriptable fake of the event-server port: records commands, replies from a script, pushes snapshots. */
import type { AgentStatus, CallerIdChoice, Reply, SignInReply, SignInRequest, Snapshot, TokenReply } from '@biztel/protocol';
import type { ConnectionEvent, EventServerPort } from '../transport/event-server-port.js';
import { STATUSES, snapshotFixture } from './fixtures.js';
import { later } from './wait.js';

type Command = 'signIn' | 'signOut' | 'setStatus' | 'dial' | 'answer' | 'hangup' | 'hold' | 'unhold' | 'park' | 'transfer' | 'dtmf' | 'viewing';

/** A scriptable EventServerPort: records commands, replies from a script, pushes snapshots. */
export class FakeEventServer implements EventServerPort {
  readonly calls: { method: keyof EventServerPort; arg?: unknown }[] = [];
  statuses: AgentStatus[] = [...STATUSES];
  /** When set, `connect()` rejects with it. */
  connectError: Error | null = null;
  /** The reply to the next sign-in; the snapshot is what the server would send. */
  signInReply: SignInReply = { ok: true, snapshot: snapshotFixture() };
  /** Replies per command (default `{ok: true}`). */
  readonly replies: Partial<Record<Exclude<Command, 'signIn'>, Reply>> = {};
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

  private readonly sessionEndedListeners = new Set<() => void>();

  onSessionEnded(listener: () => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  /** Another panel of the agent signed out. */
  endSession(): void {
    for (const listener of [...this.sessionEndedListeners]) listener();
  }

  signOut(): Promise<Reply> {
    return this.command('signOut', undefined);
  }

  setStatus(statusId: string): Promise<Reply> {
    return this.command('setStatus', statusId);
  }

  /** The caller ID sent with each dial, in order (undefined = the server's default rule). */
  readonly dialCallerIds: (CallerIdChoice | undefined)[] = [];

  dial(number: string, callerId?: CallerIdChoice): Promise<Reply> {
    this.dialCallerIds.push(callerId);
    return this.command('dial', number);
  }

  answer(callId: string): Promise<Reply> {
    return this.command('answer', callId);
  }

  hangup(callId: string): Promise<Reply> {
    return this.command('hangup', callId);
  }

  hold(callId: string): Promise<Reply> {
    return this.command('hold', callId);
  }

  unhold(callId: string): Promise<Reply> {
    return this.command('unhold', callId);
  }

  park(callId: string): Promise<Reply> {
    return this.command('park', callId);
  }

  transfer(callId: string): Promise<Reply> {
    return this.command('transfer', callId);
  }

  dtmf(callId: string, digits: string): Promise<Reply> {
    return this.command('dtmf', { callId, digits });
  }

  viewing(screen: Parameters<EventServerPort['viewing']>[0]): Promise<Reply> {
    return this.command('viewing', screen);
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

  argsOf(method: keyof EventServerPort): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.arg);
  }

  private command(method: Exclude<Command, 'signIn'>, arg: unknown): Promise<Reply> {
    this.calls.push({ method, arg });
    return later(() => this.replies[method] ?? { ok: true });
  }
}

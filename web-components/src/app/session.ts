/**
 * The agent's session: sign-in (with the takeover questions: a seat, or the extension another agent
 * is signed in on), sign-out, the server ending the session (and why), and taking a session back
 * with the stored resume token — after a reconnect, and on a new page of the same user (reload,
 * pop-out, another tab) — through one `resume`, never with the password.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SignInReply, SignInRequest } from '@biztel/protocol';
import { SESSION_END_ERRORS, signInErrorFor } from '../core/panel-errors.js';
import type { FormMemory } from '../core/panel-state.js';
import { checkSignInForm, type SignInForm } from '../core/sign-in.js';
import { memoryStore } from '../core/key-value-store.js';
import { ResumeStore } from '../session/resume-store.js';
import type { ConnectionEvent } from '../transport/event-server-port.js';
import type { CallCommands } from './call-commands.js';
import type { Diagnostics } from './diagnostics.js';
import type { SoftphoneServices } from './services.js';
import type { PanelStore } from './store.js';

/** What a session needs of the services: the Open CTI page gives all of them, the SCV connector these. */
export type SessionServices = Pick<SoftphoneServices, 'server' | 'logger' | 'now' | 'resume' | 'tabs'>;

export class Session implements ReactiveController {
  /** Kept in memory only until the agent answers a takeover question; never stored or logged. */
  private pendingSignIn: SignInRequest | null = null;
  private readonly resumeStore: ResumeStore;
  private readonly disposers: (() => void)[] = [];

  constructor(
    host: ReactiveControllerHost,
    private readonly store: PanelStore,
    private readonly services: SessionServices,
    private readonly commands: CallCommands,
    private readonly diagnostics: Diagnostics,
  ) {
    this.resumeStore = services.resume ?? new ResumeStore(memoryStore(), null, null);
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pendingSignIn = null;
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Listens to the server once connected: snapshots, the connection, and the session ended by the server. */
  listen(): void {
    const { server, now } = this.services;
    this.disposers.push(
      server.onSnapshot((snapshot) => this.store.dispatch({ type: 'snapshotReceived', snapshot, receivedAt: now() })),
      server.onConnection((event) => void this.connectionChanged(event)),
      server.onSessionEnded(({ reason, by }) => {
        // After a fresh sign-in the stored token may already be the new session's (another tab of
        // this user signed in): keep it. A dead one is dropped when it is refused.
        if (reason !== 'signedInElsewhere') this.resumeStore.clear();
        this.store.dispatch({ type: 'sessionEnded', error: SESSION_END_ERRORS[reason], by });
      }),
    );
  }

  async signIn(form: SignInForm): Promise<void> {
    const check = checkSignInForm(form);
    if (!check.ok) return;
    const { password: _password, ...memory } = form;
    await this.submit(check.request, memory);
  }

  /**
   * The agent confirmed taking over what the server said is taken — the seat, or the extension —
   * : the same sign-in, with that overwrite flag (a confirmed extension keeps its flag if the seat
   * is asked about next).
   */
  async confirmTakeover(): Promise<void> {
    const pending = this.pendingSignIn;
    const s = this.store.state;
    if (!pending || s.phase !== 'signedOut') return;
    if (s.step.kind === 'lineTaken') await this.submit({ ...pending, overwriteLine: true }, s.form);
    else if (s.step.kind === 'seatTaken') await this.submit({ ...pending, overwriteSeat: true }, s.form);
  }

  /** The agent cancelled a takeover: back to the form; the remembered request (and its password) is dropped. */
  cancelTakeover(): void {
    this.pendingSignIn = null;
    this.store.dispatch({ type: 'seatConflictDismissed' });
  }

  async signOut(): Promise<void> {
    if (!(await this.commands.run('signOut'))) return;
    this.resumeStore.clear();
    this.store.dispatch({ type: 'signedOut' });
  }

  /** Takes the session back with the token another page of this user left (start-up, another tab signed in). */
  async restore(): Promise<boolean> {
    if (!this.resumeStore.persistent) return false;
    const reply = await this.resume(() => true);
    if (!reply) return false;
    if (!reply.ok) {
      this.services.logger.info('the stored session could not be taken back', reply.code);
      return false;
    }
    this.services.logger.info('session taken back without the password');
    this.diagnostics.check('signIn', true, 'session taken back');
    this.store.dispatch({ type: 'sessionRestored', snapshot: reply.snapshot, receivedAt: this.services.now() });
    return this.store.state.phase === 'signedIn';
  }

  /**
   * Spends the stored token once, under the cross-page lock, and keeps the next one; a refusal for
   * which `forget(code)` holds drops the stored token. Null when there is no token.
   */
  private resume(forget: (code: string) => boolean): Promise<SignInReply | null> {
    return this.resumeStore.exclusive(async () => {
      const token = this.resumeStore.read();
      if (!token) return null;
      const reply = await this.services.server.resume(token);
      if (reply.ok) this.resumeStore.write(reply.resumeToken ?? null);
      else if (forget(reply.code)) this.resumeStore.clear();
      return reply;
    });
  }

  /**
   * The connection dropped: a signed-in panel keeps working in a reconnecting state and takes its
   * session back with the resume token once the socket is back. Only when reconnecting fails for
   * good, or the server no longer knows the session, does the manual's message appear.
   */
  private async connectionChanged(event: ConnectionEvent): Promise<void> {
    const { logger } = this.services;
    if (event.kind === 'failed') {
      this.store.dispatch({ type: 'connectionLost', detail: event.reason });
      return;
    }
    if (this.store.state.phase !== 'signedIn') return;
    if (event.kind === 'retrying') {
      this.store.dispatch({ type: 'reconnectAttempted', attempt: { attempt: event.attempt, of: event.of } });
      return;
    }
    if (event.kind === 'lost') {
      logger.warn('connection lost; reconnecting', event.reason);
      this.store.dispatch({ type: 'connectionInterrupted' });
      return;
    }
    const reply = await this.resume((code) => code === 'SESSION_EXPIRED');
    if (!reply) {
      this.store.dispatch({ type: 'connectionLost', detail: 'no session to resume' });
    } else if (reply.ok) {
      this.store.dispatch({ type: 'sessionResumed', snapshot: reply.snapshot, receivedAt: this.services.now() });
    } else if (reply.code === 'SESSION_EXPIRED') {
      // Signed out elsewhere meanwhile, or the server restarted without keeping sessions.
      logger.warn('session expired while reconnecting');
      this.store.dispatch({ type: 'sessionEnded', error: 'sessionExpired' });
    } else {
      logger.warn('session could not be resumed', reply.code);
      this.store.dispatch({ type: 'connectionLost', detail: `session could not be resumed (${reply.code})` });
    }
  }

  private async submit(request: SignInRequest, memory: FormMemory): Promise<void> {
    this.store.dispatch({ type: 'signInSubmitted', form: memory });
    const reply = await this.services.server.signIn(request);
    this.diagnostics.check('signIn', reply.ok, reply.ok ? undefined : reply.code);
    if (reply.ok) {
      this.pendingSignIn = null;
      this.resumeStore.write(reply.resumeToken ?? null);
      this.store.dispatch({ type: 'signInAccepted', snapshot: reply.snapshot, receivedAt: this.services.now() });
      this.services.tabs?.announceSignedIn();
    } else if (reply.code === 'SEAT_TAKEN' && !request.overwriteSeat) {
      this.pendingSignIn = request;
      this.store.dispatch({ type: 'seatConflict', seat: reply.seat ?? { seatId: request.seatId ?? '' } });
    } else if (reply.code === 'LINE_TAKEN' && !request.overwriteLine && reply.line) {
      this.pendingSignIn = request;
      this.store.dispatch({ type: 'lineConflict', line: reply.line });
    } else {
      this.pendingSignIn = null;
      this.store.dispatch({ type: 'signInRejected', error: signInErrorFor(reply.code) });
    }
  }
}

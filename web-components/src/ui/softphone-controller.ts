/**
 * Wires core + transport + crm for the root element: runs the start-up checks, turns the agent's
 * requests into server commands, feeds server snapshots into the reducer, and performs the side
 * effects that follow from state changes (show the panel on ringing, publish the live call).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  callStateMessage,
  currentCall,
  initialState,
  noticeForError,
  reduce,
  signInErrorFor,
  type PanelEvent,
  type PanelState,
} from '../core/panel-state.js';
import { checkSignInForm, type SignInForm } from '../core/sign-in.js';
import type { FormMemory } from '../core/panel-state.js';
import { normaliseDialString } from '../core/phone.js';
import type { HostPort } from '../crm/host-port.js';
import { HostError } from '../crm/host-port.js';
import type { EventServerPort } from '../transport/event-server-port.js';
import type { Logger } from '../log.js';
import type { CallerIdChoice, Reply, SignInRequest } from '../protocol/index.js';

export interface SoftphoneServices {
  readonly host: HostPort;
  readonly server: EventServerPort;
  readonly logger: Logger;
  readonly now: () => number;
}

export class SoftphoneController implements ReactiveController {
  state: PanelState = initialState;
  private disposers: (() => void)[] = [];
  private lastPublished = '';
  private running = false;
  private pendingSignIn: SignInRequest | null = null;

  constructor(
    private readonly element: ReactiveControllerHost,
    private readonly services: SoftphoneServices,
  ) {
    element.addController(this);
  }

  hostConnected(): void {
    if (this.running) return;
    this.running = true;
    this.state = initialState;
    void this.start();
  }

  hostDisconnected(): void {
    this.running = false;
    this.pendingSignIn = null;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.services.server.close();
  }

  // ---- start-up checks (seed 001 §2) ---------------------------------------------------------

  private async start(): Promise<void> {
    const { host, server, logger } = this.services;
    let serverUrl: string;
    try {
      serverUrl = (await host.start()).serverUrl;
    } catch (error) {
      const bad = error instanceof HostError && error.kind === 'badSettings';
      logger.error('Open CTI start failed', describe(error));
      this.dispatch({ type: 'startupFailed', failure: bad ? 'server' : 'opencti', detail: describe(error) });
      if (bad) host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
      return;
    }
    host.notifyReady().catch((e: unknown) => logger.warn('notifyInitializationComplete failed', describe(e)));
    if (!this.running) return;
    try {
      const hello = await server.connect(serverUrl);
      if (!this.running) return;
      this.disposers.push(
        server.onSnapshot((snapshot) => this.dispatch({ type: 'snapshotReceived', snapshot, receivedAt: this.services.now() })),
        server.onConnection((event) => {
          if (event.kind === 'lost') this.dispatch({ type: 'connectionLost', detail: event.reason });
        }),
      );
      this.dispatch({ type: 'ready', statuses: hello.statuses });
    } catch (error) {
      logger.error('event server unreachable', describe(error));
      this.dispatch({ type: 'startupFailed', failure: 'server', detail: describe(error) });
    }
  }

  // ---- the agent's requests -----------------------------------------------------------------

  async signIn(form: SignInForm): Promise<void> {
    const check = checkSignInForm(form);
    if (!check.ok) return;
    const { password: _password, ...memory } = form;
    await this.submitSignIn(check.request, memory);
  }

  /** The agent confirmed taking over the occupied seat: the same sign-in, with the overwrite flag. */
  async takeOverSeat(): Promise<void> {
    const pending = this.pendingSignIn;
    if (!pending || this.state.phase !== 'signedOut') return;
    await this.submitSignIn({ ...pending, overwriteSeat: true }, this.state.form);
  }

  /** The agent cancelled: back to the form; the remembered request (and its password) is dropped. */
  cancelSeatTakeover(): void {
    this.pendingSignIn = null;
    this.dispatch({ type: 'seatConflictDismissed' });
  }

  private async submitSignIn(request: SignInRequest, memory: FormMemory): Promise<void> {
    this.dispatch({ type: 'signInSubmitted', form: memory });
    const reply = await this.services.server.signIn(request);
    if (reply.ok) {
      this.pendingSignIn = null;
      this.dispatch({ type: 'signInAccepted', snapshot: reply.snapshot, receivedAt: this.services.now() });
    } else if (reply.code === 'SEAT_TAKEN' && !request.overwriteSeat) {
      // Kept in memory only until the agent answers the question; never stored or logged.
      this.pendingSignIn = request;
      this.dispatch({ type: 'seatConflict', seat: reply.seat ?? { seatId: request.seatId ?? '' } });
    } else {
      this.pendingSignIn = null;
      this.dispatch({ type: 'signInRejected', error: signInErrorFor(reply.code) });
    }
  }

  /** Returns true when the dial was accepted (the view then clears the number field). */
  async dial(input: string, callerId?: CallerIdChoice): Promise<boolean> {
    const check = normaliseDialString(input);
    if (!check.ok) {
      const notice = check.reason === 'empty' ? 'dialEmpty' : check.reason === 'tooLong' ? 'dialTooLong' : 'dialInvalidCharacters';
      this.dispatch({ type: 'noticeRaised', notice });
      return false;
    }
    return this.command(this.services.server.dial(check.number, callerId));
  }

  hold(callId: string): Promise<boolean> {
    return this.command(this.services.server.hold(callId));
  }

  unhold(callId: string): Promise<boolean> {
    return this.command(this.services.server.unhold(callId));
  }

  park(callId: string): Promise<boolean> {
    return this.command(this.services.server.park(callId));
  }

  transfer(callId: string): Promise<boolean> {
    return this.command(this.services.server.transfer(callId));
  }

  /** Keys pressed during a call; `*` and `#` start the PBX's transfers. */
  dtmf(callId: string, digits: string): Promise<boolean> {
    return /^[0-9*#]{1,32}$/.test(digits) ? this.command(this.services.server.dtmf(callId, digits)) : Promise.resolve(false);
  }

  answer(callId: string): Promise<boolean> {
    return this.command(this.services.server.answer(callId));
  }

  hangup(callId: string): Promise<boolean> {
    return this.command(this.services.server.hangup(callId));
  }

  setStatus(statusId: string): Promise<boolean> {
    return this.command(this.services.server.setStatus(statusId));
  }

  async signOut(): Promise<void> {
    if (await this.command(this.services.server.signOut())) this.dispatch({ type: 'signedOut' });
  }

  dismissNotice(): void {
    this.dispatch({ type: 'noticeDismissed' });
  }

  private async command(pending: Promise<Reply>): Promise<boolean> {
    const reply = await pending;
    if (reply.ok) {
      if (this.state.phase === 'signedIn' && this.state.notice) this.dispatch({ type: 'noticeDismissed' });
      return true;
    }
    this.services.logger.warn('command refused', reply.code);
    this.dispatch({ type: 'noticeRaised', notice: noticeForError(reply.code) });
    return false;
  }

  // ---- state and side effects ---------------------------------------------------------------

  private dispatch(event: PanelEvent): void {
    const previous = this.state;
    const next = reduce(previous, event);
    if (next === previous) {
      this.services.logger.debug(`ignored ${event.type} in phase ${previous.phase}`);
      return;
    }
    this.state = next;
    this.effects(previous, next);
    this.element.requestUpdate();
  }

  private effects(previous: PanelState, next: PanelState): void {
    const { host, logger } = this.services;
    const before = previous.phase === 'signedIn' ? currentCall(previous.snapshot) : undefined;
    const after = next.phase === 'signedIn' ? currentCall(next.snapshot) : undefined;
    if (after?.state === 'ringing' && (before?.id !== after.id || before.state !== 'ringing')) {
      host.showPanel().catch((e: unknown) => logger.warn('could not show the panel', describe(e)));
    }
    if (next.phase === 'signedIn' || previous.phase === 'signedIn') {
      const message = callStateMessage(next);
      const key = JSON.stringify(message);
      if (key !== this.lastPublished) {
        this.lastPublished = key;
        host.publishCallState(message).catch((e: unknown) => logger.warn('could not publish the call state', describe(e)));
      }
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

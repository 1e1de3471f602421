/**
 * Service Cloud Voice's telephony requests, carried out with the panel's commands: each sends one
 * BIZTEL command (checked by the command table), waits until the softphone's next snapshot shows
 * the outcome, and answers with what SCV expects. Events SCV derives from an answer itself are
 * expected here, so the snapshot that shows the same change does not announce it twice.
 */
import { CallResult, Constants, HangupResult, HoldToggleResult, ParticipantResult } from '@salesforce/scv-connector-base';
import type { Snapshot } from '@biztel/protocol';
import { normaliseDialString } from '../core/phone.js';
import type { PanelState } from '../core/panel-state.js';
import { waitForState, type ConnectorApp } from './connector-app.js';
import { callIdOf, participantOf, phoneCall } from './phone-calls.js';
import { scvCalls, type ScvCall, type ScvCallEvent } from './scv-calls.js';

/** How long a request waits for the softphone to report its outcome. */
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A request that failed. `type` is one of the library's public `ERROR_TYPE`s; the library reads it
 * where a request has more than one error to show (an invalid participant or destination) and
 * otherwise shows the request's own error (e.g. CAN_NOT_DECLINE_THE_CALL) in the agent's language.
 */
export class ScvRequestError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Events the connector must not announce: SCV announces them from a request's answer. */
export interface Expectations {
  expect(type: ScvCallEvent['type'], callId: string | null): () => void;
}

const signedIn = (state: PanelState): Snapshot | undefined => (state.phase === 'signedIn' ? state.snapshot : undefined);
const signedOut = (state: PanelState) => (state.phase === 'signedIn' ? null : 'signed out');

export class CallRequests {
  constructor(
    private readonly app: ConnectorApp,
    private readonly expectations: Expectations,
  ) {}

  private get snapshot(): Snapshot {
    const snapshot = signedIn(this.app.store.state);
    if (!snapshot) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'not signed in to BIZTEL');
    return snapshot;
  }

  private get hardphone(): boolean {
    return this.snapshot.agent.hardphone;
  }

  /** The agent's legs now. */
  calls(): ScvCall[] {
    const snapshot = signedIn(this.app.store.state);
    return snapshot ? scvCalls(snapshot) : [];
  }

  phoneCalls(calls: readonly ScvCall[] = this.calls()) {
    const hardphone = signedIn(this.app.store.state)?.agent.hardphone ?? false;
    return calls.map((c) => phoneCall(c, hardphone));
  }

  private leg(callId: string | null, errorType: string): ScvCall {
    const leg = this.calls().find((c) => c.callId === callId);
    if (!leg) throw new ScvRequestError(errorType, `no such call: ${String(callId)}`);
    return leg;
  }

  /** Sends a command; a refusal becomes an SCV error of `errorType` carrying the server's notice. */
  private async send(errorType: string, run: () => Promise<boolean>, unexpect: (() => void)[]): Promise<void> {
    if (await run()) return;
    for (const undo of unexpect) undo();
    const s = this.app.store.state;
    throw new ScvRequestError(errorType, `refused: ${s.phase === 'signedIn' && s.notice ? s.notice : 'unknown'}`);
  }

  /** Waits until the legs satisfy `done`; on failure the expected events are announced again. */
  private async until<T>(pick: (calls: ScvCall[]) => T | undefined, unexpect: (() => void)[], errorType: string): Promise<T> {
    try {
      return await waitForState(this.app.store, (state) => (signedIn(state) ? pick(scvCalls(signedIn(state)!)) : undefined), REQUEST_TIMEOUT_MS, signedOut);
    } catch (error) {
      for (const undo of unexpect) undo();
      throw new ScvRequestError(errorType, error instanceof Error ? error.message : String(error));
    }
  }

  async accept(call: unknown): Promise<CallResult> {
    const type = Constants.ERROR_TYPE.GENERIC_ERROR;
    const leg = this.leg(callIdOf(call), type);
    const undo = [this.expectations.expect('callConnected', leg.callId)];
    await this.send(type, () => this.app.commands.run('answer', leg.callId), undo);
    const gone = (calls: ScvCall[]) => !calls.some((c) => c.callId === leg.callId);
    const answered = await this.until(
      (calls) => calls.find((c) => c.callId === leg.callId && c.state === 'connected') ?? (gone(calls) ? null : undefined),
      undo,
      type,
    );
    if (!answered) throw new ScvRequestError(type, 'the call ended before it was answered');
    return new CallResult({ call: phoneCall(answered, this.hardphone) });
  }

  async decline(call: unknown): Promise<CallResult> {
    const type = Constants.ERROR_TYPE.GENERIC_ERROR;
    const leg = this.leg(callIdOf(call), type);
    const ended = await this.hangUp([leg], type);
    return new CallResult({ call: this.phoneCalls(ended)[0]! });
  }

  /**
   * 切断. The agent's own leg (`Agent`, or no participant) with a consultation answered completes the
   * transfer (BIZTEL 転送: the customer and the colleague stay connected, the agent leaves); otherwise
   * the named participant's leg, or all of the agent's legs, are hung up.
   */
  async end(call: unknown): Promise<HangupResult> {
    const type = Constants.ERROR_TYPE.GENERIC_ERROR;
    const calls = this.calls();
    if (calls.length === 0) throw new ScvRequestError(type, 'no call to end');
    const who = participantOf(call);
    const consultation = calls.find((c) => c.participant === 'thirdParty');
    if (who === 'agent' && consultation?.state === 'transferred') {
      const undo = calls.map((c) => this.expectations.expect('hangup', c.callId));
      await this.send(type, () => this.app.commands.run('transfer', consultation.callId), undo);
      await this.until((now) => (now.length === 0 ? true : undefined), undo, type);
      return new HangupResult({ calls: this.phoneCalls(calls.map((c) => ({ ...c, state: 'ended' as const, onHold: false }))) });
    }
    const named = who === 'agent' ? null : (calls.find((c) => c.callId === callIdOf(call)) ?? calls.find((c) => c.participant === who));
    const legs = named ? [named] : calls;
    return new HangupResult({ calls: this.phoneCalls(await this.hangUp(legs, type)) });
  }

  private async hangUp(legs: readonly ScvCall[], type: string): Promise<ScvCall[]> {
    const ids = new Set(legs.map((c) => c.callId));
    const undo = [...ids].flatMap((id) => [this.expectations.expect('hangup', id), this.expectations.expect('participantRemoved', id)]);
    for (const leg of legs) await this.send(type, () => this.app.commands.run('hangup', leg.callId), undo);
    await this.until((now) => (now.some((c) => ids.has(c.callId)) ? undefined : true), undo, type);
    return legs.map((c) => ({ ...c, state: 'ended', onHold: false }));
  }

  /** 保留 on the customer, or on the consultation when SCV names the third party. */
  async hold(call: unknown, on: boolean): Promise<HoldToggleResult> {
    const type = Constants.ERROR_TYPE.GENERIC_ERROR;
    const calls = this.calls();
    const who = participantOf(call) === 'thirdParty' ? 'thirdParty' : 'initialCaller';
    const leg = calls.find((c) => c.callId === callIdOf(call) && c.participant === who) ?? calls.find((c) => c.participant === who);
    if (!leg) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARTICIPANT, `no ${who} to ${on ? 'hold' : 'resume'}`);
    const undo = [this.expectations.expect('holdToggle', null)];
    await this.send(type, () => this.app.commands.run(on ? 'hold' : 'unhold', leg.callId), undo);
    const now = await this.until(
      (legs) => (legs.find((c) => c.callId === leg.callId)?.onHold === on || !legs.some((c) => c.callId === leg.callId) ? legs : undefined),
      undo,
      type,
    );
    return this.holdResult(now);
  }

  private holdResult(legs: readonly ScvCall[]): HoldToggleResult {
    return new HoldToggleResult({
      isCustomerOnHold: legs.some((c) => c.participant === 'initialCaller' && c.onHold),
      isThirdPartyOnHold: legs.some((c) => c.participant === 'thirdParty' && c.onHold),
      calls: this.phoneCalls(legs),
    });
  }

  /** 発信 to the contact's number (normalised as the panel's dial field does). */
  async dial(contact: unknown): Promise<CallResult> {
    const number = this.number(contact);
    const before = new Set(this.calls().map((c) => c.callId));
    const undo = [this.expectations.expect('callStarted', null)];
    await this.send(Constants.ERROR_TYPE.GENERIC_ERROR, () => this.app.commands.run('dial', number), undo);
    const started = await this.until((calls) => calls.find((c) => !before.has(c.callId)), undo, Constants.ERROR_TYPE.GENERIC_ERROR);
    return new CallResult({ call: phoneCall(started, this.hardphone) });
  }

  /** Digits typed on SCV's keypad go to the current call as DTMF. */
  async sendDigits(digits: unknown): Promise<void> {
    if (typeof digits !== 'string' || !/^[0-9*#]{1,32}$/.test(digits))
      throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'digits must be 0-9, * or #');
    const calls = this.calls();
    const current = calls.find((c) => c.participant === 'thirdParty' && !c.onHold) ?? calls.find((c) => !c.onHold && c.state !== 'ringing');
    if (!current) throw new ScvRequestError(Constants.ERROR_TYPE.GENERIC_ERROR, 'no call to send digits to');
    await this.send(Constants.ERROR_TYPE.GENERIC_ERROR, () => this.app.commands.run('dtmf', current.callId, digits), []);
  }

  /**
   * Add a participant: attended (the customer held, the colleague dialled: BIZTEL's 保留 + 発信), or
   * blind (BIZTEL's `#` transfer: the target dialled and the agent's leg dropped at once).
   */
  async addParticipant(contact: unknown, call: unknown, blind: boolean): Promise<ParticipantResult> {
    const type = Constants.ERROR_TYPE.GENERIC_ERROR;
    const number = this.number(contact);
    const customer = this.calls().find((c) => c.participant === 'initialCaller' && (c.callId === callIdOf(call) || callIdOf(call) === null)) ?? this.calls()[0];
    if (!customer || customer.state !== 'connected')
      throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARTICIPANT, 'no connected call to add a participant to');
    if (blind) {
      const undo = [this.expectations.expect('hangup', customer.callId)];
      await this.send(type, () => this.app.commands.run('dtmf', customer.callId, `#${number}`), undo);
      await this.until((calls) => (calls.some((c) => c.callId === customer.callId) ? undefined : true), undo, type);
      return new ParticipantResult({
        initialCallHasEnded: true,
        callInfo: phoneCall(customer, this.hardphone).callInfo,
        phoneNumber: number,
        callId: customer.callId,
      });
    }
    const undo = [this.expectations.expect('participantAdded', null), this.expectations.expect('holdToggle', null)];
    if (!customer.onHold) await this.send(type, () => this.app.commands.run('hold', customer.callId), undo);
    await this.until((calls) => (calls.find((c) => c.callId === customer.callId)?.onHold ? true : undefined), undo, type);
    await this.send(type, () => this.app.commands.run('dial', number), undo);
    const added = await this.until((calls) => calls.find((c) => c.participant === 'thirdParty' && c.parentCallId === customer.callId), undo, type);
    return new ParticipantResult({
      initialCallHasEnded: false,
      callInfo: phoneCall(added, this.hardphone).callInfo,
      phoneNumber: added.phoneNumber,
      callId: added.callId,
    });
  }

  private number(contact: unknown): string {
    const c = (contact ?? {}) as { phoneNumber?: unknown; extension?: unknown };
    const raw = typeof c.phoneNumber === 'string' && c.phoneNumber !== '' ? c.phoneNumber : typeof c.extension === 'string' ? c.extension : '';
    const check = normaliseDialString(raw);
    if (!check.ok) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_DESTINATION, `not a number to dial (${check.reason})`);
    return check.number;
  }
}

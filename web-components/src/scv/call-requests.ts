/**
 * Service Cloud Voice's telephony requests, carried out with the panel's commands: each sends one
 * BIZTEL command (checked by the command table), waits until the softphone's next snapshot shows
 * the outcome, and answers with what SCV expects. Events SCV derives from an answer itself are
 * expected while the request runs (for the legs it acts on), so the snapshot that shows the same
 * change does not announce it twice; whatever was not seen is forgotten when the request ends.
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

/** Which calls an expected event is about: one leg's id, or a test on the event's call. */
export type CallMatch = string | ((call: ScvCall) => boolean);

/** Events the connector must not announce: SCV announces them from a request's answer. */
export interface Expectations {
  expect(type: ScvCallEvent['type'], match: CallMatch): () => void;
}

type Expected = readonly (readonly [ScvCallEvent['type'], CallMatch])[];

const signedIn = (state: PanelState): Snapshot | undefined => (state.phase === 'signedIn' ? state.snapshot : undefined);
const signedOut = (state: PanelState) => (state.phase === 'signedIn' ? null : 'signed out');
const ended = (c: ScvCall): ScvCall => ({ ...c, state: 'ended', onHold: false });
const GENERIC = Constants.ERROR_TYPE.GENERIC_ERROR;

export class CallRequests {
  constructor(
    private readonly app: ConnectorApp,
    private readonly expectations: Expectations,
  ) {}

  private get hardphone(): boolean {
    return signedIn(this.app.store.state)?.agent.hardphone ?? false;
  }

  /** The agent's legs now. */
  calls(): ScvCall[] {
    const snapshot = signedIn(this.app.store.state);
    return snapshot ? scvCalls(snapshot) : [];
  }

  phoneCalls(calls: readonly ScvCall[] = this.calls()) {
    return calls.map((c) => phoneCall(c, this.hardphone));
  }

  private leg(callId: string | null): ScvCall {
    const leg = this.calls().find((c) => c.callId === callId);
    if (!leg) throw new ScvRequestError(GENERIC, `no such call: ${String(callId)}`);
    return leg;
  }

  /** Runs a request with `expected` events held back from the snapshots; forgotten when it ends. */
  private async expecting<T>(expected: Expected, work: () => Promise<T>): Promise<T> {
    const undo = expected.map(([type, match]) => this.expectations.expect(type, match));
    try {
      return await work();
    } finally {
      for (const u of undo) u();
    }
  }

  /** Sends a command; a refusal becomes an SCV error carrying the server's notice. */
  private async send(run: () => Promise<boolean>, type = GENERIC): Promise<void> {
    if (await run()) return;
    const s = this.app.store.state;
    throw new ScvRequestError(type, `refused: ${s.phase === 'signedIn' && s.notice ? s.notice : 'unknown'}`);
  }

  /** Waits until the legs give an answer (`pick`); `null` from `pick` means the request cannot succeed any more. */
  private async until<T>(pick: (calls: ScvCall[]) => T | null | undefined, what: string): Promise<T> {
    let value: T | null;
    try {
      value = await waitForState(this.app.store, (state) => (signedIn(state) ? pick(scvCalls(signedIn(state)!)) : undefined), REQUEST_TIMEOUT_MS, signedOut);
    } catch (error) {
      throw new ScvRequestError(GENERIC, error instanceof Error ? error.message : String(error));
    }
    if (value === null) throw new ScvRequestError(GENERIC, what);
    return value;
  }

  async accept(call: unknown): Promise<CallResult> {
    const leg = this.leg(callIdOf(call));
    return this.expecting([['callConnected', leg.callId]], async () => {
      await this.send(() => this.app.commands.run('answer', leg.callId));
      const answered = await this.until((calls) => {
        const now = calls.find((c) => c.callId === leg.callId);
        return now ? (now.state === 'connected' ? now : undefined) : null;
      }, 'the call ended before it was answered');
      return new CallResult({ call: phoneCall(answered, this.hardphone) });
    });
  }

  async decline(call: unknown): Promise<CallResult> {
    const ended = await this.hangUp([this.leg(callIdOf(call))]);
    return new CallResult({ call: this.phoneCalls(ended)[0]! });
  }

  /**
   * 切断. SCV names a participant (that leg is hung up) or the agent (`Agent`, or no participant):
   * the agent leaves the named call — or the connected customer's — with its consultation; with the
   * consultation answered that completes the transfer (BIZTEL 転送: the customer and the colleague
   * stay connected). Another call (one ringing meanwhile) is never touched.
   */
  async end(call: unknown): Promise<HangupResult> {
    const calls = this.calls();
    const who = participantOf(call);
    const id = callIdOf(call);
    if (who !== 'agent') {
      const named = calls.find((c) => c.callId === id && c.participant === who) ?? calls.find((c) => c.participant === who);
      if (!named) throw new ScvRequestError(GENERIC, `no ${who} to end`);
      return new HangupResult({ calls: this.phoneCalls(await this.hangUp([named])) });
    }
    const customer =
      calls.find((c) => c.callId === id && c.participant === 'initialCaller') ??
      calls.find((c) => c.participant === 'initialCaller' && c.state === 'connected') ??
      calls.find((c) => c.callId === id);
    if (!customer) throw new ScvRequestError(GENERIC, 'no call to end');
    const consultation = calls.find((c) => c.participant === 'thirdParty' && c.parentCallId === customer.callId);
    const legs = consultation ? [customer, consultation] : [customer];
    if (consultation?.state !== 'transferred') return new HangupResult({ calls: this.phoneCalls(await this.hangUp(legs)) });
    const ids = new Set(legs.map((c) => c.callId));
    return this.expecting(
      legs.flatMap((c) => [['hangup', c.callId] as const, ['participantRemoved', c.callId] as const]),
      async () => {
        await this.send(() => this.app.commands.run('transfer', consultation.callId));
        await this.until((now) => (now.some((c) => ids.has(c.callId)) ? undefined : true), 'transfer not completed');
        return new HangupResult({ calls: this.phoneCalls(legs.map(ended)) });
      },
    );
  }

  private hangUp(legs: readonly ScvCall[]): Promise<ScvCall[]> {
    const ids = new Set(legs.map((c) => c.callId));
    return this.expecting(
      legs.flatMap((c) => [['hangup', c.callId] as const, ['participantRemoved', c.callId] as const]),
      async () => {
        for (const leg of legs) await this.send(() => this.app.commands.run('hangup', leg.callId));
        await this.until((now) => (now.some((c) => ids.has(c.callId)) ? undefined : true), 'not hung up');
        return legs.map(ended);
      },
    );
  }

  /** 保留 on the customer, or on the consultation when SCV names the third party. */
  async hold(call: unknown, on: boolean): Promise<HoldToggleResult> {
    const calls = this.calls();
    const who = participantOf(call) === 'thirdParty' ? 'thirdParty' : 'initialCaller';
    const leg = calls.find((c) => c.callId === callIdOf(call) && c.participant === who) ?? calls.find((c) => c.participant === who);
    if (!leg) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARTICIPANT, `no ${who} to ${on ? 'hold' : 'resume'}`);
    return this.expecting([['holdToggle', leg.callId]], async () => {
      await this.send(() => this.app.commands.run(on ? 'hold' : 'unhold', leg.callId));
      const legs = await this.until((now) => {
        const l = now.find((c) => c.callId === leg.callId);
        return l ? (l.onHold === on ? now : undefined) : null;
      }, 'the call ended');
      return this.holdResult(legs);
    });
  }

  private holdResult(legs: readonly ScvCall[]): HoldToggleResult {
    return new HoldToggleResult({
      isCustomerOnHold: legs.some((c) => c.participant === 'initialCaller' && c.onHold),
      isThirdPartyOnHold: legs.some((c) => c.participant === 'thirdParty' && c.onHold),
      calls: this.phoneCalls(legs),
    });
  }

  /** 発信 to the contact's number (normalised as the panel's dial field does): the new outbound call. */
  async dial(contact: unknown): Promise<CallResult> {
    const number = this.number(contact);
    const before = new Set(this.calls().map((c) => c.callId));
    const dialled = (c: ScvCall) => !before.has(c.callId) && c.callType === 'outbound';
    return this.expecting([['callStarted', dialled]], async () => {
      await this.send(() => this.app.commands.run('dial', number));
      const started = await this.until((calls) => calls.find(dialled), 'no call started');
      return new CallResult({ call: phoneCall(started, this.hardphone) });
    });
  }

  /**
   * Digits typed on SCV's keypad go to the current call as DTMF — 0-9 only: on a BIZTEL phone `*`
   * and `#` start a transfer (the customer is held while the target is typed, seed 001 §8), which a
   * keypad tone must not do by accident; SCV's add-participant and blind transfer are the way.
   */
  async sendDigits(digits: unknown): Promise<void> {
    if (typeof digits !== 'string' || !/^[0-9]{1,32}$/.test(digits))
      throw new ScvRequestError(GENERIC, 'digits must be 0-9 (* and # are BIZTEL transfer keys)');
    const calls = this.calls();
    const current = calls.find((c) => c.participant === 'thirdParty' && !c.onHold) ?? calls.find((c) => !c.onHold && c.state !== 'ringing');
    if (!current) throw new ScvRequestError(GENERIC, 'no call to send digits to');
    await this.send(() => this.app.commands.run('dtmf', current.callId, digits));
  }

  /**
   * Add a participant: attended (the customer held, the colleague dialled: BIZTEL's 保留 + 発信 — if
   * the dial fails, a customer held for it is taken off hold again), or blind (BIZTEL's `#` transfer:
   * the target dialled and the agent's leg dropped at once).
   */
  async addParticipant(contact: unknown, call: unknown, blind: boolean): Promise<ParticipantResult> {
    const number = this.number(contact);
    const id = callIdOf(call);
    const customer = this.calls().find((c) => c.participant === 'initialCaller' && (id === null || c.callId === id));
    if (!customer || customer.state !== 'connected')
      throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_PARTICIPANT, 'no connected call to add a participant to');
    if (blind) {
      if (number.length > 31) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_DESTINATION, 'too long for a # transfer');
      return this.expecting(
        [
          ['hangup', customer.callId],
          ['participantRemoved', customer.callId],
        ],
        async () => {
          await this.send(() => this.app.commands.run('dtmf', customer.callId, `#${number}`));
          await this.until((calls) => (calls.some((c) => c.callId === customer.callId) ? undefined : true), 'the transfer did not complete');
          const callInfo = phoneCall(customer, this.hardphone).callInfo;
          return new ParticipantResult({ initialCallHasEnded: true, callInfo, phoneNumber: number, callId: customer.callId });
        },
      );
    }
    const consultationOf = (c: ScvCall) => c.participant === 'thirdParty' && c.parentCallId === customer.callId;
    return this.expecting(
      [
        ['holdToggle', customer.callId],
        ['participantAdded', consultationOf],
      ],
      async () => {
        const heldHere = !customer.onHold;
        try {
          if (heldHere) await this.send(() => this.app.commands.run('hold', customer.callId));
          await this.until((calls) => {
            const c = calls.find((x) => x.callId === customer.callId);
            return c ? (c.onHold ? true : undefined) : null;
          }, 'the call ended');
          await this.send(() => this.app.commands.run('dial', number));
          const added = await this.until((calls) => calls.find(consultationOf), 'the colleague was not dialled');
          const callInfo = phoneCall(added, this.hardphone).callInfo;
          return new ParticipantResult({ initialCallHasEnded: false, callInfo, phoneNumber: added.phoneNumber, callId: added.callId });
        } catch (error) {
          if (heldHere && this.calls().some((c) => c.callId === customer.callId && c.onHold)) await this.app.commands.run('unhold', customer.callId);
          throw error;
        }
      },
    );
  }

  private number(contact: unknown): string {
    const c = (contact ?? {}) as { phoneNumber?: unknown; extension?: unknown };
    const raw = typeof c.phoneNumber === 'string' && c.phoneNumber !== '' ? c.phoneNumber : typeof c.extension === 'string' ? c.extension : '';
    const check = normaliseDialString(raw);
    if (!check.ok) throw new ScvRequestError(Constants.ERROR_TYPE.INVALID_DESTINATION, `not a number to dial (${check.reason})`);
    return check.number;
  }
}

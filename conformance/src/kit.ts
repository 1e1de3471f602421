/**
 * What every check works with: the harness (server side), the panel, the softphone process and the
 * options, plus the steps checks share — sending a raw `device:command` with its deadline and
 * validating the reply, waiting for a `device:state` after a point, getting a talking call, and
 * clearing the line between checks. A step that fails throws an Error whose message is the reason
 * shown in the table.
 */
import { randomUUID } from 'node:crypto';
import { deviceReplySchema, type DeviceReply, type DeviceState } from '@biztel/protocol';
import { sleep, waitFor, type Harness } from './harness.js';
import type { KitOptions } from './options.js';
import type { KitPanel } from './panel.js';
import { Skip, type CheckResult } from './report.js';
import type { SoftphoneProcess } from './softphone-process.js';

type DeviceCall = DeviceState['calls'][number];

/** A command as the kit sends it: any object (unknown types too); `id` and `deadline` are added unless given. */
export type RawCommand = Record<string, unknown> & { type: string };

export class Kit {
  readonly results: CheckResult[] = [];
  /** Replies that did not match the reply schema, with the command type. */
  readonly invalidReplies: string[] = [];

  constructor(
    readonly options: KitOptions,
    readonly harness: Harness,
    readonly panel: KitPanel,
    readonly phone: SoftphoneProcess,
  ) {}

  /** Runs one check: PASS when `body` returns, FAIL with its error's message, SKIP on `Skip`. */
  async check(id: string, title: string, body: () => Promise<void>): Promise<boolean> {
    try {
      await body();
      this.results.push({ id, title, status: 'PASS' });
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.results.push({ id, title, status: error instanceof Skip ? 'SKIP' : 'FAIL', reason });
      return false;
    }
  }

  /** Rows for checks that cannot run at all (the softphone never connected). */
  failAll(rows: readonly (readonly [string, string])[], reason: string): void {
    for (const [id, title] of rows) this.results.push({ id, title, status: 'FAIL', reason });
  }

  /** A fresh softphone command id. */
  newId(): string {
    return `k-${randomUUID()}`;
  }

  /** The deadline of a command sent now (the kit's server clock). */
  deadline(): number {
    return this.harness.now() + this.options.commandTimeoutMs;
  }

  /** Sends a raw `device:command` to the connected softphone and validates its reply. */
  async send(command: RawCommand): Promise<DeviceReply> {
    const connection = this.harness.current;
    if (!connection) throw new Error('the softphone is not connected');
    const full = { id: this.newId(), deadline: this.deadline(), ...command };
    let raw: unknown;
    try {
      raw = await connection.socket.timeout(this.options.timeoutMs).emitWithAck('device:command', full);
    } catch {
      throw new Error(`no reply to ${command.type} within ${this.options.timeoutMs} ms`);
    }
    const r = deviceReplySchema.check(raw, 'reply');
    if (!r.ok) {
      this.invalidReplies.push(`${command.type}: ${r.error} (${JSON.stringify(raw)})`);
      throw new Error(`the reply to ${command.type} is not schema-valid: ${r.error}`);
    }
    return r.value;
  }

  /** Sends a command that must succeed: throws with the refusal otherwise. */
  async ok(command: RawCommand): Promise<void> {
    const reply = await this.send(command);
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.code}${reply.message ? ` (${reply.message})` : ''}`);
  }

  /** Where the state messages stand now: `stateAfter(mark, …)` looks only at later ones. */
  mark(): number {
    return this.harness.allStates().length;
  }

  /** The first valid state after `mark` that satisfies `predicate`. */
  stateAfter(mark: number, predicate: (s: DeviceState) => boolean, what: string): Promise<DeviceState> {
    return waitFor(
      () => {
        const later = this.harness.allStates().slice(mark);
        return later.find((m) => m.state && predicate(m.state))?.state ?? undefined;
      },
      `device:state with ${what}`,
      this.options.timeoutMs,
    );
  }

  /** Whether a state after `mark` satisfies `predicate` while the kit watches for `quietMs`. */
  async appearsWithin(mark: number, predicate: (s: DeviceState) => boolean): Promise<DeviceState | undefined> {
    await sleep(this.options.quietMs);
    return (
      this.harness
        .allStates()
        .slice(mark)
        .find((m) => m.state && predicate(m.state))?.state ?? undefined
    );
  }

  /** The call ids in the newest state. */
  callIds(): Set<string> {
    return new Set((this.harness.lastState?.calls ?? []).map((c) => c.id));
  }

  /** Dials `number` and waits until the far end answered; resolves with the new call. */
  async talkingCall(number = this.options.dialNumber): Promise<DeviceCall> {
    const before = this.callIds();
    const mark = this.mark();
    await this.ok({ type: 'dial', number });
    const state = await this.stateAfter(mark, (s) => s.calls.some((c) => !before.has(c.id) && c.state === 'talking'), `a new call to ${number} talking`);
    return state.calls.find((c) => !before.has(c.id) && c.state === 'talking')!;
  }

  /** Hangs up every call on the line and waits for a state without calls (parked calls stay). */
  async clearCalls(): Promise<void> {
    const calls = this.harness.lastState?.calls ?? [];
    if (calls.length === 0) return;
    const mark = this.mark();
    for (const call of calls) await this.send({ type: 'hangup', callId: call.id });
    await this.stateAfter(mark, (s) => s.calls.length === 0, 'no calls after hanging them all up');
  }

  /** Rings the softphone through `--inbound`; Skip without a hook. */
  async ring(): Promise<void> {
    if (!(await this.phone.ring(this.options.inboundFrom))) throw new Skip('needs --inbound (a way to make a call ring at the softphone)');
  }
}

/** A call of `state` by id, or undefined. */
export function callOf(state: DeviceState, id: string): DeviceCall | undefined {
  return state.calls.find((c) => c.id === id);
}

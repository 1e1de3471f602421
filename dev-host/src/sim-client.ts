/**
 * Typed client of the simulator's control API (`/sim/*`), used by the dev host's controls and
 * usable from integration / e2e tests. Every answer is validated; failures come back as
 * `{ok: false, message}` instead of throwing.
 */
import { array, bool, callSchema, int, nullable, object, optional, parkedCallSchema, str, type Infer } from '@biztel/protocol';

const extension = str({ min: 1, max: 16, pattern: /^[0-9]+$/ });
const time = int({ min: 0, max: 8_640_000_000_000_000 });

export const simStateSchema = object({
  autoAnswerMs: nullable(int({ min: 0, max: 600_000 })),
  /** The simulator clock (it runs ahead of real time after an advance). */
  now: time,
  extensions: array(object({ extension, running: bool(), calls: array(callSchema, { max: 8 }), parked: array(parkedCallSchema, { max: 20 }) }), { max: 1000 }),
  ringGroups: array(object({ extension, name: str({ min: 0, max: 64 }), members: array(extension, { max: 1000 }) }), { max: 100 }),
  parkSlots: nullable(object({ first: int({ min: 0, max: 99_999_999 }), last: int({ min: 0, max: 99_999_999 }) })),
  parkRecallSeconds: int({ min: 0, max: 86_400 }),
});
export type SimState = Infer<typeof simStateSchema>;

/** How an inbound call arrives: through the chatbot IVR with a transcript (`ok`) or an error. */
export const SIM_CHAT_SCENARIOS = ['ok', 'connect', 'wrongNumber', 'fetch', 'server'] as const;
export type SimChatScenario = (typeof SIM_CHAT_SCENARIOS)[number];

export interface InboundOptions {
  /** 業務ラベル shown with the call. */
  readonly businessLabel?: string;
  /** Absent = a normal call. */
  readonly chat?: SimChatScenario;
}

const resultSchema = object({
  ok: bool(),
  code: optional(str({ min: 0, max: 64 })),
  message: optional(str({ min: 0, max: 500 })),
  callId: optional(str({ min: 1, max: 64 })),
  now: optional(time),
});

export type SimResult = { ok: true; callId?: string; now?: number } | { ok: false; message: string };

export class SimClient {
  constructor(
    private readonly base: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  async state(): Promise<SimState | null> {
    try {
      const res = await this.fetcher(`${this.base}/sim/state`, { cache: 'no-store' });
      if (!res.ok) return null;
      const r = simStateSchema.check(await res.json(), 'state');
      return r.ok ? r.value : null;
    } catch {
      return null;
    }
  }

  /** A PSTN caller (`from`; '' = anonymous) rings an extension or a ring group (`to`). */
  inbound(to: string, from: string, options: InboundOptions = {}): Promise<SimResult> {
    const { businessLabel, chat } = options;
    return this.post('/sim/inbound', { to, from, ...(businessLabel ? { businessLabel } : {}), ...(chat ? { chat } : {}) });
  }

  remoteAnswer(callId: string): Promise<SimResult> {
    return this.post('/sim/remote/answer', { callId });
  }

  remoteHangup(callId: string): Promise<SimResult> {
    return this.post('/sim/remote/hangup', { callId });
  }

  /** The customer waiting on park slot `slot` hangs up. */
  hangupParked(slot: string): Promise<SimResult> {
    return this.post('/sim/parked/hangup', { slot });
  }

  /** Moves the simulator clock on by `ms` (1 ms – 1 h), firing what falls due (e.g. park recall). */
  advanceClock(ms: number): Promise<SimResult> {
    return this.post('/sim/clock/advance', { ms });
  }

  /** Ends every call and empties every park slot. */
  reset(): Promise<SimResult> {
    return this.post('/sim/reset', {});
  }

  setSoftphone(extension: string, running: boolean): Promise<SimResult> {
    return this.post('/sim/softphone', { extension, running });
  }

  /** The softphone's network drops (false: no goodbye, no reconnecting) or comes back (true). */
  setSoftphoneNetwork(extension: string, up: boolean): Promise<SimResult> {
    return this.post('/sim/softphone/network', { extension, up });
  }

  setAutoAnswer(autoAnswer: boolean, autoAnswerMs?: number): Promise<SimResult> {
    return this.post('/sim/settings', { autoAnswer, ...(autoAnswerMs === undefined ? {} : { autoAnswerMs }) });
  }

  private async post(path: string, body: object): Promise<SimResult> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      return { ok: false, message: `simulator unreachable: ${String(error)}` };
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      return { ok: false, message: `simulator answered ${res.status} without JSON` };
    }
    const r = resultSchema.check(json, 'reply');
    if (!r.ok) return { ok: false, message: r.error };
    if (!r.value.ok) return { ok: false, message: [r.value.code, r.value.message].filter(Boolean).join(': ') || `HTTP ${res.status}` };
    return {
      ok: true,
      ...(r.value.callId ? { callId: r.value.callId } : {}),
      ...(r.value.now === undefined ? {} : { now: r.value.now }),
    };
  }
}

/**
 * Typed client of the simulator's control API (`/sim/*`), used by the dev host's controls. Every
 * answer is validated; failures come back as `{ok: false, message}` instead of throwing.
 */
import {
  array,
  bool,
  callSchema,
  int,
  nullable,
  object,
  optional,
  str,
  type Infer,
  type Schema,
} from '../../web-components/src/protocol/index.js';

export const simStateSchema = object({
  autoAnswerMs: nullable(int({ min: 0, max: 600_000 })),
  extensions: array(
    object({ extension: str({ min: 1, max: 16 }), running: bool(), calls: array(callSchema, { max: 8 }) }),
    { max: 1000 },
  ),
});
export type SimState = Infer<typeof simStateSchema>;

const resultSchema = object({
  ok: bool(),
  code: optional(str({ min: 0, max: 64 })),
  message: optional(str({ min: 0, max: 500 })),
  callId: optional(str({ min: 1, max: 64 })),
});

export type SimResult = { ok: true; callId?: string } | { ok: false; message: string };

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

  inbound(to: string, from: string, businessLabel?: string): Promise<SimResult> {
    return this.post('/sim/inbound', { to, from, ...(businessLabel ? { businessLabel } : {}) });
  }

  remoteAnswer(callId: string): Promise<SimResult> {
    return this.post('/sim/remote/answer', { callId });
  }

  remoteHangup(callId: string): Promise<SimResult> {
    return this.post('/sim/remote/hangup', { callId });
  }

  setSoftphone(extension: string, running: boolean): Promise<SimResult> {
    return this.post('/sim/softphone', { extension, running });
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
    const r = (resultSchema as Schema<Infer<typeof resultSchema>>).check(json, 'reply');
    if (!r.ok) return { ok: false, message: r.error };
    if (!r.value.ok) return { ok: false, message: [r.value.code, r.value.message].filter(Boolean).join(': ') || `HTTP ${res.status}` };
    return r.value.callId ? { ok: true, callId: r.value.callId } : { ok: true };
  }
}

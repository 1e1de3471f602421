/**
 * The simulator's control API (JSON over HTTP) behind the dev host's simulator controls and the
 * e2e tests: place inbound calls (also to ring groups, also through the chatbot IVR), answer or
 * hang up as the remote party, hang up a parked customer, start/stop an agent's softphone or
 * drop/restore its network (the reconnect grace),
 * auto-answer settings, advance the simulator clock (park recall), reset.
 *
 * Only its own page drives it (a cross-site request → 403 `FORBIDDEN_ORIGIN`), reached by an
 * address, not a name a page could rebind (DNS rebinding → 403 `FORBIDDEN_HOST`). Every body is
 * validated: bad input → 400 `{ok:false, code:'INVALID_PAYLOAD', message}`;
 * a refusal by the PBX → 409 `{ok:false, code, message?}`; an unknown route → 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { bool, int, object, oneOf, optional, str, type Schema } from '@biztel/protocol';
import { CHAT_SCENARIOS, chatFor } from './chat-transcript.js';
import type { ControllableClock } from './clock.js';
import type { Pbx } from './pbx.js';

const MAX_BODY = 8 * 1024;
/** The furthest one request may move the clock: one hour. */
export const MAX_ADVANCE_MS = 3_600_000;

/** What the control API drives (the `Simulator`, or a lighter stand-in in tests). */
export interface SimulatorControl {
  readonly pbx: Pbx;
  readonly clock: ControllableClock;
  /** Starts/stops the extension's softphone; false when there is no such device. */
  setSoftphoneRunning(extension: string, running: boolean): Promise<boolean>;
  /** Drops (false) or restores (true) the running softphone's network; false when none runs. */
  setSoftphoneNetwork(extension: string, up: boolean): boolean;
}

const inboundSchema = object({
  to: str({ min: 1, max: 16, pattern: /^[0-9]+$/ }),
  from: str({ min: 0, max: 32, pattern: /^(\+?[0-9*#]*|anonymous|Anonymous)$/ }),
  businessLabel: optional(str({ min: 1, max: 64 })),
  /** The call came through the chatbot IVR: `ok` carries a transcript, the others an error. */
  chat: optional(oneOf(CHAT_SCENARIOS)),
});
const callRefSchema = object({ callId: str({ min: 1, max: 64 }) });
const slotSchema = object({ slot: str({ min: 1, max: 8, pattern: /^[0-9]+$/ }) });
const softphoneSchema = object({ extension: str({ min: 1, max: 16 }), running: bool() });
const networkSchema = object({ extension: str({ min: 1, max: 16 }), up: bool() });
const settingsSchema = object({ autoAnswerMs: optional(int({ min: 0, max: 600_000 })), autoAnswer: bool() });
const advanceSchema = object({ ms: int({ min: 1, max: MAX_ADVANCE_MS }) });

/**
 * Handles `/sim/*`; returns false for other paths. `trustedHostnames`: names besides `localhost`
 * and IP addresses the request may be sent to — the SCV dev host's Salesforce name, on the https
 * listener that answers to it only (its real DNS is Salesforce's: no page can rebind it).
 */
export async function handleControlRequest(
  sim: SimulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
  trustedHostnames: readonly string[] = [],
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/sim/')) return false;
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  // Only the dev host's own page (or a tool that sends no Origin, like curl) may drive the
  // simulator: a cross-site page could otherwise POST `text/plain` forms at it.
  if (req.method !== 'GET' && !sameOrigin(req))
    return send(res, 403, { ok: false, code: 'FORBIDDEN_ORIGIN', message: 'the simulator takes requests from its own page only' });
  if (req.method !== 'GET' && !addressedHost(req.headers.host, trustedHostnames))
    return send(res, 403, { ok: false, code: 'FORBIDDEN_HOST', message: 'open the dev host at localhost or an IP address to drive the simulator' });
  const { pbx } = sim;
  try {
    switch (route) {
      case 'GET /sim/state':
        return send(res, 200, {
          autoAnswerMs: pbx.autoAnswerMs,
          now: pbx.now(),
          extensions: pbx.view(),
          ringGroups: pbx.ringGroups.map((g) => ({ extension: g.extension, name: g.name, members: [...g.members] })),
          parkSlots: pbx.parkSlots ? { first: pbx.parkSlots.first, last: pbx.parkSlots.last } : null,
          parkRecallSeconds: pbx.parkRecallSeconds,
        });
      case 'POST /sim/inbound': {
        const body = await readJson(req, inboundSchema);
        const chat = body.chat ? chatFor(body.chat, pbx.now()) : undefined;
        return refusalOr(res, pbx.inbound(body.to, body.from, body.businessLabel, chat));
      }
      case 'POST /sim/remote/answer':
        return refusalOr(res, pbx.remoteAnswer((await readJson(req, callRefSchema)).callId));
      case 'POST /sim/remote/hangup':
        return refusalOr(res, pbx.remoteHangup((await readJson(req, callRefSchema)).callId));
      case 'POST /sim/parked/hangup':
        return refusalOr(res, pbx.remoteHangupParked((await readJson(req, slotSchema)).slot));
      case 'POST /sim/softphone': {
        const body = await readJson(req, softphoneSchema);
        const known = await sim.setSoftphoneRunning(body.extension, body.running);
        return send(res, known ? 200 : 404, known ? { ok: true } : { ok: false, code: 'NO_SUCH_EXTENSION', message: `no softphone ${body.extension}` });
      }
      case 'POST /sim/softphone/network': {
        const body = await readJson(req, networkSchema);
        const known = sim.setSoftphoneNetwork(body.extension, body.up);
        return send(res, known ? 200 : 404, known ? { ok: true } : { ok: false, code: 'NO_SUCH_EXTENSION', message: `no running softphone ${body.extension}` });
      }
      case 'POST /sim/settings': {
        const body = await readJson(req, settingsSchema);
        pbx.autoAnswerMs = body.autoAnswer ? (body.autoAnswerMs ?? 3000) : null;
        return send(res, 200, { ok: true, autoAnswerMs: pbx.autoAnswerMs });
      }
      case 'POST /sim/clock/advance': {
        const body = await readJson(req, advanceSchema);
        sim.clock.advance(body.ms);
        return send(res, 200, { ok: true, now: sim.clock.now() });
      }
      case 'POST /sim/reset':
        req.resume(); // any body is ignored
        pbx.reset();
        return send(res, 200, { ok: true });
      default:
        return send(res, 404, { ok: false, code: 'NOT_FOUND', message: route });
    }
  } catch (error) {
    if (error instanceof BadRequest) return send(res, 400, { ok: false, code: 'INVALID_PAYLOAD', message: error.message });
    throw error;
  }
}

function refusalOr(res: ServerResponse, reply: { ok: boolean }): true {
  return send(res, reply.ok ? 200 : 409, reply);
}

class BadRequest extends Error {}

async function readJson<T>(req: IncomingMessage, schema: Schema<T>): Promise<T> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest(`body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest('body is not JSON');
  }
  const r = schema.check(json, 'body');
  if (!r.ok) throw new BadRequest(r.error);
  return r.value;
}

/** No Origin (a tool, not a browser), or the Origin of the host the request was sent to. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers['sec-fetch-site'] === undefined || req.headers['sec-fetch-site'] === 'same-origin';
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * The request was sent to `localhost` or an IP address. A page on evil.example whose name it
 * rebinds to 127.0.0.1 is "same-origin" with itself; its Host is still evil.example.
 */
function addressedHost(host: string | undefined, trusted: readonly string[]): boolean {
  if (host === undefined) return true; // HTTP/1.0 tools
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return bare === 'localhost' || bare.endsWith('.localhost') || isIP(bare) !== 0 || trusted.includes(bare);
}

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

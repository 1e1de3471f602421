/**
 * The simulator's control API (JSON over HTTP) behind the dev host's simulator controls: place
 * inbound calls, answer or hang up as the remote party, start/stop an agent's softphone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bool, int, object, optional, str, type Schema } from '../../../web-components/src/protocol/index.js';
import type { Simulator } from './simulator.js';

const MAX_BODY = 8 * 1024;

const inboundSchema = object({
  to: str({ min: 1, max: 16, pattern: /^[0-9]+$/ }),
  from: str({ min: 0, max: 32, pattern: /^(\+?[0-9*#]*|anonymous|Anonymous)$/ }),
  businessLabel: optional(str({ min: 1, max: 64 })),
});
const callRefSchema = object({ callId: str({ min: 1, max: 64 }) });
const softphoneSchema = object({ extension: str({ min: 1, max: 16 }), running: bool() });
const settingsSchema = object({ autoAnswerMs: optional(int({ min: 0, max: 600_000 })), autoAnswer: bool() });

/** Handles `/sim/*`; returns false for other paths. */
export async function handleControlRequest(sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/sim/')) return false;
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  try {
    switch (route) {
      case 'GET /sim/state':
        return send(res, 200, { autoAnswerMs: sim.pbx.autoAnswerMs, extensions: sim.pbx.view() });
      case 'POST /sim/inbound': {
        const body = await readJson(req, inboundSchema);
        const r = sim.pbx.inbound(body.to, body.from === '' ? 'anonymous' : body.from, body.businessLabel);
        return send(res, r.ok ? 200 : 409, r);
      }
      case 'POST /sim/remote/answer': {
        const r = sim.pbx.remoteAnswer((await readJson(req, callRefSchema)).callId);
        return send(res, r.ok ? 200 : 409, r);
      }
      case 'POST /sim/remote/hangup': {
        const r = sim.pbx.remoteHangup((await readJson(req, callRefSchema)).callId);
        return send(res, r.ok ? 200 : 409, r);
      }
      case 'POST /sim/softphone': {
        const body = await readJson(req, softphoneSchema);
        const known = await sim.setSoftphoneRunning(body.extension, body.running);
        return send(res, known ? 200 : 404, known ? { ok: true } : { ok: false, code: 'NO_SUCH_EXTENSION' });
      }
      case 'POST /sim/settings': {
        const body = await readJson(req, settingsSchema);
        sim.pbx.autoAnswerMs = body.autoAnswer ? (body.autoAnswerMs ?? 3000) : null;
        return send(res, 200, { ok: true, autoAnswerMs: sim.pbx.autoAnswerMs });
      }
      default:
        return send(res, 404, { ok: false, code: 'NOT_FOUND', message: route });
    }
  } catch (error) {
    if (error instanceof BadRequest) return send(res, 400, { ok: false, code: 'INVALID_PAYLOAD', message: error.message });
    throw error;
  }
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

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * Health endpoints on the event server's HTTP server, for a load balancer or an orchestrator:
 * `GET /healthz` — the process runs: 200 `{"status":"ok"}`;
 * `GET /readyz` — 200 `{"status":"ready"}` while it accepts connections, otherwise 503 with the
 * reason (`{"status":"shutting-down"}` once a graceful shutdown started, `starting` before it listens,
 * `unavailable` while the shared state in Redis cannot be reached).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';

/** Answers the health endpoints; returns false (response untouched) for any other request. */
export function handleHealthRequest(req: IncomingMessage, res: ServerResponse, readiness: () => string): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== HEALTH_PATH && path !== READY_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  const status = path === HEALTH_PATH ? 'ok' : readiness();
  const text = JSON.stringify({ status });
  const code = status === 'ok' || status === 'ready' ? 200 : 503;
  res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(req.method === 'HEAD' ? undefined : text);
  return true;
}

/**
 * One event-server node: the event server on its own HTTP server with the health endpoints, in
 * memory or (with `redisUrl`) sharing state and relaying through Redis with the other nodes.
 * Used by `npm start` (./local-system.ts), by the production entry (./event-server-main.ts), the
 * two-node tests and the load benchmark.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventServer, type EventServer, type EventServerOptions } from './event-server.js';
import { handleHealthRequest } from './health.js';
import { connectRedisCluster, type RedisCluster } from './state/redis-cluster.js';

export interface EventNodeOptions extends Omit<EventServerOptions, 'cluster'> {
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Scale-out: every node of the deployment points at the same Redis. */
  readonly redisUrl?: string;
  /** Keys and channels in Redis start with it (default `biztel`); nodes of one deployment share it. */
  readonly redisPrefix?: string;
  /** With `redisUrl`: how often Redis is sent a PING (default 1 s; ./state/redis-probe.ts). */
  readonly redisProbeMs?: number;
  /** With `redisUrl`: a PING unanswered this long makes `/readyz` say unavailable (default 3 s). */
  readonly redisProbeTimeoutMs?: number;
  /** With `redisUrl`: a state command unanswered this long fails (default 3 s). */
  readonly redisCommandTimeoutMs?: number;
}

export interface EventNode {
  readonly url: string;
  readonly port: number;
  readonly eventServer: EventServer;
  /** Graceful: `/readyz` 503 for `drainMs`, panels told to reconnect, connections closed. */
  stop(drainMs?: number): Promise<void>;
}

export async function startEventNode(options: EventNodeOptions): Promise<EventNode> {
  const { host, port, redisUrl, redisPrefix, redisProbeMs, redisProbeTimeoutMs, redisCommandTimeoutMs, ...serverOptions } = options;
  const cluster: RedisCluster | undefined = redisUrl
    ? await connectRedisCluster(redisUrl, options.logger, {
        prefix: redisPrefix,
        probeMs: redisProbeMs,
        probeTimeoutMs: redisProbeTimeoutMs,
        commandTimeoutMs: redisCommandTimeoutMs,
      })
    : undefined;
  const eventServer = createEventServer({ ...serverOptions, ...(cluster ? { cluster } : {}) });
  // socket.io answers /socket.io/ first; this handler sees every other request.
  const http = createServer((req, res) => {
    if (!handleHealthRequest(req, res, () => eventServer.readiness)) res.writeHead(404).end();
  });
  eventServer.attach(http);
  let bound: number;
  try {
    bound = await listen(http, host, port);
  } catch (error) {
    await eventServer.close();
    await cluster?.close();
    throw error;
  }
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${bound}`,
    port: bound,
    eventServer,
    async stop(drainMs = 0) {
      eventServer.stopAccepting();
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      await eventServer.close();
      await closeHttp(http);
      await cluster?.close();
    },
  };
}

export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The socket.io server itself, before any namespace: CORS and the Origin rule every HTTP request
 * meets (polling and WebSocket alike), the message size limit, and the adapter that relays
 * between nodes when there are several.
 */
import { Server, type ServerOptions } from 'socket.io';
import type { ServerLogger } from '../logger.js';

export interface IoServerOptions {
  readonly originAllowed: (origin: string | undefined) => boolean;
  readonly logger: ServerLogger;
  /** With several nodes: the adapter that relays rooms and broadcasts between them. */
  readonly adapter?: ServerOptions['adapter'] | undefined;
}

export function createIoServer({ originAllowed, logger, adapter }: IoServerOptions): Server {
  return new Server({
    cors: { origin: (origin, callback) => callback(null, originAllowed(origin)), credentials: false },
    // Browsers always send Origin: a forged or foreign one is refused before any handshake
    // (polling and WebSocket). No Origin: a native client, which `/panel` refuses (./auth.ts).
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined || originAllowed(origin)) return callback(null, true);
      logger.warn(
        { event: 'http.originRefused', origin: origin.slice(0, 200), remote: req.socket.remoteAddress, upgrade: req.headers.upgrade !== undefined },
        'connection refused: origin not allowed',
      );
      callback('origin not allowed', false);
    },
    /** Larger messages close the sender's connection (WebSocket 1009, polling 413); others are unaffected. */
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    ...(adapter ? { adapter } : {}),
  });
}

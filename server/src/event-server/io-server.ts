/**
 * The socket.io server itself, before any namespace: CORS for browsers, the message size limit,
 * and the adapter that relays between nodes when there are several. Origins are checked per
 * namespace, not here: `/panel` (browsers) needs an allowed Origin (./auth.ts); `/softphone` is
 * authenticated and takes native clients whatever Origin they send (Python's websocket client
 * always sends one).
 */
import { Server, type ServerOptions } from 'socket.io';

export interface IoServerOptions {
  readonly originAllowed: (origin: string | undefined) => boolean;
  /** With several nodes: the adapter that relays rooms and broadcasts between them. */
  readonly adapter?: ServerOptions['adapter'] | undefined;
}

/** The largest message (bytes) a client may send; told to softphones in their hello. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export function createIoServer({ originAllowed, adapter }: IoServerOptions): Server {
  return new Server({
    cors: { origin: (origin, callback) => callback(null, originAllowed(origin)), credentials: false },
    /** Larger messages close the sender's connection (WebSocket 1009, polling 413); others are unaffected. */
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    serveClient: false,
    ...(adapter ? { adapter } : {}),
  });
}

/**
 * How a connection far past its flood budget is let go (issue 14 §6): reading from it stops at
 * once — its sender is held back by TCP back-pressure, and nothing it already sent is parsed — and
 * it is closed `holdMs` later, cut without reading what it sent meanwhile. A flooder that reconnects as soon as it is let go thus gets one
 * budget per hold, not one per round trip.
 */

/** The part of an engine.io connection this needs: its transport (a WebSocket one has `socket`, the ws). */
export interface HeldConnection {
  readonly transport?: unknown;
  once(event: 'close', listener: () => void): unknown;
}

interface Pausable {
  pause(): void;
  terminate(): void;
}

/** The transport's WebSocket when it can stop reading (not when polling). */
function pausable(transport: unknown): Pausable | undefined {
  const ws = (transport as { socket?: { pause?: unknown; terminate?: unknown } } | undefined)?.socket;
  return ws && typeof ws.pause === 'function' && typeof ws.terminate === 'function' ? (ws as Pausable) : undefined;
}

/** Stops reading from `conn` and calls `close` after `holdMs` (at once when 0, or when it cannot be paused). */
export function letGo(conn: HeldConnection, holdMs: number, close: () => void): void {
  const ws = pausable(conn.transport);
  if (holdMs <= 0 || !ws) return close();
  ws.pause();
  // Then the TCP connection is cut: what the flooder sent meanwhile (megabytes in the socket
  // buffers) is never read; a closing handshake would have to read it all first.
  const timer = setTimeout(() => {
    close();
    ws.terminate();
  }, holdMs);
  timer.unref();
  conn.once('close', () => clearTimeout(timer));
}

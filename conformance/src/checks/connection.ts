/**
 * Checks of the connection's life: after a network drop (the kit closes the transport, no goodbye)
 * and after `server:bye {reason:'shutdown'}` the softphone reconnects by itself within the line's
 * grace and reports its calls again; after `server:bye {reason:'replaced'}` (the kit connects a
 * second softphone with the same account, and the server lets the first go) it stays away.
 */
import { io } from 'socket.io-client';
import { NAMESPACE, PROTOCOL_VERSION } from '@biztel/protocol';
import { sleep, waitFor, type Connection } from '../harness.js';
import { callOf, type Kit } from '../kit.js';

/** Waits (up to `withinMs`) for a connection after `previous` whose first valid state arrived. */
async function reconnected(kit: Kit, previous: Connection, withinMs: number): Promise<Connection> {
  const { harness } = kit;
  const at = harness.connections.indexOf(previous);
  return waitFor(
    () => harness.connections.slice(at + 1).find((c) => c.states.some((m) => m.state !== null)),
    'reconnection that reported its state (within the grace)',
    withinMs,
  );
}

export async function checkConnection(kit: Kit): Promise<void> {
  const { harness, options } = kit;

  await kit.check('reconnect.drop', 'after a network drop it reconnects within the grace and re-reports its calls', async () => {
    await kit.clearCalls();
    const call = await kit.talkingCall();
    const before = harness.current!;
    harness.dropTransport(before);
    const after = await reconnected(kit, before, options.graceMs);
    const state = after.states.find((m) => m.state)!.state!;
    if (!callOf(state, call.id)) throw new Error(`its first state after reconnecting does not list call ${call.id}`);
    await kit.panel.until((s) => s.softphone.state === 'running' && s.calls.some((c) => c.id === call.id), 'snapshot with the softphone running and the call');
  });

  await kit.check('reconnect.shutdown', "after server:bye {reason:'shutdown'} it reconnects", async () => {
    const before = await waitFor(() => harness.current, 'connected softphone', options.timeoutMs);
    const reconnectAfterMs = 500;
    before.socket.emit('server:bye', { reason: 'shutdown', reconnectAfterMs });
    harness.dropTransport(before);
    await reconnected(kit, before, options.graceMs + reconnectAfterMs);
  });
  await kit.clearCalls().catch(() => undefined);

  await kit.check('bye.replaced', "after server:bye {reason:'replaced'} it does not reconnect", async () => {
    const before = await waitFor(() => harness.current, 'connected softphone', options.timeoutMs);
    const seen = harness.handshakes.length;
    const impostor = io(`${harness.url}${NAMESPACE.softphone}`, {
      auth: { protocol: PROTOCOL_VERSION, account: options.account, password: options.password, extension: options.extension },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    try {
      await waitFor(() => impostor.connected && impostor.io.engine?.id, "the kit's second softphone connected", options.timeoutMs);
      await waitFor(() => before.closedBecause !== null, 'the replaced softphone disconnected', options.timeoutMs);
      const engineId = impostor.io.engine.id;
      await sleep(Math.max(options.quietMs, 1000));
      const again = harness.handshakes.slice(seen).filter((h) => h.engineId !== engineId);
      if (again.length > 0) throw new Error(`it tried to connect again ${again.length} time(s) after being replaced`);
    } finally {
      impostor.disconnect();
    }
  });
}

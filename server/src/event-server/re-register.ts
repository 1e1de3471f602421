/**
 * After the shared state was lost (Redis restarted empty or was flushed; ../node-registry.ts
 * notices it with its heartbeat), this node registers again what it holds:
 * - each softphone connected to it takes its line again — the device record and the calls and
 *   parked calls it last reported (kept on its connection), so calls reach the line's panels at
 *   once and the softphone never has to reconnect. A line another softphone took meanwhile is
 *   left to it (the same rules as a softphone connecting: ./line-store.ts).
 * - each panel connected to it whose session no longer exists is disconnected: it reconnects, its
 *   resume token is refused (SESSION_EXPIRED) and the agent signs in again. Sessions are not rebuilt
 *   from the node's memory: the agent's status, seat and tokens were only in the shared state, and
 *   a session signed out just before the loss must not come back.
 * Running it when nothing was lost changes nothing (a line still held, a session still current).
 */
import type { PanelData, PanelNamespace, ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';
import { softphoneHolds } from './line-store.js';
import { setCalls } from './screen-transfer.js';

export interface ReRegistration {
  /** Registers this node's softphones and checks its panels' sessions (again, if one is under way). */
  run(): void;
  close(): void;
}

/** After a failed attempt (the state still unreachable), the next one comes this much later. */
const RETRY_MS = 1000;

export function reRegistration(ctx: ServerContext, softphones: SoftphoneNamespace, panels: PanelNamespace): ReRegistration {
  const { lines, logger, now } = ctx;
  let running = false;
  let again = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  /** Takes the line again for one softphone connection; answers what became of it. */
  async function softphone(socket: NonNullable<ReturnType<SoftphoneNamespace['sockets']['get']>>): Promise<'taken' | 'kept' | 'inUse' | 'replaced'> {
    const { tenant, extension, account, lastState } = socket.data as SoftphoneData;
    // Another connection on the line: a newer softphone (live: it keeps the line), or a stale record
    // of a connection gone (a state restored from an older copy: overwritten).
    const recorded = (await lines.read(tenant.id, extension)).device;
    const stale = recorded !== null && recorded !== socket.id && (await softphones.in(recorded).fetchSockets()).length === 0 ? recorded : null;
    let outcome = 'kept' as 'taken' | 'kept' | 'inUse' | 'replaced';
    await lines.update(tenant.id, extension, (l) => {
      const device = l.device === stale ? null : l.device;
      const holder = device === null && l.device === null ? softphoneHolds(l, now(), ctx.softphoneGraceMs) : null;
      outcome = device === socket.id ? 'kept' : device !== null ? 'replaced' : holder && holder.account !== account ? 'inUse' : 'taken';
      if (outcome !== 'taken') return 'none';
      l.device = socket.id;
      l.deviceNode = lines.nodeId;
      l.softphone = { account, lostAt: null, reported: lastState !== undefined };
      // Screens offered before the loss are gone with it: a transferred call goes on without one.
      setCalls(l, lastState?.calls ?? [], now());
      l.parked = lastState?.parked ?? [];
      return 'changed';
    });
    if (outcome === 'inUse') socket.emit('server:bye', { reason: 'inUse', message: `extension ${extension} is held by another account's softphone` });
    if (outcome === 'replaced') socket.emit('server:bye', { reason: 'replaced', message: 'the same account connected another softphone for this extension' });
    if (outcome === 'inUse' || outcome === 'replaced') socket.disconnect(true);
    return outcome;
  }

  async function once(): Promise<void> {
    let taken = 0;
    for (const socket of [...softphones.sockets.values()]) {
      if (socket.connected && (await softphone(socket)) === 'taken') taken += 1;
    }
    let letGo = 0;
    for (const socket of [...panels.sockets.values()]) {
      const data = socket.data as PanelData;
      const session = data.session;
      if (!session || (await ctx.sessions.isCurrent(session)) || data.session !== session) continue;
      // Gone with the state: the panel reconnects, hears SESSION_EXPIRED on resume, signs in again.
      delete data.session;
      socket.disconnect(true);
      letGo += 1;
    }
    logger.warn(
      { event: 'state.reRegistered', softphones: taken, panels: letGo },
      'shared state was lost: softphones registered again, panels asked to sign in again',
    );
  }

  function run(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    clearTimeout(retry);
    void ctx.track(once()).then(
      () => {
        running = false;
        if (again) run();
      },
      (error: unknown) => {
        running = false;
        logger.error({ event: 'state.reRegisterFailed', error: String(error) }, 'registering again after a state loss failed; retrying');
        if (closed) return;
        retry = setTimeout(run, RETRY_MS);
        retry.unref();
      },
    );
  }

  return {
    run,
    close() {
      closed = true;
      clearTimeout(retry);
    },
  };
}

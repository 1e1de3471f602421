/**
 * The `/panel` namespace: the agents' panels (browsers). Its handshake checks the Origin
 * (./auth.ts); each connection is greeted with `server:hello`, gets its session requests
 * (./panel-session.ts), the agent's commands (status, what they view), the call commands of
 * ./call-commands.ts relayed to the line's softphone, and `server:ping`.
 */
import { PANEL_PROTOCOL_VERSION, callerIdRequestSchema, setStatusRequestSchema, viewingRequestSchema } from '@biztel/protocol';
import { callerIdsFor, offeredNumber } from '../config/directory.js';
import { admitRequests, answerRequests } from './acks.js';
import { panelOriginCheck, type CheckSignIn } from './auth.js';
import { CALL_EVENT_PLANS, type CallEvent } from './call-commands.js';
import type { PanelNamespace, PanelSocket, ServerContext } from './context.js';
import { invalid, panelCommands, type RegisterCommand } from './panel-commands.js';
import { PanelSession, actsFor, serveSessionRequests } from './panel-session.js';
import { serveDirectory } from './directory.js';
import { softphoneStatus } from './snapshot.js';
import type { Relay } from './softphone-namespace.js';

export interface PanelNamespaceOptions {
  readonly originAllowed: (origin: string | undefined) => boolean;
  readonly checkSignIn: CheckSignIn;
  /** Sends call commands to the line's softphone (./softphone-namespace.ts). */
  readonly relay: Relay;
}

export function servePanels(ctx: ServerContext, panels: PanelNamespace, { originAllowed, checkSignIn, relay }: PanelNamespaceOptions): void {
  const { directory, logger } = ctx;
  panels.use(panelOriginCheck(originAllowed, ctx.logger));

  panels.on('connection', (socket: PanelSocket) => {
    admitRequests(socket, { ...ctx.floods, logger, address: ctx.addressOf(socket.handshake) });
    socket.emit('server:hello', { protocol: PANEL_PROTOCOL_VERSION, statuses: [...directory.defaultStatuses] });
    const session = new PanelSession(ctx, panels, socket);
    const command = panelCommands(ctx, socket, () => session.current());

    serveSessionRequests(ctx, socket, session, command, checkSignIn);
    serveDirectory(ctx, socket, session);
    serveAgentCommands(ctx, socket, command);
    for (const event of Object.keys(CALL_EVENT_PLANS) as CallEvent[]) {
      const { request } = CALL_EVENT_PLANS[event];
      command(
        event,
        request,
        async (s, plan, line, commandKey) => {
          const l = await line();
          // Another account's softphone's calls, or stale ones, are not to plan with.
          const softphone = softphoneStatus(l, s.account, ctx.now(), ctx.softphoneGraceMs).state;
          if (softphone === 'mismatch') return { ok: false, code: 'SOFTPHONE_MISMATCH' };
          if (softphone === 'reconnecting') return { ok: false, code: 'SOFTPHONE_RECONNECTING' };
          const planned = plan(l, { tenant: ctx.tenantOf(s.tenantId), account: s.account });
          return 'ok' in planned ? planned : relay(l, s.account, planned, commandKey);
        },
        { readsLine: true },
      );
    }

    // Signed in or not (diagnostics: the round trip); nothing in it can fail.
    const pong = () => ({ ok: true }) as const;
    answerRequests(socket, 'server:ping', pong, pong);

    socket.on('disconnect', () => {
      ctx
        .track(session.disconnected())
        .catch((error: unknown) => logger.error({ event: 'panel.disconnectError', error: String(error) }, 'panel clean-up failed'));
    });
  });
}

/**
 * The agent's own commands: their status, their caller ID, and (screen transfer) the record they view. Only the
 * session that signed in on the line acts for its agent (`actsFor`): a panel whose line was taken
 * over, or whose session a password sign-in replaced, changes nothing.
 */
function serveAgentCommands(ctx: ServerContext, socket: PanelSocket, command: RegisterCommand): void {
  const { lines } = ctx;
  command('agent:setStatus', setStatusRequestSchema, async (session, { statusId }) => {
    if (!ctx.tenantOf(session.tenantId).statuses.some((s) => s.id === statusId)) return invalid(`unknown status ${statusId}`);
    let mine = false;
    await lines.update(session.tenantId, session.extension, (l) => {
      mine = l.agent !== null && actsFor(l, session);
      if (!l.agent || !mine) return 'none';
      l.agent = { ...l.agent, statusId };
      return 'changed';
    });
    return mine ? { ok: true } : { ok: false, code: 'NOT_SIGNED_IN', message: 'not the agent signed in on this extension' };
  });

  /**
   * The caller ID the agent chose (通知番号選択欄), kept with the session: every panel of the line
   * gets it in the next snapshot. Only one the account may use; null is 指定なし.
   */
  command('agent:setCallerId', callerIdRequestSchema, async (session, { callerId }) => {
    const offered = callerIdsFor(ctx.tenantOf(session.tenantId), session.account);
    if (callerId && offeredNumber(offered, callerId) === undefined)
      return { ok: false, code: 'NOT_ALLOWED', message: 'caller ID not allowed for this account' };
    let mine = false;
    await lines.update(session.tenantId, session.extension, (l) => {
      mine = l.agent !== null && actsFor(l, session);
      if (!l.agent || !mine) return 'none';
      const { callerId: before, ...agent } = l.agent;
      if (JSON.stringify(before ?? null) === JSON.stringify(callerId)) return 'none';
      l.agent = callerId ? { ...agent, callerId: { ...callerId } } : agent;
      return 'changed';
    });
    return mine ? { ok: true } : { ok: false, code: 'NOT_ALLOWED', message: 'another agent is signed in on this extension' };
  });

  /** Screen transfer: what the agent views now; nothing is pushed (it travels with a transfer). */
  command('agent:viewing', viewingRequestSchema, async (session, { screen }) => {
    let allowed = true;
    await lines.update(session.tenantId, session.extension, (l) => {
      allowed = actsFor(l, session);
      if (!allowed) return 'none';
      l.viewing = screen ? { screen, account: session.account, socketId: socket.id } : null;
      return 'quiet';
    });
    return allowed ? { ok: true } : { ok: false, code: 'NOT_ALLOWED', message: 'another agent is signed in on this extension' };
  });
}

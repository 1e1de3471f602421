/**
 * The `/softphone` namespace: each extension's running softphone (docs/protocol.md). Its handshake
 * signs it in (./auth.ts); on connection it takes the line (unless another account's softphone
 * holds it: `server:bye` `inUse`), gets `server:hello`, and lets an older softphone of the same
 * account go (`server:bye` `replaced`). Its `device:state` messages become the line's calls; a drop
 * starts the reconnect grace, a goodbye (or the grace running out) leaves the line without one.
 * `relay` sends panel commands to it, wherever it is connected, with their deadline.
 */
import { createHash, randomUUID } from 'node:crypto';
import { deviceReplySchema, deviceStateSchema, type Command, type DeviceLimits, type Reply, type TransferredScreen } from '@biztel/protocol';
import { SERVER_VERSION } from '../version.js';
import { checkDeadline, deadlineLeftMs, noteActed } from '../state/command-deadline.js';
import { askSoftphone } from './acks.js';
import { softphoneHandshake, type CheckSignIn } from './auth.js';
import { withId, type DeviceCommand } from './call-commands.js';
import type { ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';
import { LatestState } from './latest-state.js';
import { letGo } from './tarpit.js';
import type { Line } from './line-store.js';
import { offerScreen, screenFrom, setCalls, transfersStarted } from './screen-transfer.js';
import { refusalFor, softphoneStatus } from './snapshot.js';

/** Sends a command of `account`'s panel to the line's softphone; answers its reply (or why there is none). */
export type Relay = (l: Line, account: string, command: DeviceCommand, commandKey: string | undefined) => Promise<Reply>;

export interface SoftphoneOptions {
  readonly checkSignIn: CheckSignIn;
  /** The panels' allowed origins: a softphone connecting from a browser must come from one. */
  readonly originAllowed: (origin: string | undefined) => boolean;
  /** How long a softphone has to answer a command: its deadline is this long after sending. */
  readonly commandTimeoutMs: number;
  /** How long an answer after the deadline is still listened for (to learn the outcome). */
  readonly lateAnswerMs: number;
  /** How long a retried panel command gets its first answer (a softphone keeps its ids as long). */
  readonly commandIdRetentionMs: number;
  readonly maxMessageBytes: number;
}

export interface Softphones {
  readonly relay: Relay;
  /** Says goodbye (`shutdown`) to this node's softphones and stops the grace timers. */
  close(reconnectAfterMs: number): void;
}

/** A panel command with less time than this left before its deadline is not sent to the softphone. */
const MIN_SOFTPHONE_MS = 200;

/** Disconnect reasons of a softphone that left on purpose (it quit, or the server let it go). */
const LEFT = new Set(['client namespace disconnect', 'server namespace disconnect']);

export function serveSoftphones(ctx: ServerContext, softphones: SoftphoneNamespace, options: SoftphoneOptions): Softphones {
  const { lines, logger, now } = ctx;
  const graceMs = ctx.softphoneGraceMs;
  const limits: DeviceLimits = {
    maxMessageBytes: options.maxMessageBytes,
    maxCalls: 8,
    maxParked: 20,
    commandTimeoutMs: options.commandTimeoutMs,
    reconnectGraceMs: graceMs,
    commandIdRetentionMs: options.commandIdRetentionMs,
  };
  /** Grace timers of drops seen on this node: when one runs out, the line forgets the softphone. */
  const graces = new Set<NodeJS.Timeout>();
  let closed = false;
  const graceFor = (l: Line) => {
    const lostAt = l.softphone?.lostAt;
    if (closed || lostAt === null || lostAt === undefined) return;
    const timer = setTimeout(
      () => {
        graces.delete(timer);
        void lines
          .deviceStopped(l.tenantId, l.extension, { lostAt })
          .catch((error: unknown) => logger.error({ event: 'device.graceError', extension: l.extension, error: String(error) }, 'grace end failed'));
      },
      Math.max(0, lostAt + graceMs - now()),
    );
    timer.unref();
    graces.add(timer);
  };
  softphones.use(softphoneHandshake(ctx, options.checkSignIn, graceMs, options.originAllowed));

  softphones.on('connection', (socket) => {
    const { tenant, extension, account, protocol } = socket.data as SoftphoneData;
    /** This device's messages are applied one after another, after its connection is recorded. */
    let chain: Promise<unknown> = Promise.resolve();
    let accepted = false;
    const then = (step: () => Promise<unknown>, what: string) => {
      chain = ctx.track(
        chain.then(step).catch((error: unknown) => logger.error({ event: 'device.stateError', extension, what, error: String(error) }, 'device update failed')),
      );
    };
    then(async () => {
      const claim = await lines.deviceConnected(tenant.id, extension, socket.id, account, now(), graceMs);
      if (!claim.ok) {
        // Another account took the extension between the handshake's check and now.
        socket.emit('server:bye', { reason: 'inUse', message: `extension ${extension} is held by another account's softphone` });
        socket.disconnect(true);
        return;
      }
      accepted = true;
      socket.emit('server:hello', { protocol, serverVersion: SERVER_VERSION, serverTime: now(), account, extension, limits });
      // One softphone per extension: an older connection of the same account (on any node) is let go.
      if (claim.previous !== null && claim.previous !== socket.id) {
        const older = softphones.in(claim.previous);
        older.emit('server:bye', { reason: 'replaced', message: 'the same account connected another softphone for this extension' });
        older.disconnectSockets(true);
      }
      logger.info({ event: 'device.connected', tenant: tenant.id, extension, account }, 'softphone connected');
    }, 'connect');

    const applyState = async (raw: unknown) => {
      const r = deviceStateSchema.check(raw, 'device:state');
      // Enumerations are closed per version: what protocol 3 added is not protocol 2.
      const error = r.ok ? newerThan(protocol, r.value.calls) : r.error;
      if (!r.ok || error !== undefined) {
        logger.warn({ event: 'device.invalidState', extension, error }, 'dropped invalid message');
        return;
      }
      (socket.data as SoftphoneData).lastState = r.value;
      const at = now();
      // Screen transfer: transfers this softphone starts, with its agent's viewing as it is now.
      const seen = { started: [] as string[], screen: null as TransferredScreen | null, unseen: [] as string[] };
      await lines.update(tenant.id, extension, (l) => {
        if (l.device !== socket.id) return 'none';
        seen.started = transfersStarted(l.calls, r.value.calls, extension, tenant.extensions);
        seen.screen = seen.started.length > 0 ? screenFrom(l, tenant, account) : null;
        seen.unseen = setCalls(l, r.value.calls, at);
        l.parked = r.value.parked;
        // Its first report after coming back replaces the stale calls.
        l.softphone = { account, lostAt: null, reported: true };
        return 'changed';
      });
      for (const from of seen.unseen) {
        logger.warn(
          { event: 'screen.transferUnseen', tenant: tenant.id, extension, from },
          'transferredBy with no transfer seen from that extension: no screen',
        );
      }
      for (const to of seen.started) await lines.update(tenant.id, to, (l) => offerScreen(l, extension, seen.screen, at));
    };
    // Within its budget every state is applied in turn; over it only the newest waiting one (each is
    // checked when applied, not on arrival). Far past it the connection is closed like a drop: the
    // line keeps its calls for the reconnect grace.
    const states = new LatestState<unknown>({
      schedule: (step) => then(step, 'state'),
      apply: applyState,
      rule: ctx.floods.limits.deviceState,
      clock: ctx.floods.clock,
      flooding: (coalesced) => {
        logger.warn({ event: 'device.flooding', tenant: tenant.id, extension, coalesced }, 'softphone far past its state budget: disconnected');
        letGo(socket.conn, ctx.floods.limits.holdMs, () => socket.conn.close());
      },
    });
    socket.on('device:state', (raw: unknown) => states.push(raw));

    socket.on('disconnect', (reason) => {
      states.flush();
      then(async () => {
        if (!accepted) return;
        if (LEFT.has(reason)) {
          await lines.deviceStopped(tenant.id, extension, { device: socket.id });
        } else {
          graceFor(await lines.deviceLost(tenant.id, extension, socket.id, now()));
        }
        logger.info({ event: 'device.disconnected', tenant: tenant.id, extension, reason }, 'softphone gone');
      }, 'disconnect');
    });
  });

  /**
   * Sends a command to the line's softphone, on this node or through the adapter on another, with
   * its deadline. No node having that connection means its node went away: the line shows the
   * softphone reconnecting. No answer by the deadline: the outcome is unknown; an answer that comes
   * later is logged and kept as the command id's answer (a retry learns it, and never reruns it).
   * The panel command's own deadline (../state/command-deadline.ts) bounds the softphone's: a
   * command too late to be answered before the panel gives up is not sent at all.
   */
  const relay: Relay = async (l, account, planned, commandKey) => {
    const refused = refusalFor(softphoneStatus(l, account, now(), graceMs));
    const device = l.device;
    if (refused || !device) return { ok: false, code: refused ?? 'SOFTPHONE_NOT_RUNNING' };
    // One panel command (with its id) is always the same softphone command id.
    const id = commandKey === undefined ? `s-${randomUUID()}` : `c-${createHash('sha256').update(commandKey).digest('base64url').slice(0, 40)}`;
    checkDeadline('relaying to the softphone', MIN_SOFTPHONE_MS);
    const waitMs = Math.min(options.commandTimeoutMs, deadlineLeftMs());
    const command: Command = withId(planned, id, now() + waitMs);
    noteActed();
    const asked = await askSoftphone(softphones, device, command, waitMs, options.lateAnswerMs);
    if (!asked.answered && asked.why === 'nobody') {
      graceFor(await lines.deviceLost(l.tenantId, l.extension, device, now()));
      return { ok: false, code: 'SOFTPHONE_RECONNECTING' };
    }
    if (!asked.answered) {
      void ctx.track(
        asked.late.then(async (answer) => {
          if (answer === undefined) return;
          const reply = replyOf(answer);
          logger.warn({ event: 'device.lateAnswer', extension: l.extension, command: command.type, ok: reply.ok }, 'softphone answered after the deadline');
          if (commandKey !== undefined) await ctx.commandReplies.amend(commandKey, reply);
        }),
      );
      return { ok: false, code: 'RESULT_UNKNOWN', message: 'the softphone did not answer before the deadline; the next state shows what happened' };
    }
    return replyOf(asked.answer);
  };

  return {
    relay,
    close(reconnectAfterMs) {
      closed = true;
      for (const timer of graces) clearTimeout(timer);
      graces.clear();
      softphones.local.emit('server:bye', { reason: 'shutdown', reconnectAfterMs });
    },
  };
}

/** A softphone's answer as the panel gets it (an invalid one is INTERNAL). */
function replyOf(answer: unknown): Reply {
  const r = deviceReplySchema.check(answer, 'device reply');
  return r.ok ? r.value : { ok: false, code: 'INTERNAL', message: 'invalid softphone reply' };
}

/** What a `device:state` of a softphone that spoke `protocol` may not carry: the chat error `wrongNumber` came with 3. */
function newerThan(protocol: number, calls: readonly { chat?: { status: string; error?: string } }[]): string | undefined {
  if (protocol >= 3) return undefined;
  const i = calls.findIndex((c) => c.chat?.status === 'error' && c.chat.error === 'wrongNumber');
  return i < 0 ? undefined : `device:state.calls[${i}].chat.error: wrongNumber is protocol 3; this softphone spoke protocol ${protocol}`;
}

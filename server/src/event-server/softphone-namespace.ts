/**
 * The `/softphone` namespace: each extension's running softphone. Its handshake signs it in
 * (./auth.ts); its connection takes the line over (an older softphone of the extension is let go),
 * its `device:state` messages become the line's calls, and its disconnect leaves the line without a
 * softphone. `relay` sends panel commands to it, wherever it is connected.
 */
import { errorReplySchema, okReplySchema, deviceStateSchema, union, type Command, type Reply, type Schema } from '@biztel/protocol';
import { askSoftphone } from './acks.js';
import { softphoneHandshake, type CheckSignIn } from './auth.js';
import type { ServerContext, SoftphoneData, SoftphoneNamespace } from './context.js';
import type { Line } from './line-store.js';
import { sendersOf, setCalls } from './screen-transfer.js';

const deviceReplySchema: Schema<Reply> = union('ok', { true: okReplySchema, false: errorReplySchema });

/** Sends a command to the softphone of a line and answers its reply (or why there is none). */
export type Relay = (l: Line, command: Command) => Promise<Reply>;

export function serveSoftphones(ctx: ServerContext, softphones: SoftphoneNamespace, checkSignIn: CheckSignIn, ackTimeoutMs: number): Relay {
  const { lines, logger } = ctx;
  softphones.use(softphoneHandshake(ctx, checkSignIn));

  softphones.on('connection', (socket) => {
    const { tenant, extension } = socket.data as SoftphoneData;
    /** This device's messages are applied one after another, after its connection is recorded. */
    let chain: Promise<unknown> = Promise.resolve();
    const then = (step: () => Promise<unknown>, what: string) => {
      chain = ctx.track(
        chain.then(step).catch((error: unknown) => logger.error({ event: 'device.stateError', extension, what, error: String(error) }, 'device update failed')),
      );
    };
    then(async () => {
      const previous = await lines.deviceConnected(tenant.id, extension, socket.id);
      // One softphone per extension: an older connection (on any node) is let go.
      if (previous !== null && previous !== socket.id) softphones.in(previous).disconnectSockets(true);
      logger.info({ event: 'device.connected', tenant: tenant.id, extension }, 'softphone connected');
    }, 'connect');

    socket.on('device:state', (raw: unknown) => {
      const r = deviceStateSchema.check(raw, 'device:state');
      if (!r.ok) {
        logger.warn({ event: 'device.invalidState', extension, error: r.error }, 'dropped invalid message');
        return;
      }
      then(async () => {
        const senders = await sendersOf(lines, tenant, extension, r.value.calls);
        await lines.update(tenant.id, extension, (l) => {
          if (l.device !== socket.id) return 'none';
          setCalls(l, r.value.calls, senders);
          l.parked = r.value.parked;
          return 'changed';
        });
      }, 'state');
    });

    socket.on('disconnect', (reason) => {
      then(async () => {
        await lines.deviceGone(tenant.id, extension, socket.id);
        logger.info({ event: 'device.disconnected', tenant: tenant.id, extension, reason }, 'softphone gone');
      }, 'disconnect');
    });
  });

  /**
   * Sends a command to the line's softphone, on this node or through the adapter on another. No
   * node having that connection means its node went away: the line shows the softphone stopped.
   */
  return async (l, command) => {
    const device = l.device;
    if (!device) return { ok: false, code: 'SOFTPHONE_NOT_RUNNING' };
    const asked = await askSoftphone(softphones, device, command, ackTimeoutMs);
    if (!asked.answered && asked.why === 'nobody') {
      // (A failure to record that answers TIMEOUT, as a failed relay does.)
      return lines.deviceGone(l.tenantId, l.extension, device).then(
        (): Reply => ({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' }),
        (): Reply => ({ ok: false, code: 'TIMEOUT' }),
      );
    }
    if (!asked.answered) return { ok: false, code: 'TIMEOUT' };
    const r = deviceReplySchema.check(asked.answer, 'device reply');
    return r.ok ? r.value : { ok: false, code: 'INTERNAL', message: 'invalid softphone reply' };
  };
}

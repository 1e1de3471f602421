/**
 * How a panel's commands are run: the message is validated, the sender must be signed in (its
 * session still current), a command id makes a retried command get the first answer instead of
 * running again (../command-replies.ts), and every command is answered — a failure with INTERNAL.
 *
 * Every command has a deadline from the moment it arrived (`ServerContext.commandDeadlineMs`, before
 * the panel gives up on it): it runs under a guard (../state/command-deadline.ts) so that nothing
 * acts on it later — no shared-state write lands and the softphone is not asked after it. A command
 * stopped by its deadline, or by a shared state that does not answer, is answered TIMEOUT. One that
 * did nothing before its deadline passed is not kept as answered (a retry with its id may run it);
 * any other is (a retry gets TIMEOUT and never runs it).
 */
import { commandMetaSchema, type ErrorCode, type PanelClientToServer, type Reply, type Schema } from '@biztel/protocol';
import { sessionKey, type SessionRef } from '../resume-tokens.js';
import { checkDeadline, DeadlineExceeded, StateTimeout, underGuard, type CommandGuard } from '../state/command-deadline.js';
import { answerRequests } from './acks.js';
import type { PanelSocket, ServerContext } from './context.js';
import type { Line } from './line-store.js';

/** `commandKey`: the key its answer is kept under for retries (absent: the panel sent no command id). */
export type CommandHandler<T> = (
  session: SessionRef,
  payload: T,
  line: () => Promise<Line>,
  commandKey: string | undefined,
) => Promise<Reply<object>> | Reply<object>;

export interface CommandOptions {
  /** The handler reads the line: it is read while the session is checked (one round trip less on Redis). */
  readonly readsLine?: boolean;
}

/** Registers a command handler on the connection (`schema` null: the command carries no payload). */
export type RegisterCommand = <T>(event: keyof PanelClientToServer, schema: Schema<T> | null, handler: CommandHandler<T>, options?: CommandOptions) => void;

/** The INVALID_PAYLOAD answer to a message its schema refused. */
export function invalid(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: 'INVALID_PAYLOAD', message: message.slice(0, 300) };
}

/** The command registrar of one panel connection; `currentSession` answers its signed-in session. */
export function panelCommands(ctx: ServerContext, socket: PanelSocket, currentSession: () => Promise<SessionRef | undefined>): RegisterCommand {
  const { lines, logger } = ctx;
  return <T>(event: keyof PanelClientToServer, schema: Schema<T> | null, handler: CommandHandler<T>, options: CommandOptions = {}) => {
    const failed = (error: unknown): Reply<object> => {
      if (error instanceof DeadlineExceeded || error instanceof StateTimeout) {
        logger.warn({ event: 'panel.commandTimedOut', command: event, error: String(error) }, 'command not carried out in time');
        return { ok: false, code: 'TIMEOUT', message: 'the server could not carry the command out in time' };
      }
      logger.error({ event: 'panel.commandFailed', command: event, error: String(error) }, 'command failed');
      return { ok: false, code: 'INTERNAL' };
    };
    answerRequests<Reply<object>>(
      socket,
      event,
      async (message) => {
        const guard: CommandGuard = { deadline: Date.now() + ctx.commandDeadlineMs, active: true, acted: false };
        try {
          return await underGuard(guard, () => run(message, guard));
        } finally {
          guard.active = false;
        }
      },
      failed,
    );

    async function run(message: unknown, guard: CommandGuard): Promise<Reply<object>> {
      let payload = undefined as T;
      if (schema) {
        const r = schema.check(message, event);
        if (!r.ok) return invalid(r.error);
        payload = r.value;
      }
      const meta = message === undefined ? undefined : commandMetaSchema.check(message, event);
      const commandId = meta?.ok ? meta.value.commandId : undefined;
      const claimed = socket.data.session;
      const early = claimed && options.readsLine ? lines.read(claimed.tenantId, claimed.extension) : undefined;
      early?.catch(() => undefined); // not awaited when the session is gone
      const session = await currentSession();
      if (!session) return { ok: false, code: 'NOT_SIGNED_IN' };
      const again = () => lines.read(session.tenantId, session.extension);
      const line = () => (early && session === claimed ? early.catch(again) : again());
      const key = commandId === undefined ? undefined : `${sessionKey(session)}\u0000${event}\u0000${commandId}`;
      const execute = async (): Promise<Reply<object>> => {
        guard.acted = false; // claiming the command id is not acting on it
        try {
          checkDeadline(event);
          return await handler(session, payload, line, key);
        } catch (error) {
          // Stopped before it did anything: not kept as answered (../command-replies.ts forgets the id).
          if (error instanceof DeadlineExceeded && !guard.acted) throw error;
          return failed(error);
        } finally {
          // What it left behind (a grace timer, a late answer, its answer stored) is not bound by the deadline.
          guard.active = false;
        }
      };
      return key === undefined ? execute() : ctx.commandReplies.run(key, execute, { ok: false, code: 'RESULT_UNKNOWN' });
    }
  };
}

/**
 * The agent's commands to the server (status, sign-out, the call buttons, dial, DTMF), from the
 * command table: each request is checked with the table's schema before it leaves, recorded in the
 * operation log with its outcome, and a refusal becomes the notice the agent sees.
 */
import { PANEL_COMMANDS, commandRequest, type CallerIdChoice, type CommandArgs, type PanelCommand, type Reply } from '@biztel/protocol';
import { noticeForError } from '../core/panel-errors.js';
import type { OperationLog } from '../core/operation-log.js';
import { normaliseDialString } from '../core/phone.js';
import type { Logger } from '../log.js';
import type { EventServerPort } from '../transport/event-server-port.js';
import type { PanelStore } from './store.js';

/** No lifecycle of its own: a plain class, not a reactive controller. */
export class CallCommands {
  constructor(
    private readonly store: PanelStore,
    private readonly server: EventServerPort,
    private readonly logger: Logger,
    private readonly log: OperationLog,
  ) {}

  /** Sends `command`; true when the server accepted it. A request its schema refuses never leaves. */
  async run<C extends PanelCommand>(command: C, ...args: CommandArgs<C>): Promise<boolean> {
    const checked = PANEL_COMMANDS[command].request.check(commandRequest(command, args), command);
    if (!checked.ok) {
      this.logger.warn('command refused before sending', checked.error);
      return false;
    }
    this.log.record('operation', command);
    const reply = await (this.server.send as (command: C, ...rest: readonly unknown[]) => Promise<Reply>)(command, ...args);
    this.log.record(reply.ok ? 'event' : 'error', `${command} ${reply.ok ? 'accepted' : 'refused'}`, reply.ok ? undefined : reply.code);
    if (reply.ok) {
      const s = this.store.state;
      if (s.phase === 'signedIn' && s.notice) this.store.dispatch({ type: 'noticeDismissed' });
      return true;
    }
    this.logger.warn('command refused', reply.code);
    this.store.dispatch({ type: 'noticeRaised', notice: noticeForError(reply.code) });
    return false;
  }

  /** What the agent typed, normalised; true when the dial was accepted (the view then clears the field). */
  dial(input: string, callerId?: CallerIdChoice): Promise<boolean> {
    const check = normaliseDialString(input);
    if (!check.ok) {
      const notice = check.reason === 'empty' ? 'dialEmpty' : check.reason === 'tooLong' ? 'dialTooLong' : 'dialInvalidCharacters';
      this.store.dispatch({ type: 'noticeRaised', notice });
      return Promise.resolve(false);
    }
    return this.run('dial', check.number, callerId);
  }

  dismissNotice(): void {
    this.store.dispatch({ type: 'noticeDismissed' });
  }
}

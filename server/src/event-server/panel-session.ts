/**
 * A panel connection's session: signing in (password, seat, initial status), resuming with a
 * token, fresh tokens, signing out (which lets the agent's other panels go), and the connection's
 * rooms — its line's and its session's. Session changes of one connection run one after another,
 * its disconnect after them. Which panels share a session and how long tokens live: ../resume-tokens.ts.
 *
 * One agent per line (docs/decisions/0010-one-agent-per-line.md): signing in on an extension
 * another account is signed in on is refused `LINE_TAKEN` unless the agent confirmed
 * (`overwriteLine`); a takeover ends the previous agent's session and tells its panels
 * (`lineTakenOver`). A sign-in with the password is a fresh session: the panels of the agent's
 * session before it are told `signedInElsewhere` (a stolen token stops working there).
 */
import {
  LOGOFF_STATUS_ID,
  resumeRequestSchema,
  signInRequestSchema,
  type LineHolder,
  type SessionEnded,
  type SignInReply,
  type TokenReply,
} from '@biztel/protocol';
import { findAccount, type Directory } from '../config/directory.js';
import { sessionKey, type SessionRef } from '../resume-tokens.js';
import { answerRequests } from './acks.js';
import { loggedAccount, type CheckSignIn } from './auth.js';
import type { PanelNamespace, PanelSocket, ServerContext } from './context.js';
import { panelRoom, type Line } from './line-store.js';
import { invalid, type RegisterCommand } from './panel-commands.js';
import { snapshotOf } from './snapshot.js';

/** How many fresh resume tokens one panel connection may ask for in a minute. */
export const MAX_TOKENS_PER_MINUTE = 30;

/** The socket.io room of every panel of one session (on any node). */
const sessionRoom = (s: SessionRef) => `session:${sessionKey(s)}\u0000${s.id}`;

/**
 * Whether `session` may act for the line's agent: it is the agent's, and the one that signed in
 * (lines stored before sessions were recorded name none). A displaced panel never flips the line back.
 */
export function actsFor(l: Line, session: SessionRef): boolean {
  return l.agent?.account === session.account && (l.agent.session === undefined || l.agent.session === session.id);
}

/** Who holds the line against a sign-in of `account`: another account, signed in (not ログオフ). */
export function lineHolder(l: Line, account: string, directory: Directory): LineHolder | undefined {
  const a = l.agent;
  if (!a || a.account === account || a.statusId === LOGOFF_STATUS_ID) return undefined;
  const name = findAccount(directory, a.account)?.account.name;
  return { extension: l.extension, account: a.account, ...(name ? { name } : {}), ...(a.since === undefined ? {} : { since: a.since }) };
}

/** The session of one panel connection (kept in `socket.data.session`). */
export class PanelSession {
  constructor(
    private readonly ctx: ServerContext,
    private readonly panels: PanelNamespace,
    private readonly socket: PanelSocket,
  ) {}

  /** Runs session changes of this connection one after another (and its disconnect after them). */
  serial<T>(step: () => Promise<T>): Promise<T> {
    const run = (this.socket.data.chain ?? Promise.resolve()).then(step);
    this.socket.data.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** The connection's session if it still exists (another panel may have signed out). */
  async current(): Promise<SessionRef | undefined> {
    const session = this.socket.data.session;
    if (!session) return undefined;
    if (await this.ctx.sessions.isCurrent(session)) return session;
    if (this.socket.data.session === session) delete this.socket.data.session;
    return undefined;
  }

  /** Makes `session` this connection's (after sign-in or resume). */
  async enter(session: SessionRef): Promise<void> {
    const previous = this.socket.data.session;
    if (previous?.id === session.id && sessionKey(previous) === sessionKey(session)) return;
    if (previous) await this.leave(previous);
    this.socket.data.session = session;
    await this.ctx.sessions.attached(session);
    await this.socket.join([panelRoom(session.tenantId, session.extension, session.account), sessionRoom(session)]);
  }

  /** The connection closed: it leaves its session (after any session change under way). */
  disconnected(): Promise<void> {
    return this.serial(async () => {
      const session = this.socket.data.session;
      if (session) await this.leave(session);
    });
  }

  /**
   * Tells every panel of an ended session, on any node, but this connection, why (`session:ended`),
   * and takes them out of its rooms. Their later commands find the session gone (NOT_SIGNED_IN).
   */
  letGo(session: SessionRef, ended: SessionEnded): void {
    const others = this.panels.in(sessionRoom(session)).except(this.socket.id);
    others.emit('session:ended', ended);
    others.socketsLeave([panelRoom(session.tenantId, session.extension, session.account), sessionRoom(session)]);
  }

  /** Ends a session (sign-out): its tokens stop working and every panel of it, on any node, is let go. */
  async end(session: SessionRef): Promise<void> {
    await this.ctx.sessions.end(session);
    this.letGo(session, { reason: 'signedOut' });
    await this.serial(async () => this.drop(session));
  }

  /** This connection forgets an ended `session` and leaves its rooms (within `serial`). */
  drop(session: SessionRef): void {
    if (this.socket.data.session?.id !== session.id) return;
    void this.socket.leave(panelRoom(session.tenantId, session.extension, session.account));
    void this.socket.leave(sessionRoom(session));
    delete this.socket.data.session;
  }

  /** Leaves the connection's session (signing into another, resuming another, disconnecting). */
  private async leave(session: SessionRef): Promise<void> {
    void this.socket.leave(panelRoom(session.tenantId, session.extension, session.account));
    void this.socket.leave(sessionRoom(session));
    await this.ctx.lines.forgetViewing(session, this.socket.id);
    await this.ctx.sessions.detached(session, this.ctx.now());
  }
}

/** Registers the session requests of one panel connection: sign-in, resume, token, sign-out. */
export function serveSessionRequests(ctx: ServerContext, socket: PanelSocket, session: PanelSession, command: RegisterCommand, checkSignIn: CheckSignIn): void {
  const { lines, logger, now, seats, sessions } = ctx;
  // A password check still waiting its turn is dropped when the panel goes.
  const gone = new AbortController();
  socket.once('disconnect', () => gone.abort());
  /** A failed request is logged and answered INTERNAL. */
  const failed = (request: string, what: string) => (error: unknown) => {
    logger.error({ event: 'panel.sessionError', request, error: String(error) }, what);
    return { ok: false, code: 'INTERNAL' } as const;
  };
  /** Another account took the line over: its agent's session ends, its panels are told who, its seat is freed. */
  const displace = async (tenantId: string, extension: string, account: string, by: { account: string; name: string }) => {
    const ended = await sessions.endCurrent(tenantId, account, extension);
    if (ended) session.letGo(ended, { reason: 'lineTakenOver', by });
    await seats.release(tenantId, account);
    logger.info({ event: 'panel.lineTakenOver', tenant: tenantId, extension, account, by: by.account }, 'line taken over');
  };
  /** The session's agent is ログオフ on its line, viewing nothing (sign-out, or a sign-in on another line). */
  const signOff = (s: SessionRef) =>
    lines.update(s.tenantId, s.extension, (l) => {
      if (l.agent && actsFor(l, s)) l.agent = { ...l.agent, statusId: LOGOFF_STATUS_ID };
      if (l.viewing?.account === s.account) l.viewing = null;
      return 'changed'; // every panel of the line sees ログオフ, then the agent's other panels are let go
    });
  /** The line as the panel is to see it (./line-store.ts `live`). */
  const snapshot = async (l: Line) => {
    const live = await lines.live(l);
    return snapshotOf(live, ctx.tenantOf(live.tenantId), now(), ctx.softphoneGraceMs);
  };

  answerRequests<SignInReply>(
    socket,
    'session:signIn',
    async (message) => {
      const r = signInRequestSchema.check(message, 'session:signIn');
      if (!r.ok) return invalid(r.error);
      const req = r.value;
      const checked = await checkSignIn('panel', req.account, req.password, req.extension, ctx.addressOf(socket.handshake), gone.signal);
      // The password check took a while: a panel gone meanwhile must not leave a session behind.
      if (socket.disconnected) return undefined;
      if (!checked.ok) {
        if (checked.code === 'RATE_LIMITED') return { ok: false, code: 'RATE_LIMITED', retryAfterMs: checked.retryAfterMs };
        logger.warn({ event: 'panel.authFailed', account: loggedAccount(ctx.directory, req.account) }, 'panel sign-in refused');
        return { ok: false, code: 'AUTH_FAILED' };
      }
      const { tenant } = checked.credential;
      const holder = lineHolder(await lines.read(tenant.id, req.extension), req.account, ctx.directory);
      if (holder && req.overwriteLine !== true) return { ok: false, code: 'LINE_TAKEN', line: holder };
      if (req.seatId) {
        const claim = await seats.claim(
          tenant.id,
          req.seatId,
          { account: req.account, name: checked.credential.account.name },
          now(),
          req.overwriteSeat === true,
        );
        if (!claim.ok) return { ok: false, code: 'SEAT_TAKEN', seat: claim.holder };
      }
      const statusId = tenant.statuses.some((s) => s.id === req.initialStatusId) ? req.initialStatusId : (tenant.statuses[0]?.id ?? LOGOFF_STATUS_ID);
      return session.serial(async (): Promise<SignInReply | undefined> => {
        if (socket.disconnected) return undefined;
        const { session: opened, replaced } = await sessions.start(tenant.id, req.account, req.extension);
        if (replaced) session.letGo(replaced, { reason: 'signedInElsewhere' });
        // One line per agent: a sign-in on another line signs the agent off the one before.
        if (replaced && replaced.extension !== req.extension) await signOff(replaced);
        // In the line's rooms before the line changes: the snapshot of the change reaches this panel too.
        await session.enter(opened);
        let raced: LineHolder | undefined;
        let displaced: string | undefined;
        const l = await lines.update(tenant.id, req.extension, (x) => {
          // Checked again in the change itself: two sign-ins at once cannot both take a line unasked.
          raced = req.overwriteLine === true ? undefined : lineHolder(x, req.account, ctx.directory);
          if (raced) return 'none';
          displaced = x.agent && x.agent.account !== req.account ? x.agent.account : undefined;
          x.viewing = null; // whatever a panel of an earlier session reported is not this session's
          x.agent = { account: req.account, statusId, hardphone: req.hardphone, session: opened.id, since: now() };
          return 'changed';
        });
        if (raced) {
          await sessions.end(opened);
          session.drop(opened);
          if (req.seatId) await seats.release(tenant.id, req.account);
          return { ok: false, code: 'LINE_TAKEN', line: raced };
        }
        if (displaced) await displace(tenant.id, req.extension, displaced, { account: req.account, name: checked.credential.account.name });
        logger.info({ event: 'panel.signedIn', tenant: tenant.id, account: req.account, extension: req.extension }, 'signed in');
        return { ok: true, snapshot: await snapshot(l), resumeToken: await sessions.issue(opened, now()) };
      });
    },
    failed('session:signIn', 'session request failed'),
  );

  answerRequests<SignInReply>(
    socket,
    'session:resume',
    async (message) => {
      const r = resumeRequestSchema.check(message, 'session:resume');
      if (!r.ok) return invalid(r.error);
      const taken = await sessions.take(r.value.token, now());
      const l = taken ? await lines.read(taken.tenantId, taken.extension) : undefined;
      // Only while the agent is still the one signed in on that line (not signed out meanwhile).
      if (!taken || !l || !actsFor(l, taken) || l.agent?.statusId === LOGOFF_STATUS_ID) {
        return { ok: false, code: 'SESSION_EXPIRED', message: 'session expired' };
      }
      return session.serial(async () => {
        if (socket.disconnected) return undefined;
        await session.enter(taken);
        logger.info({ event: 'panel.resumed', tenant: taken.tenantId, account: taken.account }, 'session resumed');
        return { ok: true, snapshot: await snapshot(await lines.read(taken.tenantId, taken.extension)), resumeToken: await sessions.issue(taken, now()) };
      });
    },
    failed('session:resume', 'session request failed'),
  );

  /** Tokens this connection asked for in the current minute (a panel needs one now and then). */
  const minted = { since: now(), count: 0 };
  answerRequests<TokenReply>(
    socket,
    'session:token',
    async () => {
      if (now() - minted.since >= 60_000) Object.assign(minted, { since: now(), count: 0 });
      if (++minted.count > MAX_TOKENS_PER_MINUTE) return { ok: false, code: 'RATE_LIMITED', message: `at most ${MAX_TOKENS_PER_MINUTE} tokens a minute` };
      const current = await session.current();
      return current ? { ok: true, token: await sessions.issue(current, now()) } : { ok: false, code: 'NOT_SIGNED_IN' };
    },
    failed('session:token', 'token request failed'),
  );

  command('session:signOut', null, async (current) => {
    // Not during a call (seed 002): the call would go on in the softphone with no panel following it, and no Task written.
    const l = await lines.read(current.tenantId, current.extension);
    if (l.calls.length > 0) return { ok: false, code: 'BUSY', message: 'the agent is on a call: sign out once it ends' };
    await signOff(current);
    await seats.release(current.tenantId, current.account);
    await session.end(current);
    return { ok: true };
  });
}

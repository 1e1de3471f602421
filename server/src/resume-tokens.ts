/**
 * Panel sessions and their resume tokens, kept in the shared state so any node can resume them.
 *
 * A session is one signed-in agent on one line, shared by all their panels (tabs, windows); it has
 * a random id, so a session ended by sign-out never comes back under the same name. An account has
 * one current session, on one line: a sign-in with the password starts a fresh session (`start`)
 * and ends the one before it, on whichever line it was — the panels of that one, a stolen token's
 * among them, are let go. The agent's other tabs join with tokens, never the
 * password. Another account taking the line over ends the previous agent's session (`endCurrent`).
 *
 * Resume tokens: random, single-use secrets that let a panel take its session back without the
 * password — after its connection dropped, after a reload or pop-out, in another tab, or on another
 * node after its node went away. Each use hands out a fresh token. A token lives as long as its
 * session is in use: while any panel of the session is connected, and for `graceMs` after the last
 * one left (then it is short-lived: a closed browser's token soon stops working); never longer
 * than `maxAgeMs`. Sign-out ends the session, which revokes and deletes every token of it. A
 * session keeps at most `MAX_LIVE_TOKENS`: issuing another revokes the oldest (one panel minting
 * tokens in a loop cannot fill the shared state).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getJson, updateJson, type SharedState } from './state/shared-state.js';
import { ONE_NODE, type NodeLiveness } from './node-registry.js';

export interface ResumeTokenOptions {
  /** How long a session stays resumable after its last panel disconnected. */
  readonly graceMs: number;
  /** Hard limit on one token's age, however long the session stays connected (a shift). */
  readonly maxAgeMs: number;
}

export interface SessionRef {
  readonly tenantId: string;
  readonly account: string;
  readonly extension: string;
  /** Random per sign-in: a session signed out and signed into again is another session. */
  readonly id: string;
}

interface TokenEntry extends SessionRef {
  readonly issuedAt: number;
}

interface Presence {
  /** Panels of the session connected now, by node. */
  nodes: Record<string, number>;
  /** When the last one left. */
  leftAt: number;
}

/** The most tokens one session has live at once (its tabs, windows and reloads need a few). */
export const MAX_LIVE_TOKENS = 16;

/** How long an unused session's name is remembered (its tokens are long dead by then). */
const SESSION_TTL_MS = 7 * 24 * 60 * 60_000;

export const sessionKey = (s: Pick<SessionRef, 'tenantId' | 'account' | 'extension'>) => `${s.tenantId}\u0000${s.account}\u0000${s.extension}`;

/** The record of an account's current session: which one, on which line. */
interface Current {
  readonly id: string;
  readonly extension: string;
}
const currentKey = (tenantId: string, account: string) => `current-session:${tenantId}\u0000${account}`;
const currentOf = (raw: string | undefined): Current | undefined => (raw === undefined ? undefined : (JSON.parse(raw) as Current));

export class Sessions {
  constructor(
    private readonly state: SharedState,
    private readonly options: ResumeTokenOptions,
    /** Which nodes are alive: the panels of a node that died count as gone since its last heartbeat. */
    private readonly nodes: NodeLiveness = ONE_NODE,
  ) {}

  /**
   * A fresh session of the agent on the line (a sign-in with the password). The account's session
   * before it, if any — on this line or another — is ended (its tokens stop working) and returned
   * as `replaced`.
   */
  async start(tenantId: string, account: string, extension: string): Promise<{ session: SessionRef; replaced: SessionRef | undefined }> {
    const id = randomUUID();
    let before: Current | undefined;
    await this.state.update(
      currentKey(tenantId, account),
      (raw) => {
        before = currentOf(raw);
        return JSON.stringify({ id, extension } satisfies Current);
      },
      SESSION_TTL_MS,
    );
    const replaced = before === undefined ? undefined : { tenantId, account, extension: before.extension, id: before.id };
    if (replaced) await this.revoke(replaced);
    return { session: { tenantId, account, extension, id }, replaced };
  }

  /** Ends the account's current session if it is on the line; answers which it was. */
  async endCurrent(tenantId: string, account: string, extension: string): Promise<SessionRef | undefined> {
    const current = currentOf(await this.state.get(currentKey(tenantId, account)));
    if (current?.extension !== extension) return undefined;
    const session = { tenantId, account, extension, id: current.id };
    await this.end(session);
    return session;
  }

  /** Whether the session still exists (not signed out, nor replaced by a sign-in, since). */
  async isCurrent(session: SessionRef): Promise<boolean> {
    const current = currentOf(await this.state.get(currentKey(session.tenantId, session.account)));
    return current?.id === session.id && current.extension === session.extension;
  }

  /** Ends the session: every token of it stops working. */
  async end(session: SessionRef): Promise<void> {
    await this.state.update(currentKey(session.tenantId, session.account), (raw) => (currentOf(raw)?.id === session.id ? undefined : raw), SESSION_TTL_MS);
    await this.revoke(session);
  }

  /** Deletes a session's presence and every token of it (the session is no longer current). */
  private async revoke(session: SessionRef): Promise<void> {
    await this.state.delete(this.presenceKey(session));
    const live = (await getJson<string[]>(this.state, this.tokensKey(session))) ?? [];
    await Promise.all([...live.map((t) => this.state.delete(`token:${t}`)), this.state.delete(this.tokensKey(session))]);
  }

  async issue(session: SessionRef, now: number): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const entry: TokenEntry = { tenantId: session.tenantId, account: session.account, extension: session.extension, id: session.id, issuedAt: now };
    await this.state.set(`token:${token}`, JSON.stringify(entry), this.options.maxAgeMs);
    let revoked: string[] = [];
    await updateJson<string[]>(
      this.state,
      this.tokensKey(session),
      (list) => {
        const live = [...(list ?? []), token];
        revoked = live.splice(0, Math.max(0, live.length - MAX_LIVE_TOKENS));
        return live;
      },
      this.options.maxAgeMs,
    );
    await Promise.all(revoked.map((t) => this.state.delete(`token:${t}`)));
    return token;
  }

  /** The session of a valid token, which is used up; undefined when unknown, expired or revoked. */
  async take(token: string, now: number): Promise<SessionRef | undefined> {
    const raw = await this.state.take(`token:${token}`);
    if (raw === undefined) return undefined;
    const { issuedAt, ...session } = JSON.parse(raw) as TokenEntry;
    if (now - issuedAt >= this.options.maxAgeMs || !(await this.isCurrent(session))) return undefined;
    const p = await getJson<Presence>(this.state, this.presenceKey(session));
    const leftAt = p ? await this.lastPanelLeft(p, now) : issuedAt;
    return leftAt === 'connected' || now - leftAt < this.options.graceMs ? session : undefined;
  }

  /** `connected` while a panel of the session is on a live node, else when the last one left. */
  private async lastPanelLeft(p: Presence, now: number): Promise<number | 'connected'> {
    let leftAt = p.leftAt;
    for (const [node, count] of Object.entries(p.nodes)) {
      if (count <= 0) continue;
      const ago = await this.nodes.sinceSeen(node);
      if (ago !== undefined && ago < this.nodes.deadAfterMs) return 'connected';
      leftAt = Math.max(leftAt, ago === undefined ? 0 : now - ago); // its node died: its panels left with it
    }
    return leftAt;
  }

  /** A panel of `session` connected (signed in or resumed). */
  async attached(session: SessionRef): Promise<void> {
    const node = this.nodes.id;
    await updateJson<Presence>(
      this.state,
      this.presenceKey(session),
      (p) => ({ nodes: { ...p?.nodes, [node]: (p?.nodes[node] ?? 0) + 1 }, leftAt: p?.leftAt ?? 0 }),
      this.presenceTtl,
    );
  }

  /** A panel of `session` disconnected or left it. */
  async detached(session: SessionRef, now: number): Promise<void> {
    await updateJson<Presence>(
      this.state,
      this.presenceKey(session),
      (p) => {
        const node = this.nodes.id;
        if (!p || !(p.nodes[node]! > 0)) return p;
        const nodes = { ...p.nodes, [node]: p.nodes[node]! - 1 };
        if (nodes[node] === 0) delete nodes[node];
        return { nodes, leftAt: now };
      },
      this.presenceTtl,
    );
  }

  private get presenceTtl(): number {
    return this.options.maxAgeMs + this.options.graceMs;
  }

  /** The session's live tokens, oldest first. */
  private tokensKey(session: SessionRef): string {
    return `tokens:${sessionKey(session)}\u0000${session.id}`;
  }

  private presenceKey(session: SessionRef): string {
    return `presence:${sessionKey(session)}\u0000${session.id}`;
  }
}

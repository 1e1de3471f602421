/**
 * The line store: each extension's line (its softphone, calls, parked calls, signed-in agent,
 * revision and screen-transfer records) in the shared state, under `lineKey` (its panels' rooms:
 * `panelRoom`, one per account). Every read and change of a line goes through here, and so
 * do the softphone's rules: one account's softphone holds a line (a dropped one for its reconnect
 * grace, its calls kept, stale); another softphone of the same account takes over; a softphone
 * that quit or never came back leaves nothing on the line.
 */
import type { Call, CallerIdChoice, ParkedCall, ScreenInfo, TransferredScreen } from '@biztel/protocol';
import type { NodeLiveness } from '../node-registry.js';
import type { SessionRef } from '../resume-tokens.js';
import { getJson, updateJson, type SharedState } from '../state/shared-state.js';

/** One extension's line as every node sees it. */
export interface Line {
  readonly tenantId: string;
  readonly extension: string;
  /** The softphone's connection id (on any node), or null when none is running. */
  device: string | null;
  /** The node that has that connection (absent on lines stored before nodes were recorded). */
  deviceNode?: string;
  /**
   * The softphone the line is bound to (docs/protocol.md "Binding"), connected or not: the account
   * it signed in with; `lostAt` when its connection dropped (the reconnect grace runs from then);
   * `reported` once the current connection sent its state. Absent or null: no softphone.
   */
  softphone?: SoftphoneRecord | null;
  calls: Call[];
  parked: ParkedCall[];
  /**
   * The signed-in agent: one per line. `session`: the id of the session that signed in (only it may
   * act for the agent); `since`: when it signed in. Both absent on lines stored before they were kept.
   * `callerId`: the caller ID the agent chose for the session (`agent:setCallerId`); absent: 指定なし.
   */
  agent: { account: string; statusId: string; hardphone: boolean; session?: string; since?: number; callerId?: CallerIdChoice } | null;
  revision: number;
  /**
   * Screen transfer (seed 001 §9): the record the line's signed-in agent is viewing, as their panel
   * last reported it (`agent:viewing`), with the account and connection that reported it.
   */
  viewing: { screen: ScreenInfo; account: string; socketId: string } | null;
  /**
   * The screen each transferred call on this line came with, by call id: the sender's viewing,
   * frozen when the sender's softphone started the transfer (null: the sender viewed nothing, or no
   * such transfer was seen). `waitingSince`: no transfer from the sender was seen yet when the call
   * appeared (the sender's report may still be on its way; ./screen-transfer.ts).
   */
  screens: Record<string, { from: string; screen: TransferredScreen | null; waitingSince?: number }>;
  /**
   * Transfers to this line the server saw start on the sender's own softphone and no call here has
   * taken yet, by sending extension: the sender's viewing frozen then (absent on older lines).
   */
  offers?: Record<string, TransferOffer>;
}

/** A transfer to a line seen starting on the sender's softphone at `at`, with its screen. */
export interface TransferOffer {
  readonly screen: TransferredScreen | null;
  readonly at: number;
}

export interface SoftphoneRecord {
  readonly account: string;
  readonly lostAt: number | null;
  readonly reported: boolean;
}

/** What a change did to a line: `changed` pushes a snapshot (next revision), `quiet` only stores. */
export type Outcome = 'changed' | 'quiet' | 'none';

/** The line's key in the shared state. */
export const lineKey = (tenantId: string, extension: string) => `line:${tenantId}:${extension}`;

/**
 * The socket.io room of the panels of `account` on a line. Snapshots go to the line's signed-in
 * agent's room only: a panel of another account on the same extension never sees this agent's
 * calls, nor this agent another account's (decision 0009, binding).
 */
export const panelRoom = (tenantId: string, extension: string, account: string) => `${lineKey(tenantId, extension)}\u0000${account}`;

/** Lines are kept a week after their last change (a line with nothing on it is rebuilt empty). */
const LINE_TTL_MS = 7 * 24 * 60 * 60_000;

const emptyLine = (tenantId: string, extension: string): Line => ({
  tenantId,
  extension,
  device: null,
  calls: [],
  parked: [],
  agent: null,
  revision: 0,
  viewing: null,
  screens: {},
});

/** The line forgets its softphone's calls, parked calls and transferred screens. */
function clearCalls(l: Line): void {
  l.calls = [];
  l.parked = [];
  l.screens = {};
}

/** Whether the line's softphone still holds it: connected, or dropped less than `graceMs` ago. */
export function softphoneHolds(l: Line, now: number, graceMs: number): SoftphoneRecord | null {
  const s = l.softphone ?? null;
  if (!s) return null;
  if (l.device !== null || s.lostAt === null || now < s.lostAt + graceMs) return s;
  return null;
}

/** What a softphone's attempt to take a line gave. */
export type Claim = { readonly ok: true; readonly previous: string | null } | { readonly ok: false; readonly holder: string };

export interface LineStoreOptions {
  /** Gets every line a change left `changed` (to push its snapshot to the line's panels). */
  readonly changed: (line: Line) => void;
  /** Gets every change under way (so a closing server lets it finish). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** With other nodes: which are alive (a softphone on a dead node is gone). */
  readonly nodes?: NodeLiveness | undefined;
  /** The server's clock (when a softphone on a dead node counts as dropped). */
  readonly now: () => number;
}

export class LineStore {
  constructor(
    private readonly state: SharedState,
    private readonly options: LineStoreOptions,
  ) {}

  /** This node's id as recorded with the softphones connected to it. */
  get nodeId(): string {
    return this.options.nodes?.id ?? 'local';
  }

  async read(tenantId: string, extension: string): Promise<Line> {
    return (await getJson<Line>(this.state, lineKey(tenantId, extension))) ?? emptyLine(tenantId, extension);
  }

  /**
   * Changes a line atomically (on whichever node): `change` gets a copy to edit (replace nested
   * values, don't edit them in place) and may run more than once. A `changed` line gets the next
   * revision and its snapshot goes to every panel of the line, on every node.
   */
  update(tenantId: string, extension: string, change: (l: Line) => Outcome): Promise<Line> {
    return this.options.track(this.apply(tenantId, extension, change));
  }

  /** Forgets what `socketId` reported as viewed on the line (sign-out, disconnect, moving lines). */
  forgetViewing(s: SessionRef, socketId: string): Promise<Line> {
    return this.update(s.tenantId, s.extension, (l) => {
      if (l.viewing?.socketId !== socketId) return 'none';
      l.viewing = null;
      return 'quiet';
    });
  }

  /**
   * A softphone signed in as `account` connected to this node as `device`. It takes the line unless
   * another account's softphone holds it (connected, or within its reconnect grace). The same
   * account's softphone coming back keeps the calls, shown stale until it reports; any other start
   * begins with none. Answers the connection it replaced, if any.
   */
  async deviceConnected(tenantId: string, extension: string, device: string, account: string, now: number, graceMs: number): Promise<Claim> {
    let claim: Claim = { ok: true, previous: null };
    await this.update(tenantId, extension, (l) => {
      const holder = softphoneHolds(l, now, graceMs);
      if (holder && holder.account !== account) {
        claim = { ok: false, holder: holder.account };
        return 'none';
      }
      claim = { ok: true, previous: l.device };
      if (!holder) clearCalls(l);
      l.device = device;
      l.deviceNode = this.nodeId;
      l.softphone = { account, lostAt: holder?.lostAt ?? null, reported: false };
      return 'changed';
    });
    return claim;
  }

  /**
   * The line's softphone `device` dropped (its connection broke, or its node died) at `now`: the
   * calls stay as last reported, stale, for the reconnect grace. Nothing changes when another
   * softphone has taken the line meanwhile.
   */
  deviceLost(tenantId: string, extension: string, device: string, now: number): Promise<Line> {
    return this.update(tenantId, extension, (l) => {
      if (l.device !== device) return 'none';
      l.device = null;
      delete l.deviceNode;
      if (l.softphone) l.softphone = { ...l.softphone, lostAt: l.softphone.lostAt ?? now, reported: false };
      return 'changed';
    });
  }

  /**
   * The line has no softphone any more: `device` quit (said goodbye), or the grace of the drop at
   * `lostAt` ran out with no softphone back. Its calls leave the line with no known end. A softphone
   * back within the grace that has still not reported keeps the line, but not the stale calls.
   */
  deviceStopped(tenantId: string, extension: string, which: { readonly device: string } | { readonly lostAt: number }): Promise<Line> {
    return this.update(tenantId, extension, (l) => {
      if (!('device' in which) && l.device !== null && l.softphone?.lostAt === which.lostAt && !l.softphone.reported) {
        if (l.calls.length === 0 && l.parked.length === 0) return 'none';
        clearCalls(l);
        return 'changed';
      }
      const mine = 'device' in which ? l.device === which.device : l.device === null && l.softphone?.lostAt === which.lostAt;
      if (!mine) return 'none';
      l.device = null;
      delete l.deviceNode;
      l.softphone = null;
      clearCalls(l);
      return 'changed';
    });
  }

  /**
   * The line as a panel signing in or resuming should see it: a softphone on a node that stopped
   * beating is shown stopped at once (not only when a command finds no one to relay to).
   */
  async live(l: Line): Promise<Line> {
    const nodes = this.options.nodes;
    if (!nodes || !l.device || !l.deviceNode || l.deviceNode === nodes.id) return l;
    const ago = await nodes.sinceSeen(l.deviceNode);
    if (ago !== undefined && ago < nodes.deadAfterMs) return l;
    return this.deviceLost(l.tenantId, l.extension, l.device, this.options.now());
  }

  private async apply(tenantId: string, extension: string, change: (l: Line) => Outcome): Promise<Line> {
    let outcome: Outcome = 'none';
    const after = await updateJson<Line>(
      this.state,
      lineKey(tenantId, extension),
      (current) => {
        const l = { ...(current ?? emptyLine(tenantId, extension)) };
        outcome = change(l);
        if (outcome === 'none') return current;
        if (outcome === 'changed') l.revision += 1;
        return l;
      },
      LINE_TTL_MS,
    );
    const l = after ?? emptyLine(tenantId, extension);
    if ((outcome as Outcome) === 'changed') this.options.changed(l);
    return l;
  }
}

/**
 * The line store: each extension's line (its softphone, calls, parked calls, signed-in agent,
 * revision and screen-transfer records) in the shared state, under `lineKey`, which is also the
 * socket.io room of the line's panels. Every read and change of a line goes through here, and so
 * does the one "the line's softphone changed" rule: a new or vanished softphone leaves nothing
 * on the line.
 */
import type { Call, ParkedCall, ScreenInfo, TransferredScreen } from '@biztel/protocol';
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
  calls: Call[];
  parked: ParkedCall[];
  agent: { account: string; statusId: string; hardphone: boolean } | null;
  revision: number;
  /**
   * Screen transfer (seed 001 §9): the record the line's signed-in agent is viewing, as their panel
   * last reported it (`agent:viewing`), with the account and connection that reported it.
   */
  viewing: { screen: ScreenInfo; account: string; socketId: string } | null;
  /**
   * The screen each transferred call on this line came with, by call id: the sender's viewing,
   * frozen when the call first appeared here (null: the sender viewed nothing then).
   */
  screens: Record<string, { from: string; screen: TransferredScreen | null }>;
}

/** What a change did to a line: `changed` pushes a snapshot (next revision), `quiet` only stores. */
export type Outcome = 'changed' | 'quiet' | 'none';

/** The line's key in the shared state and the socket.io room of its panels. */
export const lineKey = (tenantId: string, extension: string) => `line:${tenantId}:${extension}`;

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

/**
 * The line's softphone is now `device` (on `node`), or none (null): either way the line starts
 * over, with no calls, parked calls or transferred screens (a new softphone reports its own).
 */
function setDevice(l: Line, device: string | null, node?: string): void {
  l.device = device;
  if (node === undefined) delete l.deviceNode;
  else l.deviceNode = node;
  l.calls = [];
  l.parked = [];
  l.screens = {};
}

export interface LineStoreOptions {
  /** Gets every line a change left `changed` (to push its snapshot to the line's panels). */
  readonly changed: (line: Line) => void;
  /** Gets every change under way (so a closing server lets it finish). */
  readonly track: <T>(work: Promise<T>) => Promise<T>;
  /** With other nodes: which are alive (a softphone on a dead node is gone). */
  readonly nodes?: NodeLiveness | undefined;
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

  /** A softphone connected to this node as `device`: answers the line's previous softphone, if any. */
  async deviceConnected(tenantId: string, extension: string, device: string): Promise<string | null> {
    let previous: string | null = null;
    await this.update(tenantId, extension, (l) => {
      previous = l.device;
      setDevice(l, device, this.nodeId);
      return 'changed';
    });
    return previous;
  }

  /**
   * The line's softphone `device` is gone (it disconnected, or its node died): the line shows it
   * stopped, with no calls. Nothing changes when another softphone has taken the line meanwhile.
   */
  deviceGone(tenantId: string, extension: string, device: string): Promise<Line> {
    return this.update(tenantId, extension, (l) => {
      if (l.device !== device) return 'none';
      setDevice(l, null);
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
    return this.deviceGone(l.tenantId, l.extension, l.device);
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

/**
 * Fault injection for the end-to-end tests (issue 5): what can go wrong between the browser, the
 * event server and the PBX, made to happen on purpose — and what the tests compare against.
 *
 * - `FaultProxy`: a TCP proxy between the panel and the event server (the dev host's
 *   `?serverUrl=` points the panel at it). It drops every connection (`drop`), refuses new ones for
 *   a while (`outage`), holds back traffic in one direction (`pause`/`resume`), delays every chunk
 *   (`delay`), and swaps two `state:snapshot` WebSocket frames (`reorderSnapshots`) so a stale
 *   snapshot reaches the panel after a newer one.
 * - `restartEventServer` (the PBX and the dev host stay up, as in production where the PBX is a
 *   separate system) and `restartLocalSystem` (the whole `npm start` process tree).
 * - `PbxTruth`: every state the simulated softphone of one extension reported to the event server
 *   (the PBX's truth, independent of the panel), and what the CRM must therefore have seen.
 * - `readCrm`/`panelView`: what the fake Salesforce recorded (screen pops, Tasks, Lightning Message
 *   Service call states) and what the panel shows, read from the page.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import type { Call, ParkedCall } from '@biztel/protocol';
import { NAMESPACE } from '@biztel/protocol';
import { demoDirectory } from '../server/src/config/directory.js';
import { createEventServer, type EventServer } from '../server/src/event-server.js';
import { jsonLogger } from '../server/src/logger.js';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../server/src/local-system.js';
import type { Agent } from './agent.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- the proxy ---------------------------------------------------------------------------------

export type Direction = 'up' | 'down';
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/** Chunks for one direction of one connection, forwarded in order, honouring pause and delay. */
class Pipe {
  private readonly queue: { data: Buffer; at: number }[] = [];
  private pumping = false;

  constructor(
    private readonly dest: Socket,
    private readonly proxy: FaultProxy,
    private readonly direction: Direction,
  ) {}

  push(data: Buffer): void {
    this.queue.push({ data, at: Date.now() });
    void this.pump();
  }

  async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.proxy.isPaused(this.direction) && !this.dest.destroyed) {
        const head = this.queue[0]!;
        const wait = head.at + this.proxy.chunkDelayMs - Date.now();
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        this.queue.shift();
        this.dest.write(head.data);
      }
    } finally {
      this.pumping = false;
    }
  }
}

/**
 * Splits one direction of a connection into whole WebSocket frames (after the HTTP upgrade), so
 * frames can be read, held back and reordered without corrupting the stream. Anything that is not
 * a WebSocket (long-polling) passes through untouched.
 */
class FrameSplitter {
  private buffer = Buffer.alloc(0);
  private mode: 'http' | 'ws' | 'raw' = 'http';

  constructor(private readonly emit: (bytes: Buffer, text: string | null) => void) {}

  push(chunk: Buffer): void {
    if (this.mode === 'raw') return this.emit(chunk, null);
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.mode === 'http') {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end + 4);
      // The browser's upgrade request, or the server's 101 answer to it.
      const text = head.toString('latin1');
      this.mode = /^HTTP\/1\.1 101/.test(text) || /^upgrade:\s*websocket/im.test(text) ? 'ws' : 'raw';
      this.emit(head, null);
      this.buffer = this.buffer.subarray(end + 4);
      if (this.mode === 'raw') {
        if (this.buffer.length > 0) this.emit(this.buffer, null);
        this.buffer = Buffer.alloc(0);
        return;
      }
    }
    for (;;) {
      const frame = parseFrame(this.buffer);
      if (!frame) return;
      this.emit(this.buffer.subarray(0, frame.total), frame.text);
      this.buffer = this.buffer.subarray(frame.total);
    }
  }
}

/** One complete WebSocket frame at the start of `b` (a text frame's text unmasked), or null. */
function parseFrame(b: Buffer): { total: number; text: string | null } | null {
  if (b.length < 2) return null;
  const opcode = b[0]! & 0x0f;
  const masked = (b[1]! & 0x80) !== 0;
  let length = b[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (b.length < 4) return null;
    length = b.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (b.length < 10) return null;
    length = Number(b.readBigUInt64BE(2));
    offset = 10;
  }
  if (masked) offset += 4;
  const total = offset + length;
  if (b.length < total) return null;
  if (opcode !== 1) return { total, text: null };
  const payload = Buffer.from(b.subarray(offset, total));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ b[offset - 4 + (i % 4)]!;
  return { total, text: payload.toString('utf8') };
}

/** A socket.io `state:snapshot` event on the panel namespace, as it travels in a text frame. */
const isSnapshotFrame = (text: string | null) => text !== null && text.startsWith(`42${NAMESPACE.panel},["state:snapshot"`);

interface Reorder {
  readonly count: number;
  readonly held: Buffer[];
  timer: ReturnType<typeof setTimeout> | null;
  readonly done: (outcome: 'swapped' | 'timedOut') => void;
}

class Link {
  readonly up: Pipe;
  readonly down: Pipe;
  private readonly splitter: FrameSplitter;
  reorder: Reorder | null = null;

  constructor(
    readonly client: Socket,
    readonly upstream: Socket,
    proxy: FaultProxy,
  ) {
    this.up = new Pipe(upstream, proxy, 'up');
    this.down = new Pipe(client, proxy, 'down');
    this.splitter = new FrameSplitter((bytes, text) => this.fromServer(bytes, text, proxy));
    const fromPanel = new FrameSplitter((bytes, text) => {
      if (text !== null) proxy.fromPanel.push(text);
      this.up.push(bytes);
    });
    client.on('data', (d: Buffer) => fromPanel.push(d));
    upstream.on('data', (d: Buffer) => this.splitter.push(d));
  }

  private fromServer(bytes: Buffer, text: string | null, proxy: FaultProxy): void {
    const rule = this.reorder ?? proxy.takeReorder(this);
    if (!rule || !isSnapshotFrame(text)) return this.down.push(bytes);
    rule.held.push(bytes);
    if (rule.held.length >= rule.count) this.release(true);
  }

  /** Sends the held frames, newest first when `swap` (the reordering), else as they came. */
  release(swap: boolean): void {
    const rule = this.reorder;
    if (!rule) return;
    this.reorder = null;
    if (rule.timer) clearTimeout(rule.timer);
    for (const bytes of swap ? [...rule.held].reverse() : rule.held) this.down.push(bytes);
    rule.done(swap ? 'swapped' : 'timedOut');
  }

  destroy(): void {
    this.client.destroy();
    this.upstream.destroy();
  }
}

export class FaultProxy {
  /** Every connection the proxy accepted (a reconnect shows as one more). */
  accepted = 0;
  /** Every WebSocket text message the panels sent (socket.io packets), in order. */
  readonly fromPanel: string[] = [];
  chunkDelayMs = 0;
  private readonly links = new Set<Link>();
  private refuseUntil = 0;
  private readonly paused: Record<Direction, boolean> = { up: false, down: false };
  private pendingReorder: { count: number; timeoutMs: number; done: (outcome: 'swapped' | 'timedOut') => void } | null = null;

  private constructor(
    private readonly server: TcpServer,
    public target: ProxyTarget,
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  static async start(target: ProxyTarget): Promise<FaultProxy> {
    const server = createTcpServer();
    const proxy = new FaultProxy(server, target);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The event server URL to hand to the panel (`?serverUrl=`). */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get openConnections(): number {
    return this.links.size;
  }

  isPaused(direction: Direction): boolean {
    return this.paused[direction];
  }

  /** Cuts every current connection, both ways, like a network failure (no close handshake). */
  drop(): number {
    const n = this.links.size;
    for (const link of [...this.links]) link.destroy();
    this.links.clear();
    return n;
  }

  /** Drops every connection and refuses new ones for `ms` (a longer outage: the panel backs off). */
  outage(ms: number): void {
    this.refuseUntil = Date.now() + ms;
    this.drop();
  }

  /** Holds back all traffic in `direction` (default: server → browser) until `resume`. */
  pause(direction: Direction | 'both' = 'down'): void {
    if (direction !== 'up') this.paused.down = true;
    if (direction !== 'down') this.paused.up = true;
  }

  resume(): void {
    this.paused.up = false;
    this.paused.down = false;
    for (const link of this.links) {
      void link.up.pump();
      void link.down.pump();
    }
  }

  /** Delays every chunk in both directions by `ms` (0: no delay), keeping the order. */
  delay(ms: number): void {
    this.chunkDelayMs = ms;
  }

  /**
   * The next `count` snapshots to one panel are held and then delivered newest first; resolves
   * once they are sent. After `timeoutMs` without enough snapshots, the held ones go in order
   * (`timedOut`).
   */
  reorderSnapshots(count = 2, timeoutMs = 5000): Promise<'swapped' | 'timedOut'> {
    return new Promise((done) => {
      this.pendingReorder = { count, timeoutMs, done };
    });
  }

  /** Used by a link seeing traffic: arms the pending reorder rule on it. */
  takeReorder(link: Link): Reorder | null {
    const pending = this.pendingReorder;
    if (!pending) return null;
    this.pendingReorder = null;
    const rule: Reorder = { count: pending.count, held: [], timer: null, done: pending.done };
    rule.timer = setTimeout(() => link.release(false), pending.timeoutMs);
    link.reorder = rule;
    return rule;
  }

  /** The payload of every socket.io event `name` (e.g. `call:hold`) the panels sent, in order. */
  sent(name: string): unknown[] {
    const out: unknown[] = [];
    for (const text of this.fromPanel) {
      const m = /^42(?:\/[^,]*,)?\d*(\[.*\])$/s.exec(text);
      if (!m) continue;
      const [event, payload] = JSON.parse(m[1]!) as [string, unknown];
      if (event === name) out.push(payload);
    }
    return out;
  }

  /** Back to a plain proxy: nothing paused, delayed, refused or waiting to be reordered. */
  reset(): void {
    this.fromPanel.length = 0;
    this.refuseUntil = 0;
    this.pendingReorder = null;
    this.delay(0);
    this.resume();
  }

  async close(): Promise<void> {
    this.drop();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.setNoDelay(true);
    if (Date.now() < this.refuseUntil) {
      client.destroy();
      return;
    }
    this.accepted += 1;
    const upstream = connect(this.target.port, this.target.host);
    upstream.setNoDelay(true);
    const link = new Link(client, upstream, this);
    this.links.add(link);
    const end = () => {
      if (!this.links.delete(link)) return;
      link.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('close', end);
      socket.on('error', end);
    }
  }
}

// ---- server restarts ---------------------------------------------------------------------------

/**
 * Stops the whole local system (event server, simulator, dev host) and starts it again on the
 * same ports, like restarting `npm start`: the PBX starts empty, so calls in progress are gone.
 */
export async function restartLocalSystem(system: LocalSystem, options: LocalSystemOptions): Promise<LocalSystem> {
  const port = Number(new URL(system.url).port);
  const eventPort = Number(new URL(system.eventServerUrl).port);
  await system.stop();
  return startLocalSystem({ ...options, port, eventPort });
}

/** An event server started by `restartEventServer`, to be stopped after the test. */
export interface RestartedEventServer {
  readonly eventServer: EventServer;
  stop(): Promise<void>;
}

/**
 * Restarts only the event server (graceful: panels hear `server:shutdown`), on the same port and
 * without shared session storage; the simulated PBX keeps its calls and its softphones reconnect,
 * as in production where the PBX is a separate system. `current` is the running event server
 * (`system.eventServer` the first time, then the previous restart's).
 */
export async function restartEventServer(system: LocalSystem, current: EventServer): Promise<RestartedEventServer> {
  const url = new URL(system.eventServerUrl);
  const devPort = new URL(system.url).port;
  await current.close();
  const eventServer = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [system.url, `http://localhost:${devPort}`, `http://127.0.0.1:${devPort}`],
    logger: jsonLogger('silent'),
    now: () => system.clock.now(),
  });
  const http: HttpServer = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  eventServer.attach(http);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(Number(url.port), url.hostname, () => resolve());
  });
  return {
    eventServer,
    async stop() {
      await eventServer.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** Drops every panel connection from the server side (`disconnectSockets(true)`). */
export function dropPanelsServerSide(eventServer: EventServer): void {
  eventServer.io.of(NAMESPACE.panel).disconnectSockets(true);
}

// ---- the PBX's truth ---------------------------------------------------------------------------

export interface TruthEvent {
  readonly at: number;
  readonly calls: readonly Call[];
  readonly parked: readonly ParkedCall[];
}

/** The call the panel shows and publishes: talking/dialling first, then ringing, else the first. */
export function mainCall(calls: readonly Call[]): Call | undefined {
  return calls.find((c) => c.state === 'talking' || c.state === 'dialing') ?? calls.find((c) => c.state === 'ringing') ?? calls[0];
}

/** `<call id>:<state>` of the main call, or `idle`: the unit of the live-call event stream. */
export function callKey(calls: readonly Call[]): string {
  const call = mainCall(calls);
  return call ? `${call.id}:${call.state}` : 'idle';
}

/** Seed 001 §4/§6: a call is looked up (screen pop) when it starts ringing in or being dialled out. */
function shouldPop(call: Call): boolean {
  if (call.transfer || call.recall) return false;
  const starts = (call.direction === 'inbound' && call.state === 'ringing') || (call.direction === 'outbound' && call.state === 'dialing');
  const digits = /^anonymous$/i.test(call.remoteNumber.trim()) ? '' : call.remoteNumber.replace(/\D/g, '');
  return starts && digits.length >= 6;
}

/** A Task per call the agent answered or dialled; not the internal consultation leg of a transfer. */
function shouldLog(call: Call): boolean {
  return !call.transfer && (call.direction === 'outbound' || call.answeredAt !== undefined);
}

/**
 * Every state one extension's softphone reported to the event server: listens beside the event
 * server on the softphone namespace, so it sees what the PBX says, not what the panel makes of it.
 */
export class PbxTruth {
  readonly events: TruthEvent[] = [];
  private readonly disposers: (() => void)[] = [];

  constructor(readonly extension: string) {}

  /** Follows `eventServer` (call again after a restart). */
  watch(eventServer: EventServer): void {
    const ns = eventServer.io.of(NAMESPACE.softphone);
    const hook = (socket: { data: unknown; on(event: string, fn: (raw: unknown) => void): unknown; off(event: string, fn: (raw: unknown) => void): unknown }) => {
      if ((socket.data as { extension?: string } | undefined)?.extension !== this.extension) return;
      const onState = (raw: unknown) => {
        const r = raw as { calls?: Call[]; parked?: ParkedCall[] };
        this.events.push({ at: Date.now(), calls: r.calls ?? [], parked: r.parked ?? [] });
      };
      socket.on('device:state', onState);
      this.disposers.push(() => socket.off('device:state', onState));
    };
    for (const socket of ns.sockets.values()) hook(socket);
    ns.on('connection', hook);
    this.disposers.push(() => ns.off('connection', hook));
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Every call id seen, with its first and last reported version. */
  calls(): Map<string, { first: Call; last: Call }> {
    const out = new Map<string, { first: Call; last: Call }>();
    for (const e of this.events) {
      for (const call of e.calls) {
        const known = out.get(call.id);
        out.set(call.id, { first: known?.first ?? call, last: call });
      }
    }
    return out;
  }

  /** How many screen pops the CRM must have seen for this extension. */
  expectedPops(): number {
    return [...this.calls().values()].filter((c) => shouldPop(c.first)).length;
  }

  /** The call ids that must each have exactly one Task: logged calls that have ended. */
  expectedTasks(current: readonly Call[]): string[] {
    const open = new Set(current.map((c) => c.id));
    return [...this.calls().entries()]
      .filter(([id, c]) => !open.has(id) && shouldLog(c.last))
      .map(([id]) => id)
      .sort();
  }

  /**
   * The live-call stream the PBX went through (consecutive repeats collapsed), with times, ending
   * with `current` (the PBX now: a restarted softphone may report before it is watched).
   */
  keys(current: readonly Call[]): { key: string; at: number }[] {
    const out: { key: string; at: number }[] = [{ key: 'idle', at: 0 }];
    for (const e of [...this.events, { at: Date.now(), calls: current }]) {
      const key = callKey(e.calls);
      if (out.at(-1)!.key !== key) out.push({ key, at: e.at });
    }
    return out;
  }
}

// ---- what the CRM recorded and what the panel shows ---------------------------------------------

export interface CrmRecord {
  /** Screen pops (`searchAndScreenPop` on an inbound call, `screenPop`). */
  readonly pops: number;
  /** `CallObject` of every Task created by `saveLog`. */
  readonly tasks: string[];
  /** Every live-call message published on `BiztelCallState__c`, as `callKey`s. */
  readonly lms: string[];
  /** The same messages, whole (JSON): a repeat of one of these is a duplicate. */
  readonly lmsRaw: string[];
}

/** What the fake Salesforce of one dev host page recorded (it lives in that page's memory). */
export async function readCrm(page: Page): Promise<CrmRecord> {
  return page.evaluate(() => {
    const host = document.querySelector('dev-lightning') as unknown as {
      container: {
        pops: unknown[];
        saved: Record<string, unknown>[];
        published: { channelName: string; message: { state?: string; callId?: string } }[];
      };
    };
    const c = host.container;
    return {
      pops: c.pops.length,
      tasks: c.saved.map((t) => String(t['CallObject'] ?? t['Id'])),
      lms: c.published
        .filter((p) => p.channelName === 'BiztelCallState__c')
        .map((p) => (p.message.state === 'idle' || !p.message.callId ? 'idle' : `${p.message.callId}:${p.message.state}`)),
      lmsRaw: c.published.filter((p) => p.channelName === 'BiztelCallState__c').map((p) => JSON.stringify(p.message)),
    };
  });
}

export interface PanelView {
  /** The panel document is loaded and its element rendered. */
  readonly loaded: boolean;
  readonly signedIn: boolean;
  readonly signInForm: boolean;
  readonly reconnecting: boolean;
  readonly ownership: 'alone' | 'this' | 'other';
  /** The text of the page (for messages such as the session-expired one). */
  readonly text: string;
  readonly current: { state: string; number: string } | null;
  readonly heldCustomer: string | null;
  readonly parked: string[];
}

/** The hint the panel shows while it reconnects by itself. */
export const RECONNECTING_HINT = 'イベント通知サーバに再接続しています…';

/** The panel's document: the popped-out window while open, else the utility bar's iframe. */
export function panelFrame(agent: Agent): Frame | undefined {
  return agent.popout?.mainFrame() ?? agent.page.frames().find((f) => f.url().includes('/apex/BiztelSoftphone'));
}

/** What the panel shows, read in one go through its shadow roots. */
export async function panelView(agent: Agent): Promise<PanelView> {
  const frame = panelFrame(agent);
  const empty: PanelView = { loaded: false, signedIn: false, signInForm: false, reconnecting: false, ownership: 'alone', text: '', current: null, heldCustomer: null, parked: [] };
  if (!frame) return empty;
  try {
    return await frame.evaluate((hint) => {
      const all = (selector: string): Element[] => {
        const out: Element[] = [];
        const walk = (root: Document | ShadowRoot) => {
          out.push(...root.querySelectorAll(selector));
          for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
        };
        walk(document);
        return out;
      };
      const texts: string[] = [];
      const collect = (root: Document | ShadowRoot | Element) => {
        for (const el of (root as ParentNode).querySelectorAll('*')) if (el.shadowRoot) collect(el.shadowRoot);
        texts.push((root as ParentNode & { textContent: string | null }).textContent ?? '');
      };
      collect(document);
      const text = texts.join(' ').replace(/\s+/g, ' ');
      const call = all('section.call')[0] as HTMLElement | undefined;
      const ownership = all('.hint.ownership')[0]?.getAttribute('data-ownership');
      return {
        loaded: all('biztel-softphone').length > 0,
        signedIn: all('biztel-call-panel').length > 0,
        signInForm: all('biztel-sign-in-form').length > 0,
        reconnecting: all('.hint.reconnecting').length > 0 || text.includes(hint),
        ownership: ownership === 'this' || ownership === 'other' ? ownership : 'alone',
        text,
        current: call ? { state: call.dataset['state'] ?? '', number: call.querySelector('.number')?.textContent?.trim() ?? '' } : null,
        heldCustomer: all('section.held-customer .number')[0]?.textContent?.trim() ?? null,
        parked: all('section.parked .slot').map((e) => (e.textContent ?? '').replace(/\D/g, '')),
      };
    }, RECONNECTING_HINT);
  } catch {
    return empty; // navigating (reload, pop-out): not there yet
  }
}

/** What the panel must show for `calls`/`parked` (the PBX's truth), in `PanelView` terms. */
export function expectedView(calls: readonly Call[], parked: readonly ParkedCall[]): Pick<PanelView, 'current' | 'heldCustomer' | 'parked'> {
  const call = mainCall(calls);
  const shown = (n: string) => (/^anonymous$/i.test(n.trim()) ? '非通知' : n.trim());
  const consultation = calls.find((c) => c.transfer !== undefined);
  const customer = consultation ? calls.find((c) => c.id === consultation.transfer?.of) : undefined;
  return {
    current: call ? { state: call.state, number: shown(call.remoteNumber) } : null,
    heldCustomer: customer && customer !== call ? shown(customer.remoteNumber) : null,
    parked: parked.map((p) => p.slot),
  };
}

/** Whether the panel shows exactly the truth, signed in and not reconnecting. */
export function showsTruth(view: PanelView, calls: readonly Call[], parked: readonly ParkedCall[]): boolean {
  if (!view.signedIn || view.reconnecting) return false;
  const want = expectedView(calls, parked);
  return JSON.stringify({ current: view.current, heldCustomer: view.heldCustomer, parked: view.parked }) === JSON.stringify(want);
}

// ---- the live-call stream check ----------------------------------------------------------------

export interface StreamCheck {
  /** Truth states (outside fault windows) the CRM never heard about. */
  readonly lost: string[];
  /** The same message published twice in a row (beyond the allowed republishes). */
  readonly duplicates: number;
  /** The same message published twice in a row, all of them. */
  readonly repeats: number;
  /** The CRM heard a state out of the truth's order (e.g. a stale snapshot applied). */
  readonly outOfOrder: string[];
  /** What the CRM heard, consecutive repeats collapsed. */
  readonly published: string[];
  readonly truth: string[];
}

/**
 * Compares the live-call messages the CRM received with the PBX's stream: every truth state
 * outside a fault window (where the panel may legitimately heal over a missed state) must have
 * been published; the published stream, repeats collapsed, must follow the truth's order
 * (`strictOrder`); a message repeated back to back is a duplicate, except at most
 * `allowedRepublishes` (a new page of the panel announces the current state once).
 */
export function checkStream(
  truth: { key: string; at: number }[],
  published: { keys: string[]; raw: string[] },
  windows: readonly { from: number; to: number }[],
  options: { allowedRepublishes: number; strictOrder: boolean },
): StreamCheck {
  const inWindow = (at: number) => windows.some((w) => at > w.from && at < w.to);
  const collapsed = published.keys.filter((k, i) => i === 0 || published.keys[i - 1] !== k);
  const repeats = published.raw.filter((m, i) => i > 0 && published.raw[i - 1] === m).length;
  const lost = truth.filter((t) => t.key !== 'idle' && !inWindow(t.at) && !collapsed.includes(t.key)).map((t) => t.key);
  const outOfOrder: string[] = [];
  if (options.strictOrder) {
    let i = 0;
    for (const key of collapsed) {
      const at = truth.findIndex((t, j) => j >= i && t.key === key);
      if (at < 0) outOfOrder.push(key);
      else i = at;
    }
  }
  return {
    lost,
    duplicates: Math.max(0, repeats - options.allowedRepublishes),
    repeats,
    outOfOrder,
    published: collapsed,
    truth: truth.map((t) => t.key),
  };
}

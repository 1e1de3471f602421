/**
 * `FaultProxy`, fault injection for the end-to-end tests (issue 5): a TCP proxy between the panel
 * and the event server (the dev host's `?serverUrl=` points the panel at it). It drops every
 * connection (`drop`), refuses new ones for a while (`outage`), holds back traffic in one
 * direction (`pause`/`resume`), delays every chunk (`delay`), and swaps two `state:snapshot`
 * WebSocket frames (`reorderSnapshots`) so a stale snapshot reaches the panel after a newer one.
 * The other faults: fault-restarts.ts; what the tests compare against: fault-truth.ts,
 * fault-views.ts.
 */
import { createServer as createTcpServer, connect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { NAMESPACE } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS, sleep } from '@biztel/testing';

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
  reorderSnapshots(count = 2, timeoutMs = WAIT_TIMEOUT_MS): Promise<'swapped' | 'timedOut'> {
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

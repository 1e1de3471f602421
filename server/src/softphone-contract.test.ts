/**
 * Integration: the softphone contract (docs/protocol.md) against a real event server on a free
 * port, with hand-driven softphones (raw socket.io clients, as another team's would be) and raw
 * panels — the version and hello, the binding of a line to one account, the reconnect grace,
 * command deadlines and late answers, goodbyes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Command, type DeviceHello, type DeviceState, type Snapshot } from '@biztel/protocol';
import { WAIT_TIMEOUT_MS, until } from '@biztel/testing';
import { DEMO_PASSWORD, demoDirectory } from './config/directory.js';
import { createEventServer, type EventServer, type EventServerOptions } from './event-server.js';
import { TEST_PANEL_ORIGIN } from './testing/panel-probe.js';
import type { ServerLogger } from './logger.js';

const COMMAND_TIMEOUT_MS = 1000;
const talking = (id: string): DeviceState => ({
  calls: [{ id, direction: 'inbound', state: 'talking', remoteNumber: '0312345678', startedAt: 1_767_225_600_000, answeredAt: 1_767_225_601_000 }],
  parked: [],
});

interface Running {
  readonly url: string;
  readonly server: EventServer;
  readonly warnings: Record<string, unknown>[];
  stop(): Promise<void>;
}

async function startServer(options: Partial<EventServerOptions> = {}): Promise<Running> {
  const warnings: Record<string, unknown>[] = [];
  const logger: ServerLogger = { info() {}, warn: (fields) => warnings.push(fields), error: (fields) => warnings.push({ ...fields, error: true }) };
  const server = createEventServer({
    directory: demoDirectory,
    allowedOrigins: [TEST_PANEL_ORIGIN],
    logger,
    deviceAckTimeoutMs: COMMAND_TIMEOUT_MS,
    ...options,
  });
  const http: HttpServer = createServer((_req, res) => res.writeHead(404).end());
  server.attach(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    server,
    warnings,
    async stop() {
      await server.close();
      http.closeAllConnections();
    },
  };
}

const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

/** A softphone as another team would write it: what it received, and how it answers commands. */
interface Phone {
  readonly socket: Socket;
  readonly hellos: DeviceHello[];
  readonly byes: { reason: string }[];
  readonly commands: Command[];
  /** How the next commands are answered: a reply, silence, or a reply after `lateMs`. */
  answer: { kind: 'reply'; reply: unknown } | { kind: 'silent' } | { kind: 'late'; lateMs: number; reply: unknown };
}

function phone(url: string, account: string, extension: string, auth: Record<string, unknown> = {}, headers?: Record<string, string>): Phone {
  const socket = connect(`${url}/softphone`, {
    transports: ['websocket'],
    ...(headers ? { extraHeaders: headers } : {}),
    reconnection: false,
    forceNew: true,
    auth: { protocol: PROTOCOL_VERSION, account, password: DEMO_PASSWORD, extension, ...auth },
  });
  sockets.push(socket);
  const p: Phone = { socket, hellos: [], byes: [], commands: [], answer: { kind: 'reply', reply: { ok: true } } };
  socket.on('server:hello', (hello: DeviceHello) => p.hellos.push(hello));
  socket.on('server:bye', (bye: { reason: string }) => p.byes.push(bye));
  socket.on('device:command', (command: Command, ack: (reply: unknown) => void) => {
    p.commands.push(command);
    const answer = p.answer;
    if (answer.kind === 'reply') ack(answer.reply);
    if (answer.kind === 'late') setTimeout(() => ack(answer.reply), answer.lateMs);
  });
  return p;
}

/** Resolves 'connected' or the refusal `{ message, data }`. */
function handshake(p: Phone): Promise<'connected' | { message: string; data: unknown }> {
  return new Promise((resolve) => {
    if (p.socket.connected) return resolve('connected');
    p.socket.once('connect', () => resolve('connected'));
    p.socket.once('connect_error', (e: Error & { data?: unknown }) => resolve({ message: e.message, data: e.data }));
  });
}

/** A connected softphone that got its hello (so the server has recorded it on the line). */
async function connectedPhone(url: string, account: string, extension: string): Promise<Phone> {
  const p = phone(url, account, extension);
  expect(await handshake(p)).toBe('connected');
  await until(() => p.hellos.length > 0, { what: 'the hello' });
  return p;
}

/** A raw panel, signed in; `snapshots` are all it was pushed. */
interface Panel {
  readonly socket: Socket;
  readonly snapshots: Snapshot[];
  readonly latest: () => Snapshot;
  command(event: string, payload: object): Promise<{ ok: boolean; code?: string }>;
}

/** A panel signed in as `account` on `extension`, taking the extension over from whoever is signed in there. */
async function panel(url: string, account: string, extension: string): Promise<Panel> {
  const socket = connect(`${url}/panel`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { origin: TEST_PANEL_ORIGIN } });
  sockets.push(socket);
  const snapshots: Snapshot[] = [];
  socket.on('state:snapshot', (s: Snapshot) => snapshots.push(s));
  const reply = (await socket
    .timeout(WAIT_TIMEOUT_MS)
    .emitWithAck('session:signIn', { account, password: DEMO_PASSWORD, extension, initialStatusId: 'available', hardphone: false, overwriteLine: true })) as {
    ok: boolean;
    snapshot: Snapshot;
  };
  expect(reply.ok).toBe(true);
  snapshots.push(reply.snapshot);
  return {
    socket,
    snapshots,
    latest: () => snapshots.reduce((a, b) => (b.revision > a.revision ? b : a)),
    command: async (event, payload) => (await socket.timeout(WAIT_TIMEOUT_MS).emitWithAck(event, payload)) as { ok: boolean; code?: string },
  };
}

let sys: Running;
beforeAll(async () => {
  sys = await startServer({ softphoneGraceMs: 120_000, lateAnswerMs: 60_000 });
});
afterAll(async () => {
  await sys.stop();
});

describe('version and hello', () => {
  it('greets an accepted softphone with the version, whom it is registered as, the clock and the limits', async () => {
    const p = await connectedPhone(sys.url, 'agent03', '1003');
    expect(p.hellos).toEqual([
      {
        protocol: PROTOCOL_VERSION,
        serverVersion: expect.any(String),
        serverTime: expect.any(Number),
        account: 'agent03',
        extension: '1003',
        limits: {
          maxMessageBytes: 65_536,
          maxCalls: 8,
          maxParked: 20,
          commandTimeoutMs: COMMAND_TIMEOUT_MS,
          reconnectGraceMs: 120_000,
          commandIdRetentionMs: 120_000,
        },
      },
    ]);
  });

  it.each([
    ['no version', {}, 'no protocol version'],
    ['version 1', { protocol: 1 }, 'protocol 1'],
    ['version 4', { protocol: 4 }, 'protocol 4'],
    ['a version as a string', { protocol: '2' }, 'a protocol that is not a number (string)'],
  ])('refuses a softphone that sends %s, saying which versions it speaks', async (_what, auth, said) => {
    const p = phone(sys.url, 'agent03', '1003', { protocol: undefined, ...auth });
    expect(await handshake(p)).toEqual({
      message: 'UNSUPPORTED_PROTOCOL',
      data: {
        code: 'UNSUPPORTED_PROTOCOL',
        message: `this server speaks protocol 2 and 3; the softphone sent ${said}`,
        supported: [2, 3],
      },
    });
  });

  it('still takes a softphone built for version 2, and answers its hello in version 2', async () => {
    const p = phone(sys.url, 'agent03', '1003', { protocol: 2 });
    expect(await handshake(p)).toBe('connected');
    await until(() => p.hellos.length > 0, 'the hello');
    expect(p.hellos[0]).toMatchObject({ protocol: 2, account: 'agent03', extension: '1003' });
    p.socket.disconnect();
  });

  it('drops a version-2 state that carries what version 3 added (the chat error wrongNumber), and takes it from version 3', async () => {
    const withChat = (id: string): DeviceState => ({
      calls: [{ ...talking(id).calls[0]!, chat: { status: 'error', error: 'wrongNumber' } }],
      parked: [],
    });
    const old = phone(sys.url, 'agent03', '1003', { protocol: 2 });
    expect(await handshake(old)).toBe('connected');
    const agent = await panel(sys.url, 'agent03', '1003');
    old.socket.emit('device:state', withChat('v2-1'));
    await until(() => sys.warnings.some((w) => w['event'] === 'device.invalidState' && String(w['error']).includes('wrongNumber')), {
      what: 'the v2 state dropped',
    });
    expect(agent.latest().calls).toEqual([]);
    old.socket.disconnect();

    const current = await connectedPhone(sys.url, 'agent03', '1003');
    current.socket.emit('device:state', withChat('v3-1'));
    await until(() => agent.latest().calls.some((c) => c.chat?.status === 'error' && c.chat.error === 'wrongNumber'), { what: 'the v3 chat error' });
  });

  it('refuses a browser (Sec-Fetch-*) from an origin not allowed before any password is checked; native clients may send any Origin', async () => {
    const fromPage = (origin: string) =>
      phone(sys.url, 'agent03', '1003', { password: 'guess' }, { origin, 'sec-fetch-mode': 'websocket', 'sec-fetch-site': 'cross-site' });
    expect(await handshake(fromPage('https://evil.example.com'))).toEqual({
      message: 'NOT_ALLOWED',
      data: { code: 'NOT_ALLOWED', message: 'a softphone in a browser must come from an allowed origin' },
    });
    expect(await handshake(fromPage(TEST_PANEL_ORIGIN))).toMatchObject({ message: 'AUTH_FAILED' });
    expect(sys.warnings.filter((w) => w['event'] === 'device.authFailed')).toHaveLength(1);
    const native = phone(sys.url, 'agent03', '1003', {}, { origin: 'https://evil.example.com' });
    expect(await handshake(native)).toBe('connected');
    native.socket.disconnect();
  });

  it('refuses the main namespace, saying which to use', async () => {
    const socket = connect(sys.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const refused = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    expect([refused.message, refused.data]).toEqual(['INVALID_PAYLOAD', { code: 'INVALID_PAYLOAD', message: 'connect to the /panel or /softphone namespace' }]);
  });

  it('refuses a malformed handshake with the path of the fault, and never echoes the password', async () => {
    const p = phone(sys.url, 'agent03', 'ext-1', { password: 'secret-pw' });
    const refused = await handshake(p);
    expect(refused).toEqual({ message: 'INVALID_PAYLOAD', data: { code: 'INVALID_PAYLOAD', message: 'auth.extension: has an invalid format' } });
  });
});

describe('binding: a line belongs to one account’s softphone (seed 001 §2)', () => {
  it("shows another account's softphone to the panel as a mismatch, hides its calls and relays nothing to it", async () => {
    const intruder = await connectedPhone(sys.url, 'agent02', '1001');
    intruder.socket.emit('device:state', talking('fake-1'));
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().softphone.state === 'mismatch', { what: 'the mismatch' });
    expect(p.latest().softphone).toEqual({ running: false, state: 'mismatch', account: 'agent02' });
    expect(p.snapshots.flatMap((s) => s.calls)).toEqual([]);

    expect(await p.command('call:dial', { number: '0312345678' })).toMatchObject({ ok: false, code: 'SOFTPHONE_MISMATCH' });
    expect(await p.command('call:hangup', { callId: 'fake-1' })).toMatchObject({ ok: false, code: 'SOFTPHONE_MISMATCH' });
    expect(intruder.commands).toEqual([]);
    intruder.socket.disconnect();
    await until(() => p.latest().softphone.state === 'stopped', { what: 'the intruder gone' });
  });

  it("never shows a colleague signed in on the agent's extension the agent's calls, nor the agent the colleague's softphone's", async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    own.socket.emit('device:state', talking('real-1'));
    const agent = await panel(sys.url, 'agent01', '1001');
    await until(() => agent.latest().calls.length === 1, { what: "the agent's call" });
    const colleague = await panel(sys.url, 'agent02', '1001'); // takes the extension over: the agent's panel is let go
    expect(colleague.latest().softphone).toEqual({ running: false, state: 'mismatch', account: 'agent01' });
    // The agent's softphone works on — none of it reaches the colleague; the agent's panel acts no more.
    expect(await agent.command('agent:setStatus', { statusId: 'available' })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
    const seen = colleague.snapshots.length;
    own.socket.emit('device:state', { calls: [...talking('real-1').calls, { ...talking('real-2').calls[0]!, state: 'held' }], parked: [] });
    await until(() => colleague.snapshots.length > seen, { what: "the line's change after the agent's second call" });
    expect(colleague.snapshots.flatMap((s) => s.calls)).toEqual([]);
    expect(colleague.snapshots.every((s) => !s.softphone.running)).toBe(true);
    own.socket.disconnect();
  });

  it("never lets a colleague's softphone put calls in the agent's panel", async () => {
    const agent = await panel(sys.url, 'agent01', '1001');
    const fake = await connectedPhone(sys.url, 'agent02', '1001');
    fake.socket.emit('device:state', talking('fake-2'));
    const colleague = await panel(sys.url, 'agent02', '1001');
    await until(() => colleague.latest().calls.length === 1, { what: "the colleague's own view" });
    expect(agent.snapshots.flatMap((s) => s.calls)).toEqual([]);
    expect(agent.snapshots.every((s) => s.agent.account === 'agent01')).toBe(true);
    fake.socket.disconnect();
  });

  it("refuses a second account's softphone while the line's is connected, and keeps the first", async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    const other = phone(sys.url, 'agent02', '1001');
    expect(await handshake(other)).toEqual({
      message: 'EXTENSION_IN_USE',
      data: { code: 'EXTENSION_IN_USE', message: "extension 1001 is held by another account's softphone" },
    });
    expect(own.socket.connected).toBe(true);
    const p = await panel(sys.url, 'agent01', '1001');
    expect(p.latest().softphone).toEqual({ running: true, state: 'running' });
    own.socket.disconnect();
  });

  it("lets the same account's new softphone take over: the old one is told why and let go, commands go to the new one", async () => {
    const older = await connectedPhone(sys.url, 'agent01', '1001');
    const gone = new Promise<string>((resolve) => older.socket.once('disconnect', resolve));
    const newer = await connectedPhone(sys.url, 'agent01', '1001');
    expect(await gone).toBe('io server disconnect');
    expect(older.byes).toEqual([{ reason: 'replaced', message: 'the same account connected another softphone for this extension' }]);

    const p = await panel(sys.url, 'agent01', '1001');
    newer.socket.emit('device:state', { calls: [], parked: [] });
    await until(() => p.latest().softphone.state === 'running', { what: 'the new softphone running' });
    expect(await p.command('call:dial', { number: '0312345678' })).toEqual({ ok: true });
    expect(newer.commands.map((c) => c.type)).toEqual(['dial']);
    expect(older.commands).toEqual([]);
    newer.socket.disconnect();
  });
});

describe('reconnect grace: a dropped softphone is not the end of its calls', () => {
  it('keeps the calls stale while it reconnects, refuses commands and other accounts meanwhile, and takes its first report after', async () => {
    const first = await connectedPhone(sys.url, 'agent01', '1001');
    first.socket.emit('device:state', talking('c-1'));
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().calls.length === 1 && p.latest().softphone.state === 'running', { what: 'the call' });

    first.socket.io.engine.close(); // the network drops: no goodbye
    await until(() => p.latest().softphone.state === 'reconnecting', { what: 'reconnecting' });
    const stale = p.latest();
    expect(stale.softphone).toEqual({ running: false, state: 'reconnecting', since: expect.any(Number), until: stale.softphone.since! + 120_000 });
    expect(stale.calls.map((c) => [c.id, c.state])).toEqual([['c-1', 'talking']]);
    expect(await p.command('call:hangup', { callId: 'c-1' })).toMatchObject({ ok: false, code: 'SOFTPHONE_RECONNECTING' });
    // Not BUSY: stale calls are not planned with.
    expect(await p.command('call:dial', { number: '0312345678' })).toMatchObject({ ok: false, code: 'SOFTPHONE_RECONNECTING' });
    expect(await handshake(phone(sys.url, 'agent02', '1001'))).toMatchObject({ message: 'EXTENSION_IN_USE' });

    // Back with the same account: still stale until it reports; its report replaces the calls.
    const back = await connectedPhone(sys.url, 'agent01', '1001');
    expect(p.latest().softphone.state).toBe('reconnecting');
    expect(p.latest().calls.map((c) => c.id)).toEqual(['c-1']);
    back.socket.emit('device:state', { calls: [], parked: [] });
    await until(() => p.latest().softphone.state === 'running', { what: 'running again' });
    expect(p.latest().calls).toEqual([]);
    // No snapshot in between showed the call gone before the softphone said so.
    const sinceDrop = p.snapshots.filter((s) => s.revision >= stale.revision && s.softphone.state !== 'running');
    expect(sinceDrop.every((s) => s.calls.length === 1)).toBe(true);
    back.socket.disconnect();
  });

  it('forgets a softphone that quits on purpose at once (no grace), calls and all', async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    own.socket.emit('device:state', talking('c-2'));
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().calls.length === 1, { what: 'the call' });
    own.socket.disconnect();
    await until(() => p.latest().softphone.state === 'stopped', { what: 'stopped' });
    expect(p.latest().calls).toEqual([]);
    expect(p.snapshots.some((s) => s.softphone.state === 'reconnecting')).toBe(false);
  });

  it('shows the softphone stopped, with no calls, when the grace runs out', async () => {
    const short = await startServer({ softphoneGraceMs: 300 });
    try {
      const own = await connectedPhone(short.url, 'agent01', '1001');
      own.socket.emit('device:state', talking('c-3'));
      const p = await panel(short.url, 'agent01', '1001');
      await until(() => p.latest().calls.length === 1, { what: 'the call' });
      own.socket.io.engine.close();
      await until(() => p.latest().softphone.state === 'stopped', { what: 'the grace to end' });
      expect(p.latest().calls).toEqual([]);
      expect(p.snapshots.some((s) => s.softphone.state === 'reconnecting' && s.calls.length === 1)).toBe(true);
      // After the grace, another account may take the extension.
      expect(await handshake(phone(short.url, 'agent02', '1001'))).toBe('connected');
    } finally {
      await short.stop();
    }
  });

  it('drops the stale calls of a softphone that came back but never reported once the grace ends, and shows it stopped until it does', async () => {
    // The second softphone must connect within the grace: a busy machine running the suite's files
    // in parallel took over 300 ms, then over 3 s (it came back after the grace: a new softphone).
    const short = await startServer({ softphoneGraceMs: 10_000 });
    try {
      const first = await connectedPhone(short.url, 'agent01', '1001');
      first.socket.emit('device:state', talking('c-4'));
      const p = await panel(short.url, 'agent01', '1001');
      await until(() => p.latest().calls.length === 1, { what: 'the call' });
      first.socket.io.engine.close();
      await until(() => p.latest().softphone.state === 'reconnecting', { what: 'reconnecting' });
      const silent = await connectedPhone(short.url, 'agent01', '1001');
      await until(() => p.latest().softphone.state === 'stopped', { what: 'the grace to end' });
      expect(p.latest().calls).toEqual([]);
      expect(await p.command('call:dial', { number: '0312345678' })).toMatchObject({ ok: false, code: 'SOFTPHONE_NOT_RUNNING' });
      silent.socket.emit('device:state', { calls: [], parked: [] });
      await until(() => p.latest().softphone.state === 'running', { what: 'running once it reports' });
    } finally {
      await short.stop();
    }
  });
});

describe('command deadlines', () => {
  it('sends every command with its id and a deadline in the server clock', async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    own.socket.emit('device:state', { calls: [], parked: [] });
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().softphone.state === 'running', { what: 'running' });
    await p.command('call:dial', { number: '0312345678', commandId: 'dial-deadline-1' });
    const [command] = own.commands;
    expect(command).toMatchObject({ type: 'dial', id: expect.stringMatching(/^c-[A-Za-z0-9_-]+$/), number: '0312345678' });
    expect(command!.deadline - own.hellos[0]!.serverTime).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS);
    own.socket.disconnect();
  });

  it('answers RESULT_UNKNOWN when the softphone is silent past the deadline (never a plain failure)', async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    own.socket.emit('device:state', { calls: [], parked: [] });
    own.answer = { kind: 'silent' };
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().softphone.state === 'running', { what: 'running' });
    expect(await p.command('call:dial', { number: '0312345678', commandId: 'dial-silent-1' })).toMatchObject({ ok: false, code: 'RESULT_UNKNOWN' });
    own.socket.disconnect();
  });

  it('learns a late answer: a retry with the same command id gets the true outcome and is never run again', async () => {
    const own = await connectedPhone(sys.url, 'agent01', '1001');
    own.socket.emit('device:state', { calls: [], parked: [] });
    own.answer = { kind: 'late', lateMs: COMMAND_TIMEOUT_MS + 500, reply: { ok: true } };
    const p = await panel(sys.url, 'agent01', '1001');
    await until(() => p.latest().softphone.state === 'running', { what: 'running' });

    expect(await p.command('call:dial', { number: '0312345678', commandId: 'dial-late-0001' })).toMatchObject({ ok: false, code: 'RESULT_UNKNOWN' });
    await until(() => sys.warnings.some((w) => w['event'] === 'device.lateAnswer'), { what: 'the late answer' });
    expect(await p.command('call:dial', { number: '0312345678', commandId: 'dial-late-0001' })).toEqual({ ok: true });
    expect(own.commands).toHaveLength(1);
    own.socket.disconnect();
  });
});

describe('goodbyes', () => {
  it('tells every softphone the server is shutting down (reconnect) before it closes', async () => {
    const own = await startServer();
    const p = await connectedPhone(own.url, 'agent01', '1001');
    await own.stop();
    expect(p.byes).toEqual([{ reason: 'shutdown', reconnectAfterMs: 1000 }]);
  });
});

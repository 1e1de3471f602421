/**
 * Test support for the panel transport's protocol fuzzer: the seed, a rich valid snapshot and
 * hello for the fuzzer to corrupt, hostile push arguments, and a rogue socket.io server on a free
 * port (`useRogueServer`) with a crash and prototype-pollution watch and a transport factory.
 * `url` is a live binding: set once the rogue server listens (in `beforeAll`).
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { PANEL_PROTOCOL_VERSION, parse, snapshotSchema, type Snapshot } from '@biztel/protocol';
import { silentLogger } from '../log.js';
import { fuzzSeed, hostileValue, mutate, pollutionProbe, preview, type Rng } from '@biztel/protocol/testing';

export { preview };
import { WAIT_TIMEOUT_MS } from '@biztel/testing';
import { SocketTransport } from './socket-transport.js';

export const SEED = fuzzSeed(0x5eed_0002);
/** Long enough that a loaded machine never turns a prompt answer into TIMEOUT; silence is tested in one batch. */
export const ACK_TIMEOUT_MS = 5000;

export const STATUSES = [
  { id: 'available', label: '受付可' },
  { id: 'break', label: '休憩' },
  { id: 'logoff', label: 'ログオフ' },
];
export const T0 = Date.UTC(2025, 3, 1);

/** A rich, valid snapshot: the fuzzer corrupts it one field at a time. */
export const VALID_SNAPSHOT: Snapshot = parse(
  snapshotSchema,
  {
    revision: 7,
    serverTime: T0,
    agent: { account: 'agent01', extension: '1001', statusId: 'available', hardphone: false },
    statuses: STATUSES,
    softphone: { running: true, state: 'running' },
    calls: [
      {
        id: 'call-1',
        direction: 'inbound',
        state: 'held',
        remoteNumber: '0312345678',
        startedAt: T0 - 60_000,
        answeredAt: T0 - 50_000,
        heldAt: T0 - 5000,
        businessLabel: 'サポート窓口',
        chat: {
          status: 'ok',
          messages: [
            { from: 'customer', kind: 'text', text: '配送について', at: T0 - 90_000 },
            { from: 'customer', kind: 'upload', text: '', url: 'https://chat.example.com/u/1.png', at: T0 - 80_000 },
          ],
        },
        transferredBy: '1002',
        screen: {
          recordId: '0035g00000AbCdEAAZ',
          recordName: '田中 様',
          objectType: 'Contact',
          note: '折り返し',
          fromExtension: '1002',
          fromName: '佐藤 太郎',
        },
      },
      {
        id: 'call-2',
        direction: 'outbound',
        state: 'talking',
        remoteNumber: '2002',
        startedAt: T0 - 8000,
        answeredAt: T0 - 5000,
        callerIdNumber: '0312345000',
        transfer: { kind: 'attended', of: 'call-1' },
        collecting: { kind: 'hash', digits: '20' },
        recall: { slot: '701' },
      },
    ],
    parked: [{ slot: '702', remoteNumber: 'anonymous', parkedAt: T0 - 20_000, recallAt: T0 + 280_000 }],
    callerIds: {
      mode: 'switchable',
      restricted: true,
      numbers: [{ number: '0312345000', label: '代表' }],
      windows: [{ id: 'support', name: 'サポート窓口', number: '0312345001' }],
    },
  },
  'snapshot',
);

export const VALID_HELLO = { protocol: PANEL_PROTOCOL_VERSION, statuses: STATUSES };

let http: HttpServer;
let io: Server;
/** The rogue server's address; set in `beforeAll` by `useRogueServer`. */
export let url: string;
let transport: SocketTransport | undefined;
export const crashes: string[] = [];
const onCrash = (error: unknown) => crashes.push(String(error instanceof Error ? error.stack : error));
export const pollution = pollutionProbe();

/**
 * Registers the hooks of a test file that runs a rogue socket.io server: it listens before the
 * tests, on a free loopback port, and hands each new panel connection to `onConnection`; the
 * transport of each test is closed after it; uncaught errors are collected in `crashes`.
 */
export function useRogueServer(onConnection: (socket: ServerSocket) => void): void {
  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    http = createServer();
    io = new Server(http);
    io.of('/panel').on('connection', (socket) => onConnection(socket));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    transport?.close();
  });

  afterAll(async () => {
    await io.close();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  });
}

/** A transport for the rogue server, closed after the test; acks time out after ACK_TIMEOUT_MS. */
export function newTransport(connectTimeoutMs = WAIT_TIMEOUT_MS): SocketTransport {
  transport = new SocketTransport({ logger: silentLogger, connectTimeoutMs, ackTimeoutMs: ACK_TIMEOUT_MS, reconnectionAttempts: 0 });
  return transport;
}

/** Pushes `event` with `args` from the rogue server to the panel. */
export function emit(socket: ServerSocket, event: string, args: readonly unknown[]): void {
  (socket.emit as (ev: string, ...a: unknown[]) => boolean).call(socket, event, ...args);
}

/** Event names a server could push that the transport does not expect (or expects once). */
export const OTHER_EVENTS = [
  'server:hello',
  'session:ended',
  'server:shutdown',
  'no:such:event',
  '__proto__',
  'constructor',
  'toString',
  'error',
  'hasOwnProperty',
  'state:Snapshot',
  '<img src=x onerror=alert(1)>',
];

/** Arguments of one hostile server push: mostly a mutated valid payload, sometimes junk or extra args. */
export function hostileArgs(r: Rng, valid: unknown): unknown[] {
  const roll = r.next();
  const payload =
    roll < 0.72 ? mutate(r, valid, { overLimit: true }) : roll < 0.8 ? structuredClone(valid) : roll < 0.95 ? hostileValue(r, { overLimit: true }) : undefined;
  const args = roll >= 0.98 ? [] : [payload];
  if (r.chance(0.08)) args.push(hostileValue(r, {}, 2));
  return args;
}

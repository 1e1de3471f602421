/**
 * For the sign-in attack tests: event-server nodes behind a trusted proxy (`trustProxyHops: 1`, so
 * each client says which address it comes from in `X-Forwarded-For`) on a hand-moved clock — one
 * node in memory, or with `TEST_EVENT_NODES=2` (the `cluster` project) two nodes sharing Redis
 * (panels on the first, softphones on the second) — and panels and softphones from any address.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { io as connect, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type SignInReply } from '@biztel/protocol';
import { silentLogger } from '@biztel/web-components/log';
import { SocketTransport } from '@biztel/web-components/transport/socket-transport';
import { WAIT_TIMEOUT_MS } from '@biztel/testing';
import { DEMO_PASSWORD, demoDirectory, type Directory, type TenantConfig } from '../config/directory.js';
import { startEventNode, type EventNode, type EventNodeOptions } from '../event-node.js';
import { TEST_PANEL_ORIGIN } from './panel-probe.js';
import { TEST_REDIS_URL } from './test-state.js';
import { TWO_NODES } from './test-system.js';

const demo = demoDirectory.tenants[0]!;
/** A second tenant with one account, `other01` on extension 1001, password `DEMO_PASSWORD`. */
const other: TenantConfig = { ...demo, id: 'other', accounts: [{ account: 'other01', passwordHash: demo.accounts[0]!.passwordHash, name: '他社 太郎' }] };
export const TWO_TENANTS: Directory = { ...demoDirectory, tenants: [demo, other] };

export interface AttackSystem {
  readonly panelUrl: string;
  readonly phoneUrl: string;
  /** The nodes' clock: tests move it by hand. */
  readonly clock: { now: number };
  /** A panel connected from `address`, signing in (closed by `stop`). */
  panel(address: string): Promise<SocketTransport>;
  /** A softphone handshake from `address`: 'connect' or the refusal's code, with its data. */
  softphone(address: string, auth: { account: string; password?: string; extension: string }): Promise<{ outcome: string; data?: { retryAfterMs?: number } }>;
  stop(): Promise<void>;
}

export async function startAttackSystem(options: Partial<EventNodeOptions> = {}): Promise<AttackSystem> {
  const clock = { now: 1_700_000_000_000 };
  const prefix = `test-${randomUUID()}`;
  const shared = TWO_NODES ? { redisUrl: TEST_REDIS_URL!, redisPrefix: prefix } : {};
  const nodes: EventNode[] = [];
  for (let i = 0; i < (TWO_NODES ? 2 : 1); i++) {
    nodes.push(
      await startEventNode({
        host: '127.0.0.1',
        port: 0,
        directory: TWO_TENANTS,
        allowedOrigins: [TEST_PANEL_ORIGIN],
        logger: { info() {}, warn() {}, error() {} },
        now: () => clock.now,
        trustProxyHops: 1,
        ...shared,
        ...options,
      }),
    );
  }
  const transports: SocketTransport[] = [];
  const sockets: Socket[] = [];
  const panelUrl = nodes[0]!.url;
  const phoneUrl = nodes.at(-1)!.url;
  return {
    panelUrl,
    phoneUrl,
    clock,
    async panel(address) {
      const transport = new SocketTransport({
        logger: silentLogger,
        connectTimeoutMs: WAIT_TIMEOUT_MS,
        ackTimeoutMs: WAIT_TIMEOUT_MS,
        extraHeaders: { origin: TEST_PANEL_ORIGIN, 'x-forwarded-for': address },
      });
      transports.push(transport);
      await transport.connect(panelUrl);
      return transport;
    },
    softphone(address, auth) {
      const socket = connect(`${phoneUrl}/softphone`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { protocol: PROTOCOL_VERSION, password: DEMO_PASSWORD, ...auth },
        extraHeaders: { 'x-forwarded-for': address },
      });
      sockets.push(socket);
      return new Promise((resolve) => {
        socket.once('connect', () => {
          resolve({ outcome: 'connect' });
          socket.close();
        });
        socket.once('connect_error', (error: Error & { data?: { retryAfterMs?: number } }) =>
          resolve({ outcome: error.message, ...(error.data === undefined ? {} : { data: error.data }) }),
        );
      });
    },
    async stop() {
      for (const t of transports) t.close();
      for (const s of sockets) s.close();
      for (const node of nodes) await node.stop();
      if (!TWO_NODES) return;
      const client = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      const keys = await client.sendCommand<string[]>(['KEYS', `${prefix}:*`]);
      if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
      client.destroy();
    },
  };
}

/** A panel sign-in with the demo password unless another is given. */
export function signIn(panel: SocketTransport, account: string, extension: string, password = DEMO_PASSWORD): Promise<SignInReply> {
  return panel.signIn({ account, password, extension, initialStatusId: 'available', hardphone: false });
}

/**
 * The local system for server integration tests. With `TEST_EVENT_NODES=2` (the `cluster` Jest
 * project sets it in `two-nodes.setup.ts`) it runs two event-server nodes sharing Redis
 * (TEST_REDIS_URL), panels on the first node and softphones on the second, so every command and
 * call event crosses nodes; each system then gets its own key prefix, deleted on stop. Otherwise it
 * is the one-process system of `npm start`.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { startLocalSystem, type LocalSystem, type LocalSystemOptions } from '../local-system.js';
import { TEST_REDIS_URL } from './test-state.js';

/** Whether this test run plays two nodes on Redis. */
export const TWO_NODES = process.env['TEST_EVENT_NODES'] === '2';

export async function startTestSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  if (!TWO_NODES) return startLocalSystem(options);
  if (!TEST_REDIS_URL) throw new Error('two-node tests need TEST_REDIS_URL (a running redis-server)');
  const prefix = `test-${randomUUID()}`;
  const system = await startLocalSystem({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, nodes: 2, ...options });
  return {
    ...system,
    async stop() {
      await system.stop();
      const client = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      const keys = await client.sendCommand<string[]>(['KEYS', `${prefix}:*`]);
      if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
      client.destroy();
    },
  };
}

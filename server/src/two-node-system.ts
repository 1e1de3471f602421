/**
 * The `cluster` Jest project runs the server integration tests against this instead of
 * ./local-system.ts (jest.config.js maps the import): the same local system with two event-server
 * nodes sharing Redis (TEST_REDIS_URL), panels on the first node and softphones on the second, so
 * every command and call event crosses nodes. Each system gets its own key prefix, deleted on stop.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { startLocalSystem as startOneSystem, type LocalSystem, type LocalSystemOptions } from '../src/local-system.js'; // not './local-system.js', which the cluster project maps to this file
import { TEST_REDIS_URL } from './state/test-state.js';

export * from '../src/local-system.js'; // not './local-system.js', which the cluster project maps to this file

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  if (!TEST_REDIS_URL) throw new Error('two-node tests need TEST_REDIS_URL (a running redis-server)');
  const prefix = `test-${randomUUID()}`;
  const system = await startOneSystem({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, nodes: 2, ...options });
  return {
    ...system,
    async stop() {
      await system.stop();
      const client = createClient({ url: TEST_REDIS_URL });
      await client.connect();
      const keys = (await client.sendCommand(['KEYS', `${prefix}:*`])) as string[];
      if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
      client.destroy();
    },
  };
}

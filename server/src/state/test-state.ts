/**
 * The shared state tests run against: in memory, or in Redis when the test run sets
 * `TEST_REDIS_URL` (the `cluster` Jest project does, with Debian's redis-server), each call under
 * a fresh key prefix so parallel test files never meet.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { memoryState, type SharedState } from './shared-state.js';
import { redisState } from './redis-state.js';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'];

export async function testState(now: () => number = Date.now): Promise<SharedState> {
  if (!TEST_REDIS_URL) return memoryState(now);
  const client = createClient({ url: TEST_REDIS_URL });
  await client.connect();
  const prefix = `test-${randomUUID()}`;
  return redisState(client, prefix, async () => {
    const keys = (await client.sendCommand(['KEYS', `${prefix}:*`])) as string[];
    if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
    client.destroy();
  });
}

/**
 * The shared state tests run against: in memory, or in Redis when the test run sets
 * `TEST_REDIS_URL` (the `cluster` Jest project does, with Debian's redis-server), each call under
 * a fresh key prefix so parallel test files never meet.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { memoryState, type SharedState } from '../state/shared-state.js';
import { redisState } from '../state/redis-state.js';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'];

export async function testState(now: () => number = Date.now, prefix = `test-${randomUUID()}`): Promise<SharedState> {
  if (!TEST_REDIS_URL) return memoryState(now);
  const client = createClient({ url: TEST_REDIS_URL });
  await client.connect();
  return redisState(client, prefix, async () => {
    const keys = await client.sendCommand<string[]>(['KEYS', `${prefix}:*`]);
    if (keys.length > 0) await client.sendCommand(['DEL', ...keys]);
    client.destroy();
  });
}

/** Two nodes' views of one shared state: two Redis connections on one prefix (in memory: one map). */
export async function testStatePair(): Promise<[SharedState, SharedState]> {
  if (!TEST_REDIS_URL) {
    const state = memoryState();
    return [state, state];
  }
  const prefix = `test-${randomUUID()}`;
  return [await testState(Date.now, prefix), await testState(Date.now, prefix)];
}

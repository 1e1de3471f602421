import { describe, expect, it } from '@jest/globals';
import { demoDirectory } from './config/directory.js';
import { startEventNode } from './event-node.js';
import type { ServerLogger } from './logger.js';
import { checkRedisUrl } from './state/redis-cluster.js';
import { TEST_PANEL_ORIGIN } from './testing/panel-probe.js';

const silent: ServerLogger = { info() {}, warn() {}, error() {} };

describe('event node', () => {
  it('refuses a REDIS_URL that is not a redis:// or rediss:// URL, in words', () => {
    expect(checkRedisUrl('localhost:6379')).toMatch(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
    expect(checkRedisUrl('not a url')).toMatch(/REDIS_URL is not a URL/);
    expect(checkRedisUrl('http://cache:6379')).toMatch(/"http:"/);
    expect(checkRedisUrl('redis://cache:6379/0')).toBeUndefined();
    expect(checkRedisUrl('rediss://user:secret@cache:6380')).toBeUndefined();
  });

  it('does not start when Redis cannot be reached, and says so', async () => {
    await expect(
      startEventNode({
        host: '127.0.0.1',
        port: 0,
        directory: demoDirectory,
        allowedOrigins: [TEST_PANEL_ORIGIN],
        logger: silent,
        redisUrl: 'redis://127.0.0.1:1',
      }),
    ).rejects.toThrow('cannot reach Redis at redis://127.0.0.1:1');
  });

  it('serves /readyz as ready in memory, then shutting-down, and frees its port', async () => {
    const node = await startEventNode({ host: '127.0.0.1', port: 0, directory: demoDirectory, allowedOrigins: [TEST_PANEL_ORIGIN], logger: silent });
    expect(await (await fetch(`${node.url}/readyz`)).json()).toEqual({ status: 'ready' });

    node.eventServer.stopAccepting();
    const draining = await fetch(`${node.url}/readyz`);
    expect([draining.status, await draining.json()]).toEqual([503, { status: 'shutting-down' }]);
    await node.stop();
    await expect(fetch(`${node.url}/healthz`)).rejects.toThrow();
  });
});

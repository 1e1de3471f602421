// The Redis of the 2-node setup of `npm run bench:server`: found at REDIS_URL / 127.0.0.1:6379 or
// started on a free port for the run, and emptied of a run's keys afterwards.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createClient } from 'redis';
import { children } from './processes.mjs';

export async function redisPing(url) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    const info = await client.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    const version = /redis_version:(\S+)/.exec(info)?.[1];
    await client.close();
    return { pid: existsSync(`/proc/${pid}/stat`) ? pid : undefined, version };
  } catch {
    try {
      client.destroy();
    } catch {
      // never connected
    }
    return undefined;
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** A Redis to use: REDIS_URL or the local one, else one started here; undefined when neither works. */
export async function findRedis() {
  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const found = await redisPing(url);
  if (found) return { url, ...found, started: false };
  try {
    const port = await freePort();
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    children.add(child);
    child.once('exit', () => children.delete(child));
    child.once('error', () => children.delete(child));
    const own = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = await redisPing(own);
      if (started) return { url: own, ...started, started: true, child };
    }
  } catch {
    // no redis-server
  }
  return undefined;
}

export async function dropKeys(url, prefix) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    let cursor = '0';
    let dropped = 0;
    do {
      const [next, keys] = await client.sendCommand(['SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000']);
      cursor = String(next);
      if (keys.length) dropped += Number(await client.sendCommand(['UNLINK', ...keys]));
    } while (cursor !== '0');
    await client.close();
    return dropped;
  } catch {
    return 0;
  }
}

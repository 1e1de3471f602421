// The `cluster` Jest project needs Redis: TEST_REDIS_URL if set, else a redis-server answering on
// 127.0.0.1:6379, else one started here from Debian's redis-server on a free port (stopped by
// cluster-global-teardown.cjs). `.ci/run` installs redis-server on a fresh machine.
const { spawn, execFileSync } = require('node:child_process');
const net = require('node:net');

const answers = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

module.exports = async function clusterGlobalSetup() {
  if (process.env.TEST_REDIS_URL) return;
  if (await answers(6379)) {
    process.env.TEST_REDIS_URL = 'redis://127.0.0.1:6379';
    return;
  }
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('The cluster tests need Redis: install redis-server (apt-get install redis-server) or set TEST_REDIS_URL.');
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await answers(port)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!(await answers(port))) throw new Error(`redis-server did not start on port ${port}`);
  globalThis.__clusterRedis = child;
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
};

/**
 * `npm start`: the event server, the simulator with the demo tenant and the dev host in one
 * process. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCV_DEV_HOST, startLocalSystem } from './local-system.js';
import { ConfigError, DEMO_CONFIG_FILE } from './config/load-config.js';
import type { LogLevel } from './logger.js';
import { parseAllowedOrigins } from './origins.js';
import { checkRedisUrl } from './state/redis-cluster.js';
import { PROTOCOL_VERSION } from '@biztel/protocol';

const root = fileURLToPath(new URL('../../', import.meta.url));

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be a port number 0-65535, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const LEVELS = ['info', 'warn', 'error', 'silent'] as const;
const level = (process.env['LOG_LEVEL'] ?? 'info') as LogLevel;
if (!LEVELS.includes(level)) {
  console.error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}`);
  process.exit(2);
}
const autoAnswerRaw = process.env['AUTO_ANSWER_MS'];
const autoAnswerMs = autoAnswerRaw === undefined ? 3000 : autoAnswerRaw === 'off' ? null : Number(autoAnswerRaw);
if (autoAnswerMs !== null && (!Number.isInteger(autoAnswerMs) || autoAnswerMs < 0)) {
  console.error('AUTO_ANSWER_MS must be a number of milliseconds or "off"');
  process.exit(2);
}
const allowedOrigins = parseAllowedOrigins(process.env['ALLOWED_ORIGINS']);
if (!allowedOrigins.ok) {
  console.error(allowedOrigins.error);
  process.exit(2);
}

// Tenants, accounts (password hashes), extensions…: docs/server-config.md. An invalid file stops here.
const configFile = process.env['CONFIG_FILE'] || join(root, DEMO_CONFIG_FILE);
/** How long /readyz says 503 before connections close, so a load balancer stops sending first. */
const drainRaw = process.env['SHUTDOWN_DRAIN_MS'] ?? '0';
const shutdownDrainMs = Number(drainRaw);
if (!Number.isInteger(shutdownDrainMs) || shutdownDrainMs < 0 || shutdownDrainMs > 60_000) {
  console.error(`SHUTDOWN_DRAIN_MS must be a number of milliseconds 0-60000, got "${drainRaw}"`);
  process.exit(2);
}

const redisUrl = process.env['REDIS_URL'] || undefined;
const redisProblem = redisUrl === undefined ? undefined : checkRedisUrl(redisUrl);
if (redisProblem) {
  console.error(redisProblem);
  process.exit(2);
}

/**
 * `SIMULATED_EXTENSIONS=1002,1003`: only these demo extensions get a simulated softphone; the
 * others wait for an external one (a vendor's softphone under test, docs/protocol.md).
 */
const simulatedRaw = process.env['SIMULATED_EXTENSIONS'];
const simulatedExtensions = simulatedRaw === undefined || simulatedRaw.trim() === '' ? undefined : simulatedRaw.split(',').map((x) => x.trim());
if (simulatedExtensions?.some((x) => !/^[0-9]{1,16}$/.test(x))) {
  console.error(`SIMULATED_EXTENSIONS must be extensions separated by commas (e.g. 1002,1003), got "${simulatedRaw?.slice(0, 80)}"`);
  process.exit(2);
}
/** How long a line waits for a dropped softphone before its calls are forgotten. */
const graceRaw = process.env['SOFTPHONE_GRACE_MS'] ?? '30000';
const softphoneGraceMs = Number(graceRaw);
if (!Number.isInteger(softphoneGraceMs) || softphoneGraceMs < 0 || softphoneGraceMs > 600_000) {
  console.error(`SOFTPHONE_GRACE_MS must be a number of milliseconds 0-600000, got "${graceRaw.slice(0, 50)}"`);
  process.exit(2);
}

/** Event-server nodes to run (more than one shares state through REDIS_URL): try scale-out locally. */
const nodes = port('EVENT_NODES', 1);
if (nodes < 1 || nodes > 8 || (nodes > 1 && !redisUrl)) {
  console.error('EVENT_NODES must be 1-8, and more than 1 needs REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379)');
  process.exit(2);
}

try {
  const system = await startLocalSystem({
    ...(redisUrl ? { redisUrl } : {}),
    nodes,
    configFile,
    root,
    host: process.env['HOST'] ?? '127.0.0.1',
    port: port('PORT', 8080),
    eventPort: port('EVENT_PORT', 8787),
    scvPort: port('SCV_PORT', 8443),
    autoAnswerMs,
    logLevel: level,
    allowedOrigins: allowedOrigins.value,
    shutdownDrainMs,
    softphoneGraceMs,
    ...(simulatedExtensions ? { simulatedExtensions } : {}),
  });
  const lines = [
    '',
    'BIZTEL Open CTI softphone — local system is running',
    '',
    `  Open:          ${system.url}/`,
    `  Event server:  ${system.eventServerUrl}  (health: /healthz, /readyz)`,
    ...(system.scvUrl
      ? [
          `  Service Cloud Voice host: ${system.scvUrl}`,
          `                 (https with a throw-away certificate, under a Salesforce name: map ${SCV_DEV_HOST} to 127.0.0.1,`,
          `                 e.g. chromium --host-resolver-rules="MAP ${SCV_DEV_HOST} 127.0.0.1" --ignore-certificate-errors)`,
        ]
      : []),
    ...system.eventNodes
      .slice(1)
      .map((n, i) => `  Node ${i + 2}:        ${n.url}${i + 2 === system.eventNodes.length ? '  (the simulated softphones connect here)' : ''}`),
    `  Config:        ${configFile}`,
    `  Shared state:  ${redisUrl ? 'Redis (REDIS_URL)' : 'in memory (set REDIS_URL to share it between nodes)'}`,
    '',
    ...(system.demo.accounts.length > 0
      ? [
          '  Demo sign-in (password for all: ' + system.demo.password + '):',
          ...system.demo.accounts.map(
            (a) =>
              `    account ${a.account}  extension ${a.extension}  ${system.demo.external.some((x) => x.extension === a.extension) ? '(external softphone)' : '(simulated softphone)'}`,
          ),
        ]
      : ['  This config has no demo accounts: the simulated softphones are off.']),
    ...(system.demo.external.length > 0
      ? [
          '',
          '  Left to an external softphone (SIMULATED_EXTENSIONS; contract: docs/protocol.md):',
          `    server ${system.eventNodes.at(-1)!.url}  path /socket.io  namespace /softphone  (Socket.IO v4), with auth`,
          ...system.demo.external.map(
            (a) => `    { "protocol": ${PROTOCOL_VERSION}, "account": "${a.account}", "password": "${system.demo.password}", "extension": "${a.extension}" }`,
          ),
        ]
      : []),
    '',
    '  Press Ctrl-C to stop.',
    '',
  ];
  console.log(lines.join('\n'));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const force = setTimeout(() => process.exit(1), 5000 + shutdownDrainMs);
    force.unref();
    system.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (e.code === 'EADDRINUSE') console.error(`Port already in use (${e.message}). Set PORT / EVENT_PORT to free ports.`);
  else console.error(error);
  process.exit(1);
}

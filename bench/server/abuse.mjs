// The abuse rows of `npm run bench:server` (issue 14 §6): while one client floods one event-server
// node, how long a well-behaved agent on another connection waits for its answers. Each scenario
// gets a fresh node (10 agents); the agent sends a ping or a status change every 100 ms (half its
// budget) — first for a quiet baseline, then during the flood, which runs in a child process
// (./flooder.mjs) so the attacker's client never competes with the measuring one. Each row: the
// agent's round trip p50/p99 against the target p99 ≤ 50 ms (a figure with ok/OVER, never an
// assertion), what the flooder sent and got, and the node's RSS growth.
//
// `ABUSE_SCENARIOS` is the list the runner goes through; a scenario names its flooder script and
// the message it is sent (other floods — e.g. sign-in abuse — add their own entry and script).
// BENCH_ABUSE_LIMITS=off runs the same rows against a node without the per-connection budgets
// (how the server behaved before them).
import { io } from 'socket.io-client';
import { ORIGIN, PASSWORD, QUICK, TARGET_P99_MS } from './config.mjs';
import { accountOf, extensionOf } from './directory.mjs';
import { fmt, ms, progress } from './format.mjs';
import { rssMB } from './proc-stats.mjs';
import { nextMessage, spawnChild, startServer, stop } from './processes.mjs';
import { summary } from './summary.mjs';

/** How long each flood (and the quiet baseline before it) is measured. */
export const ABUSE_WINDOW_MS = QUICK ? 3000 : 10_000;
const PROBE_EVERY_MS = 100;
const PROBE_TIMEOUT_MS = 10_000;

/** @type {{ name: string, script: string, kind: string }[]} */
export const ABUSE_SCENARIOS = [
  { name: 'server:ping flood (not signed in)', script: 'flooder.mjs', kind: 'ping' },
  { name: 'agent:setStatus flood (signed in)', script: 'flooder.mjs', kind: 'setStatus' },
  { name: 'device:state flood (48 KB, own softphone)', script: 'flooder.mjs', kind: 'state' },
  { name: 'forged ack flood (60 KB, not signed in)', script: 'flooder.mjs', kind: 'ack' },
  { name: 'unhandled event flood (60 KB, own softphone)', script: 'flooder.mjs', kind: 'junk' },
];

/** The well-behaved agent: a signed-in panel timing its requests. */
async function politeAgent(url) {
  const panel = io(`${url}/panel`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { origin: ORIGIN } });
  await new Promise((resolve, reject) => {
    panel.once('connect', resolve);
    panel.once('connect_error', reject);
  });
  const signIn = { account: accountOf(0), password: PASSWORD, extension: extensionOf(0), initialStatusId: 'available', hardphone: false };
  const reply = await panel.timeout(PROBE_TIMEOUT_MS).emitWithAck('session:signIn', signIn);
  if (!reply?.ok) throw new Error(`the well-behaved agent could not sign in: ${JSON.stringify(reply)}`);
  let flip = false;
  /** Round trips (ms) of one request every PROBE_EVERY_MS for `windowMs`; failures counted. */
  const measure = async (windowMs) => {
    const samples = [];
    const failures = {};
    const pending = [];
    for (const end = performance.now() + windowMs; performance.now() < end;) {
      const started = performance.now();
      flip = !flip;
      const request = flip ? ['server:ping', {}] : ['agent:setStatus', { statusId: samples.length % 4 < 2 ? 'away' : 'available' }];
      pending.push(
        panel
          .timeout(PROBE_TIMEOUT_MS)
          .emitWithAck(...request)
          .then((r) => {
            samples.push(performance.now() - started);
            if (!r?.ok) failures[r?.code ?? 'invalid'] = (failures[r?.code ?? 'invalid'] ?? 0) + 1;
          })
          .catch(() => {
            samples.push(PROBE_TIMEOUT_MS);
            failures.TIMEOUT = (failures.TIMEOUT ?? 0) + 1;
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
    await Promise.all(pending);
    return { ...summary(samples), failures };
  };
  return { measure, close: () => panel.close() };
}

/** Runs one scenario on a fresh node; resolves with its row. */
async function abuseScenario(scenario, limitsOff) {
  progress(`▸ abuse: ${scenario.name}${limitsOff ? ' (limits off)' : ''}`);
  const env = { AGENTS: '10', BENCH_ORIGIN: ORIGIN, BENCH_PASSWORD: PASSWORD, ...(limitsOff ? { BENCH_FLOOD_LIMITS: 'off' } : {}) };
  const node = await startServer('node.mjs', env, 'node');
  let flooder;
  let agent;
  try {
    agent = await politeAgent(node.url);
    const quiet = await agent.measure(Math.min(ABUSE_WINDOW_MS, 2000));
    const rssBefore = rssMB(node.child.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMB(node.child.pid))), 200);
    flooder = spawnChild(scenario.script);
    const flooded = nextMessage(flooder, 'flooded');
    flooder.send({
      type: 'flood',
      kind: scenario.kind,
      url: node.url,
      origin: ORIGIN,
      password: PASSWORD,
      account: accountOf(1),
      extension: extensionOf(1),
      ms: ABUSE_WINDOW_MS,
    });
    const during = await agent.measure(ABUSE_WINDOW_MS);
    const attack = await flooded;
    clearInterval(sampler);
    const row = {
      name: scenario.name,
      limits: limitsOff ? 'off' : 'on',
      quietMs: { p50: quiet.p50, p99: quiet.p99 },
      agentMs: { n: during.n, p50: during.p50, p99: during.p99, max: during.max },
      agentFailures: during.failures,
      flooder: { sent: attack.sent, answered: attack.answered, limited: attack.limited, disconnects: attack.disconnects, snapshots: attack.snapshots },
      rssGrowthMB: Math.round((rssPeak - rssBefore) * 10) / 10,
      targetMet: during.p99 <= TARGET_P99_MS && Object.keys(during.failures).length === 0,
    };
    progress(`  agent p50 ${ms(row.agentMs.p50)} ms, p99 ${ms(row.agentMs.p99)} ms; flooder sent ${fmt(attack.sent)}, disconnected ${attack.disconnects}×`);
    return row;
  } finally {
    agent?.close();
    if (flooder) await stop(flooder);
    await stop(node.child);
  }
}

/** Every abuse row (limits as configured, or off with BENCH_ABUSE_LIMITS=off). */
export async function abuseRows(scenarios = ABUSE_SCENARIOS) {
  const limitsOff = process.env.BENCH_ABUSE_LIMITS === 'off';
  const rows = [];
  for (const s of scenarios) rows.push(await abuseScenario(s, limitsOff));
  return rows;
}

/** The abuse table on stdout. */
export function printAbuse(rows) {
  if (rows.length === 0) return;
  const head = [
    'flood',
    'limits',
    'quiet p50/p99',
    'agent p50',
    'agent p99',
    `target p99 ≤ ${TARGET_P99_MS} ms`,
    'agent errors',
    'flooder sent',
    'answered',
    'RATE_LIMITED',
    'let go',
    'node RSS +MB',
  ];
  const body = rows.map((r) => [
    r.name,
    r.limits,
    `${ms(r.quietMs.p50)}/${ms(r.quietMs.p99)}`,
    ms(r.agentMs.p50),
    ms(r.agentMs.p99),
    r.targetMet ? 'ok' : 'OVER',
    Object.entries(r.agentFailures)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ') || '–',
    fmt(r.flooder.sent),
    fmt(r.flooder.answered),
    fmt(r.flooder.limited),
    `${r.flooder.disconnects}×`,
    fmt(r.rssGrowthMB, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `\nAbuse (issue 14 §6): a well-behaved agent's round trip (ping / setStatus every ${PROBE_EVERY_MS} ms) while one client floods one node for ${ABUSE_WINDOW_MS / 1000} s`,
  );
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log(
    "  quiet: the same agent just before the flood. let go: how often the flooder's connection ended before the window did (the server let it go; it reconnects at once).\n  agent errors: answers other than ok (RATE_LIMITED here would mean the agent's own budget was too small). node RSS +MB: peak during the flood minus before it.",
  );
}

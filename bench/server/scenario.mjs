// One scenario of `npm run bench:server`: a setup (echo relay, 1 node, 2 nodes + Redis) serving N
// agents — start its servers and the load generators, connect and settle, run calls at the set rate
// for the window while sampling CPU and stalls, and return the measured row.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { CONNECT_BATCH, DRAIN_MS, LOADGENS, ORIGIN, PASSWORD, RATE, RING_MS, TALK_MS, WARMUP_MS, WINDOW_MS } from './config.mjs';
import { fmt, ms, progress } from './format.mjs';
import { CLK_TCK, cpuTicks, idleProbe, machineBusyTicks, rssMB } from './proc-stats.mjs';
import { nextMessage, spawnChild, startServer, stop } from './processes.mjs';
import { dropKeys } from './redis.mjs';
import { summary } from './summary.mjs';

/** Runs `setup` with `agents` agents (`redis` for the 2-node setup); resolves with its result row. */
export async function scenario(setup, agents, redis) {
  const started = performance.now();
  const label = `${setup}, ${fmt(agents)} agents`;
  progress(`▸ ${label}: starting`);
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const servers = [];
  const gens = [];
  try {
    if (setup === 'echo') servers.push(await startServer('echo.mjs', {}, 'echo'));
    else if (setup === '1 node')
      servers.push(await startServer('node.mjs', { AGENTS: String(agents), BENCH_ORIGIN: ORIGIN, BENCH_PASSWORD: PASSWORD }, 'node'));
    else {
      const env = { AGENTS: String(agents), BENCH_ORIGIN: ORIGIN, BENCH_PASSWORD: PASSWORD, REDIS_URL: redis.url, REDIS_PREFIX: prefix };
      servers.push(...(await Promise.all([startServer('node.mjs', env, 'A'), startServer('node.mjs', env, 'B')])));
    }
    // 2 nodes: panels on A, softphones on B, so every command and every snapshot crosses Redis.
    const panelUrl = servers[0].url;
    const phoneUrl = servers.at(-1).url;

    for (let g = 0; g < LOADGENS; g++) gens.push(spawnChild('loadgen.mjs'));
    const share = Math.ceil(agents / LOADGENS);
    const connectedCounts = new Array(LOADGENS).fill(0);
    let lastShown = 0;
    const onProgress = (g) => (message) => {
      if (message.type !== 'progress') return;
      connectedCounts[g] = message.connected;
      const total = connectedCounts.reduce((a, b) => a + b, 0);
      if (total - lastShown >= 2000) {
        lastShown = total;
        progress(`  connected ${fmt(total)} / ${fmt(agents)}`);
      }
    };
    const rampStart = performance.now();
    const connects = gens.map((gen, g) => {
      const from = g * share;
      const to = Math.min(agents, from + share);
      const reply = nextMessage(gen, 'connected', onProgress(g));
      gen.send({ type: 'connect', panelUrl, phoneUrl, from, to, batch: CONNECT_BATCH, origin: ORIGIN, password: PASSWORD });
      return reply;
    });
    const connected = await Promise.all(connects);
    const rampMs = performance.now() - rampStart;
    const connectedAgents = connected.reduce((n, c) => n + c.agents, 0);
    const connectErrors = [...new Set(connected.flatMap((c) => c.errors))];
    progress(
      `  ${fmt(connectedAgents)} agents connected and signed in in ${(rampMs / 1000).toFixed(1)} s${connectErrors.length ? `; failures: ${connectErrors.join(' | ')}` : ''}`,
    );
    // Settle: the ramp leaves work behind (disconnect-free, but queued Redis updates, GC of the
    // ramp's garbage); wait until every node is below 15 % of a core for a second (at most 30 s).
    const settleStart = performance.now();
    const settleTrace = [];
    for (let quiet = 0; quiet < 2 && performance.now() - settleStart < 30_000;) {
      const t = servers.map((s) => cpuTicks(s.child.pid));
      await new Promise((resolve) => setTimeout(resolve, 500));
      const pct = servers.map((s, i) => Math.round(((cpuTicks(s.child.pid) - t[i]) / CLK_TCK / 0.5) * 100));
      settleTrace.push(pct);
      quiet = pct.every((p) => p < 15) ? quiet + 1 : 0;
    }
    const settleSeconds = Math.round((performance.now() - settleStart) / 100) / 10;
    progress(`  settled in ${settleSeconds} s (node CPU % per 0.5 s: ${settleTrace.map((p) => p.join('/')).join(' ')})`);
    const rssIdle = servers.map((s) => rssMB(s.child.pid));

    // Measure: CPU ticks of every process over the window (sampled here, on the same schedule).
    const procs = [...servers.map((s) => ({ name: s.name, pid: s.child.pid })), ...gens.map((g, i) => ({ name: `loadgen ${i + 1}`, pid: g.pid }))];
    if (redis?.pid && setup === '2 nodes + Redis') procs.push({ name: 'redis', pid: redis.pid });
    progress(`  running ${RATE} call events/s for ${(WARMUP_MS / 1000).toFixed(1)} s warm-up + ${WINDOW_MS / 1000} s measured`);
    const results = gens.map((gen) => nextMessage(gen, 'result'));
    const perGen = RATE * (connected[0].agents / Math.max(1, connectedAgents));
    gens.forEach((gen, g) =>
      gen.send({
        type: 'run',
        callEventsPerSec: RATE * (connected[g].agents / Math.max(1, connectedAgents)) || perGen,
        warmupMs: WARMUP_MS,
        windowMs: WINDOW_MS,
        drainMs: DRAIN_MS,
        ringMs: RING_MS,
        talkMs: TALK_MS,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const t0 = performance.now();
    const before = procs.map((p) => cpuTicks(p.pid));
    const machineBefore = machineBusyTicks();
    const selfBefore = process.cpuUsage();
    const stalls = await idleProbe(WINDOW_MS);
    const seconds = (performance.now() - t0) / 1000;
    const after = procs.map((p) => cpuTicks(p.pid));
    const machineAfter = machineBusyTicks();
    const self = process.cpuUsage(selfBefore);
    // What the rest of the machine used meanwhile (other people's builds, tests…), % of one core.
    const oursTicks = after.reduce((n, t, i) => n + (t - before[i]), 0) + ((self.user + self.system) / 1e6) * CLK_TCK;
    const otherCpuPct = Math.max(0, Math.round(((machineAfter - machineBefore - oursTicks) / CLK_TCK / seconds) * 10) / 10);
    const cpu = procs.map((p, i) => ({
      name: p.name,
      cpuPct: Math.round(((after[i] - before[i]) / CLK_TCK / seconds) * 1000) / 10,
      rssMB: Math.round(rssMB(p.pid)),
    }));
    const measured = await Promise.all(results);
    const failed = measured.find((m) => m.error);
    if (failed) throw new Error(`load generator failed: ${failed.error}`);

    const windowS = WINDOW_MS / 1000;
    const fanout = summary(measured.flatMap((m) => m.fanout));
    const command = summary(measured.flatMap((m) => m.command));
    const commandErrors = {};
    for (const m of measured) for (const [code, n] of Object.entries(m.commandErrors)) commandErrors[code] = (commandErrors[code] ?? 0) + n;
    const result = {
      setup,
      agents: connectedAgents,
      agentsAsked: agents,
      connectFailures: connected.reduce((n, c) => n + Math.max(0, c.failed), 0),
      connectErrors,
      rampSeconds: Math.round(rampMs / 100) / 10,
      settleSeconds,
      callsStarted: measured.reduce((n, m) => n + m.callsStarted, 0),
      callEventsPerSec: Math.round((fanout.n / windowS) * 10) / 10,
      commandsPerSec: Math.round((command.n / windowS) * 10) / 10,
      fanoutMs: fanout,
      commandMs: command,
      lostFanouts: measured.reduce((n, m) => n + m.lostFanouts, 0),
      skippedStarts: measured.reduce((n, m) => n + m.skippedStarts, 0),
      disconnects: measured.reduce((n, m) => n + m.disconnects, 0),
      commandErrors,
      nodes: cpu.filter((c) => servers.some((s) => s.name === c.name)).map((c, i) => ({ ...c, rssAfterRampMB: Math.round(rssIdle[i]) })),
      loadgens: cpu
        .filter((c) => c.name.startsWith('loadgen'))
        .map((c, i) => ({
          ...c,
          loopDelayP99Ms: Math.round(measured[i].loopDelayP99Ms * 10) / 10,
          loopDelayMaxMs: Math.round(measured[i].loopDelayMaxMs * 10) / 10,
        })),
      redis: cpu.find((c) => c.name === 'redis'),
      otherCpuPct,
      stalls,
      worstMsPerSecond: measured[0].worstPerSecond.map((_, k) => Math.max(...measured.map((m) => m.worstPerSecond[k] ?? 0))),
      slowestMs: measured
        .flatMap((m) => m.slowest)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 10)
        .map(([atMs, ms, kind]) => ({ atMs, ms, kind })),
      loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
    };
    progress(
      `  ${result.callEventsPerSec} call events/s, ${result.commandsPerSec} commands/s; fan-out p50/p99 ${ms(fanout.p50)}/${ms(fanout.p99)} ms, command p50/p99 ${ms(command.p50)}/${ms(command.p99)} ms; ` +
        `CPU ${result.nodes.map((n) => `${n.name} ${n.cpuPct} %`).join(', ')}; loadgens ${result.loadgens.map((l) => `${l.cpuPct} %`).join(', ')}${result.redis ? `; redis ${result.redis.cpuPct} %` : ''} ; other processes ${otherCpuPct} %, longest stall of an idle probe ${stalls.maxMs} ms (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    return result;
  } finally {
    await Promise.all([...gens, ...servers.map((s) => s.child)].map(stop));
    if (setup === '2 nodes + Redis' && redis) await dropKeys(redis.url, prefix);
  }
}

// The report of `npm run bench:server`: each row's ratio to the echo relay and verdict against
// the targets, notes on rows where something went wrong, and the table and legend on stdout.
import { cpus } from 'node:os';
import { QUICK, RATE, TARGET_AGENTS, TARGET_FANOUT_P50_RATIO, TARGET_NODES_P99_RATIO, TARGET_P99_MS, TARGET_RATIO, WINDOW_MS } from './config.mjs';
import { fmt, ms } from './format.mjs';
import { socketIoVersion } from './results-file.mjs';

/** Sets each row's ratio to the echo relay and its target verdict (ratio at `ratioN` agents, p99 at `p99N`). */
export function verdicts(rows, ratioN, p99N) {
  for (const r of rows) {
    const echo = rows.find((e) => e.setup === 'echo' && e.agentsAsked === r.agentsAsked);
    r.ratio =
      echo && r.setup !== 'echo'
        ? {
            fanoutP50: Math.round((r.fanoutMs.p50 / echo.fanoutMs.p50) * 100) / 100,
            fanoutP99: Math.round((r.fanoutMs.p99 / echo.fanoutMs.p99) * 100) / 100,
            commandP50: Math.round((r.commandMs.p50 / echo.commandMs.p50) * 100) / 100,
            commandP99: Math.round((r.commandMs.p99 / echo.commandMs.p99) * 100) / 100,
          }
        : undefined;
    const rateOk = r.callEventsPerSec >= RATE * 0.95 && r.lostFanouts === 0 && Object.keys(r.commandErrors).length === 0;
    const targets = [];
    r.targetsMet = {};
    if (r.setup === '1 node' && r.agentsAsked === ratioN && r.ratio) {
      const worst = Math.max(...Object.values(r.ratio));
      r.targetsMet.ratioVsEcho = rateOk && worst <= TARGET_RATIO;
      targets.push(
        `≤ ${TARGET_RATIO}× echo: ${r.targetsMet.ratioVsEcho ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×)${r.agents !== 1000 ? ` at ${fmt(r.agents)}, not 1,000 agents` : ''}`,
      );
    }
    if (r.setup === '1 node' && r.agentsAsked === ratioN && r.ratio) {
      r.targetsMet.fanoutP50VsEcho = rateOk && r.ratio.fanoutP50 <= TARGET_FANOUT_P50_RATIO;
      targets.push(`fan-out p50 ≤ ${TARGET_FANOUT_P50_RATIO}× echo: ${r.targetsMet.fanoutP50VsEcho ? 'ok' : 'OVER'} (${r.ratio.fanoutP50.toFixed(2)}×)`);
    }
    const one = rows.find((o) => o.setup === '1 node' && o.agentsAsked === r.agentsAsked);
    if (r.setup === '2 nodes + Redis' && r.agentsAsked === p99N && one) {
      r.vsOneNodeP99 = Math.round((r.fanoutMs.p99 / one.fanoutMs.p99) * 100) / 100;
      r.targetsMet.nodesVsOneP99 = rateOk && r.vsOneNodeP99 <= TARGET_NODES_P99_RATIO;
      targets.push(`fan-out p99 ≤ ${TARGET_NODES_P99_RATIO}× 1 node: ${r.targetsMet.nodesVsOneP99 ? 'ok' : 'OVER'} (${r.vsOneNodeP99.toFixed(2)}×)`);
    }
    if (r.setup === '1 node' && r.agentsAsked === p99N) {
      r.targetsMet.p99 = rateOk && r.fanoutMs.p99 <= TARGET_P99_MS && r.commandMs.p99 <= TARGET_P99_MS;
      targets.push(
        `p99 ≤ ${TARGET_P99_MS} ms at ${RATE}/s: ${r.targetsMet.p99 ? 'met' : 'NOT met'}${r.agents < TARGET_AGENTS ? ` at ${fmt(r.agents)}, not ${fmt(TARGET_AGENTS)} agents` : ''}`,
      );
    }
    if (r.setup === 'echo') targets.push('baseline');
    if (targets.length === 0) targets.push(`none (p99 ${Math.max(r.fanoutMs.p99, r.commandMs.p99) <= TARGET_P99_MS ? '≤' : '>'} ${TARGET_P99_MS} ms)`);
    r.target = targets.join('; ');
  }
}

/** The rows as a Markdown table. */
export function table(rows) {
  const header = [
    'setup',
    'agents',
    'call events/s',
    'commands/s',
    'fan-out p50 / p95 / p99 ms',
    'command p50 / p95 / p99 ms',
    'CPU % per node',
    'RSS MB per node',
    'noise: others CPU % · stall ms',
    'vs echo p50 / p99 (fan-out · command)',
    'target',
  ];
  const lines = rows.map((r) => [
    r.setup,
    fmt(r.agents),
    fmt(r.callEventsPerSec, 1),
    fmt(r.commandsPerSec, 1),
    `${ms(r.fanoutMs.p50)} / ${ms(r.fanoutMs.p95)} / ${ms(r.fanoutMs.p99)}`,
    `${ms(r.commandMs.p50)} / ${ms(r.commandMs.p95)} / ${ms(r.commandMs.p99)}`,
    r.nodes.map((n) => (r.nodes.length > 1 ? `${n.name} ${fmt(n.cpuPct)}` : fmt(n.cpuPct))).join(' · '),
    r.nodes.map((n) => (r.nodes.length > 1 ? `${n.name} ${fmt(n.rssMB)}` : fmt(n.rssMB))).join(' · '),
    `${fmt(r.otherCpuPct)} · ${fmt(r.stalls.maxMs)}`,
    r.ratio
      ? `${r.ratio.fanoutP50.toFixed(2)}× / ${r.ratio.fanoutP99.toFixed(2)}× · ${r.ratio.commandP50.toFixed(2)}× / ${r.ratio.commandP99.toFixed(2)}×`
      : '–',
    r.target,
  ]);
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...lines.map((l) => `| ${l.join(' | ')} |`)];
  return out.join('\n');
}

/** Appends to `notes` what went wrong in `rows` (failed connects, lost events, errors, busy load generators). */
export function addProblemNotes(rows, notes) {
  const problems = rows.filter((r) => r.connectFailures || r.lostFanouts || r.disconnects || r.skippedStarts || Object.keys(r.commandErrors).length);
  for (const r of problems) {
    notes.push(
      `${r.setup}, ${fmt(r.agents)} agents: ${[
        r.connectFailures && `${r.connectFailures} agent(s) failed to connect (${r.connectErrors.join(' | ')})`,
        r.lostFanouts && `${r.lostFanouts} call events never reached the panel`,
        r.disconnects && `${r.disconnects} connections dropped during the run`,
        r.skippedStarts && `${r.skippedStarts} calls not started (no idle agent)`,
        Object.keys(r.commandErrors).length && `command errors ${JSON.stringify(r.commandErrors)}`,
      ]
        .filter(Boolean)
        .join('; ')}`,
    );
  }
  if (problems.some((r) => r.connectErrors.some((e) => e.includes('INTERNAL'))))
    notes.push("INTERNAL refusals: rerun with BENCH_NODE_LOG=error to see the nodes' errors on stderr.");
  const busyGens = rows.filter((r) => r.loadgens.some((l) => l.cpuPct > 80));
  if (busyGens.length)
    notes.push(
      `load generators above 80 % CPU in: ${busyGens.map((r) => `${r.setup} ${fmt(r.agents)}`).join(', ')} — their queueing is part of those latencies`,
    );
}

/** Prints the run's header, table, legend and notes on stdout. */
export function printReport(rows, notes, seconds) {
  console.log(`\nbench:server — ${QUICK ? 'quick' : 'full'} run, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ${seconds} s\n`);
  console.log(table(rows));
  console.log(`
call events/s: snapshots reaching the panel (3 per call: ringing, talking, ended) over the ${WINDOW_MS / 1000} s window; commands/s: call:answer + call:hangup acks (2 per call).
fan-out: softphone emits device:state → its panel receives the state:snapshot showing it. command: panel emits call:answer/call:hangup →
  server relays device:command to the softphone → softphone acks → the panel's ack arrives. Both ends in one load-generator process (one clock).
echo: a raw socket.io relay (same socket.io ${socketIoVersion()}, WebSocket) doing only that forwarding — no validation, state, sessions or rooms.
2 nodes + Redis: panels on node A, softphones on node B, so every relay crosses the Redis adapter and every line update is a Redis compare-and-set.
CPU: utime+stime from /proc over the window, % of one core (the machine has ${cpus().length}); RSS: VmRSS at the end of the window.
noise: CPU the rest of the machine used during the window (not the bench's processes or Redis), % of one core, and the longest
  pause an idle timer in the bench's parent process saw (a 2 ms interval; the machine itself stalled). Each relay hop is a process
  wake-up: a busy machine or a stall of 100 ms shows up in p99 whatever the server does, so compare rows with little noise.
Sign-in cost is excluded: the bench nodes check passwords with a plain constant-time compare instead of scrypt (≈ 40 ms each);
  sign-in is measured by \`npm run bench\` (66 ms incl. 40 ms scrypt). Everything runs on loopback on this one machine (load generators included).`);
  if (notes.length) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
}

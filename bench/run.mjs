// `npm run bench`: builds when the outputs are missing or older than the sources, runs each
// benchmark in turn (progress on stderr), prints one combined table and writes the results as JSON
// to bench/results/<timestamp>.json; a full run of every bench also to bench/results/latest.json
// (committed: the README's figures), a quick or partial one to latest-quick.json / latest-partial.json
// (ignored by git). The table's last column compares each figure with the last earlier run of the
// same kind (full or quick) found in bench/results/, the committed latest.json included.
//   BENCH_QUICK=1         fewer iterations (start-up 5 runs, 100 rings, 1,000 calls)
//   BENCH_NO_BUILD=1      never build
//   npm run bench -- ring long-shift    only the named benches (bundle, startup, ring, long-shift, reconnect;
//                                       ring-to-paint is ring)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { QUICK, ROOT, fmt, progress, table } from './lib/common.mjs';

const BENCHES = [
  { key: 'bundle', load: () => import('./bundle.mjs') },
  { key: 'startup', load: () => import('./startup.mjs') },
  { key: 'ring', alias: 'ring-to-paint', load: () => import('./ring-to-paint.mjs') },
  { key: 'long-shift', load: () => import('./long-shift.mjs') },
  { key: 'reconnect', load: () => import('./reconnect.mjs') },
];
const OUTPUTS = [
  'force-app/main/default/staticresources/biztel_softphone/panel-ja.js',
  'dist/server/local-system.js',
  'dist/dev-host/lightning-host.js',
  'dist/dev-host/opencti-fake.js',
];
const SOURCES = ['packages', 'web-components/src', 'dev-host/src', 'server/src', 'rollup.config.js', 'tsconfig.json', 'server/tsconfig.json'];
const RESULTS = join(ROOT, 'bench/results');

function newestIn(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const st = statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((f) => newestIn(join(path, f))));
}

function buildIfNeeded() {
  if (process.env.BENCH_NO_BUILD === '1') return;
  const outputs = OUTPUTS.map((p) => (existsSync(join(ROOT, p)) ? statSync(join(ROOT, p)).mtimeMs : 0));
  const sources = Math.max(...SOURCES.map(newestIn));
  if (Math.min(...outputs) >= sources) return;
  progress('building (outputs missing or older than the sources): npm run build');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

function chromiumVersion() {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean)) {
    try {
      if (existsSync(p)) return execFileSync(p, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // try the next one
    }
  }
  return null;
}

function gitInfo() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

/** Earlier runs of the same kind (full or quick) in bench/results/, newest first. */
function earlierRuns() {
  const runs = [];
  for (const file of existsSync(RESULTS) ? readdirSync(RESULTS) : []) {
    // The committed latest.json counts (a fresh clone compares with it); the copies of a timestamped file do not.
    if (!file.endsWith('.json') || file === 'latest-quick.json' || file === 'latest-partial.json') continue;
    try {
      const run = JSON.parse(readFileSync(join(RESULTS, file), 'utf8'));
      if (run.quick === QUICK && Array.isArray(run.rows)) runs.push({ ...run, file });
    } catch {
      // not a result file
    }
  }
  return runs.sort((a, b) => (a.timestamp < b.timestamp ? 1 : -1));
}

/** The figure's key without the run count in parentheses, so quick and full runs line up. */
const keyOf = (r) => `${r.bench}\u0000${r.figure.replace(/ \((?:median of )?\d+[^)]*\)/g, '').replace(/ over \d+ calls/, '')}`;

async function main() {
  const wanted = process.argv.slice(2).map((w) => BENCHES.find((b) => b.alias === w)?.key ?? w);
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.key === w));
  if (unknown.length) {
    console.error(`unknown bench ${unknown.join(', ')} (known: ${BENCHES.map((b) => b.key).join(', ')})`);
    process.exit(2);
  }
  buildIfNeeded();
  const startedAt = new Date();
  const load = loadavg();
  progress(`${QUICK ? 'quick' : 'full'} run on ${cpus().length} cores, load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
  const results = [];
  for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.key))) {
    const t0 = Date.now();
    const mod = await bench.load();
    const result = await mod.run();
    result.seconds = Math.round((Date.now() - t0) / 100) / 10;
    results.push({ ...result, breakdownLines: bench.key === 'bundle' ? mod.breakdownLines(result.data.breakdown) : [] });
    progress(`${bench.key}: done in ${result.seconds} s`);
  }

  const rows = results.flatMap((r) => r.rows);
  // Each figure is compared with the newest earlier run that has it (runs of some benches only count).
  const prevByKey = new Map();
  const used = new Set();
  for (const run of earlierRuns()) {
    for (const r of run.rows) {
      if (prevByKey.has(keyOf(r)) || !rows.some((x) => keyOf(x) === keyOf(r))) continue;
      prevByKey.set(keyOf(r), r);
      used.add(run.file);
    }
  }
  const shown = rows.map((r) => {
    const p = prevByKey.get(keyOf(r));
    const delta = p && p.value ? `${r.value >= p.value ? '+' : ''}${(((r.value - p.value) / p.value) * 100).toFixed(1)} %` : p ? fmt(p.value, p.unit) : '';
    return { ...r, prev: delta };
  });
  const lines = table(shown).split('\n');
  // Appends the comparison column to the table lines.
  const width = Math.max(...lines.map((l) => l.length));
  const out = lines.map((l, i) => (i === 0 ? `${l.padEnd(width)}  vs prev` : i === 1 ? `${l}  -------` : `${l.padEnd(width)}  ${shown[i - 2].prev}`.trimEnd()));
  console.log(`\nBIZTEL softphone benchmarks — ${startedAt.toISOString()}${QUICK ? ' (BENCH_QUICK)' : ''}`);
  console.log(out.join('\n'));
  const breakdown = results.find((r) => r.name === 'bundle')?.breakdownLines ?? [];
  if (breakdown.length) console.log(`\nPanel bundle by package / folder (each minified + gzipped alone; share of their sum):\n${breakdown.join('\n')}`);
  if (used.size)
    console.log(`\nvs prev: the last earlier ${QUICK ? 'quick' : 'full'} run with each figure: ${[...used].map((f) => `bench/results/${f}`).join(', ')}`);

  const record = {
    timestamp: startedAt.toISOString(),
    quick: QUICK,
    machine: {
      node: process.version,
      chromium: chromiumVersion(),
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      loadAverageAtStart: load,
      loadAverageAtEnd: loadavg(),
    },
    git: gitInfo(),
    rows,
    benches: Object.fromEntries(results.map((r) => [r.name, { seconds: r.seconds, ...r.data }])),
  };
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(record, null, 2)}\n`;
  writeFileSync(file, json);
  // Only a full run of every bench replaces the committed reference the README quotes.
  const latest = QUICK ? 'latest-quick.json' : wanted.length > 0 ? 'latest-partial.json' : 'latest.json';
  writeFileSync(join(RESULTS, latest), json);
  console.log(`\nresults: ${file.replace(`${ROOT}`, '').replace(/^\//, '')} (and bench/results/${latest})`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Schema libraries side by side (docs/decisions/0008-schema-library.md): our own combinators
// (packages/protocol/src/schema.ts) against valibot, TypeBox and zod 4, each validating the same
// `state:snapshot` ported faithfully (ports/). For each: what it passes of the protocol's
// requirements, the bundle it makes (rollup + node-resolve + terser with the panel's settings, ESM,
// gzip -9) with and without its JSON Schema converter, and validation ops/s (median of rounds, each
// library in its own node process after a warm-up).
//
//   npm ci --prefix bench/schema-libraries && npm run -s build:packages && node bench/schema-libraries/run.mjs
//
// Knobs: BENCH_ROUNDS (default 9), BENCH_ROUND_MS (500), BENCH_WARMUP_MS (2000), BENCH_ONLY=own,zod-mini.
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as fixtures from './fixtures.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');

/** Name, port module, and the versions to print (package names under HERE/node_modules). */
const CANDIDATES = [
  { name: 'own', label: 'own combinators', packages: [] },
  { name: 'valibot', label: 'valibot', packages: ['valibot', '@valibot/to-json-schema'] },
  { name: 'typebox', label: 'TypeBox (TypeCompiler)', packages: ['@sinclair/typebox'] },
  { name: 'typebox-value', label: 'TypeBox (Value.Check)', packages: ['@sinclair/typebox'] },
  { name: 'zod-mini', label: 'zod/mini', packages: ['zod'] },
  { name: 'zod', label: 'zod (full)', packages: ['zod'] },
].filter((c) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(c.name));

const port = (name) => join(HERE, 'ports', `${name}.mjs`);
const jsonPort = (name) => join(HERE, 'ports', `${name}.json.mjs`);
const version = (pkg) => JSON.parse(readFileSync(join(HERE, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Half the range of the rounds, as a share of their median. */
const spread = (xs) => `±${(((Math.max(...xs) - Math.min(...xs)) / 2 / median(xs)) * 100).toFixed(0)}%`;

// ---- speed (one child process per library) ------------------------------------------------

/** Calls `fn(input)` in batches for about `ms`; returns calls per second. */
function opsPerSecond(fn, input, ms) {
  let calls = 0;
  let okCount = 0;
  const start = performance.now();
  let now = start;
  do {
    for (let i = 0; i < 50; i++) if (fn(input).ok) okCount++;
    calls += 50;
    now = performance.now();
  } while (now - start < ms);
  if (okCount !== 0 && okCount !== calls) throw new Error('a validator answered differently for the same input');
  return (calls * 1000) / (now - start);
}

/**
 * A child process per library (no library shares a JIT profile with another): it warms up, then
 * answers each `round` message with the ops/s of one round on the valid and the invalid snapshot.
 */
async function speedWorker(name) {
  const { validate } = await import(port(name));
  const roundMs = Number(process.env.BENCH_ROUND_MS ?? 500);
  const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 2000);
  const valid = fixtures.validSnapshot();
  const invalid = fixtures.invalidSnapshot();
  if (!validate(valid).ok || validate(invalid).ok) throw new Error(`${name}: the fixtures do not validate as expected`);
  opsPerSecond(validate, valid, warmupMs / 2);
  opsPerSecond(validate, invalid, warmupMs / 2);
  process.on('message', (message) => {
    if (message === 'round') process.send({ valid: opsPerSecond(validate, valid, roundMs), invalid: opsPerSecond(validate, invalid, roundMs) });
    else process.disconnect();
  });
  process.send('ready');
}

/** Rounds interleaved across the libraries (one at a time), so a burst of load on the machine hits them all alike. */
async function speeds(names) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
  const workers = names.map((name) => {
    const child = fork(fileURLToPath(import.meta.url), ['--speed', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const next = () =>
      new Promise((resolve, reject) => (child.once('message', resolve), child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)))));
    return { name, child, next, rounds: { valid: [], invalid: [] } };
  });
  for (const w of workers) await w.next(); // each warms up alone
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`speed round ${r + 1}/${rounds}\n`);
    for (const w of workers) {
      const answer = w.next();
      w.child.send('round');
      const { valid, invalid } = await answer;
      w.rounds.valid.push(valid);
      w.rounds.invalid.push(invalid);
    }
  }
  for (const w of workers) w.child.send('stop');
  return Object.fromEntries(workers.map((w) => [w.name, { valid: median(w.rounds.valid), invalid: median(w.rounds.invalid), rounds: w.rounds }]));
}

// ---- bundle ---------------------------------------------------------------------------------

/** The panel's rollup settings for an in-memory ESM entry; returns min and gzip bytes and the modules in it. */
async function bundle(code) {
  const [{ rollup }, { default: nodeResolve }, { default: terser }, { terserOptions }] = await Promise.all([
    import('rollup'),
    import('@rollup/plugin-node-resolve'),
    import('@rollup/plugin-terser'),
    import('../../rollup.config.js'),
  ]);
  const ENTRY = '\0schema-bench-entry';
  const build = await rollup({
    input: ENTRY,
    // Warnings about the libraries' own code (top-level `this` of TypeScript helpers, import cycles,
    // misplaced annotations) are theirs and harmless; any other warning stops the run.
    onwarn: (w) => {
      if (!w.message.includes('node_modules/')) throw new Error(`rollup: ${w.message}`);
    },
    plugins: [
      { name: 'entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? code : null) },
      nodeResolve({ browser: true, exportConditions: ['source', 'browser', 'production'] }),
      terser(terserOptions),
    ],
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  if (output.length !== 1) throw new Error('expected one chunk');
  const min = output[0].code;
  return { min: Buffer.byteLength(min), gz: gzipSync(min, { level: 9 }).length, modules: Object.keys(output[0].modules).length };
}

async function bundles(name) {
  const validateOnly = await bundle(`export { validate } from ${JSON.stringify(port(name))};`);
  const { jsonSchema } = await import(jsonPort(name));
  if (!jsonSchema) return { validateOnly, withJson: null };
  const withJson = await bundle(`export { validate } from ${JSON.stringify(port(name))};\nexport { jsonSchema } from ${JSON.stringify(jsonPort(name))};`);
  return { validateOnly, withJson };
}

// ---- requirements -----------------------------------------------------------------------------

const hasKeyDeep = (value, key) =>
  typeof value === 'object' && value !== null && (Object.hasOwn(value, key) || Object.values(value).some((v) => hasKeyDeep(v, key)));

/** Sorted keys and no `undefined` values, so outputs of different libraries compare by content. */
const canonical = (value) => JSON.parse(JSON.stringify(value));

async function requirements(name, ownValue) {
  const m = await import(port(name));
  const valid = fixtures.validSnapshot();
  const r = m.validate(valid);
  const unknown = fixtures.withUnknownKeys();
  const u = m.validate(unknown);
  const forbidden = fixtures.withForbiddenKeys().map((input) => m.validate(input));
  const limits = fixtures.outOfLimits().filter(({ input }) => m.validate(input).ok);
  const invalid = m.validate(fixtures.invalidSnapshot());
  const pathWords = fixtures.INVALID_PATH.map(String);
  // Out of the box: the library's plain `{ a: string }` object, no guard.
  const plainExtra = { a: 'x', extra: 1 };
  const plainStrip = m.validatePlain(plainExtra);
  const plainProto = m.validatePlain(JSON.parse('{"a":"x","__proto__":{"polluted":true}}'));
  return {
    sameOutputAsOwn: r.ok && isDeepStrictEqual(canonical(r.value), ownValue),
    fresh: r.ok && r.value !== valid && r.value.calls[0] !== valid.calls[0],
    dropsUnknown: u.ok && !hasKeyDeep(u.value, 'extra') && !Object.hasOwn(u.value.calls[0].screen, 'url'),
    rejectsForbidden: forbidden.every((f) => !f.ok),
    forbiddenErrors: forbidden.map((f) => f.error),
    limitsMissed: limits.map((l) => l.name),
    booleanTag: fixtures.replies.valid.every((x) => m.validateReply(x).ok) && fixtures.replies.invalid.every((x) => !m.validateReply(x).ok),
    error: invalid.ok ? null : invalid.error,
    errorNamesPath: !invalid.ok && pathWords.every((w) => invalid.error.includes(w)),
    plain: {
      strips: plainStrip.ok && !Object.hasOwn(plainStrip.value, 'extra') ? 'drops' : plainStrip.ok ? 'keeps' : 'rejects',
      proto: !plainProto.ok ? 'rejects' : Object.hasOwn(plainProto.value, '__proto__') ? 'keeps' : 'drops',
    },
  };
}

// ---- report -----------------------------------------------------------------------------------

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const signedKb = (bytes) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024).toFixed(2)} KB`;
const kops = (n) => `${(n / 1000).toFixed(1)} k`;
const yes = (b) => (b ? 'yes' : 'NO');

async function main() {
  const own = join(ROOT, 'packages/protocol/dist/messages.js');
  if (!existsSync(own)) throw new Error('packages/protocol/dist is missing: run npm run -s build:packages');
  if (!existsSync(join(HERE, 'node_modules'))) throw new Error('run npm ci --prefix bench/schema-libraries first');
  const ownValue = canonical((await import(port('own'))).validate(fixtures.validSnapshot()).value);

  const results = [];
  for (const c of CANDIDATES) {
    process.stderr.write(`${c.label}: requirements, bundle…\n`);
    results.push({ ...c, versions: c.packages.map((p) => `${p}@${version(p)}`), req: await requirements(c.name, ownValue), size: await bundles(c.name) });
  }
  const measured = await speeds(results.map((r) => r.name));
  for (const r of results) r.speed = measured[r.name];
  const base = results.find((r) => r.name === 'own');
  const cpu = cpus();
  console.log(
    `\nNode ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`Versions: ${[...new Set(results.flatMap((r) => r.versions))].join(', ')}\n`);
  console.log(
    '| library | bundle min | bundle gzip | vs own | + JSON Schema converter (gzip) | valid ops/s | invalid ops/s | valid vs own (median of per-round ratios) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const { validateOnly, withJson } = r.size;
    const conv = withJson ? signedKb(withJson.gz - validateOnly.gz) : r.name === 'own' ? 'not written yet' : '—';
    const vs = base ? signedKb(validateOnly.gz - base.size.validateOnly.gz) : '';
    // Per round against own's same round, then the median: steadier than a ratio of medians on a busy machine.
    const ratio = base ? `${median(r.speed.rounds.valid.map((x, i) => x / base.speed.rounds.valid[i])).toFixed(2)}×` : '';
    console.log(
      `| ${r.label} | ${kb(validateOnly.min)} | ${kb(validateOnly.gz)} | ${vs} | ${conv} | ${kops(r.speed.valid)} ${spread(r.speed.rounds.valid)} | ${kops(r.speed.invalid)} ${spread(r.speed.rounds.invalid)} | ${ratio} |`,
    );
  }
  console.log(
    '\n| library | same output as own | fresh object | drops unknown keys | refuses __proto__ etc. | limits (10 cases) | boolean tag union | path in error | out of the box: unknown key / __proto__ |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { label, req } of results) {
    const limits = req.limitsMissed.length ? `MISSED ${req.limitsMissed.join(', ')}` : 'all refused';
    console.log(
      `| ${label} | ${yes(req.sameOutputAsOwn)} | ${yes(req.fresh)} | ${yes(req.dropsUnknown)} | ${yes(req.rejectsForbidden)} | ${limits} | ${yes(req.booleanTag)} | ${yes(req.errorNamesPath)} | ${req.plain.strips} / ${req.plain.proto} |`,
    );
  }
  console.log('\nFirst error for the invalid snapshot, and for a forbidden key:');
  for (const { label, req } of results) console.log(`- ${label}: "${req.error}" · "${req.forbiddenErrors[0]}"`);
}

if (process.argv[2] === '--speed') await speedWorker(process.argv[3]);
else await main();

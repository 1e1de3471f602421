// Bundle size: what the Visualforce page loads besides opencti_min.js (read from the page itself),
// min and gzip, next to the peers' own published bundles and the floor (socket.io-client + lit
// bundled with the panel's rollup settings). Also a breakdown of the panel bundle by package /
// source folder, so trimming has a map.   Run alone: node bench/bundle.mjs
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { ROOT, progress, row, runDirectly } from './lib/common.mjs';

/**
 * The size budget (issue 7, tightened by issue 17): what the page loads before it can draw the
 * sign-in form besides Open CTI, gzipped.
 */
export const BUDGET_GZ = 36 * 1024;
/** Issue 17's target for everything an agent's browser loads over a shift: the start and every chunk. */
export const SHIFT_TARGET_GZ = 48 * 1024;
/**
 * Chunks the page fetches at once, by a dynamic import made as it starts (web-components/src/main.ts):
 * loaded in parallel, they do not hold up the sign-in form, so they are not "at start" but are
 * listed apart from the chunks loaded on demand.
 */
export const EAGER_CHUNKS = ['chunks/socket-transport.js'];
const PAGE = 'force-app/main/default/pages/BiztelSoftphone.page';
const RESOURCES = 'force-app/main/default/staticresources';
const OPENCTI = /\/support\/api\/[^/]+\/lightning\/opencti_min\.js$/;

export const sizes = (code) => ({ min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length });

/**
 * What a reference of the page may load: `{!$Resource.x}` (a single-file resource),
 * `{!URLFOR($Resource.x, 'path')}` (a file of a zip resource) or
 * `{!URLFOR($Resource.x, IF(<condition>, 'path', 'path'))}` (one file or the other: two variants).
 * Returns one path per alternative, or null for a reference it cannot map.
 */
function alternatives(ref, root) {
  const single = /^\{!\$Resource\.([A-Za-z0-9_]+)\}$/.exec(ref)?.[1];
  if (single) {
    const file = readdirSync(join(root, RESOURCES)).find((f) => f.startsWith(`${single}.`) && !f.endsWith('-meta.xml'));
    return file ? [join(RESOURCES, file)] : null;
  }
  const m = /^\{!URLFOR\(\$Resource\.([A-Za-z0-9_]+),\s*(.+)\)\}$/.exec(ref);
  if (!m) return null;
  const [, resource, pathExpr] = m;
  const literal = /^'([\w./-]+)'$/.exec(pathExpr)?.[1];
  const choice = /^IF\(.+,\s*'([\w./-]+)',\s*'([\w./-]+)'\)$/.exec(pathExpr);
  const paths = literal ? [literal] : choice ? [choice[1], choice[2]] : null;
  return paths?.map((p) => join(RESOURCES, resource, p)) ?? null;
}

/**
 * Every script and stylesheet the Visualforce page references, except Open CTI, as files of this
 * repository, per variant of the page (a reference with an `IF` makes one variant per branch,
 * e.g. the Japanese and the English entry). Throws on a reference it cannot map, so a new asset is
 * never left out of the budget silently. Returns `[{ name, paths }]`.
 */
export function pageVariants(root = ROOT) {
  const page = readFileSync(join(root, PAGE), 'utf8');
  // A `modulepreload` only fetches a chunk the panel imports itself (counted where it is imported).
  const tags = [...page.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"[^>]*>/g)].filter((m) => !/\brel="modulepreload"/.test(m[0]));
  const refs = tags.map((m) => m[1]).filter((ref) => !OPENCTI.test(ref));
  let variants = [{ name: '', paths: [] }];
  for (const ref of refs) {
    const alts = alternatives(ref, root);
    if (!alts) throw new Error(`${PAGE} loads ${ref}, which the size check cannot map to a file`);
    variants = variants.flatMap((v) =>
      alts.map((p) => ({ name: alts.length > 1 ? [v.name, basename(p)].filter(Boolean).join(' + ') : v.name, paths: [...v.paths, p] })),
    );
  }
  return variants.map((v) => ({ ...v, name: v.name || 'page' }));
}

/** Every file any variant of the page references directly, preloads included (the size check's "is it built?" list). */
export function pageAssets(root = ROOT) {
  const page = readFileSync(join(root, PAGE), 'utf8');
  const preloads = [...page.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].flatMap((m) => alternatives(m[1], root) ?? [m[1]]);
  const paths = [...new Set([...pageVariants(root).flatMap((v) => v.paths), ...preloads])];
  return paths.map((path) => ({ path }));
}

/**
 * The ES module graph from a script: static imports (`import … from`, `export … from`) load with it,
 * dynamic `import()`s are loaded later, on demand. Returns { start: [path…], lazy: [path…] }, both
 * closed under static imports (a lazy chunk brings its own static imports unless already started).
 */
function moduleGraph(root, entry) {
  const edges = (path) => {
    const code = readFileSync(join(root, path), 'utf8');
    if (!/\bimport\b|\bexport\b/.test(code)) return { statics: [], dynamics: [] };
    let ast;
    try {
      ast = parseAst(code);
    } catch {
      return { statics: [], dynamics: [] }; // a classic script
    }
    const statics = [];
    const dynamics = [];
    const visit = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (/^(ImportDeclaration|ExportNamedDeclaration|ExportAllDeclaration)$/.test(node.type) && node.source) statics.push(node.source.value);
      if (node.type === 'ImportExpression' && node.source.type === 'Literal') dynamics.push(node.source.value);
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object') visit(value);
      }
    };
    visit(ast);
    const local = (spec) => (spec.startsWith('.') ? join(dirname(path), spec) : null);
    return { statics: statics.map(local).filter(Boolean), dynamics: dynamics.map(local).filter(Boolean) };
  };
  const closure = (roots, known) => {
    const out = [];
    const todo = [...roots];
    const later = [];
    while (todo.length) {
      const path = todo.shift();
      if (known.has(path)) continue;
      known.add(path);
      out.push(path);
      const { statics, dynamics } = edges(path);
      todo.push(...statics);
      later.push(...dynamics);
    }
    return { out, later };
  };
  const seen = new Set();
  const first = closure([entry], seen);
  const lazy = [];
  let pending = first.later;
  while (pending.length) {
    const next = closure(pending, seen);
    lazy.push(...next.out);
    pending = next.later;
  }
  return { start: first.out, lazy };
}

/**
 * min / gzip of what the page loads at start besides Open CTI (the built static resources: each
 * referenced file and what it imports statically, each file gzipped on its own as it is served),
 * per variant, and the chunks loaded later on demand. The top-level `assets` / `min` / `gz` are the
 * largest variant's: the one the budget binds.
 */
export function panelSizes(root = ROOT) {
  const measure = (path) => ({ path, ...sizes(readFileSync(join(root, path))) });
  const variants = pageVariants(root).map((v) => {
    const start = [];
    const lazy = [];
    for (const p of v.paths) {
      const graph = moduleGraph(root, p);
      start.push(...graph.start.filter((x) => !start.includes(x)));
      lazy.push(...graph.lazy.filter((x) => !lazy.includes(x)));
    }
    const assets = start.map(measure);
    const later = lazy.filter((x) => !start.includes(x)).map(measure);
    const isEager = (a) => EAGER_CHUNKS.some((c) => a.path.endsWith(`/${c}`));
    const gz = assets.reduce((s, a) => s + a.gz, 0);
    return {
      name: v.name,
      assets,
      min: assets.reduce((s, a) => s + a.min, 0),
      gz,
      eager: later.filter(isEager),
      lazy: later.filter((a) => !isEager(a)),
      /** Start, fetched-at-once and on-demand chunks together: what a whole shift loads. */
      shiftGz: gz + later.reduce((s, a) => s + a.gz, 0),
    };
  });
  const worst = variants.reduce((a, b) => (b.gz > a.gz ? b : a));
  const missingEager = EAGER_CHUNKS.filter((c) => !worst.eager.some((a) => a.path.endsWith(`/${c}`)));
  if (missingEager.length > 0) throw new Error(`bundle: ${missingEager.join(', ')} not built as a chunk the page imports`);
  return { variant: worst.name, assets: worst.assets, min: worst.min, gz: worst.gz, eager: worst.eager, shiftGz: worst.shiftGz, variants };
}

/** Bundles an in-memory entry with the panel's settings (node-resolve for browsers + terser, IIFE). */
async function bundleEntry(source) {
  const entry = '\0bench-entry';
  const build = await rollup({
    input: entry,
    plugins: [
      { name: 'bench-entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) },
      nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
      terser({ format: { comments: false } }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'iife', name: 'BenchFloor' });
  await build.close();
  return output[0].code;
}

/** The floor: what the panel takes from its two runtime libraries, and nothing else. */
export const FLOOR_SOURCE = `import { io } from 'socket.io-client';
import { LitElement, html, css } from 'lit';
export { io, LitElement, html, css };`;

/** Package (node_modules/…) or source folder (web-components/src/<dir>) a module belongs to. */
function groupOf(id) {
  const path = id.replaceAll('\\', '/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.slice(path.lastIndexOf('node_modules/')))?.[1];
  if (pkg) return pkg;
  const src = /web-components\/src\/([^/]+)\//.exec(path)?.[1];
  return src ? `src/${src}` : path.replace(`${ROOT}`, '').replace(/^\//, '');
}

/**
 * Where the bytes the page starts with come from: the panel rebuilt in memory with the repository's
 * own rollup config, the modules of the chunks in `startFiles` (file names inside the resource
 * folder, e.g. `panel-ja.js`, `chunks/main.js`; default: every chunk) grouped and minified per group.
 * Group figures are estimates (minified alone, gzipped alone: shared strings across groups count in
 * each), so shares are shown against their sum.
 */
export async function breakdown(startFiles = null) {
  const { default: configs } = await import(join(ROOT, 'rollup.config.js'));
  const config = configs.find((c) => String(c.output.dir).includes('biztel_softphone'));
  const input = Object.fromEntries(Object.entries(config.input).map(([name, path]) => [name, join(ROOT, path)]));
  // Everything but the step that empties the output folder: this build stays in memory.
  const plugins = config.plugins.filter((p) => p.name !== 'clean-panel-dir');
  const build = await rollup({ input, plugins, onwarn: () => {} });
  const { output } = await build.generate({ ...config.output, dir: undefined });
  await build.close();
  const chunks = output.filter((o) => o.type === 'chunk' && (!startFiles || startFiles.includes(o.fileName)));
  const { minify } = await import('terser');
  const squeeze = async (code) => (await minify(code, { module: false, compress: true, mangle: true, format: { comments: false } })).code ?? '';
  const groups = new Map();
  const modules = [];
  for (const [id, mod] of chunks.flatMap((c) => Object.entries(c.modules))) {
    if (!mod.code) continue;
    const g = groups.get(groupOf(id)) ?? { modules: 0, code: '' };
    g.modules += 1;
    g.code += `${mod.code}\n`;
    groups.set(groupOf(id), g);
    modules.push({ module: id.replace(`${ROOT}`, '').replace(/^\//, ''), ...sizes(await squeeze(mod.code)) });
  }
  const rows = [];
  for (const [group, g] of groups) rows.push({ group, modules: g.modules, ...sizes(await squeeze(g.code)) });
  rows.sort((a, b) => b.gz - a.gz);
  modules.sort((a, b) => b.gz - a.gz);
  const total = rows.reduce((s, r) => s + r.gz, 0);
  return { groups: rows.map((r) => ({ ...r, share: Math.round((r.gz / total) * 1000) / 10 })), modules };
}

/**
 * The SCV connector page's scripts (rollup: dist/scv-connector), each minified file gzipped on its
 * own and summed; null when it was not built.
 */
function connectorSizes() {
  const dir = join(ROOT, 'dist/scv-connector');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.js'));
  const each = files.map((f) => sizes(readFileSync(join(dir, String(f)))));
  return { files: files.length, min: each.reduce((s, x) => s + x.min, 0), gz: each.reduce((s, x) => s + x.gz, 0) };
}

/** The chunks one variant loads later (views, strings, CRM search), summed. */
function lazyOf(panel) {
  const v = panel.variants.find((x) => x.name === panel.variant);
  return { count: v.lazy.length, min: v.lazy.reduce((s, a) => s + a.min, 0), gz: v.lazy.reduce((s, a) => s + a.gz, 0) };
}

export async function run() {
  progress('bundle: sizes of the page assets, the peers and the floor');
  const panel = panelSizes();
  const streams = sizes(readFileSync(join(ROOT, 'node_modules/amazon-connect-streams/release/connect-streams-min.js')));
  // scv-connector-base ships its own minified UMD bundle (webpack) as `main`: measured as published.
  const scvPkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/@salesforce/scv-connector-base/package.json'), 'utf8'));
  const scv = sizes(readFileSync(join(ROOT, 'node_modules/@salesforce/scv-connector-base', scvPkg.main)));
  const floor = sizes(await bundleEntry(FLOOR_SOURCE));
  const connector = connectorSizes();
  const streamsVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/amazon-connect-streams/package.json'), 'utf8')).version;

  let parts = null;
  try {
    progress(`bundle: breakdown of what the page starts with (${panel.variant}) by package / folder`);
    const folder = join(RESOURCES, 'biztel_softphone');
    parts = await breakdown(panel.assets.map((a) => relative(folder, a.path).replaceAll('\\', '/')));
  } catch (error) {
    progress(`bundle: breakdown unavailable (${String(error).split('\n')[0]})`);
  }

  const B = 'bundle';
  const rows = [
    row(B, `panel gzip at start (w/o opencti; largest variant: ${panel.variant})`, panel.gz, 'KB', { target: BUDGET_GZ }),
    row(B, 'panel min at start', panel.min, 'KB'),
    ...panel.variants.filter((v) => v.name !== panel.variant).map((v) => row(B, `panel gzip at start (${v.name})`, v.gz, 'KB', { target: BUDGET_GZ })),
    row(
      B,
      'fetched at once, not blocking the form (socket.io transport), gzip',
      panel.eager.reduce((s, a) => s + a.gz, 0),
      'KB',
    ),
    row(B, `chunks loaded on demand, gzip (${panel.variant})`, lazyOf(panel).gz, 'KB', { note: `${lazyOf(panel).count} files` }),
    row(B, `JS over a shift: start + every chunk, gzip (${panel.variant})`, panel.shiftGz, 'KB', { target: SHIFT_TARGET_GZ }),
    row(B, 'panel gzip vs floor (socket.io-client + lit)', panel.gz, 'KB', { baseline: floor.gz, baselineLabel: 'floor' }),
    row(B, 'panel min vs floor', panel.min, 'KB', { baseline: floor.min, baselineLabel: 'floor' }),
    row(B, 'panel gzip vs amazon-connect-streams', panel.gz, 'KB', { baseline: streams.gz, baselineLabel: `streams ${streamsVersion}` }),
    row(B, 'panel gzip vs scv-connector-base', panel.gz, 'KB', { baseline: scv.gz, baselineLabel: `scv ${scvPkg.version}` }),
    ...(connector
      ? [
          row(B, 'SCV connector page JS, gzip (every file; the library included)', connector.gz, 'KB', {
            baseline: scv.gz,
            baselineLabel: `scv ${scvPkg.version} alone`,
            note: `${connector.files} files`,
          }),
          row(B, 'SCV connector page JS vs the panel over a shift', connector.gz, 'KB', { baseline: panel.shiftGz, baselineLabel: 'panel, shift' }),
        ]
      : []),
  ];
  return {
    name: 'bundle',
    rows,
    data: {
      gzipLevel: 9,
      kb: 1024,
      budgetGz: BUDGET_GZ,
      panel,
      floor,
      connector,
      peers: {
        'amazon-connect-streams': { version: streamsVersion, file: 'release/connect-streams-min.js', ...streams },
        '@salesforce/scv-connector-base': { version: scvPkg.version, file: scvPkg.main, ...scv },
      },
      breakdown: parts,
    },
  };
}

/** The breakdown as text lines (printed by run.mjs under the table). */
export function breakdownLines(breakdown, max = 14) {
  const parts = breakdown?.groups;
  if (!parts) return [];
  const shown = parts.slice(0, max);
  const rest = parts.slice(max);
  const lines = shown.map(
    (p) =>
      `  ${p.group.padEnd(34)} ${String(p.modules).padStart(3)} mod  ${(p.min / 1024).toFixed(1).padStart(6)} KB min  ${(p.gz / 1024).toFixed(1).padStart(5)} KB gz  ${String(p.share).padStart(5)} %`,
  );
  if (rest.length) lines.push(`  (${rest.length} more groups: ${(rest.reduce((s, p) => s + p.gz, 0) / 1024).toFixed(1)} KB gz)`);
  return lines;
}

await runDirectly(import.meta.url, async () => {
  const result = await run();
  console.log(breakdownLines(result.data.breakdown, 100).join('\n'));
  console.log('\nlargest modules (each minified + gzipped alone):');
  for (const m of result.data.breakdown?.modules.slice(0, 25) ?? [])
    console.log(`  ${m.module.padEnd(60)} ${(m.min / 1024).toFixed(1).padStart(6)} KB min ${(m.gz / 1024).toFixed(1).padStart(5)} KB gz`);
  return result;
});

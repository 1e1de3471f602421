// Bundle size: what the Visualforce page loads besides opencti_min.js (read from the page itself),
// min and gzip, next to the peers' own published bundles and the floor (socket.io-client + lit
// bundled with the panel's rollup settings). Also a breakdown of the panel bundle by package /
// source folder, so trimming has a map.   Run alone: node bench/bundle.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import { ROOT, progress, row, runDirectly } from './lib/common.mjs';

/** The size budget of issue 7: everything the page loads besides Open CTI, gzipped. */
export const BUDGET_GZ = 40 * 1024;
const PAGE = 'force-app/main/default/pages/BiztelSoftphone.page';
const RESOURCES = 'force-app/main/default/staticresources';
const OPENCTI = /\/support\/api\/[^/]+\/lightning\/opencti_min\.js$/;

export const sizes = (code) => ({ min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length });

/**
 * Every script and stylesheet the Visualforce page references, except Open CTI, as files of this
 * repository (`{!$Resource.x}` → the static resource `x`). Throws on a reference it cannot map, so a
 * new asset is never left out of the budget silently.
 */
export function pageAssets(root = ROOT) {
  const page = readFileSync(join(root, PAGE), 'utf8');
  const refs = [...page.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  const files = readdirSync(join(root, RESOURCES));
  const assets = [];
  for (const ref of refs) {
    if (OPENCTI.test(ref)) continue;
    const resource = /^\{!\$Resource\.([A-Za-z0-9_]+)\}$/.exec(ref)?.[1];
    const file = resource && files.find((f) => f.startsWith(`${resource}.`) && !f.endsWith('-meta.xml'));
    if (!file) throw new Error(`${PAGE} loads ${ref}, which the size check cannot map to a file`);
    assets.push({ ref, path: join(RESOURCES, file) });
  }
  return assets;
}

/** min / gzip of everything the page loads besides Open CTI (the built static resources). */
export function panelSizes(root = ROOT) {
  const assets = pageAssets(root).map((a) => ({ ...a, ...sizes(readFileSync(join(root, a.path))) }));
  return { assets, min: assets.reduce((s, a) => s + a.min, 0), gz: assets.reduce((s, a) => s + a.gz, 0) };
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
 * Where the panel bundle's bytes come from: the entry rebuilt in memory with the repository's own
 * rollup config, each module's rendered code grouped and minified per group. Group figures are
 * estimates (minified alone, gzipped alone: shared strings across groups count in each), so shares
 * are shown against their sum.
 */
export async function breakdown() {
  const { default: configs } = await import(join(ROOT, 'rollup.config.js'));
  const config = configs.find((c) => String(c.output.file).includes('biztel_softphone'));
  const build = await rollup({ input: join(ROOT, config.input), plugins: config.plugins, onwarn: () => {} });
  const { output } = await build.generate({ ...config.output, file: undefined });
  await build.close();
  const { minify } = await import('terser');
  const squeeze = async (code) => (await minify(code, { module: false, compress: true, mangle: true, format: { comments: false } })).code ?? '';
  const groups = new Map();
  const modules = [];
  for (const [id, mod] of Object.entries(output[0].modules)) {
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

export async function run() {
  progress('bundle: sizes of the page assets, the peers and the floor');
  const panel = panelSizes();
  const streams = sizes(readFileSync(join(ROOT, 'node_modules/amazon-connect-streams/release/connect-streams-min.js')));
  // scv-connector-base ships its own minified UMD bundle (webpack) as `main`: measured as published.
  const scvPkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/@salesforce/scv-connector-base/package.json'), 'utf8'));
  const scv = sizes(readFileSync(join(ROOT, 'node_modules/@salesforce/scv-connector-base', scvPkg.main)));
  const floor = sizes(await bundleEntry(FLOOR_SOURCE));
  const streamsVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/amazon-connect-streams/package.json'), 'utf8')).version;

  let parts = null;
  try {
    progress('bundle: breakdown of the panel bundle by package / folder');
    parts = await breakdown();
  } catch (error) {
    progress(`bundle: breakdown unavailable (${String(error).split('\n')[0]})`);
  }

  const B = 'bundle';
  const rows = [
    row(B, 'panel gzip (page assets w/o opencti)', panel.gz, 'KB', { target: BUDGET_GZ }),
    row(B, 'panel min', panel.min, 'KB'),
    row(B, 'panel gzip vs floor (socket.io-client + lit)', panel.gz, 'KB', { baseline: floor.gz, baselineLabel: 'floor' }),
    row(B, 'panel min vs floor', panel.min, 'KB', { baseline: floor.min, baselineLabel: 'floor' }),
    row(B, 'panel gzip vs amazon-connect-streams', panel.gz, 'KB', { baseline: streams.gz, baselineLabel: `streams ${streamsVersion}` }),
    row(B, 'panel gzip vs scv-connector-base', panel.gz, 'KB', { baseline: scv.gz, baselineLabel: `scv ${scvPkg.version}` }),
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
  const lines = shown.map((p) => `  ${p.group.padEnd(34)} ${String(p.modules).padStart(3)} mod  ${(p.min / 1024).toFixed(1).padStart(6)} KB min  ${(p.gz / 1024).toFixed(1).padStart(5)} KB gz  ${String(p.share).padStart(5)} %`);
  if (rest.length) lines.push(`  (${rest.length} more groups: ${(rest.reduce((s, p) => s + p.gz, 0) / 1024).toFixed(1)} KB gz)`);
  return lines;
}

await runDirectly(import.meta.url, async () => {
  const result = await run();
  console.log(breakdownLines(result.data.breakdown, 100).join('\n'));
  console.log('\nlargest modules (each minified + gzipped alone):');
  for (const m of result.data.breakdown?.modules.slice(0, 25) ?? []) console.log(`  ${m.module.padEnd(60)} ${(m.min / 1024).toFixed(1).padStart(6)} KB min ${(m.gz / 1024).toFixed(1).padStart(5)} KB gz`);
  return result;
});

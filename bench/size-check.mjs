// Size check: fails (exit 1) when what the Visualforce page loads at start besides opencti_min.js is
// over the gzip budget of issue 7, printing by how much. "At start": the script the page references
// and what it imports statically, for each variant of the page (the Japanese and the English entry);
// chunks loaded later on demand (views, their strings) are listed, not counted. Reads the built
// static resource: run after `npm run build`.   Usage: npm run size-check
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUDGET_GZ, pageAssets, panelSizes } from './bundle.mjs';
import { ROOT } from './lib/common.mjs';

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const missing = pageAssets().filter((a) => !existsSync(join(ROOT, a.path)));
if (missing.length > 0) {
  console.error(`size-check: ${missing.map((a) => a.path).join(', ')} missing: run npm run build first`);
  process.exit(2);
}
const { variants, variant, min, gz } = panelSizes();
for (const v of variants) {
  console.log(`size-check: ${v.name} — at start ${kb(v.min)} min, ${kb(v.gz)} gzip${v.gz > BUDGET_GZ ? '  OVER' : ''}`);
  for (const a of v.assets) console.log(`size-check:   ${a.path}  ${kb(a.min)} min, ${kb(a.gz)} gzip`);
  const lazy = v.lazy.reduce((s, a) => s + a.gz, 0);
  console.log(
    `size-check:   later, on demand: ${v.lazy.length} chunks, ${kb(lazy)} gzip (${v.lazy.map((a) => `${a.path.split('/').pop()} ${kb(a.gz)}`).join(', ')})`,
  );
}
if (gz > BUDGET_GZ) {
  console.error(
    `size-check: FAILED — ${variant}: ${kb(gz)} gzip is ${kb(gz - BUDGET_GZ)} (${gz - BUDGET_GZ} B, ${(((gz - BUDGET_GZ) / BUDGET_GZ) * 100).toFixed(1)} %) over the ${kb(BUDGET_GZ)} budget (min ${kb(min)}).`,
  );
  process.exit(1);
}
console.log(
  `size-check: ok — ${kb(gz)} gzip at start (${variant}, the largest), ${kb(BUDGET_GZ - gz)} (${BUDGET_GZ - gz} B) under the ${kb(BUDGET_GZ)} budget.`,
);

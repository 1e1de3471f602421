// Size check: fails (exit 1) when what the Visualforce page loads besides opencti_min.js is over the
// gzip budget of issue 7, printing by how much. Reads the built static resource: run after
// `npm run build`.   Usage: npm run size-check
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
const { assets, min, gz } = panelSizes();
for (const a of assets) console.log(`size-check: ${a.path}  ${kb(a.min)} min, ${kb(a.gz)} gzip`);
if (gz > BUDGET_GZ) {
  console.error(`size-check: FAILED — ${kb(gz)} gzip is ${kb(gz - BUDGET_GZ)} (${gz - BUDGET_GZ} B, ${(((gz - BUDGET_GZ) / BUDGET_GZ) * 100).toFixed(1)} %) over the ${kb(BUDGET_GZ)} budget (min ${kb(min)}).`);
  process.exit(1);
}
console.log(`size-check: ok — ${kb(gz)} gzip, ${kb(BUDGET_GZ - gz)} under the ${kb(BUDGET_GZ)} budget.`);

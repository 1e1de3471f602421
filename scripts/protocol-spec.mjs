// The protocol's spec, generated from packages/protocol (schemas and spec/): writes
// docs/protocol/asyncapi.json and docs/protocol.md, or with --check compares them and fails (exit 1)
// when they differ from what the code produces now. Reads the built package: `npm run spec` and
// `npm run spec:check` build it first. A Jest test (packages/protocol/src/spec/generated.test.ts)
// makes the same comparison.   Usage: npm run spec | npm run spec:check
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '@biztel/protocol/spec';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

let stale = 0;
for (const [file, content] of Object.entries(generatedFiles())) {
  const path = join(ROOT, file);
  if (read(path) === content) {
    console.log(`protocol-spec: ${file} up to date`);
  } else if (check) {
    console.error(`protocol-spec: ${file} differs from the code: run npm run spec`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    console.log(`protocol-spec: wrote ${file}`);
  }
}
process.exit(stale > 0 ? 1 : 0);

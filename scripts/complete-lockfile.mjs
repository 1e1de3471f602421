// The npm registry reachable here only serves the linux-x64 builds of packages that ship one
// native binary per platform (rollup, unrs-resolver). `npm install` then writes a lockfile without
// the other platforms' optional entries, and `npm ci` refuses it ("Missing … from lock file").
// This script adds those entries (platform-tagged, optional, never fetched on this platform), so
// `npm ci` works on a fresh clone. Run it after every `npm install` that rewrites the lockfile:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'netbsd', 'openbsd', 'openharmony', 'sunos', 'win32', 'aix'];
const CPU = ['arm', 'arm64', 'ia32', 'loong64', 'mips64el', 'ppc64', 'riscv64', 's390x', 'x64', 'wasm32'];

/** `@rollup/rollup-linux-arm-musleabihf` → { os: ['linux'], cpu: ['arm'], libc: ['musl'] } */
function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t));
  const libcToken = tokens.find((t) => /^(gnu|musl)/.test(t));
  if (!cpu) return null;
  return {
    ...(os ? { os: [os] } : {}),
    cpu: [cpu],
    ...(libcToken ? { libc: [libcToken.startsWith('musl') ? 'musl' : 'glibc'] } : {}),
  };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  if (!path || !entry.optionalDependencies) continue;
  for (const [dep, range] of Object.entries(entry.optionalDependencies)) {
    const nested = `${path}/node_modules/${dep}`;
    const top = `node_modules/${dep}`;
    if (packages[nested] || packages[top]) continue;
    const platform = platformOf(dep);
    if (!platform) continue; // not a per-platform binary package: leave it to npm
    packages[top] = { version: range.replace(/^[~^=]/, ''), ...platform, dev: entry.dev ?? false, optional: true };
    if (!entry.dev) delete packages[top].dev;
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);

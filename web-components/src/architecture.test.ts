/**
 * The layer rules of the panel, checked on the source (static imports, re-exports and `import()`):
 * dependencies point one way (the `@biztel/protocol` package, core ← transport, crm, session ← app
 * ← ui; the SCV host on top), only the transport touches socket.io, only the SCV host touches scv-connector-base, only the crm layer touches `sforce` or the Open CTI
 * types, the application layer renders nothing, and no production module reaches a fake or test
 * support.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(process.cwd(), 'web-components', 'src');
const protocolRoot = join(process.cwd(), 'packages', 'protocol', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('test-helpers.ts') ? [path] : [];
  });
}

/** Every module a source names: `import … from`, `export … from`, side-effect `import '…'` and `import('…')`. */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const statics = [...code.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const bare = [...code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  const dynamic = [...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...statics, ...bare, ...dynamic];
}

const read = (base: string) => (path: string) => {
  const text = readFileSync(path, 'utf8');
  return { path: relative(base, path).split(sep).join('/'), text, imports: importsOf(text) };
};
const files = sources(root).map(read(root));
const protocolFiles = sources(protocolRoot).map(read(protocolRoot));
const layerOf = (path: string) => path.split('/')[0]!;
/** The layer a workspace package counts as. */
const PACKAGE_LAYER: Record<string, string> = { '@biztel/protocol': 'protocol', '@biztel/opencti': 'crm' };
const IMPURE = /\b(window\.|document\.|globalThis\.|setTimeout\b|setInterval\b|sforce\b)|from 'lit|from 'socket\.io|(import|require)\(\s*['"]socket\.io/;
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');

const ALLOWED: Record<string, readonly string[]> = {
  core: ['protocol', 'core'],
  transport: ['protocol', 'core', 'transport', 'log.js'],
  crm: ['protocol', 'core', 'crm', 'log.js'],
  session: ['protocol', 'core', 'session'],
  app: ['protocol', 'core', 'transport', 'crm', 'session', 'app', 'log.js', 'version.js'],
  i18n: ['i18n'],
  ui: ['protocol', 'core', 'transport', 'crm', 'session', 'app', 'i18n', 'ui', 'log.js', 'version.js'],
  // The Service Cloud Voice host: the same layers as the panel, without the Open CTI side (crm).
  scv: ['protocol', 'core', 'transport', 'session', 'app', 'i18n', 'ui', 'scv', 'log.js', 'version.js'],
};

describe('panel layers', () => {
  it.each(files.filter((f) => ALLOWED[layerOf(f.path)]).map((f) => [f.path, f] as const))('%s imports only from the layers below it', (_path, file) => {
    const allowed = ALLOWED[layerOf(file.path)]!;
    const local = file.imports
      .filter((i) => i.startsWith('.'))
      .map((target) =>
        relative(root, join(root, file.path, '..', target))
          .split(sep)
          .join('/'),
      )
      .filter((resolved) => !allowed.includes(resolved.split('/')[0]!));
    const packages = file.imports.filter((i) => i.startsWith('@biztel/')).filter((i) => !allowed.includes(PACKAGE_LAYER[i] ?? i));
    expect([...local, ...packages]).toEqual([]);
  });

  it('keeps the application layer from rendering: Lit only for the reactive-controller types', () => {
    const app = files.filter((f) => layerOf(f.path) === 'app');
    expect(app.length).toBeGreaterThan(0);
    // A value import from Lit (html, render, LitElement…); `import type` is fine.
    const LIT_VALUES = /^\s*import\s+(?!type\b)[^;]*?from\s+['"](?:lit|lit-html|lit-element|@lit\/[^'"]+)(?:\/[^'"]*)?['"]/m;
    const renders = app.filter((f) => LIT_VALUES.test(withoutComments(f.text)));
    expect(renders.map((f) => f.path)).toEqual([]);
  });

  it('keeps core, transport, crm and session from reaching up into app or ui', () => {
    const below = files.filter((f) => ['core', 'transport', 'crm', 'session'].includes(layerOf(f.path)));
    const offenders = below.filter((f) => f.imports.some((i) => /(^|\/)(app|ui)\//.test(i))).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('finds static, re-exported, side-effect and dynamic imports alike', () => {
    const text = `import a from './a.js';\nexport * from '../b.js';\nimport './c.js';\nconst d = () => import('./d.js'); // import('./e.js')`;
    expect(importsOf(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });

  it('keeps the panel away from fakes and test support', () => {
    const offenders = files.filter((f) => f.imports.some((i) => /\/(fake|testing)(\/|$)/.test(i))).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the protocol package free of DOM, timers, Lit, socket.io, sforce and other modules', () => {
    expect(protocolFiles.length).toBeGreaterThan(0);
    const offenders = protocolFiles.filter((f) => IMPURE.test(withoutComments(f.text)) || f.imports.some((i) => !/^\.\.?\//.test(i))).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('keeps core free of DOM, timers, Lit, socket.io and sforce', () => {
    const offenders = files.filter((f) => layerOf(f.path) === 'core' && IMPURE.test(withoutComments(f.text))).map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('lets only the SCV host import scv-connector-base', () => {
    const users = files.filter((f) => f.imports.some((i) => i.startsWith('@salesforce/scv-connector-base'))).map((f) => layerOf(f.path));
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users)).toEqual(new Set(['scv']));
  });

  it('lets only the transport import socket.io and only crm touch sforce', () => {
    const socketUsers = files.filter((f) => f.imports.some((i) => i.startsWith('socket.io'))).map((f) => layerOf(f.path));
    expect(new Set(socketUsers)).toEqual(new Set(['transport']));
    const sforceUsers = files.filter((f) => /\bsforce\b/.test(withoutComments(f.text))).map((f) => layerOf(f.path));
    expect([...new Set(sforceUsers)].filter((l) => l !== 'main.ts')).toEqual(['crm']);
  });
});

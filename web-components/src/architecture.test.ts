/**
 * The layer rules of the panel, checked on the source: dependencies point one way
 * (protocol, core ← transport, crm ← ui), only the transport touches socket.io and only the crm
 * layer touches `sforce`.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = join(process.cwd(), 'web-components', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'test-helpers.ts' ? [path] : [];
  });
}

const files = sources(root).map((path) => {
  const text = readFileSync(path, 'utf8');
  const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return { path: relative(root, path).split(sep).join('/'), text, imports };
});
const layerOf = (path: string) => path.split('/')[0]!;

const ALLOWED: Record<string, readonly string[]> = {
  protocol: ['protocol'],
  core: ['protocol', 'core'],
  transport: ['protocol', 'core', 'transport', 'log.js'],
  crm: ['protocol', 'core', 'crm', 'log.js'],
  session: ['protocol', 'core', 'session'],
  i18n: ['i18n'],
  ui: ['protocol', 'core', 'transport', 'crm', 'session', 'i18n', 'ui', 'log.js', 'version.js'],
};

describe('panel layers', () => {
  it.each(files.filter((f) => ALLOWED[layerOf(f.path)]).map((f) => [f.path, f] as const))(
    '%s imports only from the layers below it',
    (_path, file) => {
      const allowed = ALLOWED[layerOf(file.path)]!;
      const violations = file.imports
        .filter((i) => i.startsWith('.'))
        .map((target) => relative(root, join(root, file.path, '..', target)).split(sep).join('/'))
        .filter((resolved) => !allowed.includes(resolved.split('/')[0]!));
      expect(violations).toEqual([]);
    },
  );

  it('keeps protocol and core free of DOM, timers, Lit, socket.io and sforce', () => {
    const offenders = files
      .filter((f) => ['protocol', 'core'].includes(layerOf(f.path)))
      .filter((f) => /\b(window\.|document\.|globalThis\.|setTimeout\b|setInterval\b|sforce\b)|from 'lit|socket\.io/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it('lets only the transport import socket.io and only crm touch sforce', () => {
    const socketUsers = files.filter((f) => f.imports.some((i) => i.startsWith('socket.io'))).map((f) => layerOf(f.path));
    expect(new Set(socketUsers)).toEqual(new Set(['transport']));
    const sforceUsers = files.filter((f) => /\bsforce\b/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((f) => layerOf(f.path));
    expect([...new Set(sforceUsers)].filter((l) => l !== 'main.ts')).toEqual(['crm']);
  });
});

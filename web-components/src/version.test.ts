import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PANEL_VERSION } from './version.js';

describe('PANEL_VERSION', () => {
  it('is the version package.json releases', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string };

    expect(PANEL_VERSION).toBe(pkg.version);
  });
});

/**
 * The production entry (`npm run start:event-server`, dist/server/event-server-main.js) refuses bad
 * settings of the softphone contract before it listens: exit 2 and a message naming the variable.
 * (In the cluster project because it runs the built server.)
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ENTRY = join(process.cwd(), 'dist/server/event-server-main.js');
const CONFIG = join(process.cwd(), 'server/config/demo.json');

function start(env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [ENTRY], {
    env: { PATH: process.env['PATH'] ?? '', CONFIG_FILE: CONFIG, EVENT_PORT: '0', LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr.toString() };
}

describe('the event server refuses bad softphone-contract settings', () => {
  it.each([
    ['a command deadline the panel would give up on first', { COMMAND_TIMEOUT_MS: '7000' }, 'COMMAND_TIMEOUT_MS must be a whole number 0-6000, got "7000"'],
    ['a command deadline too short to answer', { COMMAND_TIMEOUT_MS: '100' }, 'COMMAND_TIMEOUT_MS must be at least 500'],
    ['a grace that is not a number', { SOFTPHONE_GRACE_MS: 'soon' }, 'SOFTPHONE_GRACE_MS must be a whole number 0-600000, got "soon"'],
    ['a flood budget that is not a positive number', { FLOOD_PANEL_BURST: '0' }, 'FLOOD_PANEL_BURST must be a positive number (got 0)'],
  ])('%s', (_what, env, message) => {
    expect(start(env)).toEqual({ status: 2, stderr: `${message}\n` });
  });
});

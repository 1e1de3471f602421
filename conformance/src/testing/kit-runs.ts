/**
 * For the kit's own tests: the options of a run against a softphone process (generous times, so a
 * busy machine never fails a check that only ran slowly) and the commands that start our
 * simulated softphone (built: dist/server/simulator/softphone-main.js) and the Python one.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WAIT_TIMEOUT_MS } from '@biztel/testing';
import { DEFAULT_OPTIONS, type KitOptions } from '../options.js';

/** A whole kit run takes about 20 s on an idle machine; only a hang should reach this. */
export const KIT_TEST_TIMEOUT_MS = 600_000;

const ROOT = resolve(__dirname, '../../..');
const SIM_MAIN = resolve(ROOT, 'dist/server/simulator/softphone-main.js');

/** The simulated softphone process (`faults`: its `--break` list, e.g. `rerun-ids`). */
export function simulatedSoftphone(faults = ''): string {
  if (!existsSync(SIM_MAIN)) throw new Error(`${SIM_MAIN} is missing: run npm run build first`);
  const broken = faults === '' ? '' : ` --break ${faults}`;
  return `node ${SIM_MAIN} --url {url} --account {account} --password {password} --extension {extension}${broken}`;
}

/** The Python reference softphone, with Debian's python3 (python3-socketio, -requests, -websocket). */
export function pythonSoftphone(): string {
  return `/usr/bin/python3 ${resolve(ROOT, 'conformance/python/softphone.py')} --url {url} --account {account} --password {password} --extension {extension}`;
}

/** Kit options for a test run: both our softphones take `ring <from>` on their input. */
export function testRun(softphone: string): KitOptions {
  return {
    ...DEFAULT_OPTIONS,
    softphone,
    inbound: 'stdin:ring {from}',
    timeoutMs: WAIT_TIMEOUT_MS,
    // A reconnect or a command is never late on a busy machine; "must not happen" watches stay short.
    graceMs: WAIT_TIMEOUT_MS,
    commandTimeoutMs: WAIT_TIMEOUT_MS,
    quietMs: 2000,
  };
}

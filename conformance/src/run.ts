/**
 * One run of the conformance kit: starts the kit's server and panel, starts (or waits for) the
 * softphone, runs every check in order — sign-in, commands, command rules, connection life — then
 * the two rows that look back over the whole run (every state and every reply schema-valid), and
 * stops everything it started. Returns the rows; the caller prints them.
 */
import { Harness } from './harness.js';
import { checkCommands } from './checks/commands.js';
import { checkConnection } from './checks/connection.js';
import { checkRules } from './checks/rules.js';
import { checkSession } from './checks/session.js';
import { Kit } from './kit.js';
import type { KitOptions } from './options.js';
import { KitPanel } from './panel.js';
import type { CheckResult } from './report.js';
import { SoftphoneProcess } from './softphone-process.js';

export interface RunOutcome {
  readonly results: CheckResult[];
  /** The softphone's last output lines (empty with `--wait`). */
  readonly softphoneOutput: readonly string[];
}

/** Rows that cannot run when the softphone never connected. */
const NEEDS_CONNECTION: readonly (readonly [string, string])[] = [['session', 'every other check (they need a connected softphone)']];

export async function runConformance(options: KitOptions, announce: (line: string) => void = () => undefined): Promise<RunOutcome> {
  const harness = await Harness.start(options);
  let panel: KitPanel | undefined;
  let phone: SoftphoneProcess | undefined;
  try {
    panel = await KitPanel.open(harness.url, options);
    phone = SoftphoneProcess.start(options, harness.url);
    if (options.softphone === null) {
      announce(`waiting for a softphone: url ${harness.url}, account ${options.account}, password ${options.password}, extension ${options.extension}`);
    }
    const kit = new Kit(options, harness, panel, phone);
    if (await checkSession(kit)) {
      await checkCommands(kit);
      await checkRules(kit);
      await checkConnection(kit);
    } else {
      kit.failAll(NEEDS_CONNECTION, 'the softphone never connected');
    }
    await kit.check('state.schema', 'every device:state matches deviceStateSchema', async () => {
      const all = harness.allStates();
      const bad = all.filter((m) => m.state === null);
      if (all.length === 0) throw new Error('no device:state received');
      if (bad.length > 0) throw new Error(`${bad.length} of ${all.length} invalid; first: ${bad[0]!.error}`);
    });
    await kit.check('reply.schema', 'every command reply matches deviceReplySchema', async () => {
      if (kit.invalidReplies.length > 0) throw new Error(`${kit.invalidReplies.length} invalid; first: ${kit.invalidReplies[0]}`);
    });
    return { results: kit.results, softphoneOutput: [...phone.output] };
  } finally {
    await phone?.stop();
    panel?.close();
    await harness.close();
  }
}

/**
 * One simulated softphone as its own process — what the conformance kit (conformance/) runs as
 * "the softphone under test" in our CI. One extension with its own PBX (outbound calls are
 * answered by the far end after `--auto-answer-ms`; parking takes `--park-delay-ms`) and a
 * `SimSoftphone` connected to `--url`. Standard input takes one command a line:
 * `ring <from>` — a caller rings this extension (the kit's `--inbound "stdin:ring {from}"` hook).
 * `--break ignore-deadline,rerun-ids` makes it break those rules on purpose (the kit must fail it).
 *
 *     node dist/server/simulator/softphone-main.js --url http://127.0.0.1:8787 \
 *       --account agent01 --password secret --extension 1001
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { OffsetClock } from './clock.js';
import { Pbx } from './pbx.js';
import { SimSoftphone, type SoftphoneFaults } from './softphone-client.js';

const USAGE = 'usage: softphone-main --url URL --account A --password P --extension E [--auto-answer-ms 300] [--park-delay-ms 300] [--break LIST]';

/** The faults `--break` names (comma-separated). */
const FAULTS: Record<string, keyof SoftphoneFaults> = { 'ignore-deadline': 'ignoreDeadline', 'rerun-ids': 'rerunIds' };

function faultsOf(list: string | undefined): SoftphoneFaults {
  const faults: Record<string, boolean> = {};
  for (const name of (list ?? '').split(',').filter((n) => n !== '')) {
    const key = FAULTS[name];
    if (!key) throw new Error(`unknown --break ${name} (known: ${Object.keys(FAULTS).join(', ')})`);
    faults[key] = true;
  }
  return faults;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      account: { type: 'string' },
      password: { type: 'string' },
      extension: { type: 'string' },
      'auto-answer-ms': { type: 'string', default: '300' },
      'park-delay-ms': { type: 'string', default: '300' },
      break: { type: 'string' },
    },
  });
  const { url, account, password, extension } = values;
  if (!url || !account || !password || !extension) {
    console.error(USAGE);
    process.exit(2);
  }
  const faults = faultsOf(values.break);
  const local = new OffsetClock();
  const pbx = new Pbx({
    // Call times are reported in the server's clock (docs/protocol.md), estimated from the hello.
    clock: { now: (): number => phone.serverNow(), after: (ms: number, fn: () => void) => local.after(ms, fn) },
    extensions: [extension],
    autoAnswerMs: Number(values['auto-answer-ms']),
    parkDelayMs: Number(values['park-delay-ms']),
    parkSlots: { first: 701, last: 720 },
    // Called only once the softphone below exists (its start attaches the extension).
    onChange: (_extension, state) => phone.publish(state),
  });
  const phone = new SimSoftphone(url, { account, password, extension }, pbx, Date.now, faults);
  phone.start().catch((error: unknown) => console.error(`softphone: not accepted: ${String(error)}`));

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [word, from = ''] = line.trim().split(/\s+/);
    if (word === 'ring') {
      const placed = pbx.inbound(extension, from);
      if (!placed.ok) console.error(`softphone: ring refused: ${placed.code}`);
    } else if (word) {
      console.error(`softphone: unknown input "${word}" (known: ring <from>)`);
    }
  });
  const stop = () => {
    lines.close();
    phone.stop();
    pbx.dispose();
    // Leaves time for the goodbye to go out; exits sooner when nothing else is pending.
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();

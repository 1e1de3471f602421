/**
 * The conformance kit's options: what the vendor passes on the command line (`parseOptions`) and
 * the defaults. Times are generous enough for a busy machine; `--timeout-ms` bounds every wait for
 * something that must happen, `--quiet-ms` is how long the kit watches for something that must not.
 */
import { parseArgs } from 'node:util';

export interface KitOptions {
  /** Command that starts the softphone, with `{url} {account} {password} {extension}`; null = `--wait`. */
  readonly softphone: string | null;
  /** Makes a call ring at the softphone: `stdin:<line>` (written to the softphone's input) or a shell command, with `{extension} {from}`. */
  readonly inbound: string | null;
  readonly account: string;
  readonly password: string;
  readonly extension: string;
  /** A number the softphone dials whose far end answers by itself (an echo or test number). */
  readonly dialNumber: string;
  /** A second such number, for the consultation call of the attended transfer. */
  readonly transferNumber: string;
  /** The number the inbound hook presents as the caller. */
  readonly inboundFrom: string;
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly timeoutMs: number;
  readonly quietMs: number;
  /** The line's reconnect grace: a dropped softphone must be back within it. */
  readonly graceMs: number;
  /** A command's deadline is this long after the kit sends it. */
  readonly commandTimeoutMs: number;
  /** The kit's server clock runs this far ahead of the machine's: a softphone must use hello.serverTime. */
  readonly clockOffsetMs: number;
  /** Shows the softphone's output and the server's warnings as they come. */
  readonly verbose: boolean;
}

export const DEFAULT_OPTIONS: KitOptions = {
  softphone: null,
  inbound: null,
  account: 'conformance01',
  password: 'conformance-secret',
  extension: '1001',
  dialNumber: '0312340001',
  transferNumber: '0312340002',
  inboundFrom: '0398765432',
  host: '127.0.0.1',
  port: 0,
  timeoutMs: 30_000,
  quietMs: 3000,
  graceMs: 3000,
  commandTimeoutMs: 5000,
  clockOffsetMs: 10 * 60_000,
  verbose: false,
};

export const USAGE = `usage: npm run -s conformance -- (--softphone "<command>" | --wait) [options]

  --softphone "<cmd>"   starts the softphone under test; placeholders {url} {account} {password} {extension}
  --wait                waits for a softphone you start yourself (the kit prints where it listens)
  --inbound "<cmd>"     makes a call ring at the softphone: "stdin:ring {from}" writes that line to the
                        softphone's input; anything else runs as a shell command with {extension} {from}.
                        Without it the checks that need an inbound call are SKIP.
  --account A --password P --extension E   the softphone's sign-in (defaults ${DEFAULT_OPTIONS.account} / ${DEFAULT_OPTIONS.password} / ${DEFAULT_OPTIONS.extension})
  --dial-number N --transfer-number N      numbers that answer by themselves (defaults ${DEFAULT_OPTIONS.dialNumber}, ${DEFAULT_OPTIONS.transferNumber})
  --inbound-from N      the caller's number for --inbound (default ${DEFAULT_OPTIONS.inboundFrom})
  --host H --port P     where the kit's server listens (default ${DEFAULT_OPTIONS.host}, any free port)
  --timeout-ms MS       longest wait for anything that must happen (default ${DEFAULT_OPTIONS.timeoutMs})
  --quiet-ms MS         how long the kit watches for something that must not happen (default ${DEFAULT_OPTIONS.quietMs})
  --grace-ms MS         reconnect grace of the line (default ${DEFAULT_OPTIONS.graceMs})
  --command-timeout-ms MS   deadline of a command after it is sent (default ${DEFAULT_OPTIONS.commandTimeoutMs})
  --clock-offset-ms MS  the kit's server clock runs this far ahead of this machine's (default ${DEFAULT_OPTIONS.clockOffsetMs})
  --verbose             shows the softphone's output as it comes

exit code: 0 every check passed, 1 a check failed, 2 bad usage, 3 no failure but some checks skipped`;

/** Parses the command line; throws an Error with the problem on bad usage. */
export function parseOptions(argv: readonly string[]): KitOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      softphone: { type: 'string' },
      wait: { type: 'boolean' },
      inbound: { type: 'string' },
      account: { type: 'string' },
      password: { type: 'string' },
      extension: { type: 'string' },
      'dial-number': { type: 'string' },
      'transfer-number': { type: 'string' },
      'inbound-from': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'quiet-ms': { type: 'string' },
      'grace-ms': { type: 'string' },
      'command-timeout-ms': { type: 'string' },
      'clock-offset-ms': { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  if ((values.softphone === undefined) === (values.wait !== true)) throw new Error('give either --softphone "<command>" or --wait');
  if (values.wait && values.inbound?.startsWith('stdin:')) throw new Error('--inbound "stdin:…" needs --softphone (the kit writes to its input)');
  const int = (name: string, raw: string | undefined, fallback: number, min = 0): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  const d = DEFAULT_OPTIONS;
  return {
    softphone: values.softphone ?? null,
    inbound: values.inbound ?? null,
    account: values.account ?? d.account,
    password: values.password ?? d.password,
    extension: values.extension ?? d.extension,
    dialNumber: values['dial-number'] ?? d.dialNumber,
    transferNumber: values['transfer-number'] ?? d.transferNumber,
    inboundFrom: values['inbound-from'] ?? d.inboundFrom,
    host: values.host ?? d.host,
    port: int('port', values.port, d.port),
    timeoutMs: int('timeout-ms', values['timeout-ms'], d.timeoutMs, 1),
    quietMs: int('quiet-ms', values['quiet-ms'], d.quietMs),
    graceMs: int('grace-ms', values['grace-ms'], d.graceMs, 1),
    commandTimeoutMs: int('command-timeout-ms', values['command-timeout-ms'], d.commandTimeoutMs, 1),
    clockOffsetMs: int('clock-offset-ms', values['clock-offset-ms'], d.clockOffsetMs, -86_400_000),
    verbose: values.verbose === true,
  };
}

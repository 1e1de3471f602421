/**
 * The conformance kit's command line (`npm run -s conformance -- …`, conformance/README.md): runs
 * every check against the softphone under test, prints the table, exits 0 only when all passed.
 */
import { parseOptions, USAGE, type KitOptions } from './options.js';
import { exitCodeOf, formatTable } from './report.js';
import { runConformance } from './run.js';

async function main(): Promise<number> {
  let options: KitOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { results, softphoneOutput } = await runConformance(options, (line) => console.log(line));
  console.log(formatTable(results));
  const code = exitCodeOf(results);
  if (code === 1 && softphoneOutput.length > 0) console.log(`\nthe softphone's last output:\n${softphoneOutput.map((l) => `  ${l}`).join('\n')}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`the kit itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);

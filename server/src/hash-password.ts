/**
 * `npm run hash-password`: reads a password from standard input (typed without echo on a terminal,
 * asked twice; or piped, first line) and prints its scrypt hash for the config file's
 * `passwordHash`. The password is never printed or logged.
 */
import { hashPassword } from './config/passwords.js';

const MAX_LENGTH = 128; // the protocol's limit for a sign-in password

async function main(): Promise<number> {
  const stdin = process.stdin;
  let password: string;
  if (stdin.isTTY) {
    password = await askHidden('Password: ');
    const again = await askHidden('Repeat password: ');
    if (again !== password) {
      process.stderr.write('The passwords differ; nothing printed.\n');
      return 1;
    }
  } else {
    password = (await readAll()).split(/\r?\n/)[0] ?? '';
  }
  if (password.length === 0 || password.length > MAX_LENGTH) {
    process.stderr.write(`A password must be 1–${MAX_LENGTH} characters.\n`);
    return 1;
  }
  process.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}

/** Reads one line from the terminal in raw mode, echoing nothing. Ctrl-C / Ctrl-D abort. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('aborted'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

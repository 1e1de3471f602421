/**
 * The softphone under test as a child process: started from the vendor's command template (its
 * placeholders filled in, shell-quoted), its output kept (the last lines are shown when a check
 * fails) or passed through with `--verbose`, and the inbound hook that makes a call ring at it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { KitOptions } from './options.js';

/** Quotes a value for `sh -c`. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `template` with `{name}` replaced by the shell-quoted values (unknown placeholders stay). */
export function fill(template: string, values: Readonly<Record<string, string>>, quote = true): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return quote ? shellQuote(value) : value;
  });
}

const KEPT_LINES = 40;

export class SoftphoneProcess {
  /** The last lines the softphone wrote (stdout and stderr). */
  readonly output: string[] = [];
  private exited: string | null = null;

  private constructor(
    private readonly child: ChildProcess | null,
    private readonly options: KitOptions,
  ) {}

  /** Starts `options.softphone` (null: the vendor starts it; nothing to spawn). */
  static start(options: KitOptions, url: string): SoftphoneProcess {
    if (options.softphone === null) return new SoftphoneProcess(null, options);
    const command = fill(options.softphone, { url, account: options.account, password: options.password, extension: options.extension });
    const child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const phone = new SoftphoneProcess(child, options);
    const keep = (chunk: Buffer) => {
      for (const line of chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')) {
        if (options.verbose) process.stderr.write(`[softphone] ${line}\n`);
        phone.output.push(line);
        if (phone.output.length > KEPT_LINES) phone.output.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.stdin?.on('error', () => undefined); // a softphone that closed its input
    child.on('exit', (code, signal) => {
      phone.exited = signal ? `killed by ${signal}` : `exited with code ${String(code)}`;
    });
    return phone;
  }

  /** How the process ended, or null while it runs (or when the vendor started it). */
  get exit(): string | null {
    return this.exited;
  }

  /** Makes a call from `from` ring at the softphone with the `--inbound` hook; false without one. */
  async ring(from: string): Promise<boolean> {
    const hook = this.options.inbound;
    if (hook === null) return false;
    if (hook.startsWith('stdin:')) {
      if (!this.child?.stdin) return false;
      this.child.stdin.write(`${fill(hook.slice('stdin:'.length), { extension: this.options.extension, from }, false)}\n`);
      return true;
    }
    const command = fill(hook, { extension: this.options.extension, from });
    const code = await new Promise<number | null>((resolve) => spawn(command, { shell: true, stdio: 'inherit' }).on('exit', resolve));
    if (code !== 0) throw new Error(`the --inbound command exited with code ${String(code)}`);
    return true;
  }

  /** Ends the softphone (its whole process group: the shell and what it started). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid || this.exited !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }
}

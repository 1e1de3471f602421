/**
 * Reads the server config file (JSON; docs/server-config.md) and turns it into the directory, or
 * throws a `ConfigError` whose message names the file and the bad field:
 * `config server/config/x.json: tenants[0].accounts[2].passwordHash: expected a scrypt hash …`.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Directory } from './directory.js';
import { validateConfig } from './config-schema.js';

/** The demo config, relative to the repository root: what `npm start` uses without CONFIG_FILE. */
export const DEMO_CONFIG_FILE = 'server/config/demo.json';

const MAX_BYTES = 5 * 1024 * 1024;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates config text; `file` only names the source in the message. */
export function parseConfigText(text: string, file: string): Directory {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`config ${file}: not valid JSON: ${jsonProblem(text, error)}`);
  }
  const r = validateConfig(raw);
  if (!r.ok) throw new ConfigError(`config ${file}: ${r.error}`);
  return r.value;
}

/** Reads and validates the config file at `file` (a path as the operator gave it). */
export async function loadConfigFile(file: string): Promise<Directory> {
  if (extname(file).toLowerCase() !== '.json') {
    throw new ConfigError(`config ${file}: only JSON config files (.json) are supported`);
  }
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new ConfigError(`config ${file}: not a file`);
    if (info.size > MAX_BYTES) throw new ConfigError(`config ${file}: larger than ${MAX_BYTES / 1024 / 1024} MiB`);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new ConfigError(`config ${file}: cannot be read (${e.code ?? e.message})`);
  }
  return parseConfigText(text, file);
}

/** JSON.parse's complaint, with a line and column when it gives a position. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

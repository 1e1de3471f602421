/**
 * Structured server logs: pino, one JSON object per line on stderr. Never log passwords or
 * tokens; `REDACTED_PATHS` censors them anyway if a caller slips (defence in depth).
 */
import { pino, type DestinationStream } from 'pino';

export interface ServerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What replaces a redacted value in a log line. */
export const REDACTED = '[redacted]';

const SECRET_KEYS = ['password', 'passwordHash', 'token', 'resumeToken', 'auth', 'authorization', 'cookie', 'secret'] as const;

/**
 * Field paths censored in every log line: a secret-looking key at the top level or up to two
 * levels down (e.g. `{ auth }`, `{ request: { password } }`, `{ headers: { authorization } }`).
 */
export const REDACTED_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * A pino logger behind the `ServerLogger` port. `write` receives each line (without its trailing
 * newline); by default lines go to stderr synchronously, so nothing is lost on `process.exit`.
 */
export function jsonLogger(level: LogLevel, write?: (line: string) => void): ServerLogger {
  const destination: DestinationStream = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : level === 'silent'
      ? { write: () => undefined }
      : pino.destination({ dest: 2, sync: true });
  const logger = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
    },
    destination,
  );
  return {
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}

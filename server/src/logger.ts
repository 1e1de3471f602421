/** Structured server logs (one JSON object per line). Never log passwords or tokens. */
export interface ServerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export type LogLevel = 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { info: 0, warn: 1, error: 2, silent: 3 };

export function jsonLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ServerLogger {
  const at = (lvl: Exclude<LogLevel, 'silent'>) => (fields: Record<string, unknown>, message: string) => {
    if (RANK[lvl] < RANK[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...fields }));
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

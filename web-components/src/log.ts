/** A namespaced logger. Never pass passwords or tokens to it. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function consoleLogger(namespace: string, sink: Pick<Console, 'debug' | 'info' | 'warn' | 'error'> = console): Logger {
  const prefix = `[${namespace}]`;
  return {
    debug: (m, ...d) => sink.debug(prefix, m, ...d),
    info: (m, ...d) => sink.info(prefix, m, ...d),
    warn: (m, ...d) => sink.warn(prefix, m, ...d),
    error: (m, ...d) => sink.error(prefix, m, ...d),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

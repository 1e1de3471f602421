/**
 * The operation log (操作ログ): a bounded ring buffer of the agent's operations, server events,
 * connection changes and errors, for the diagnostics view and support tickets. The oldest entry is
 * dropped first when the buffer is full, as the BIZTEL manuals describe for their own logs.
 *
 * Passwords and tokens never enter it: every detail goes through `redact` (sensitive keys become
 * `[redacted]`, at any depth), and every stored text is scrubbed of `password=…`-like pairs,
 * bearer credentials and long opaque token-like runs, stripped of control characters and bounded.
 * Pure: no DOM, no timers; the clock is passed in.
 */

export type OperationKind = 'operation' | 'event' | 'connection' | 'error';

export interface OperationEntry {
  readonly seq: number;
  /** Epoch milliseconds, from the log's clock. */
  readonly at: number;
  readonly kind: OperationKind;
  readonly name: string;
  /** The redacted, serialised detail (at most `MAX_DETAIL` characters). */
  readonly detail?: string;
}

export interface OperationLogOptions {
  /** How many entries are kept (default 500); older ones are dropped first. */
  readonly capacity?: number;
  /** The clock (default `Date.now`). */
  readonly now?: () => number;
}

const DEFAULT_CAPACITY = 500;
export const MAX_NAME = 100;
/** Longest serialised detail kept per entry. */
export const MAX_DETAIL = 500;
/** Longest string kept inside a redacted value. */
const MAX_STRING = 300;
const MAX_DEPTH = 6;
/** Longest input `scrubText` looks at. */
const MAX_INPUT = 10_000;
const MAX_ITEMS = 50;
const REDACTED = '[redacted]';
const ELLIPSIS = '…';

/** Keys whose values never enter the log, whatever their type. */
const SENSITIVE_KEY = /pass(word)?|token|secret|auth|cookie|session/i;
/**
 * `password=…`, `token: …`, `"secret":"…"` written inside free text. Unquoted values run to the next
 * whitespace: a password may hold any other character. A colon counts only before a space or after
 * a quote, so event names such as `session:signIn` stay as they are.
 */
const SENSITIVE_PAIR =
  /((?:pass(?:word)?|token|secret|auth|cookie|session)[\w-]*(?:\s*=\s*|\s*:\s+|["']\s*:\s*))(\[redacted\]|(?:bearer|basic)\s+\[redacted\]|"[^"]*"|'[^']*'|\S+)/gi;
const BEARER = /\b(bearer|basic)\s+[\w.~+/=-]+/gi;
const ALREADY_REDACTED = /^(?:(?:bearer|basic)\s+)?"?\[redacted\]"?$/i;
/**
 * Long opaque runs (resume tokens, session ids, keys): 32 or more base64url / hex characters with
 * letters and digits and a stretch of 20 or more without a hyphen, so UUIDs, call ids like
 * `call-20250401-0001` and constant names like `RECONNECTION_ATTEMPTS_EXHAUSTED` stay readable.
 */
const OPAQUE = /[A-Za-z0-9_-]{32,}/g;
function isOpaque(run: string): boolean {
  return /[0-9]/.test(run) && /[A-Za-z]/.test(run) && run.split('-').some((part) => part.length >= 20);
}
/** `scheme://user:password@host` */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi;
/** C0/C1 controls, line/paragraph separators and bidirectional overrides (which can disguise text). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** Bounds `text` to `max` characters, marking a cut with an ellipsis. */
function bound(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}${ELLIPSIS}`;
}

/**
 * Free text made safe to store and show: control characters become single spaces, secrets written
 * as `key=value`, bearer credentials, credentials in URLs and long token-like runs are replaced by
 * `[redacted]`, and the result is bounded to `max` characters.
 */
export function scrubText(text: string, max: number): string {
  // Cut very long input first so the patterns stay cheap; a token cut in half is dropped whole.
  const input = text.length > MAX_INPUT ? `${text.slice(0, MAX_INPUT).replace(/[A-Za-z0-9_-]{1,64}$/, '')}${ELLIPSIS}` : text;
  const clean = input
    .replace(CONTROL, ' ')
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(BEARER, (_whole, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(SENSITIVE_PAIR, (whole, key: string, value: string) => (ALREADY_REDACTED.test(value) ? whole : `${key}${REDACTED}`))
    .replace(OPAQUE, (run) => (isOpaque(run) ? REDACTED : run));
  return bound(clean, max);
}

/**
 * A copy of `value` safe to log: values under sensitive keys (password, token, secret, auth,
 * cookie, session…) become `[redacted]` at any depth, in arrays too; strings are scrubbed and
 * bounded to 300 characters; cycles become `[circular]`; nesting deeper than 6 levels and more
 * than 50 items or keys are cut. Errors become `Name: message`, dates ISO strings.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet<object>());
}

function redactValue(value: unknown, depth: number, ancestors: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return scrubText(value, MAX_STRING);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return scrubText(value.toString(), MAX_STRING);
    case 'function':
      return '[function]';
  }
  if (value === null) return null;
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof Error) return scrubText(`${object.name}: ${object.message}`, MAX_STRING);
  if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return `[binary ${object.byteLength} bytes]`;
  if (ancestors.has(object)) return '[circular]';
  if (depth >= MAX_DEPTH) return ELLIPSIS;
  ancestors.add(object);
  try {
    if (Array.isArray(object) || object instanceof Set) {
      const items = [...(object as Iterable<unknown>)];
      const kept = items.slice(0, MAX_ITEMS).map((item) => redactValue(item, depth + 1, ancestors));
      return items.length > MAX_ITEMS ? [...kept, `${ELLIPSIS} +${items.length - MAX_ITEMS}`] : kept;
    }
    const entries: [string, unknown][] = object instanceof Map ? [...object].map(([k, v]) => [String(k), v]) : Object.entries(object);
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries.slice(0, MAX_ITEMS)) {
      const safeKey = scrubText(key, MAX_NAME);
      const safeValue = SENSITIVE_KEY.test(key) ? REDACTED : redactValue(item, depth + 1, ancestors);
      // defineProperty: a key named `__proto__` stays a plain property.
      Object.defineProperty(out, safeKey, { value: safeValue, enumerable: true, writable: true, configurable: true });
    }
    if (entries.length > MAX_ITEMS) out[ELLIPSIS] = `+${entries.length - MAX_ITEMS}`;
    return out;
  } finally {
    ancestors.delete(object);
  }
}

/** The detail as stored: redacted, serialised (strings as they are, the rest as JSON), scrubbed, bounded. */
function serialiseDetail(detail: unknown): string | undefined {
  if (detail === undefined) return undefined;
  if (typeof detail === 'string') return scrubText(detail, MAX_DETAIL);
  const safe = redact(detail);
  let text: string;
  if (typeof safe === 'string') text = safe;
  else {
    try {
      text = JSON.stringify(safe) ?? String(safe);
    } catch {
      text = '[unserialisable]';
    }
  }
  return scrubText(text, MAX_DETAIL);
}

export class OperationLog {
  /** Maximum number of entries kept. */
  readonly capacity: number;
  private readonly now: () => number;
  private readonly buffer: (OperationEntry | undefined)[];
  /** Index of the oldest entry in `buffer`. */
  private head = 0;
  private size = 0;
  private nextSeq = 1;
  private droppedCount = 0;
  private readonly listeners = new Set<() => void>();

  constructor(options: OperationLogOptions = {}) {
    const capacity = Math.floor(options.capacity ?? DEFAULT_CAPACITY);
    if (!(capacity >= 1)) throw new RangeError(`OperationLog capacity must be at least 1 (got ${options.capacity})`);
    this.capacity = capacity;
    this.now = options.now ?? Date.now;
    this.buffer = new Array<OperationEntry | undefined>(capacity);
  }

  /** How many entries were dropped because the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }

  /**
   * Records one entry. `detail` may be anything (even a sign-in request): it is redacted and
   * serialised to at most 500 characters before it is kept. Listeners are told afterwards; a
   * listener that throws does not stop the others or the caller.
   */
  record(kind: OperationKind, name: string, detail?: unknown): void {
    const serialised = serialiseDetail(detail);
    const entry: OperationEntry = {
      seq: this.nextSeq++,
      at: this.now(),
      kind,
      name: scrubText(String(name), MAX_NAME),
      ...(serialised === undefined ? {} : { detail: serialised }),
    };
    if (this.size < this.capacity) {
      this.buffer[(this.head + this.size) % this.capacity] = Object.freeze(entry);
      this.size += 1;
    } else {
      this.buffer[this.head] = Object.freeze(entry);
      this.head = (this.head + 1) % this.capacity;
      this.droppedCount += 1;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A broken view must not break the operation being logged.
      }
    }
  }

  /** Every entry kept, oldest first. */
  entries(): readonly OperationEntry[] {
    const out: OperationEntry[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.buffer[(this.head + i) % this.capacity]!);
    return out;
  }

  /** The newest `n` entries, oldest first. */
  last(n: number): readonly OperationEntry[] {
    const count = Math.max(0, Math.min(this.size, Math.floor(n)));
    return count === 0 ? [] : this.entries().slice(this.size - count);
  }

  /** Calls `listener` after every new entry; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

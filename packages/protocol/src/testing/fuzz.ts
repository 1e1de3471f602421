/**
 * Test support for the protocol fuzzers (server, transport and component tests): a small seeded
 * PRNG, a generator of hostile values, a mutator that corrupts one field of a valid message at a
 * time, the form a value takes after a trip over socket.io, and a prototype-pollution probe.
 * Deterministic for a seed: a failing run is reproduced with `FUZZ_SEED=<seed>`.
 * Test-only: nothing in the panel bundle or the server imports it.
 */

/** A deterministic pseudo-random source (mulberry32): good enough for fuzzing, never for secrets. */
export interface Rng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A copy of `items` in random order. */
  shuffle<T>(items: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    seed: seed >>> 0,
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)]!;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** The seed of this run: `FUZZ_SEED` (decimal or 0x…) when set, else `fallback`. */
export function fuzzSeed(fallback: number): number {
  // Read through globalThis: the fuzzers also run in jsdom, and the package is typed without Node.
  const raw = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env['FUZZ_SEED'];
  if (raw === undefined || raw.trim() === '') return fallback >>> 0;
  const parsed = Number(raw.trim());
  if (!Number.isInteger(parsed)) throw new RangeError(`FUZZ_SEED must be an integer, got ${raw}`);
  return parsed >>> 0;
}

// ---- hostile strings --------------------------------------------------------------------------

/** Markup and script payloads (each under 40 characters so they also fit short fields). */
export const MARKUP_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  'javascript:alert(1)',
  '<style>*{display:none}</style>',
  '{{constructor.constructor("x")()}}',
  '${alert(1)}',
  '&lt;b&gt;&#x3C;script&#x3E;',
  '<!--',
  ']]><x>',
] as const;

export const CONTROL_PAYLOADS = [
  '\u0000',
  'a\u0000b',
  '\u0007\b\t\n\u000b\f\r',
  '\u001b[31mred\u001b[0m',
  '\u007f\u0085\u2028\u2029',
  '\u202eevil\u202c',
  '\u200b\ufeff\u00a0',
  '\r\n\r\n',
] as const;

/** Strings that are not well-formed UTF-16 (lone surrogates), and a valid astral character. */
export const SURROGATE_PAYLOADS = ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\ud83d\ude00'] as const;

/** Words that mean something to a parser, a prototype chain or a phone-number rule. */
export const TRICKY_WORDS = [
  '',
  ' ',
  '1001',
  ' 1001 ',
  '0312345678',
  '-1',
  '1e3',
  '0x1F',
  '١٢٣٤',
  '１２３',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'true',
  'anonymous',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '%00',
  '%3Cscript%3E',
  "' OR '1'='1",
  'c-1',
] as const;

const ALPHABET = [
  'a',
  'Z',
  '0',
  '9',
  ' ',
  '-',
  '_',
  '.',
  ':',
  '@',
  '#',
  '*',
  '+',
  '<',
  '>',
  '"',
  "'",
  '&',
  '/',
  '\\',
  '=',
  '(',
  ')',
  '\u0000',
  '\n',
  '\u001f',
  '\u007f',
  'あ',
  '漢',
  '\u0301',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u202e',
  '\u200b',
];

/** A string of `length` characters drawn from a hostile alphabet. */
export function randomString(r: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += r.pick(ALPHABET);
  return out;
}

/** Under the event server's 64 KB message limit once encoded (ASCII only: one byte each). */
export const BIG_UNDER_LIMIT = 50_000;
/** Well over the 64 KB limit: the server must close the connection, not parse it. */
export const BIG_OVER_LIMIT = 100_000;

export interface HostileOptions {
  /** Allow strings whose encoding exceeds the server's 64 KB message limit. */
  readonly overLimit?: boolean;
}

export function hostileString(r: Rng, options: HostileOptions = {}): string {
  switch (r.int(10)) {
    case 0:
    case 1:
      return r.pick(MARKUP_PAYLOADS);
    case 2:
      return r.pick(CONTROL_PAYLOADS);
    case 3:
      return r.pick(SURROGATE_PAYLOADS);
    case 4:
    case 5:
      return r.pick(TRICKY_WORDS);
    case 6:
      return randomString(r, 1 + r.int(80));
    case 7:
      return r.pick(MARKUP_PAYLOADS) + randomString(r, r.int(20)) + r.pick(SURROGATE_PAYLOADS);
    case 8: {
      // Over every field's maximum, yet under the event server's 64 KB message limit.
      const unit = r.pick(['A', '9', '<b>', 'x-']);
      return unit.repeat(Math.ceil(r.pick([65, 129, 1001, 10_000, BIG_UNDER_LIMIT]) / unit.length));
    }
    default:
      return options.overLimit && r.chance(0.5) ? 'Z'.repeat(BIG_OVER_LIMIT + r.int(100_000)) : r.pick(['x'.repeat(257), '9'.repeat(33)]);
  }
}

// ---- hostile values ---------------------------------------------------------------------------

const MAX_TIME = 8_640_000_000_000_000;

export const HOSTILE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  -1.5,
  NaN,
  Infinity,
  -Infinity,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  MAX_TIME + 1,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 31,
  2 ** 53,
];

/**
 * Objects whose `__proto__`, `constructor` or `prototype` is an OWN key (created by JSON.parse, as
 * a message off the wire would be), each trying to plant `polluted` on a prototype.
 */
export function pollutingObjects(): unknown[] {
  return [
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
    JSON.parse('{"prototype":{"polluted":"yes"}}'),
    JSON.parse('{"__proto__":{"__proto__":{"polluted":"yes"}},"a":1}'),
    JSON.parse('{"__proto__":[],"length":1,"0":"x"}'),
    JSON.parse('{"toString":"x","valueOf":1,"hasOwnProperty":"x","toJSON":"x","isPrototypeOf":null}'),
    JSON.parse('{"constructor":"x"}'),
  ];
}

/** Adds `key` as an own, enumerable property (works for `__proto__` too, like JSON.parse). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(depth: number, leaf: unknown, arrays: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
}

/**
 * A hostile value of any JSON-ish kind: wrong primitive types, null/undefined, NaN/Infinity,
 * huge or negative numbers, hostile strings, nested and huge arrays/objects, polluting keys and
 * binary data. `depth` bounds the recursion of composite values.
 */
export function hostileValue(r: Rng, options: HostileOptions = {}, depth = 0): unknown {
  const composite = depth < 3;
  switch (r.int(composite ? 14 : 8)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r.chance(0.5);
    case 3:
      return r.pick(HOSTILE_NUMBERS);
    case 4:
    case 5:
    case 6:
      return hostileString(r, options);
    case 7:
      return r.pick(pollutingObjects());
    case 8:
      return [];
    case 9:
      return {};
    case 10: {
      const out: unknown[] = [];
      const n = r.chance(0.1) ? 500 + r.int(1500) : r.int(5);
      for (let i = 0; i < n; i++) out.push(n > 10 ? r.int(10) : hostileValue(r, options, depth + 1));
      return out;
    }
    case 11: {
      const out: Record<string, unknown> = {};
      const n = 1 + r.int(4);
      for (let i = 0; i < n; i++)
        setOwn(out, r.chance(0.3) ? r.pick(['__proto__', 'constructor', 'prototype']) : hostileString(r).slice(0, 40), hostileValue(r, options, depth + 1));
      return out;
    }
    case 12:
      return nested(r.pick([10, 100, 400, 1000]), r.pick(pollutingObjects()), r.chance(0.5));
    default:
      return new Uint8Array(r.int(64));
  }
}

// ---- mutating valid messages ------------------------------------------------------------------

type Container = Record<string, unknown> | unknown[];

/** A deep copy through JSON (valid messages are plain JSON). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (prefix.length >= 12 || ArrayBuffer.isView(value)) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function at(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const key of path) v = (v as Record<string | number, unknown>)[key];
  return v;
}

/** A value of the same kind as `v` but just wrong: off-by-one lengths, wrong type, bad format. */
function corrupt(r: Rng, v: unknown, options: HostileOptions): unknown {
  if (typeof v === 'string') {
    return r.pick([
      () => v + r.pick(MARKUP_PAYLOADS),
      () => r.pick(MARKUP_PAYLOADS),
      () => v + 'x'.repeat(1 + r.int(300)),
      () => '',
      () => ` ${v}`,
      () => v + r.pick(CONTROL_PAYLOADS),
      () => v + r.pick(SURROGATE_PAYLOADS),
      () => Number(v) || 42,
      () => [v],
      () => ({ value: v }),
      () => hostileString(r, options),
    ])();
  }
  if (typeof v === 'number') {
    return r.pick([() => v + 0.5, () => -v - 1, () => v * 1e6, () => String(v), () => r.pick(HOSTILE_NUMBERS), () => null])();
  }
  if (typeof v === 'boolean') return r.pick(['true', 1, 0, null, 'false', [v]]);
  return hostileValue(r, options, 1);
}

/**
 * A copy of `valid` with one place corrupted (now and then two): a field replaced by a hostile or
 * subtly wrong value, removed, given a polluting or unknown sibling, or an object turned into an
 * array. Mutating valid messages reaches much deeper into validators than random junk does.
 */
export function mutate(r: Rng, valid: unknown, options: HostileOptions = {}): unknown {
  let root: unknown = clone(valid);
  const times = r.chance(0.15) ? 2 : 1;
  for (let n = 0; n < times; n++) {
    const all = paths(root);
    const path = r.pick(all);
    const current = at(root, path);
    const parent = path.length > 0 ? (at(root, path.slice(0, -1)) as Container) : null;
    const key = path.at(-1);
    const replace = (value: unknown) => {
      if (parent === null) root = value;
      else (parent as Record<string | number, unknown>)[key!] = value;
    };
    const op = r.int(10);
    const container = current !== null && typeof current === 'object' && !ArrayBuffer.isView(current);
    if (op <= 4) replace(corrupt(r, current, options));
    else if (op === 5 && parent !== null && !ArrayBuffer.isView(parent)) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else if (op === 6 && container) {
      setOwn(current as object, r.pick(['__proto__', 'constructor', 'prototype']), r.chance(0.5) ? { polluted: 'yes' } : hostileValue(r, options, 2));
    } else if (op === 7 && container) {
      setOwn(current as object, r.chance(0.5) ? hostileString(r).slice(0, 40) : 'screen', hostileValue(r, options, 2));
    } else if (op === 8 && container) {
      replace(Array.isArray(current) ? Object.fromEntries(current.map((v, i) => [String(i), v])) : [current]);
    } else if (op === 9 && Array.isArray(current) && current.length > 0) {
      // Duplicate items (pushes a list over its maximum, or repeats an id).
      const copies = r.pick([1, 8, 50]);
      for (let i = 0; i < copies; i++) current.push(clone(current[r.int(current.length)]));
    } else {
      replace(hostileValue(r, options, 1));
    }
  }
  return root;
}

// ---- the wire ---------------------------------------------------------------------------------

/**
 * The arguments of one socket.io event as the receiving side gets them: socket.io encodes them as
 * JSON (`undefined` dropped from objects and `null` in arrays, NaN/Infinity → null, -0 → 0,
 * `toJSON` applied). When any argument holds binary data, socket.io first copies the whole packet
 * to cut the binary parts out, and that copy assigns keys one by one — so an own `__proto__` key
 * does not survive the trip (it becomes the copy's prototype, which JSON ignores). Binary data
 * arrives as a Buffer/ArrayBuffer there, which every schema rejects exactly as it rejects the JSON
 * form of a typed array used here.
 */
export function wireArgs(args: readonly unknown[]): unknown[] {
  const data = hasBinary(args) ? copyAsSocketIo(args, false) : args;
  return JSON.parse(JSON.stringify(data)) as unknown[];
}

/** A value as plain JSON carries it (socket.io's handshake `auth` is never split for binary). */
export function jsonForm(value: unknown): unknown {
  return (JSON.parse(JSON.stringify([value])) as unknown[])[0] ?? null;
}

/** Mirrors socket.io-parser's `deconstructPacket` copy (binary kept in place). */
function copyAsSocketIo(data: unknown, viaToJSON: boolean): unknown {
  if (!data || ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return data;
  if (Array.isArray(data)) return data.map((item) => copyAsSocketIo(item, false));
  if (typeof data === 'object' && !(data instanceof Date)) {
    const toJSON = (data as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !viaToJSON) return copyAsSocketIo((toJSON as () => unknown).call(data), true);
    const copy: Record<string, unknown> = {};
    for (const key in data) if (Object.prototype.hasOwnProperty.call(data, key)) copy[key] = copyAsSocketIo((data as Record<string, unknown>)[key], false);
    return copy;
  }
  return data;
}

/**
 * The size in bytes of the text frame socket.io sends for these event arguments (binary parts go
 * in frames of their own and are small here).
 */
export function encodedBytes(args: readonly unknown[]): number {
  return new TextEncoder().encode(JSON.stringify(wireArgs(args))).length;
}

/** True when `value` holds binary data somewhere (socket.io sends such messages as binary events). */
export function hasBinary(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return true;
  if (Array.isArray(value)) return value.some((v) => hasBinary(v, depth + 1));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => hasBinary(v, depth + 1));
  return false;
}

// ---- prototype pollution ----------------------------------------------------------------------

const PROTOTYPES: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
];

/** Remembers the own keys of the built-in prototypes; `check()` lists anything added since. */
export function pollutionProbe(): { check(): string[] } {
  const before = new Map(PROTOTYPES.map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]));
  return {
    check() {
      const found: string[] = [];
      for (const [name, proto] of PROTOTYPES) {
        for (const key of Reflect.ownKeys(proto)) if (!before.get(name)!.has(key)) found.push(`${name}.${String(key)}`);
      }
      const probe = {} as Record<string, unknown>;
      for (const key of ['polluted', 'isAdmin', 'a', '0']) if (probe[key] !== undefined) found.push(`({}).${key}`);
      return found;
    },
  };
}

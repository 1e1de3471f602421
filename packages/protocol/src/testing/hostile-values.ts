/** Hostile strings and values: markup, control characters, lone surrogates, tricky words, numbers and polluting objects. */
import type { Rng } from './rng.js';

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

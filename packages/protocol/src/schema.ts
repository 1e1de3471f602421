/**
 * A tiny runtime schema library: each schema both validates unknown input and carries the
 * TypeScript type it accepts, so wire types are written once. Each also says what it is (`kind`,
 * its options `opts`, its parts `of`: the `Spec` below), which the spec emitter (json-schema.ts,
 * `@biztel/protocol/spec`) turns into JSON Schema — the panel never imports that. Pure: no DOM, no I/O.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Schema<T> {
  /** Validates `input`; `path` names the place in the message for the error text. */
  check(input: unknown, path: string): Result<T>;
  /** What it is (see `Spec`); absent on a hand-made schema, which the spec emitter refuses. */
  readonly kind?: Spec['kind'];
}

type Shape = Record<string, Schema<unknown>>;
export interface StrOptions {
  readonly min?: number;
  readonly max: number;
  readonly pattern?: RegExp;
}
export interface IntOptions {
  readonly min: number;
  readonly max: number;
}

/** The description every combinator's schema carries, for tools that describe the protocol. */
export type Spec =
  | { readonly kind: 'str'; readonly opts: StrOptions }
  | { readonly kind: 'int'; readonly opts: IntOptions }
  | { readonly kind: 'bool' }
  | { readonly kind: 'literal'; readonly opts: string | number | boolean }
  | { readonly kind: 'oneOf'; readonly opts: readonly string[] }
  | { readonly kind: 'array'; readonly opts: { readonly max: number }; readonly of: Schema<unknown> }
  | { readonly kind: 'optional' | 'nullable'; readonly of: Schema<unknown> }
  | { readonly kind: 'object'; readonly of: Shape }
  | { readonly kind: 'union'; readonly opts: string; readonly of: Shape };

/** A schema with its description. */
type Described<T, S extends Spec> = Schema<T> & S;

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (path: string, what: string): Result<never> => ({ ok: false, error: `${path}: ${what}` });

/** Own keys an object schema refuses: they could pollute prototypes. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function str(opts: StrOptions): Described<string, { kind: 'str'; opts: StrOptions }> {
  return {
    kind: 'str',
    opts,
    check(input, path) {
      if (typeof input !== 'string') return fail(path, 'expected a string');
      if (input.length < (opts.min ?? 0)) return fail(path, `shorter than ${opts.min ?? 0}`);
      if (input.length > opts.max) return fail(path, `longer than ${opts.max}`);
      if (opts.pattern && !opts.pattern.test(input)) return fail(path, 'has an invalid format');
      return ok(input);
    },
  };
}

export function int(opts: IntOptions): Described<number, { kind: 'int'; opts: IntOptions }> {
  return {
    kind: 'int',
    opts,
    check(input, path) {
      if (typeof input !== 'number' || !Number.isInteger(input)) return fail(path, 'expected an integer');
      if (input < opts.min || input > opts.max) return fail(path, `out of range ${opts.min}..${opts.max}`);
      return ok(input);
    },
  };
}

export function bool(): Described<boolean, { kind: 'bool' }> {
  return {
    kind: 'bool',
    check: (input, path) => (typeof input === 'boolean' ? ok(input) : fail(path, 'expected a boolean')),
  };
}

export function literal<const T extends string | number | boolean>(value: T): Described<T, { kind: 'literal'; opts: T }> {
  return {
    kind: 'literal',
    opts: value,
    check: (input, path) => (input === value ? ok(value) : fail(path, `expected ${JSON.stringify(value)}`)),
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Described<T[number], { kind: 'oneOf'; opts: T }> {
  return {
    kind: 'oneOf',
    opts: values,
    check(input, path) {
      return typeof input === 'string' && (values as readonly string[]).includes(input)
        ? ok(input as T[number])
        : fail(path, `expected one of ${values.join(', ')}`);
    },
  };
}

export function array<T>(item: Schema<T>, opts: { max: number }): Described<T[], { kind: 'array'; opts: { max: number }; of: Schema<T> }> {
  return {
    kind: 'array',
    opts,
    of: item,
    check(input, path) {
      if (!Array.isArray(input)) return fail(path, 'expected an array');
      if (input.length > opts.max) return fail(path, `more than ${opts.max} items`);
      const out: T[] = [];
      for (let i = 0; i < input.length; i++) {
        const r = item.check(input[i], `${path}[${i}]`);
        if (!r.ok) return r;
        out.push(r.value);
      }
      return ok(out);
    },
  };
}

/** Marks a property as optional (absent or undefined). */
export interface Optional<T> extends Schema<T | undefined> {
  readonly kind: 'optional';
  readonly of: Schema<T>;
}

export function optional<T>(inner: Schema<T>): Optional<T> {
  return {
    kind: 'optional',
    of: inner,
    check: (input, path) => (input === undefined ? ok(undefined) : inner.check(input, path)),
  };
}

export function nullable<T>(inner: Schema<T>): Described<T | null, { kind: 'nullable'; of: Schema<T> }> {
  return { kind: 'nullable', of: inner, check: (input, path) => (input === null ? ok(null) : inner.check(input, path)) };
}

type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>;
};

/**
 * A plain object with exactly the listed keys; unknown keys are dropped (never copied), keys that
 * could pollute prototypes are rejected. The result is a fresh object with a null-free prototype.
 */
export function object<S extends Shape>(shape: S): Described<ObjectOf<S>, { kind: 'object'; of: S }> {
  return {
    kind: 'object',
    of: shape,
    check(input, path) {
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        return fail(path, 'expected an object');
      }
      for (const key of Object.keys(input)) {
        if (FORBIDDEN_KEYS.has(key)) return fail(`${path}.${key}`, 'forbidden key');
      }
      const out: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(shape)) {
        const value = (input as Record<string, unknown>)[key];
        const r = schema.check(value, `${path}.${key}`);
        if (!r.ok) return r;
        if (r.value !== undefined) out[key] = r.value;
      }
      return ok(out as ObjectOf<S>);
    },
  };
}

/** A union discriminated by a string or boolean `tag` property; each branch is an object schema. */
export function union<K extends string, B extends Record<string, Schema<unknown>>>(
  tag: K,
  branches: B,
): Described<Infer<B[keyof B]>, { kind: 'union'; opts: K; of: B }> {
  return {
    kind: 'union',
    opts: tag,
    of: branches,
    check(input, path) {
      if (typeof input !== 'object' || input === null) return fail(path, 'expected an object');
      const t = (input as Record<string, unknown>)[tag];
      const key = typeof t === 'string' || typeof t === 'boolean' ? String(t) : undefined;
      if (key === undefined || !Object.hasOwn(branches, key)) {
        return fail(`${path}.${tag}`, `expected one of ${Object.keys(branches).join(', ')}`);
      }
      return branches[key]!.check(input, path) as Result<Infer<B[keyof B]>>;
    },
  };
}

/** Validates and returns the value, or throws a `TypeError` with the path of the first fault. */
export function parse<T>(schema: Schema<T>, input: unknown, name = 'value'): T {
  const r = schema.check(input, name);
  if (!r.ok) throw new TypeError(r.error);
  return r.value;
}

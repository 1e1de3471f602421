/**
 * A tiny runtime schema library: each schema both validates unknown input and carries the
 * TypeScript type it accepts, so wire types are written once. Pure: no DOM, no I/O.
 */

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Schema<T> {
  /** Validates `input`; `path` names the place in the message for the error text. */
  check(input: unknown, path: string): Result<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (path: string, what: string): Result<never> => ({ ok: false, error: `${path}: ${what}` });

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function str(opts: { min?: number; max: number; pattern?: RegExp }): Schema<string> {
  return {
    check(input, path) {
      if (typeof input !== 'string') return fail(path, 'expected a string');
      if (input.length < (opts.min ?? 0)) return fail(path, `shorter than ${opts.min ?? 0}`);
      if (input.length > opts.max) return fail(path, `longer than ${opts.max}`);
      if (opts.pattern && !opts.pattern.test(input)) return fail(path, 'has an invalid format');
      return ok(input);
    },
  };
}

export function int(opts: { min: number; max: number }): Schema<number> {
  return {
    check(input, path) {
      if (typeof input !== 'number' || !Number.isInteger(input)) return fail(path, 'expected an integer');
      if (input < opts.min || input > opts.max) return fail(path, `out of range ${opts.min}..${opts.max}`);
      return ok(input);
    },
  };
}

export function bool(): Schema<boolean> {
  return {
    check: (input, path) => (typeof input === 'boolean' ? ok(input) : fail(path, 'expected a boolean')),
  };
}

export function literal<const T extends string | number | boolean>(value: T): Schema<T> {
  return {
    check: (input, path) => (input === value ? ok(value) : fail(path, `expected ${JSON.stringify(value)}`)),
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return {
    check(input, path) {
      return typeof input === 'string' && (values as readonly string[]).includes(input)
        ? ok(input as T[number])
        : fail(path, `expected one of ${values.join(', ')}`);
    },
  };
}

export function array<T>(item: Schema<T>, opts: { max: number }): Schema<T[]> {
  return {
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
  readonly optional: true;
}

export function optional<T>(inner: Schema<T>): Optional<T> {
  return {
    optional: true,
    check: (input, path) => (input === undefined ? ok(undefined) : inner.check(input, path)),
  };
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return { check: (input, path) => (input === null ? ok(null) : inner.check(input, path)) };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjectOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>;
};

/**
 * A plain object with exactly the listed keys; unknown keys are dropped (never copied), keys that
 * could pollute prototypes are rejected. The result is a fresh object with a null-free prototype.
 */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return {
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
export function union<K extends string, B extends Record<string, Schema<unknown>>>(tag: K, branches: B): Schema<Infer<B[keyof B]>> {
  return {
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

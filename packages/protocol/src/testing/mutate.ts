/** Corrupting a valid message one field at a time, with a value of the same kind that is just wrong. */
import {
  CONTROL_PAYLOADS,
  HOSTILE_NUMBERS,
  MARKUP_PAYLOADS,
  SURROGATE_PAYLOADS,
  hostileString,
  hostileValue,
  setOwn,
  type HostileOptions,
} from './hostile-values.js';
import type { Rng } from './rng.js';

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
      else delete parent[key as string];
    } else if (op === 6 && container) {
      setOwn(current, r.pick(['__proto__', 'constructor', 'prototype']), r.chance(0.5) ? { polluted: 'yes' } : hostileValue(r, options, 2));
    } else if (op === 7 && container) {
      setOwn(current, r.chance(0.5) ? hostileString(r).slice(0, 40) : 'screen', hostileValue(r, options, 2));
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

// The keys the protocol refuses in any object it validates (they could pollute prototypes), and
// the two ways the library ports check them: one object at a time (valibot, zod: a guard in front
// of each object schema) or one walk over the whole input (TypeBox, which has no pre-check hook).
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** True when `input` is not an object, or has none of the forbidden keys as its own keys. */
export const noForbiddenKeys = (input) =>
  typeof input !== 'object' ||
  input === null ||
  !(Object.hasOwn(input, '__proto__') || Object.hasOwn(input, 'constructor') || Object.hasOwn(input, 'prototype'));

/** The path of the first forbidden key anywhere in `input` (objects and arrays), or undefined. */
export function forbiddenKeyPath(input, path) {
  if (typeof input !== 'object' || input === null) return undefined;
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const found = forbiddenKeyPath(input[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of FORBIDDEN_KEYS) if (Object.hasOwn(input, key)) return `${path}.${key}`;
  for (const key in input) {
    const found = forbiddenKeyPath(input[key], `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

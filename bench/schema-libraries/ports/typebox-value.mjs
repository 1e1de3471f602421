// TypeBox without the compiler (`Check` / `Errors` from `@sinclair/typebox/value`: interpreted, no
// eval). The same walk for forbidden keys and `Clone` + `Clean` as typebox.mjs.
import { Errors } from '@sinclair/typebox/errors';
import { Check, Clean, Clone } from '@sinclair/typebox/value';
import { forbiddenKeyPath } from './forbidden-keys.mjs';
import { plain, reply, snapshot } from './typebox-schema.mjs';

export { snapshot };

const validator = (schema, name) => (input) => {
  const bad = forbiddenKeyPath(input, name);
  if (bad) return { ok: false, error: `${bad}: forbidden key` };
  if (!Check(schema, input)) {
    const e = Errors(schema, input).First();
    return { ok: false, error: `${name}${e.path.replaceAll('/', '.')}: ${e.message}` };
  }
  return { ok: true, value: Clean(schema, Clone(input)) };
};
export const validate = validator(snapshot, 'state:snapshot');
export const validateReply = validator(reply, 'reply');

export const validatePlain = (input) => (Check(plain, input) ? { ok: true, value: input } : { ok: false, error: `value${Errors(plain, input).First().path}` });

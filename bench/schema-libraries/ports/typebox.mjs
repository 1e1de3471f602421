// TypeBox with its compiler (`TypeCompiler.Compile`: generated code, `new Function`, so a page
// needs `unsafe-eval`). Around the check: one walk that refuses the forbidden keys first, and
// `Clone` + `Clean` for a fresh value without unknown keys (`Check` accepts and keeps them).
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Clean, Clone } from '@sinclair/typebox/value';
import { forbiddenKeyPath } from './forbidden-keys.mjs';
import { plain, reply, snapshot } from './typebox-schema.mjs';

export { snapshot };

const validator = (schema, name) => {
  const compiled = TypeCompiler.Compile(schema);
  return (input) => {
    const bad = forbiddenKeyPath(input, name);
    if (bad) return { ok: false, error: `${bad}: forbidden key` };
    if (!compiled.Check(input)) {
      const e = compiled.Errors(input).First();
      return { ok: false, error: `${name}${e.path.replaceAll('/', '.')}: ${e.message}` };
    }
    return { ok: true, value: Clean(schema, Clone(input)) };
  };
};
export const validate = validator(snapshot, 'state:snapshot');
export const validateReply = validator(reply, 'reply');

const plainCheck = TypeCompiler.Compile(plain);
/** As it comes: `Check` answers yes or no and returns nothing; the value is the input itself. */
export const validatePlain = (input) =>
  plainCheck.Check(input) ? { ok: true, value: input } : { ok: false, error: `value${plainCheck.Errors(input).First().path.replaceAll('/', '.')}` };

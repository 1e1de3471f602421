// valibot's JSON Schema converter (a separate package): `v.custom` (the forbidden-key guard) has no
// JSON Schema, so errors are ignored and the guard is left out of the output.
import { toJsonSchema } from '@valibot/to-json-schema';
import { snapshot } from './valibot.mjs';

export const jsonSchema = () => toJsonSchema(snapshot, { errorMode: 'ignore' });

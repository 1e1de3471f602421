// zod 4's JSON Schema converter (`z.toJSONSchema`, in the same package): the forbidden-key guard
// (`z.custom`) is unrepresentable; the pipes are emitted as their output side (the object).
import * as z from 'zod/mini';
import { snapshot } from './zod-mini.mjs';

export const jsonSchema = () => z.toJSONSchema(snapshot, { unrepresentable: 'any' });

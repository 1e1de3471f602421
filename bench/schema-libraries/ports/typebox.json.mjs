// TypeBox schemas are JSON Schema already: no converter, the schema object is the JSON Schema (its
// Kind markers are symbols, which JSON.stringify leaves out).
import { snapshot } from './typebox.mjs';

export const jsonSchema = () => snapshot;

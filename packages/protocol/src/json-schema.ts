/**
 * The JSON Schema (draft-07, AsyncAPI 3's default schema format) of a protocol schema, read from
 * the description every combinator carries (`kind`, `opts`, `of`: schema.ts `Spec`), and optional
 * prose attached with `describe`. Tooling only (`@biztel/protocol/spec`): the panel never imports
 * it, so descriptions cost the bundle nothing.
 *
 * Where our `check` and JSON Schema differ, and how the emitted schema says so:
 * - `object()` drops unknown keys (does not reject them): `additionalProperties: true`;
 * - `object()` rejects the own keys `__proto__`, `constructor`, `prototype`: `propertyNames`;
 * - string lengths count UTF-16 code units (JavaScript's `length`), JSON Schema counts code points:
 *   a string with astral characters (emoji) may pass `maxLength` and still be refused;
 * - patterns are JavaScript regular expressions without the `u` flag.
 */
import { FORBIDDEN_KEYS, type Schema, type Spec } from './schema.js';

export type JsonSchema = { [key: string]: unknown };

interface Note {
  readonly text: string;
  readonly fields: Readonly<Record<string, string>>;
}
const notes = new WeakMap<Schema<unknown>, Note>();

/**
 * Attaches prose to `schema` (its `description`) and, for an object, to its fields (keyed by field
 * name; a field's own description wins over none). Answers the schema itself.
 */
export function describe<S extends Schema<unknown>>(schema: S, text: string, fields: Readonly<Record<string, string>> = {}): S {
  notes.set(schema, { text, fields });
  return schema;
}

/** The prose attached to `schema`, if any. */
export function descriptionOf(schema: Schema<unknown>): string | undefined {
  return notes.get(schema)?.text;
}

export interface EmitOptions {
  /** Schemas emitted as `{ $ref: refBase + name }` wherever they occur below the root. */
  readonly names?: ReadonlyMap<Schema<unknown>, string>;
  /** Default `#/components/schemas/`. */
  readonly refBase?: string;
}

/** The spec of a schema built by the combinators; throws for a hand-made one. */
export function specOf(schema: Schema<unknown>): Spec {
  if (schema.kind === undefined) throw new TypeError('a hand-made schema has no description: build it with the combinators of schema.ts');
  return schema as unknown as Spec;
}

/** `schema` as JSON Schema draft-07. */
export function toJsonSchema(schema: Schema<unknown>, options: EmitOptions = {}): JsonSchema {
  const refBase = options.refBase ?? '#/components/schemas/';
  const emit = (s: Schema<unknown>, root: boolean, note?: string): JsonSchema => {
    const text = note ?? (notes.get(s)?.text || undefined);
    const spec = specOf(s);
    // Only an object's field can be absent (JSON has no `undefined`): elsewhere it is its inner schema.
    if (spec.kind === 'optional') return emit(spec.of, root, text);
    const name = root ? undefined : options.names?.get(s);
    if (name !== undefined) {
      const ref = { $ref: refBase + name };
      return text === undefined ? ref : { description: text, allOf: [ref] };
    }
    const out = body(
      spec,
      (inner, n) => emit(inner, false, n),
      (field) => notes.get(s)?.fields[field],
    );
    return text === undefined ? out : { description: text, ...out };
  };
  return emit(schema, true);
}

type Emit = (schema: Schema<unknown>, note?: string) => JsonSchema;

function body(spec: Spec, emit: Emit, fieldNote: (field: string) => string | undefined): JsonSchema {
  switch (spec.kind) {
    case 'str': {
      const { min = 0, max, pattern } = spec.opts;
      return { type: 'string', ...(min > 0 ? { minLength: min } : {}), maxLength: max, ...(pattern ? { pattern: pattern.source } : {}) };
    }
    case 'int':
      return { type: 'integer', minimum: spec.opts.min, maximum: spec.opts.max };
    case 'bool':
      return { type: 'boolean' };
    case 'literal': {
      const v = spec.opts;
      return { type: typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v, const: v };
    }
    case 'oneOf':
      return { type: 'string', enum: [...spec.opts] };
    case 'array':
      return { type: 'array', items: emit(spec.of), maxItems: spec.opts.max };
    case 'optional':
      return emit(spec.of); // (handled by the caller)
    case 'nullable':
      return { anyOf: [emit(spec.of), { type: 'null' }] };
    case 'object': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, field] of Object.entries(spec.of)) {
        properties[key] = emit(field, fieldNote(key));
        if (field.kind !== 'optional') required.push(key);
      }
      return {
        type: 'object',
        properties,
        ...(required.length > 0 ? { required } : {}),
        // Unknown keys are dropped by the receiver, not refused.
        additionalProperties: true,
        propertyNames: { not: { enum: [...FORBIDDEN_KEYS] } },
      };
    }
    case 'union':
      return { discriminator: spec.opts, oneOf: Object.values(spec.of).map((branch) => emit(branch)) };
  }
}

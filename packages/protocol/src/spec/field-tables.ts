/**
 * Markdown tables of a message's fields (name, type, limits, required, description), read from its
 * emitted JSON Schema: nested objects and arrays of objects are flattened into dotted rows, named
 * schemas become links to their own table, a union gets one table per branch.
 */
import type { JsonSchema } from '../json-schema.js';

const REF = '#/components/schemas/';
/** The anchor of a named type's heading in docs/protocol.md. */
export const typeAnchor = (name: string) => `type-${name.toLowerCase()}`;

interface Row {
  readonly field: string;
  readonly type: string;
  readonly limits: string;
  readonly required: string;
  readonly description: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

/** A named type's link, when `schema` is a reference (possibly wrapped for its description). */
function refName(schema: JsonSchema): string | undefined {
  const target = (schema['allOf'] as JsonSchema[] | undefined)?.[0] ?? schema;
  const $ref = target['$ref'];
  return typeof $ref === 'string' && $ref.startsWith(REF) ? $ref.slice(REF.length) : undefined;
}

/** Type and limits of a schema that is not an inline object. */
function typeOf(schema: JsonSchema): { type: string; limits: string } {
  const name = refName(schema);
  if (name !== undefined) return { type: `[${name}](#${typeAnchor(name)})`, limits: '' };
  if ('const' in schema) return { type: code(schema['const']), limits: '' };
  if (Array.isArray(schema['enum'])) return { type: 'string', limits: `one of ${(schema['enum'] as unknown[]).map(code).join(', ')}` };
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined;
  if (anyOf) {
    const inner = typeOf(anyOf[0]!);
    return { type: `${inner.type} or \`null\``, limits: inner.limits };
  }
  switch (schema['type']) {
    case 'string': {
      const min = (schema['minLength'] as number | undefined) ?? 0;
      const pattern = schema['pattern'] as string | undefined;
      return { type: 'string', limits: [`${min}–${schema['maxLength'] as number} chars`, ...(pattern ? [`pattern ${code(pattern)}`] : [])].join(', ') };
    }
    case 'integer':
      return { type: 'integer', limits: `${schema['minimum'] as number}–${schema['maximum'] as number}` };
    case 'array': {
      const items = typeOf(schema['items'] as JsonSchema);
      return {
        type: `array of ${items.type}`,
        limits: [`≤ ${schema['maxItems'] as number} items`, ...(items.limits ? [`each ${items.limits}`] : [])].join('; '),
      };
    }
    case 'object':
      return { type: 'object', limits: '' };
    default:
      return { type: String(schema['type']), limits: '' };
  }
}

const isInlineObject = (s: JsonSchema) => s['type'] === 'object' && refName(s) === undefined;

function rows(schema: JsonSchema, prefix: string, out: Row[]): Row[] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  for (const [key, field] of Object.entries(properties)) {
    const path = `${prefix}${key}`;
    const description = (field['description'] as string | undefined) ?? '';
    const { type, limits } = typeOf(field);
    out.push({ field: code(path), type, limits, required: required.has(key) ? 'yes' : 'no', description });
    if (isInlineObject(field)) rows(field, `${path}.`, out);
    const items = field['items'] as JsonSchema | undefined;
    if (field['type'] === 'array' && items && isInlineObject(items)) rows(items, `${path}[].`, out);
  }
  return out;
}

function table(schema: JsonSchema): string {
  const all = rows(schema, '', []);
  if (all.length === 0) return '_No fields._';
  return [
    '| Field | Type | Limits | Required | Description |',
    '| --- | --- | --- | --- | --- |',
    ...all.map((r) => `| ${[r.field, r.type, r.limits, r.required, r.description].map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The fields of `schema` as Markdown: one table, or one per branch of a union (`resolve` reads a named type). */
export function fieldTables(schema: JsonSchema, resolve: (name: string) => JsonSchema): string {
  const branches = schema['oneOf'] as JsonSchema[] | undefined;
  if (!branches) return table(schema);
  const tag = schema['discriminator'] as string;
  return branches
    .map((branch) => {
      const name = refName(branch);
      const body = name === undefined ? branch : resolve(name);
      const tagValue = code(((body['properties'] ?? {}) as Record<string, JsonSchema>)[tag]?.['const']);
      return name === undefined ? `When \`${tag}\` is ${tagValue}:\n\n${table(branch)}` : `When \`${tag}\` is ${tagValue}: [${name}](#${typeAnchor(name)}).`;
    })
    .join('\n\n');
}

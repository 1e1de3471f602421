import { describe as suite, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { array, bool, int, literal, nullable, object, oneOf, optional, str, union, type Schema } from './schema.js';
import { describe, toJsonSchema, type JsonSchema } from './json-schema.js';
import { payloads } from './spec/asyncapi.js';
import { fuzzSeed, hostileValue, jsonForm, mutate, preview, rng } from './testing/fuzz.js';

/** A draft-07 validator as strict as ajv goes, with JavaScript's regular expressions (no `u` flag). */
function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, unicodeRegExp: false });
  ajv.addKeyword({ keyword: 'discriminator', schemaType: 'string' }); // AsyncAPI's annotation: which field a union switches on
  return ajv;
}

suite('toJsonSchema: one combinator at a time', () => {
  it('str: type, lengths (minLength only above 0) and the pattern source', () => {
    expect(toJsonSchema(str({ min: 1, max: 16, pattern: /^[0-9]+$/ }))).toEqual({ type: 'string', minLength: 1, maxLength: 16, pattern: '^[0-9]+$' });
    expect(toJsonSchema(str({ max: 500 }))).toEqual({ type: 'string', maxLength: 500 });
  });

  it('int, bool, literal, oneOf', () => {
    expect(toJsonSchema(int({ min: 0, max: 9 }))).toEqual({ type: 'integer', minimum: 0, maximum: 9 });
    expect(toJsonSchema(bool())).toEqual({ type: 'boolean' });
    expect(toJsonSchema(literal(2))).toEqual({ type: 'integer', const: 2 });
    expect(toJsonSchema(literal(false))).toEqual({ type: 'boolean', const: false });
    expect(toJsonSchema(literal('dial'))).toEqual({ type: 'string', const: 'dial' });
    expect(toJsonSchema(oneOf(['a', 'b']))).toEqual({ type: 'string', enum: ['a', 'b'] });
  });

  it('array, nullable, and optional outside an object (JSON has no undefined)', () => {
    expect(toJsonSchema(array(bool(), { max: 3 }))).toEqual({ type: 'array', items: { type: 'boolean' }, maxItems: 3 });
    expect(toJsonSchema(nullable(bool()))).toEqual({ anyOf: [{ type: 'boolean' }, { type: 'null' }] });
    expect(toJsonSchema(optional(bool()))).toEqual({ type: 'boolean' });
  });

  it('object: optional fields are not required, unknown keys allowed (dropped), polluting keys refused', () => {
    expect(toJsonSchema(object({ a: bool(), b: optional(bool()) }))).toEqual({
      type: 'object',
      properties: { a: { type: 'boolean' }, b: { type: 'boolean' } },
      required: ['a'],
      additionalProperties: true,
      propertyNames: { not: { enum: ['__proto__', 'constructor', 'prototype'] } },
    });
    expect(toJsonSchema(object({ b: optional(bool()) }))).not.toHaveProperty('required');
  });

  it('union: oneOf of its branches, with the field it switches on', () => {
    const s = union('ok', { true: object({ ok: literal(true) }), false: object({ ok: literal(false) }) });

    const out = toJsonSchema(s);

    expect(out['discriminator']).toBe('ok');
    expect((out['oneOf'] as JsonSchema[]).map((b) => (b['properties'] as Record<string, JsonSchema>)['ok'])).toEqual([
      { type: 'boolean', const: true },
      { type: 'boolean', const: false },
    ]);
  });

  it('named schemas become references below the root; descriptions are attached where given', () => {
    const inner = object({ x: bool() });
    const outer = describe(object({ one: inner, two: optional(inner) }), 'Outer.', { two: 'The second.' });
    const names = new Map<Schema<unknown>, string>([[inner, 'Inner']]);

    const out = toJsonSchema(outer, { names });

    expect(out['description']).toBe('Outer.');
    expect(out['properties']).toEqual({
      one: { $ref: '#/components/schemas/Inner' },
      two: { description: 'The second.', allOf: [{ $ref: '#/components/schemas/Inner' }] },
    });
    expect(toJsonSchema(inner, { names })).toHaveProperty('type', 'object');
  });

  it('refuses a hand-made schema (no description to emit)', () => {
    const handMade: Schema<string> = { check: (input) => ({ ok: true, value: String(input) }) };

    expect(() => toJsonSchema(object({ a: handMade }))).toThrow(/hand-made/);
  });
});

suite('our check and ajv agree on every message schema', () => {
  const ajv = newAjv();
  const all = payloads();

  /** Known difference, made explicit: lengths count UTF-16 code units here, code points in JSON Schema. */
  const hasAstral = (v: unknown): boolean =>
    typeof v === 'string' ? /[\ud800-\udbff][\udc00-\udfff]/.test(v) : v !== null && typeof v === 'object' && Object.values(v).some(hasAstral);

  it.each(all.map((p) => [p.name, p] as const))('%s', (_name, payload) => {
    const validate = ajv.compile(toJsonSchema(payload.schema));
    const r = rng(fuzzSeed(0x5eed) ^ payload.name.length);
    const values: unknown[] = [...payload.examples];
    for (const example of payload.examples) for (let i = 0; i < 300; i++) values.push(mutate(r, example));
    for (let i = 0; i < 200; i++) values.push(hostileValue(r));
    let accepted = 0;
    for (const raw of values) {
      const value = jsonForm(raw); // what the wire carries: JSON
      const ours = payload.schema.check(value, 'x').ok;
      const theirs = validate(value);
      if (ours) accepted++;
      if (ours !== theirs && !(hasAstral(value) && !ours && theirs)) {
        throw new Error(`${payload.name}: check ${ours ? 'accepts' : 'refuses'}, ajv ${theirs ? 'accepts' : 'refuses'} ${preview(value)} (seed ${r.seed})`);
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(payload.examples.length);
    expect(accepted).toBeLessThan(values.length);
  });

  it('the known differences: unknown keys are dropped by check (both accept), astral characters count twice in check only', () => {
    const s = object({ note: str({ max: 4 }) });
    const validate = ajv.compile(toJsonSchema(s));
    const extra = { note: 'ok', extra: 1 };
    const emoji = { note: '😀😀😀' }; // 3 code points, 6 UTF-16 code units

    expect(s.check(extra, 'x')).toEqual({ ok: true, value: { note: 'ok' } });
    expect(validate(extra)).toBe(true);
    expect(s.check(emoji, 'x').ok).toBe(false);
    expect(validate(emoji)).toBe(true);
  });
});

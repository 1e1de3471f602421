import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import * as specs from '@asyncapi/specs';
import { PANEL_COMMANDS } from '../commands.js';
import { ERROR_CODES, NAMESPACE } from '../messages.js';
import { asyncApiDocument, NAMESPACES, payloads } from './asyncapi.js';
import { HANDSHAKE } from './catalogue.js';

const doc = asyncApiDocument() as {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  operations: Record<string, { action: string; title: string; messages: { $ref: string }[]; reply?: { messages: { $ref: string }[] } }>;
  components: { schemas: Record<string, object>; messages: Record<string, { payload: { $ref: string }; examples: { payload: unknown }[] }> };
};

/** A draft-07 validator as strict as ajv goes, with JavaScript's regular expressions (as json-schema.test.ts). */
function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, unicodeRegExp: false });
  ajv.addKeyword({ keyword: 'discriminator', schemaType: 'string' });
  return ajv;
}

/** The document's value at a local `$ref`. */
function at(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], doc);
}

describe('the AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0.0 document (the official JSON Schema of @asyncapi/specs)', () => {
    // The AsyncAPI schema embeds the draft-07 meta-schema itself: ajv's own copy would clash with it.
    const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true, meta: false, validateSchema: false });
    const validate = ajv.compile(specs.schemas['3.0.0']);

    const valid = validate(doc);

    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const broken = { ...doc, operations: { ...doc.operations, 'panel.serverHello': { ...doc.operations['panel.serverHello'], action: 'sideways' } } };
    expect(validate(broken)).toBe(false);
  });

  it('has one channel per namespace and one operation per event, panel commands included', () => {
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual([NAMESPACE.panel, NAMESPACE.softphone]);
    const panelOps = Object.entries(doc.operations).filter(([key]) => key.startsWith('panel.'));
    for (const { event } of Object.values(PANEL_COMMANDS)) {
      const op = panelOps.find(([, o]) => o.title === event)?.[1];
      expect({ event, action: op?.action, replies: op?.reply?.messages.length }).toEqual({ event, action: 'receive', replies: 1 });
    }
    expect(Object.keys(doc.operations)).toHaveLength(NAMESPACES.reduce((n, ns) => n + ns.messages.length, 0));
  });

  it('every operation’s messages and replies are messages of its channel, with a payload schema in the document', () => {
    for (const op of Object.values(doc.operations)) {
      for (const { $ref } of [...op.messages, ...(op.reply?.messages ?? [])]) {
        const message = at((at($ref) as { $ref: string }).$ref) as { payload: { $ref: string } };
        expect(at(message.payload.$ref)).toEqual(expect.objectContaining({}));
      }
    }
  });

  it('every error code has a meaning', () => {
    const codes = (doc as unknown as { 'x-error-codes': Record<string, { meaning: string }> })['x-error-codes'];

    expect(Object.keys(codes)).toEqual([...ERROR_CODES]);
    for (const code of ERROR_CODES) expect(codes[code]!.meaning.length).toBeGreaterThan(10);
  });
});

describe('every example', () => {
  const ajv = newAjv();
  ajv.addKeyword({ keyword: 'components' }); // the wrapper's only key: the document's schemas, found by their references
  ajv.addSchema({ $id: 'asyncapi', components: { schemas: doc.components.schemas } });
  const refValidator = (name: string) => ajv.getSchema(`asyncapi#/components/schemas/${name}`)!;

  it.each(payloads().map((p) => [p.name, p] as const))('of %s is valid by our schema, and by ajv against the document', (_name, payload) => {
    expect(payload.examples.length).toBeGreaterThan(0);
    const validate = refValidator(payload.name);
    for (const example of payload.examples) {
      expect(payload.schema.check(example, 'example')).toEqual({ ok: true, value: example });
      expect({ example, valid: validate(example), errors: validate.errors ?? null }).toEqual({ example, valid: true, errors: null });
    }
  });

  it('in the document is one of the catalogue’s, with a payload that ajv accepts', () => {
    let count = 0;
    for (const message of Object.values(doc.components.messages)) {
      const validate = refValidator(message.payload.$ref.split('/').pop()!);
      expect(message.examples.length).toBeGreaterThan(0);
      for (const { payload } of message.examples) {
        count++;
        expect(validate(payload)).toBe(true);
      }
    }
    expect(count).toBeGreaterThanOrEqual(payloads().length);
  });

  it('of a handshake refusal exists for every refusal the server gives, in its order', () => {
    expect(HANDSHAKE.refusal.examples.map((e) => (e as { code: string }).code)).toEqual(HANDSHAKE.order.map(([code]) => code));
  });
});

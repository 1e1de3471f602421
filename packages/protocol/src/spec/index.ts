/**
 * `@biztel/protocol/spec`: the protocol as a spec — JSON Schema of any schema, the AsyncAPI 3.0.0
 * document and docs/protocol.md — for scripts/protocol-spec.mjs and tests. Never imported by the
 * panel or the server.
 */
export { describe, descriptionOf, specOf, toJsonSchema, type EmitOptions, type JsonSchema } from '../json-schema.js';
import { asyncApiDocument } from './asyncapi.js';
import { protocolMarkdown } from './markdown.js';

export { asyncApiDocument, NAMESPACES, payloads, schemaNames } from './asyncapi.js';
export { protocolMarkdown } from './markdown.js';

/** The generated files, by path from the repository root, with their content. */
export function generatedFiles(): Record<string, string> {
  return {
    'docs/protocol/asyncapi.json': `${JSON.stringify(asyncApiDocument(), null, 2)}\n`,
    'docs/protocol.md': `${protocolMarkdown()}\n`,
  };
}

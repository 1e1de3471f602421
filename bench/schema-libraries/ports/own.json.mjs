// No JSON Schema emitter yet: it is being added to packages/protocol/src (a separate module, so
// the panel bundle need not carry it). Nothing to measure here until it lands.
export const jsonSchema = undefined;

// Our own combinators (packages/protocol/src/schema.ts), as built by `npm run build:packages`:
// the real `snapshotSchema`, nothing ported. Meets every requirement as it is.
import { literal, object, oneOf, str, union } from '../../../packages/protocol/dist/schema.js';
import { snapshotSchema } from '../../../packages/protocol/dist/messages.js';

export const snapshot = snapshotSchema;
export const validate = (input) => snapshotSchema.check(input, 'state:snapshot');

/** A union by a boolean tag (the shape of `signInReplySchema`). */
const reply = union('ok', {
  true: object({ ok: literal(true), token: str({ min: 1, max: 8 }) }),
  false: object({ ok: literal(false), code: oneOf(['BUSY', 'TIMEOUT']) }),
});
export const validateReply = (input) => reply.check(input, 'reply');

/** The library's plain object, as it comes: `{ a: string }`. */
const plain = object({ a: str({ max: 8 }) });
export const validatePlain = (input) => plain.check(input, 'value');

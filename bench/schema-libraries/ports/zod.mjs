// `snapshotSchema` ported to zod 4 (the full, chained API). Requirements: as `zod/mini`
// (unknown keys dropped out of the box; a `z.custom` guard piped into every object rejects the
// forbidden keys). Its objects compile a fast path with `new Function` unless eval is refused.
import * as z from 'zod';
import { noForbiddenKeys } from './forbidden-keys.mjs';

const guard = (schema) => z.custom(noForbiddenKeys, { error: 'forbidden key' }).pipe(schema);
const object = (shape) => guard(z.object(shape));
const str = (min, max, pattern) => (pattern ? z.string().min(min).max(max).regex(pattern) : z.string().min(min).max(max));
const int = (min, max) => z.int().gte(min).lte(max);
const array = (item, max) => z.array(item).max(max);

const MAX_TIME = 8_640_000_000_000_000;
const time = int(0, MAX_TIME);
const id = str(1, 64, /^[A-Za-z0-9_.:-]+$/);
const account = str(1, 64, /^[A-Za-z0-9_.@-]+$/);
const extension = str(1, 16, /^[0-9]+$/);
const remoteNumber = str(0, 64);
const SALESFORCE_ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

const statusSchema = object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), label: str(1, 40) });
const chatMessageSchema = object({
  from: z.enum(['customer', 'bot']),
  kind: z.enum(['text', 'url', 'upload']),
  text: str(0, 1000),
  url: str(1, 2000).optional(),
  at: time,
});
// `z.discriminatedUnion` needs plain object schemas as options: the guard goes in front of the union.
const chatSchema = guard(
  z.discriminatedUnion('status', [
    z.object({ status: z.literal('ok'), messages: array(chatMessageSchema, 50) }),
    z.object({ status: z.literal('error'), error: z.enum(['connect', 'fetch', 'server']) }),
  ]),
);
const transferredScreenSchema = object({
  recordId: str(15, 18, SALESFORCE_ID_SHAPE),
  recordName: str(0, 255).optional(),
  objectType: str(1, 80, /^[A-Za-z0-9_]+$/).optional(),
  note: str(0, 140, /^[^\u0000-\u001f\u007f]*$/).optional(),
  fromExtension: extension,
  fromName: str(1, 64).optional(),
});
const callSchema = object({
  id,
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['ringing', 'dialing', 'talking', 'held', 'parking']),
  remoteNumber,
  startedAt: time,
  answeredAt: time.optional(),
  heldAt: time.optional(),
  businessLabel: str(1, 64).optional(),
  callerIdNumber: str(1, 32).optional(),
  transfer: object({ kind: z.enum(['attended', 'star', 'hash']), of: id }).optional(),
  collecting: object({ kind: z.enum(['star', 'hash']), digits: str(0, 32, /^[0-9]*$/) }).optional(),
  recall: object({ slot: str(1, 8, /^[0-9]+$/) }).optional(),
  chat: chatSchema.optional(),
  transferredBy: extension.optional(),
  screen: transferredScreenSchema.optional(),
});
const parkedCallSchema = object({ slot: str(1, 8, /^[0-9]+$/), remoteNumber, parkedAt: time, recallAt: time });
const callerIdsSchema = object({
  mode: z.enum(['switchable', 'numbersOnly', 'windowsOnly']),
  restricted: z.boolean(),
  numbers: array(object({ number: str(1, 32, /^[0-9]+$/), label: str(0, 64) }), 200),
  windows: array(object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), name: str(1, 64), number: str(1, 32) }), 200),
});

export const snapshot = object({
  revision: int(0, Number.MAX_SAFE_INTEGER),
  serverTime: time,
  agent: object({ account, extension, statusId: str(1, 32), hardphone: z.boolean() }),
  statuses: array(statusSchema, 50),
  softphone: object({ running: z.boolean() }),
  calls: array(callSchema, 8),
  parked: array(parkedCallSchema, 20),
  callerIds: callerIdsSchema,
});

const result = (r, name) =>
  r.success ? { ok: true, value: r.data } : { ok: false, error: `${[name, ...r.error.issues[0].path].join('.')}: ${r.error.issues[0].message}` };
export const validate = (input) => result(snapshot.safeParse(input), 'state:snapshot');

const reply = guard(
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), token: str(1, 8) }), z.object({ ok: z.literal(false), code: z.enum(['BUSY', 'TIMEOUT']) })]),
);
export const validateReply = (input) => result(reply.safeParse(input), 'reply');

const plain = z.object({ a: z.string().max(8) });
export const validatePlain = (input) => result(plain.safeParse(input), 'value');

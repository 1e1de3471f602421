// `snapshotSchema` ported to zod 4's tree-shakable `zod/mini`. Requirements: `z.object` drops
// unknown keys out of the box; forbidden keys need a guard in front of every object (`z.custom`
// piped into the object), because the object's own checks only see its output.
import * as z from 'zod/mini';
import { noForbiddenKeys } from './forbidden-keys.mjs';

const guard = (schema) => z.pipe(z.custom(noForbiddenKeys, { error: 'forbidden key' }), schema);
const object = (shape) => guard(z.object(shape));
const str = (min, max, pattern) =>
  pattern ? z.string().check(z.minLength(min), z.maxLength(max), z.regex(pattern)) : z.string().check(z.minLength(min), z.maxLength(max));
const int = (min, max) => z.int().check(z.gte(min), z.lte(max));
const array = (item, max) => z.array(item).check(z.maxLength(max));

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
  url: z.optional(str(1, 2000)),
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
  recordName: z.optional(str(0, 255)),
  objectType: z.optional(str(1, 80, /^[A-Za-z0-9_]+$/)),
  note: z.optional(str(0, 140, /^[^\u0000-\u001f\u007f]*$/)),
  fromExtension: extension,
  fromName: z.optional(str(1, 64)),
});
const callSchema = object({
  id,
  direction: z.enum(['inbound', 'outbound']),
  state: z.enum(['ringing', 'dialing', 'talking', 'held', 'parking']),
  remoteNumber,
  startedAt: time,
  answeredAt: z.optional(time),
  heldAt: z.optional(time),
  businessLabel: z.optional(str(1, 64)),
  callerIdNumber: z.optional(str(1, 32)),
  transfer: z.optional(object({ kind: z.enum(['attended', 'star', 'hash']), of: id })),
  collecting: z.optional(object({ kind: z.enum(['star', 'hash']), digits: str(0, 32, /^[0-9]*$/) })),
  recall: z.optional(object({ slot: str(1, 8, /^[0-9]+$/) })),
  chat: z.optional(chatSchema),
  transferredBy: z.optional(extension),
  screen: z.optional(transferredScreenSchema),
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
export const validate = (input) => result(z.safeParse(snapshot, input), 'state:snapshot');

const reply = guard(
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), token: str(1, 8) }), z.object({ ok: z.literal(false), code: z.enum(['BUSY', 'TIMEOUT']) })]),
);
export const validateReply = (input) => result(z.safeParse(reply, input), 'reply');

const plain = z.object({ a: z.string().check(z.maxLength(8)) });
export const validatePlain = (input) => result(z.safeParse(plain, input), 'value');

// `snapshotSchema` ported to valibot 1. Requirements: `v.object` drops unknown keys out of the box;
// forbidden keys need a guard in front of every object (a `v.custom` check in a pipe), because the
// object schema's own checks only see its output, where those keys are already gone.
import * as v from 'valibot';
import { noForbiddenKeys } from './forbidden-keys.mjs';

const guard = (schema) => v.pipe(v.custom(noForbiddenKeys, 'forbidden key'), schema);
const object = (entries) => guard(v.object(entries));
const str = (min, max, pattern) =>
  pattern ? v.pipe(v.string(), v.minLength(min), v.maxLength(max), v.regex(pattern)) : v.pipe(v.string(), v.minLength(min), v.maxLength(max));
const int = (min, max) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const array = (item, max) => v.pipe(v.array(item), v.maxLength(max));

const MAX_TIME = 8_640_000_000_000_000;
const time = int(0, MAX_TIME);
const id = str(1, 64, /^[A-Za-z0-9_.:-]+$/);
const account = str(1, 64, /^[A-Za-z0-9_.@-]+$/);
const extension = str(1, 16, /^[0-9]+$/);
const remoteNumber = str(0, 64);
const SALESFORCE_ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

const statusSchema = object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), label: str(1, 40) });
const chatMessageSchema = object({
  from: v.picklist(['customer', 'bot']),
  kind: v.picklist(['text', 'url', 'upload']),
  text: str(0, 1000),
  url: v.optional(str(1, 2000)),
  at: time,
});
// `v.variant` needs plain object schemas as options: the guard goes in front of the whole union.
const chatSchema = guard(
  v.variant('status', [
    v.object({ status: v.literal('ok'), messages: array(chatMessageSchema, 50) }),
    v.object({ status: v.literal('error'), error: v.picklist(['connect', 'fetch', 'server']) }),
  ]),
);
const transferredScreenSchema = object({
  recordId: str(15, 18, SALESFORCE_ID_SHAPE),
  recordName: v.optional(str(0, 255)),
  objectType: v.optional(str(1, 80, /^[A-Za-z0-9_]+$/)),
  note: v.optional(str(0, 140, /^[^\u0000-\u001f\u007f]*$/)),
  fromExtension: extension,
  fromName: v.optional(str(1, 64)),
});
const callSchema = object({
  id,
  direction: v.picklist(['inbound', 'outbound']),
  state: v.picklist(['ringing', 'dialing', 'talking', 'held', 'parking']),
  remoteNumber,
  startedAt: time,
  answeredAt: v.optional(time),
  heldAt: v.optional(time),
  businessLabel: v.optional(str(1, 64)),
  callerIdNumber: v.optional(str(1, 32)),
  transfer: v.optional(object({ kind: v.picklist(['attended', 'star', 'hash']), of: id })),
  collecting: v.optional(object({ kind: v.picklist(['star', 'hash']), digits: str(0, 32, /^[0-9]*$/) })),
  recall: v.optional(object({ slot: str(1, 8, /^[0-9]+$/) })),
  chat: v.optional(chatSchema),
  transferredBy: v.optional(extension),
  screen: v.optional(transferredScreenSchema),
});
const parkedCallSchema = object({ slot: str(1, 8, /^[0-9]+$/), remoteNumber, parkedAt: time, recallAt: time });
const callerIdsSchema = object({
  mode: v.picklist(['switchable', 'numbersOnly', 'windowsOnly']),
  restricted: v.boolean(),
  numbers: array(object({ number: str(1, 32, /^[0-9]+$/), label: str(0, 64) }), 200),
  windows: array(object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), name: str(1, 64), number: str(1, 32) }), 200),
});

export const snapshot = object({
  revision: int(0, Number.MAX_SAFE_INTEGER),
  serverTime: time,
  agent: object({ account, extension, statusId: str(1, 32), hardphone: v.boolean() }),
  statuses: array(statusSchema, 50),
  softphone: object({ running: v.boolean() }),
  calls: array(callSchema, 8),
  parked: array(parkedCallSchema, 20),
  callerIds: callerIdsSchema,
});

const CONFIG = { abortEarly: true };
const result = (r, name) =>
  r.success ? { ok: true, value: r.output } : { ok: false, error: `${[name, v.getDotPath(r.issues[0])].filter(Boolean).join('.')}: ${r.issues[0].message}` };
export const validate = (input) => result(v.safeParse(snapshot, input, CONFIG), 'state:snapshot');

const reply = guard(
  v.variant('ok', [v.object({ ok: v.literal(true), token: str(1, 8) }), v.object({ ok: v.literal(false), code: v.picklist(['BUSY', 'TIMEOUT']) })]),
);
export const validateReply = (input) => result(v.safeParse(reply, input, CONFIG), 'reply');

const plain = v.object({ a: v.pipe(v.string(), v.maxLength(8)) });
export const validatePlain = (input) => result(v.safeParse(plain, input, CONFIG), 'value');

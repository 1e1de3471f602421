// `snapshotSchema` ported to TypeBox 0.34 (`@sinclair/typebox`): the schemas are JSON Schema
// objects. TypeBox has no discriminated union (a `Type.Union` tries each branch) and no hook before
// an object's check, so the forbidden keys and the dropping of unknown keys are done around it
// (typebox.mjs, typebox-value.mjs).
import { Type } from '@sinclair/typebox';

const str = (min, max, pattern) => Type.String(pattern ? { minLength: min, maxLength: max, pattern: pattern.source } : { minLength: min, maxLength: max });
const int = (min, max) => Type.Integer({ minimum: min, maximum: max });
const oneOf = (values) => Type.Union(values.map((value) => Type.Literal(value)));
const array = (item, max) => Type.Array(item, { maxItems: max });

const MAX_TIME = 8_640_000_000_000_000;
const time = int(0, MAX_TIME);
const id = str(1, 64, /^[A-Za-z0-9_.:-]+$/);
const account = str(1, 64, /^[A-Za-z0-9_.@-]+$/);
const extension = str(1, 16, /^[0-9]+$/);
const remoteNumber = str(0, 64);
const SALESFORCE_ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

const statusSchema = Type.Object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), label: str(1, 40) });
const chatMessageSchema = Type.Object({
  from: oneOf(['customer', 'bot']),
  kind: oneOf(['text', 'url', 'upload']),
  text: str(0, 1000),
  url: Type.Optional(str(1, 2000)),
  at: time,
});
const chatSchema = Type.Union([
  Type.Object({ status: Type.Literal('ok'), messages: array(chatMessageSchema, 50) }),
  Type.Object({ status: Type.Literal('error'), error: oneOf(['connect', 'fetch', 'server']) }),
]);
const transferredScreenSchema = Type.Object({
  recordId: str(15, 18, SALESFORCE_ID_SHAPE),
  recordName: Type.Optional(str(0, 255)),
  objectType: Type.Optional(str(1, 80, /^[A-Za-z0-9_]+$/)),
  note: Type.Optional(str(0, 140, /^[^\u0000-\u001f\u007f]*$/)),
  fromExtension: extension,
  fromName: Type.Optional(str(1, 64)),
});
const callSchema = Type.Object({
  id,
  direction: oneOf(['inbound', 'outbound']),
  state: oneOf(['ringing', 'dialing', 'talking', 'held', 'parking']),
  remoteNumber,
  startedAt: time,
  answeredAt: Type.Optional(time),
  heldAt: Type.Optional(time),
  businessLabel: Type.Optional(str(1, 64)),
  callerIdNumber: Type.Optional(str(1, 32)),
  transfer: Type.Optional(Type.Object({ kind: oneOf(['attended', 'star', 'hash']), of: id })),
  collecting: Type.Optional(Type.Object({ kind: oneOf(['star', 'hash']), digits: str(0, 32, /^[0-9]*$/) })),
  recall: Type.Optional(Type.Object({ slot: str(1, 8, /^[0-9]+$/) })),
  chat: Type.Optional(chatSchema),
  transferredBy: Type.Optional(extension),
  screen: Type.Optional(transferredScreenSchema),
});
const parkedCallSchema = Type.Object({ slot: str(1, 8, /^[0-9]+$/), remoteNumber, parkedAt: time, recallAt: time });
const callerIdsSchema = Type.Object({
  mode: oneOf(['switchable', 'numbersOnly', 'windowsOnly']),
  restricted: Type.Boolean(),
  numbers: array(Type.Object({ number: str(1, 32, /^[0-9]+$/), label: str(0, 64) }), 200),
  windows: array(Type.Object({ id: str(1, 32, /^[A-Za-z0-9_-]+$/), name: str(1, 64), number: str(1, 32) }), 200),
});

export const snapshot = Type.Object({
  revision: int(0, Number.MAX_SAFE_INTEGER),
  serverTime: time,
  agent: Type.Object({ account, extension, statusId: str(1, 32), hardphone: Type.Boolean() }),
  statuses: array(statusSchema, 50),
  softphone: Type.Object({ running: Type.Boolean() }),
  calls: array(callSchema, 8),
  parked: array(parkedCallSchema, 20),
  callerIds: callerIdsSchema,
});

/** A union by a boolean tag (the shape of `signInReplySchema`). */
export const reply = Type.Union([
  Type.Object({ ok: Type.Literal(true), token: str(1, 8) }),
  Type.Object({ ok: Type.Literal(false), code: oneOf(['BUSY', 'TIMEOUT']) }),
]);

/** The library's plain object, as it comes: `{ a: string }`. */
export const plain = Type.Object({ a: Type.String({ maxLength: 8 }) });

/**
 * The AsyncAPI 3.0.0 document of the protocol, built from the message catalogue (./catalogue.ts)
 * and the schemas themselves (JSON Schema from ../json-schema.ts): servers, the `/panel` and
 * `/softphone` channels, one operation per event (acknowledgements as replies), the messages
 * with their examples, and the rules that are not messages (handshake, error codes, timing) as
 * `x-` extensions. It describes the event server: `send` is what it emits, `receive` what it gets.
 */
import { callerIdChoiceSchema, callerIdsSchema, callSchema, chatMessageSchema, chatSchema, deviceCallSchema, directoryEntrySchema } from '../messages.js';
import {
  ERROR_CODES,
  NAMESPACE,
  PANEL_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  errorReplySchema,
  okReplySchema,
  parkedCallSchema,
  screenInfoSchema,
} from '../messages.js';
import { lineHolderSchema, seatHolderSchema, softphoneStatusSchema, statusSchema, transferredScreenSchema } from '../messages.js';
import { deviceLimitsSchema } from '../device-messages.js';
import { toJsonSchema, type JsonSchema } from '../json-schema.js';
import type { Schema } from '../schema.js';
import { HANDSHAKE, PANEL, SOFTPHONE, type MessageEntry, type NamespaceEntry, type Payload } from './catalogue.js';
import { ERROR_MEANINGS, TRANSPORT_REFUSALS } from './error-codes.js';
import { deviceHello } from './examples.js';
import { describeSchemas } from './descriptions.js';
import { INTRO, RULES } from './rules.js';

/** Shared parts of messages, named once in `components.schemas`. */
const SHARED: readonly (readonly [string, Schema<unknown>])[] = [
  ['AgentStatus', statusSchema],
  ['SoftphoneStatus', softphoneStatusSchema],
  ['Call', callSchema],
  ['DeviceCall', deviceCallSchema],
  ['ParkedCall', parkedCallSchema],
  ['Chat', chatSchema],
  ['DirectoryEntry', directoryEntrySchema],
  ['ChatMessage', chatMessageSchema],
  ['ScreenInfo', screenInfoSchema],
  ['TransferredScreen', transferredScreenSchema],
  ['CallerIds', callerIdsSchema],
  ['CallerIdChoice', callerIdChoiceSchema],
  ['SeatHolder', seatHolderSchema],
  ['LineHolder', lineHolderSchema],
  ['DeviceLimits', deviceLimitsSchema],
  ['OkReply', okReplySchema],
  ['ErrorReply', errorReplySchema],
];

export const NAMESPACES: readonly NamespaceEntry[] = [PANEL, SOFTPHONE];

/** Every payload of the catalogue (messages, replies, the handshake's), each name once with all its examples. */
export function payloads(): Payload[] {
  const all = NAMESPACES.flatMap((ns) => ns.messages.flatMap((m) => (m.reply ? [m.payload, m.reply] : [m.payload])));
  const byName = new Map<string, Payload>();
  for (const p of [...all, HANDSHAKE.auth, HANDSHAKE.refusal]) {
    const had = byName.get(p.name);
    byName.set(p.name, had ? { ...had, examples: had.examples === p.examples ? had.examples : [...had.examples, ...p.examples] } : p);
  }
  return [...byName.values()];
}

/** Schema → name for every named schema; throws when one schema gets two names or two schemas one. */
export function schemaNames(): Map<Schema<unknown>, string> {
  const names = new Map<Schema<unknown>, string>();
  const taken = new Map<string, Schema<unknown>>();
  const all = NAMESPACES.flatMap((ns) => ns.messages.flatMap((m) => (m.reply ? [m.payload, m.reply] : [m.payload])));
  for (const [name, schema] of [...SHARED, ...[...all, HANDSHAKE.auth, HANDSHAKE.refusal].map((p) => [p.name, p.schema] as const)]) {
    const had = names.get(schema);
    if ((had !== undefined && had !== name) || (taken.has(name) && taken.get(name) !== schema)) {
      throw new Error(`schema names clash at ${name}: one schema has two names, or two schemas one name`);
    }
    names.set(schema, name);
    taken.set(name, schema);
  }
  return names;
}

/** `session:signIn` → `sessionSignIn` (a key of the document's maps). */
export const messageKey = (event: string) => event.replace(/:(.)/g, (_m, c: string) => c.toUpperCase());

const ref = ($ref: string) => ({ $ref });

function messageObject(name: string, m: MessageEntry, payload: Payload, isReply: boolean, names: Map<Schema<unknown>, string>) {
  return {
    name,
    title: isReply ? `${m.event} (reply)` : m.event,
    summary: isReply ? `The acknowledgement of \`${m.event}\`.` : m.summary,
    ...(!isReply && m.description ? { description: m.description } : {}),
    contentType: 'application/json',
    payload: ref(`#/components/schemas/${names.get(payload.schema)!}`),
    examples: payload.examples.map((example, i) => ({ name: `${messageKey(m.event)}${isReply ? 'Reply' : ''}${i + 1}`, payload: example })),
  };
}

/** The whole document, as plain JSON data. */
export function asyncApiDocument(): Record<string, unknown> {
  describeSchemas();
  const names = schemaNames();
  const schemas: Record<string, JsonSchema> = {};
  for (const [schema, name] of names) schemas[name] = toJsonSchema(schema, { names });
  schemas['ErrorCode'] = {
    type: 'string',
    enum: [...ERROR_CODES],
    description: ERROR_CODES.map((c) => `\`${c}\`: ${ERROR_MEANINGS[c].meaning}`).join('\n'),
  };

  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const ns of NAMESPACES) {
    const channelMessages: Record<string, unknown> = {};
    const messageRef = (key: string, m: MessageEntry, payload: Payload, isReply: boolean) => {
      messages[`${ns.key}.${key}`] = messageObject(key, m, payload, isReply, names);
      channelMessages[key] = ref(`#/components/messages/${ns.key}.${key}`);
      return ref(`#/channels/${ns.key}/messages/${key}`);
    };
    for (const m of ns.messages) {
      const key = messageKey(m.event);
      const sent = messageRef(key, m, m.payload, false);
      const reply = m.reply ? messageRef(`${key}Reply`, m, m.reply, true) : undefined;
      operations[`${ns.key}.${key}`] = {
        action: m.from === 'server' ? 'send' : 'receive',
        channel: ref(`#/channels/${ns.key}`),
        title: m.event,
        summary: m.summary,
        ...(m.description ? { description: m.description } : {}),
        ...(ns.key === 'softphone' ? { security: [ref('#/components/securitySchemes/softphoneAuth')] } : {}),
        messages: [sent],
        ...(reply ? { reply: { channel: ref(`#/channels/${ns.key}`), messages: [reply] } } : {}),
      };
    }
    channels[ns.key] = {
      address: ns.key === 'panel' ? NAMESPACE.panel : NAMESPACE.softphone,
      'x-protocol-version': ns.key === 'panel' ? PANEL_PROTOCOL_VERSION : PROTOCOL_VERSION,
      title: ns.title,
      description: ns.description,
      servers: [ref('#/servers/eventServer')],
      messages: channelMessages,
      ...(ns.key === 'softphone'
        ? {
            'x-handshake': {
              auth: ref(`#/components/schemas/${HANDSHAKE.auth.name}`),
              authExample: HANDSHAKE.auth.examples[0],
              refusal: ref(`#/components/schemas/${HANDSHAKE.refusal.name}`),
              refusalOrder: HANDSHAKE.order.map(([code, when]) => ({ code, when })),
            },
          }
        : { 'x-handshake': { auth: 'none', origin: RULES.origin, refusal: 'connect_error with message ORIGIN_NOT_ALLOWED' } }),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'BIZTEL event server protocol',
      version: `softphone ${PROTOCOL_VERSION}, panel ${PANEL_PROTOCOL_VERSION}`,
      description: INTRO,
    },
    defaultContentType: 'application/json',
    servers: {
      eventServer: {
        host: '{host}',
        protocol: 'wss',
        pathname: '/socket.io',
        title: 'Event server',
        description: RULES.transport,
        variables: { host: { default: 'localhost:8787', description: 'The event server’s host and port (EVENT_PORT, 8787 by default).' } },
      },
    },
    channels,
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        softphoneAuth: {
          type: 'userPassword',
          description: `Socket.IO handshake \`auth\` of \`/softphone\` (schema \`DeviceAuth\`): \`{ protocol: ${PROTOCOL_VERSION}, account, password, extension }\`.`,
        },
      },
    },
    // The softphone protocol's (its handshake's `protocol`); the panel's is `x-panel-protocol-version`.
    'x-protocol-version': PROTOCOL_VERSION,
    'x-panel-protocol-version': PANEL_PROTOCOL_VERSION,
    'x-error-codes': Object.fromEntries(ERROR_CODES.map((c) => [c, ERROR_MEANINGS[c]])),
    'x-transport-refusals': TRANSPORT_REFUSALS,
    'x-limits': deviceHello[0]!.limits,
    'x-rules': RULES,
  };
}

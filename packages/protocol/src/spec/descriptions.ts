/**
 * The prose of the schemas' fields in the spec (the `description`s of the emitted JSON Schema and
 * of docs/protocol.md's tables), attached with `describe` — outside messages.ts, so the panel
 * bundle carries none of it. `describeSchemas()` is idempotent; the spec builders call it.
 */
import { commandSchema, deviceAuthSchema, deviceByeSchema, deviceHelloSchema, deviceLimitsSchema, handshakeRefusalSchema } from '../device-messages.js';
import { describe, specOf } from '../json-schema.js';
import {
  callSchema,
  directoryEntrySchema,
  deviceCallSchema,
  parkedCallSchema,
  screenInfoSchema,
  signInRequestSchema,
  snapshotSchema,
  softphoneStatusSchema,
  transferredScreenSchema,
} from '../messages.js';
import type { Schema } from '../schema.js';

const TIME = 'Milliseconds since the epoch, server clock.';

const CALL_FIELDS = {
  id: 'The call leg’s id, stable for the life of the call.',
  state: '`parking`: the park command was accepted and the PBX is moving the customer to a slot (hanging up now would drop the customer).',
  remoteNumber: 'As the PBX reports it: digits, `*`, `#`, `+`, or a word such as `anonymous`; may be empty.',
  startedAt: TIME,
  answeredAt: `When the call was answered. ${TIME}`,
  heldAt: `When the call was put on hold (for the hold timer); absent unless held. ${TIME}`,
  callerIdNumber: 'The number presented to the callee on an outbound call.',
  transfer: 'Set on a consultation call: which held call (`of`) it would be transferred to, and how.',
  collecting: '`*`/`#` typed on this call: the customer is held while the target’s digits are collected.',
  businessLabel: '業務ラベル: the label of the tenant’s number the customer dialled; kept through transfers and parks.',
  recall: 'A parked call ringing back to the phone that parked it (after the tenant’s park recall time, 300 s by default): its slot.',
  chat: 'Chat history of a call that came through the chatbot IVR.',
  transferredBy:
    'The extension that transferred this leg here (never set when the target was a ring group). A `screen` comes with it only for a transfer the server saw start on that extension’s own softphone.',
};

function describeBranches(union: Schema<unknown>, fields: Record<string, string>): void {
  const spec = specOf(union);
  if (spec.kind !== 'union') throw new TypeError('expected a union');
  for (const branch of Object.values(spec.of)) describe(branch, '', fields);
}

let done = false;

export function describeSchemas(): void {
  if (done) return;
  done = true;
  describe(deviceAuthSchema, '', {
    protocol: 'The protocol version the softphone speaks: checked first.',
    account: 'The account the agent signs in with on the panel (they must match).',
    extension: 'The extension (line) this softphone registers.',
  });
  describe(handshakeRefusalSchema, '', {
    code: 'The same as the `connect_error` message.',
    message: 'For logs.',
    retryAfterMs: 'With `RATE_LIMITED`: how long until the next attempt may be made.',
    supported: 'With `UNSUPPORTED_PROTOCOL`: the versions the server speaks.',
  });
  describe(deviceHelloSchema, '', {
    serverVersion: 'The event server’s release, for the vendor’s logs.',
    serverTime: `The server’s clock when it sent the hello: estimate command deadlines from it. ${TIME}`,
    account: 'Whom the softphone is registered as.',
  });
  describe(deviceLimitsSchema, 'The limits a softphone must keep to, sent in its hello.', {
    maxMessageBytes: 'Largest message (bytes, as encoded) the server accepts; a larger one closes the connection.',
    maxCalls: 'Most calls one `device:state` may list.',
    maxParked: 'Most parked calls one `device:state` may list.',
    commandTimeoutMs: 'How long after sending a command the server waits for its ack (its `deadline` − send time).',
    reconnectGraceMs: 'How long a line keeps a dropped softphone’s calls while it reconnects.',
    commandIdRetentionMs: 'How long the softphone must remember a command id to answer a repeat with its first answer.',
  });
  describe(deviceCallSchema, 'A call leg as the softphone reports it. A `screen` it sends is dropped.', CALL_FIELDS);
  describe(directoryEntrySchema, 'A transfer target of the agent’s tenant: an extension (with the agent signed in on it, if any) or a ring group.', {});
  describe(callSchema, 'A call leg as the panel sees it: the softphone’s report and the server’s `screen`.', {
    ...CALL_FIELDS,
    screen:
      'Screen transfer: the record the transferring agent was viewing when the transfer started, frozen for the life of the call. Set by the server only, for a transfer it saw start on the transferring extension’s own softphone.',
  });
  describe(parkedCallSchema, 'A call this extension parked: the customer waits on `slot` until someone dials it.', {
    parkedAt: TIME,
    recallAt: `When the PBX rings the parking phone back: \`parkedAt\` + the tenant’s park recall time (300 s by default). ${TIME}`,
  });
  describeBranches(commandSchema, {
    type: 'What to do; an unknown type is answered `INVALID_PAYLOAD`.',
    id: 'Run at most once: a repeated id gets the first answer.',
    deadline: `Refuse \`EXPIRED\` without running it after this. ${TIME}`,
    callId: 'The call to act on (for `transfer`: the consultation call).',
    number: 'The number to dial.',
    callerIdNumber: 'The caller ID to present, resolved by the server.',
    digits: 'Keys to send.',
  });
  describe(deviceByeSchema, '', {
    reason:
      '`replaced`: do not reconnect; `inUse`: another account holds the extension (the server disconnects the namespace after either); `shutdown`: the transport closes, reconnect after `reconnectAfterMs`.',
    reconnectAfterMs: 'With `shutdown`: reconnect after about this long.',
  });
  describe(softphoneStatusSchema, 'The line’s softphone as its panel sees it.', {
    running: 'Commands can be relayed (state `running`).',
    account: 'With `mismatch`: the account the softphone is signed in with.',
    since: `With \`reconnecting\`: when the connection dropped. ${TIME}`,
    until: `With \`reconnecting\`: when the line gives up waiting. ${TIME}`,
  });
  describe(snapshotSchema, '', {
    revision: 'Grows with every change of the line: ignore a snapshot not above the last applied.',
    serverTime: TIME,
    calls: 'Empty unless the softphone is `running` or `reconnecting` (then stale).',
    callerIdChoice:
      'The caller ID the agent chose for the session (`agent:setCallerId`), while `callerIds` still offers it; absent: 指定なし. Panel protocol 4.',
  });
  describe(signInRequestSchema, '', {
    seatId: 'The Seat View seat to occupy (empty or absent: none).',
    initialStatusId: 'The status to start with (unknown: the tenant’s first).',
    hardphone: 'The agent uses a desk phone: `call:dial` is refused.',
    overwriteSeat: 'Take over a seat another agent occupies (after `SEAT_TAKEN`).',
    overwriteLine: 'Take over the extension from the agent signed in on it (after `LINE_TAKEN`): their session ends.',
  });
  describe(screenInfoSchema, 'The Salesforce record an agent is viewing: only a validated id travels, never a URL.', {
    recordId: '15 (case-sensitive) or 18 (case-safe) characters.',
    objectType: 'The record’s sObject API name, e.g. `Contact`.',
    note: 'A one-line note from the transferring agent (no control characters).',
  });
  describe(transferredScreenSchema, 'The screen that came with a transferred call, and who sent it.', {
    fromName: 'The transferring agent’s display name, when the server knows it.',
  });
}

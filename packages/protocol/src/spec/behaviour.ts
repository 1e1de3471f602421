/**
 * What a softphone's next `device:state` must show after each command, and what the PBX-set call
 * fields mean, as Markdown for docs/protocol.md and the AsyncAPI document (`x-rules`). The facts
 * are our simulated PBX's (server/src/simulator: pbx.ts, transfer.ts, park.ts), which the panel
 * and the conformance kit are built against.
 */

export const SOFTPHONE_BEHAVIOUR = [
  'What the panel expects, as our simulated PBX (server/src/simulator) does it: after a command answered `{ ok: true }`, the softphone’s following `device:state` shows its effect. Any command on a `callId` the softphone does not have is answered `NO_SUCH_CALL`; one the call’s state forbids, `BUSY` (e.g. `answer` of a call that is not `ringing`).',
  '',
  '| Command | The next `device:state` | Refused |',
  '| --- | --- | --- |',
  '| `dial` | A new `outbound` call, `dialing`, with `remoteNumber` = `number`, `startedAt`, and `callerIdNumber` when the command had one; `talking` with `answeredAt` once the far end answers. Dialling a park slot picks that call up (`talking` at once). | `BUSY` while a call is not `held`, a `*`/`#` target is being entered, or at `limits.maxCalls` |',
  '| `dial` while one call is held (the only call) | The new call is its consultation: `transfer: { kind: "attended", of: <held call id> }`. | as `dial` |',
  '| `answer` | The `ringing` call `talking`, with `answeredAt`. | `BUSY` unless `ringing` |',
  '| `hangup` | The call leaves `calls`. Hanging up either call of a `*` transfer completes it (both leave). | — |',
  '| `hold` | The call `held`, with `heldAt`. | `BUSY` unless `talking` |',
  '| `unhold` | The call `talking`, `heldAt` gone. A consultation call of it ends, digits being collected are dropped. | `BUSY` unless `held`, or while another call (not its consultation) is not held |',
  '| `park` | The call `parking`; moments later it leaves `calls` and `parked` gains `{ slot, remoteNumber, parkedAt, recallAt }`, `recallAt` = `parkedAt` + the tenant’s park recall time (`parkRecallSeconds`, 300 s by default, seed 001 §7). | `BUSY` unless `talking` or `held`; `NOT_ALLOWED` during a transfer, with no free slot or at `limits.maxParked` |',
  '| `transfer` of the consultation call (the one with `transfer`, or the held call that has one) | Both calls leave `calls`: the customer talks to the target. | `NOT_ALLOWED` if the call neither is nor has a consultation; `NO_SUCH_CALL` if the held call has ended; `BUSY` while an attended consultation is still `dialing` |',
  '| `dtmf` `0`–`9` | Nothing changes (a tone to the other party). | `BUSY` unless `talking` |',
  '| `dtmf` `*` or `#` | The PBX’s own transfer: the call `held` (`heldAt`) with `collecting: { kind: "star" or "hash", digits: "" }`; the digits that follow grow `collecting.digits`; after a pause the PBX dials them. `*`: a new `dialing` call with `transfer: { kind: "star", of }` (hang up to complete, `*` to cancel). `#` (blind): once they are dialled the call leaves `calls` (the customer rings the target). `*` while collecting cancels. | `NOT_ALLOWED` for `#` while collecting and for `*`/`#` on a consultation call |',
  '',
  'Parked calls: when someone dials the slot, its entry leaves `parked`; when nobody has by `recallAt`, it leaves `parked` and a `ringing` inbound call with `recall: { slot }` rings back at the phone that parked it.',
  '',
  'Fields the PBX sets on a call:',
  '',
  '- `transferredBy`: on a call a transfer brought to this extension (the consultation ringing here, then the customer’s call once the transfer completes; attended, `*` and `#` alike), the transferring extension. Never set when the target was a ring group. The server attaches the transferring agent’s record to such a call as `screen` (screen transfer) only for a transfer it saw start on the transferring extension’s own softphone — a consultation call (`transfer`) to this extension, or `*`/`#` digits (`collecting`) naming it — with the record that agent was viewing then; the call takes it once, within 2 minutes. A `transferredBy` the server saw no such transfer for brings no `screen`: a softphone must report its consultation calls and `collecting` digits as they are.',
  '- `recall`: `{ slot }` on a `ringing` call that is a parked call ringing back (see `park`).',
  '- `chat`: the chat history of a call that came through the chatbot IVR.',
  '- `businessLabel`: 業務ラベル, the label of the tenant’s number the customer dialled (server config `businessLabels`); the panel shows it on the call.',
  '- `chat` and `businessLabel` stay with the customer: through a transfer, a park and its pick-up or recall.',
].join('\n');

/**
 * Checks of the command rules: a command past its deadline is refused `EXPIRED` and not run (the
 * kit's server clock runs ahead of the machine's, so a softphone that reads its own clock instead
 * of the hello's `serverTime` runs it and fails); a repeated id gets the first answer and runs
 * once; an unknown type or a malformed command is refused `INVALID_PAYLOAD`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kit } from '../kit.js';

export async function checkRules(kit: Kit): Promise<void> {
  const { options, harness } = kit;

  await kit.check('rule.expired', 'a command past its deadline → EXPIRED, and it is not run', async () => {
    await kit.clearCalls();
    const mark = kit.mark();
    const reply = await kit.send({ type: 'dial', number: options.dialNumber, deadline: harness.now() - 60_000 });
    const ran = await kit.appearsWithin(mark, (s) => s.calls.length > 0);
    if (reply.ok || reply.code !== 'EXPIRED') throw new Error(`replied ${JSON.stringify(reply)}${ran ? ' and dialled' : ''}`);
    if (ran) throw new Error('replied EXPIRED but dialled anyway');
  });

  await kit.check('rule.repeatedId', 'a repeated command id gets the first answer and runs once', async () => {
    await kit.clearCalls();
    const id = kit.newId();
    const mark = kit.mark();
    const first = await kit.send({ type: 'dial', id, number: options.dialNumber });
    if (!first.ok) throw new Error(`the first dial was refused: ${first.code}`);
    await kit.stateAfter(mark, (s) => s.calls.length > 0, 'the dialled call');
    const again = await kit.send({ type: 'dial', id, number: options.dialNumber });
    if (!isDeepStrictEqual(again, first)) throw new Error(`the repeat was answered ${JSON.stringify(again)}, the first ${JSON.stringify(first)}`);
    const twice = await kit.appearsWithin(mark, (s) => s.calls.length > 1);
    if (twice) throw new Error(`the repeat ran again: ${twice.calls.length} calls`);
  });

  await kit.check('rule.unknownType', 'an unknown command type → INVALID_PAYLOAD', async () => {
    const reply = await kit.send({ type: 'teleport', callId: 'x' });
    if (reply.ok || reply.code !== 'INVALID_PAYLOAD') throw new Error(`replied ${JSON.stringify(reply)}`);
  });

  await kit.check('rule.malformed', 'a malformed command (dial without a number) → INVALID_PAYLOAD', async () => {
    const reply = await kit.send({ type: 'dial' });
    if (reply.ok || reply.code !== 'INVALID_PAYLOAD') throw new Error(`replied ${JSON.stringify(reply)}`);
  });
  await kit.clearCalls().catch(() => undefined);
}

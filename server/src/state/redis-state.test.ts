/**
 * The Redis state's time-out of one command, with a client that never answers: the caller gets
 * `StateTimeout`, and the command is withdrawn from the client (its abort signal fires) so that,
 * not written yet, it is never sent once Redis is back. An answered command is not withdrawn later.
 * (Against a real Redis: the cluster project's redis-failures tests.)
 */
import { describe, expect, it } from '@jest/globals';
import { sleep } from '@biztel/testing';
import { StateTimeout } from './command-deadline.js';
import { redisState, type RedisCommands } from './redis-state.js';

/** A client that records each command's abort signal and answers only the commands `answers` knows. */
function client(answers: Record<string, string>): RedisCommands & { signals: (AbortSignal | undefined)[] } {
  const signals: (AbortSignal | undefined)[] = [];
  return {
    signals,
    sendCommand(args, options) {
      signals.push(options?.abortSignal);
      const key = args[1] ?? '';
      return key in answers ? Promise.resolve(answers[key]) : new Promise(() => undefined);
    },
  };
}

describe('a Redis command', () => {
  it('not answered in time fails with StateTimeout and is withdrawn from the client', async () => {
    const redis = client({});
    const state = redisState(redis, 'p', undefined, { commandTimeoutMs: 30 });

    await expect(state.get('missing')).rejects.toBeInstanceOf(StateTimeout);
    expect(redis.signals).toHaveLength(1);
    expect(redis.signals[0]?.aborted).toBe(true);
  });

  it('answered in time is never withdrawn afterwards', async () => {
    const redis = client({ 'p:k': 'v' });
    const state = redisState(redis, 'p', undefined, { commandTimeoutMs: 30 });

    expect(await state.get('k')).toBe('v');
    await sleep(60);
    expect(redis.signals[0]?.aborted).toBe(false);
  });
});

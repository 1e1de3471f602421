import { afterEach, describe, expect, it } from '@jest/globals';
import { until } from '@biztel/testing';
import { probeRedis, type RedisProbe } from './redis-probe.js';

let probe: RedisProbe | undefined;
afterEach(() => probe?.stop());

describe('probeRedis', () => {
  it('says unresponsive while a PING goes unanswered past the time-out, responsive once it answers', async () => {
    const pending: (() => void)[] = [];
    const changes: boolean[] = [];
    let hung = true;
    const ping = () => (hung ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve());
    probe = probeRedis(ping, { intervalMs: 10, timeoutMs: 50 }, (r) => changes.push(r));
    expect(probe.responsive).toBe(true);

    // Waits for the report, not only the getter: the getter turns false as soon as the time-out
    // passes, the report on the next tick — on a loaded machine the PING could be answered between.
    await until(() => changes.length > 0, 'the unanswered PING to be reported');
    expect(probe.responsive).toBe(false);
    expect(pending).toHaveLength(1); // one PING at a time: no pile-up behind a hung Redis
    hung = false; // Redis goes on: the hung PING is answered, and every one after it
    pending[0]!();
    await until(() => changes.length > 1, 'the answer to be reported');
    expect(probe.responsive).toBe(true);
    expect(changes.slice(0, 2)).toEqual([false, true]);
  });

  it('says unresponsive after a failed PING, until one answers', async () => {
    let fail = true;
    probe = probeRedis(() => (fail ? Promise.reject(new Error('connection lost')) : Promise.resolve('PONG')), { intervalMs: 10, timeoutMs: 10_000 });

    await until(() => !probe!.responsive, 'the failed PING to count');
    fail = false;
    await until(() => probe!.responsive, 'a PING to answer');
  });
});

/** The conformance kit against our simulated softphone process: every check passes. */
import { describe, expect, it } from '@jest/globals';
import { runConformance } from './run.js';
import { KIT_TEST_TIMEOUT_MS, simulatedSoftphone, testRun } from './testing/kit-runs.js';

describe('the conformance kit against the simulated softphone', () => {
  it(
    'passes every check, the inbound ones included',
    async () => {
      const { results } = await runConformance(testRun(simulatedSoftphone()));

      expect(results.filter((r) => r.status !== 'PASS')).toEqual([]);
      expect(results.map((r) => r.id)).toEqual(expect.arrayContaining(['cmd.answer', 'rule.expired', 'rule.repeatedId', 'reconnect.drop', 'bye.replaced']));
    },
    KIT_TEST_TIMEOUT_MS,
  );
});

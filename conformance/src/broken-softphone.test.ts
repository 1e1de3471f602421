/**
 * The conformance kit can fail a softphone: our simulated softphone breaking one rule on purpose
 * (`--break`) fails exactly the check of that rule, and the run's exit code says so.
 */
import { describe, expect, it } from '@jest/globals';
import { exitCodeOf } from './report.js';
import { runConformance } from './run.js';
import { KIT_TEST_TIMEOUT_MS, simulatedSoftphone, testRun } from './testing/kit-runs.js';

describe('the conformance kit against a broken softphone', () => {
  it.each([
    ['ignore-deadline', 'rule.expired'],
    ['rerun-ids', 'rule.repeatedId'],
  ])(
    'a softphone with --break %s fails %s and nothing else',
    async (fault, check) => {
      const { results } = await runConformance(testRun(simulatedSoftphone(fault)));

      expect(results.filter((r) => r.status !== 'PASS').map((r) => [r.id, r.status])).toEqual([[check, 'FAIL']]);
      expect(results.find((r) => r.id === check)?.reason).toEqual(expect.any(String));
      expect(exitCodeOf(results)).toBe(1);
    },
    KIT_TEST_TIMEOUT_MS,
  );
});

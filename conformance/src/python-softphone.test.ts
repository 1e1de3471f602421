/**
 * The conformance kit against the Python reference softphone (conformance/python/softphone.py,
 * Debian's python3-socketio): a softphone not written in JavaScript passes every check.
 */
import { describe, expect, it } from '@jest/globals';
import { runConformance } from './run.js';
import { KIT_TEST_TIMEOUT_MS, pythonSoftphone, testRun } from './testing/kit-runs.js';

describe('the conformance kit against the Python softphone', () => {
  it(
    'passes every check, the inbound ones included',
    async () => {
      const { results, softphoneOutput } = await runConformance(testRun(pythonSoftphone()));

      const notPassed = results.filter((r) => r.status !== 'PASS');
      expect({ notPassed, softphoneOutput: notPassed.length > 0 ? softphoneOutput : [] }).toEqual({ notPassed: [], softphoneOutput: [] });
      expect(results.length).toBeGreaterThanOrEqual(20);
    },
    KIT_TEST_TIMEOUT_MS,
  );
});

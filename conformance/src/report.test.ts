/** The kit's table and exit code, and its command line's options. */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_OPTIONS, parseOptions } from './options.js';
import { exitCodeOf, formatTable, type CheckResult } from './report.js';

const pass: CheckResult = { id: 'cmd.dial', title: 'dial', status: 'PASS' };
const fail: CheckResult = { id: 'rule.expired', title: 'expired', status: 'FAIL', reason: 'replied {"ok":true}' };
const skip: CheckResult = { id: 'cmd.answer', title: 'answer', status: 'SKIP', reason: 'needs --inbound' };

describe('exitCodeOf', () => {
  it.each([
    [[pass], 0],
    [[pass, fail, skip], 1],
    [[pass, skip], 3],
  ] as const)('%j → %d', (results, code) => {
    expect(exitCodeOf(results)).toBe(code);
  });
});

describe('formatTable', () => {
  it('shows one row per check, the reason under a FAIL or SKIP, and the counts', () => {
    const lines = formatTable([pass, fail, skip]).split('\n');

    expect(lines.filter((l) => /^(PASS|FAIL|SKIP) /.test(l)).map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ['PASS', 'cmd.dial'],
      ['FAIL', 'rule.expired'],
      ['SKIP', 'cmd.answer'],
    ]);
    expect(lines.filter((l) => l.includes('↳')).map((l) => l.trim())).toEqual(['↳ replied {"ok":true}', '↳ needs --inbound']);
    expect(lines.at(-1)).toBe('1 passed, 1 failed, 1 skipped');
  });
});

describe('parseOptions', () => {
  it('fills the placeholders-bearing command and the defaults', () => {
    const options = parseOptions(['--softphone', 'phone --url {url}', '--inbound', 'stdin:ring {from}', '--grace-ms', '5000']);

    expect(options).toEqual({ ...DEFAULT_OPTIONS, softphone: 'phone --url {url}', inbound: 'stdin:ring {from}', graceMs: 5000 });
  });

  it.each([
    [[], 'either --softphone'],
    [['--softphone', 'x', '--wait'], 'either --softphone'],
    [['--wait', '--inbound', 'stdin:ring {from}'], 'needs --softphone'],
    [['--softphone', 'x', '--timeout-ms', 'soon'], '--timeout-ms must be an integer'],
  ])('refuses %j', (argv, problem) => {
    expect(() => parseOptions(argv)).toThrow(problem);
  });
});

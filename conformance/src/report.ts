/**
 * The kit's results: one row per check (PASS, FAIL with the reason, or SKIP with why it could not
 * run), the table printed at the end, and the exit code they make.
 */
export const CHECK_STATUSES = ['PASS', 'FAIL', 'SKIP'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly reason?: string;
}

/** Thrown by a check that cannot run (no inbound hook): the row is SKIP, never PASS. */
export class Skip extends Error {}

/** 0 every check passed, 1 one failed, 3 none failed but some were skipped. */
export function exitCodeOf(results: readonly CheckResult[]): number {
  if (results.some((r) => r.status === 'FAIL')) return 1;
  return results.some((r) => r.status === 'SKIP') ? 3 : 0;
}

/** The table: status, check id, what it checks, and the reason of a FAIL or SKIP on the next line. */
export function formatTable(results: readonly CheckResult[]): string {
  const idWidth = Math.max(5, ...results.map((r) => r.id.length));
  const lines = [`${'RESULT'.padEnd(6)}  ${'CHECK'.padEnd(idWidth)}  WHAT`, `${'-'.repeat(6)}  ${'-'.repeat(idWidth)}  ${'-'.repeat(40)}`];
  for (const r of results) {
    lines.push(`${r.status.padEnd(6)}  ${r.id.padEnd(idWidth)}  ${r.title}`);
    if (r.reason !== undefined) lines.push(`${' '.repeat(8 + idWidth)}  ↳ ${r.reason}`);
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  lines.push('', `${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped`);
  return lines.join('\n');
}

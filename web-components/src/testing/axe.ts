/** The accessibility check of every component test: axe, looking into shadow roots. */
import * as axe from 'axe-core';

/**
 * Runs axe on `el` (axe walks open shadow roots) and returns its violations, plus the results it
 * could not decide ("needs review"), in a readable form so a failing `toEqual([])` prints them.
 * Two rules cannot work in jsdom and are off: `color-contrast` (no computed colours) and
 * `label-content-name-mismatch` (needs a canvas 2D context, which jsdom lacks; the tests check
 * label-in-name on the status button themselves).
 */
export async function axeViolations(el: Element): Promise<string[]> {
  const results = await axe.run(el, {
    rules: { 'color-contrast': { enabled: false }, 'label-content-name-mismatch': { enabled: false } },
  });
  const describe = (kind: string) => (r: axe.Result) =>
    `${kind} ${r.id} (${r.impact ?? '?'}): ${r.help}\n  ${r.nodes.map((n) => `${n.target.join(' >>> ')} — ${n.failureSummary ?? ''}`).join('\n  ')}`;
  return [...results.violations.map(describe('violation')), ...results.incomplete.map(describe('needs review'))];
}

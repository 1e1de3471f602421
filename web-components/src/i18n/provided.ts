/**
 * The one catalogue a page of the panel bundle ships. The build (rollup.config.js, `oneLocale`)
 * points every import of `ja.ts` / `en.ts` other than the entries' at this slot, so a page loads
 * only its own language: the entry (`panel-ja.ts` / `panel-en.ts`) fills it with the start strings
 * before the panel starts, and `completeCatalogue` adds the views' strings when the first view that
 * needs them loads. Outside the bundle (tests, dev tools) nothing uses it.
 */
import type { Catalogue, StartCatalogue, ViewsCatalogue } from './ja.js';

/** The page's catalogue: the same object all along, complete once `completeCatalogue` resolved. */
export let provided: Catalogue | undefined;
let loadRest: (() => Promise<ViewsCatalogue>) | undefined;
let completing: Promise<void> | undefined;

export function provideCatalogue(start: StartCatalogue, rest: () => Promise<ViewsCatalogue>): void {
  // Completed in place by `completeCatalogue` before any view that reads the other strings renders.
  provided = { ...start } as Catalogue;
  loadRest = rest;
  completing = undefined;
}

/** Adds the views' strings to the provided catalogue (once; tried again after a failure). */
export function completeCatalogue(): Promise<void> {
  const target = provided;
  const load = loadRest;
  if (!target || !load) return Promise.resolve();
  completing ??= load().then(
    (rest) => {
      Object.assign(target, rest);
    },
    (error: unknown) => {
      completing = undefined;
      throw error;
    },
  );
  return completing;
}

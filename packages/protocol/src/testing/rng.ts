/** Fuzzing's randomness: a small seeded PRNG and the run's seed (`FUZZ_SEED` reproduces a failing run). */

/** A deterministic pseudo-random source (mulberry32): good enough for fuzzing, never for secrets. */
export interface Rng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A copy of `items` in random order. */
  shuffle<T>(items: readonly T[]): T[];
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    seed: seed >>> 0,
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)]!;
    },
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}

/** The seed of this run: `FUZZ_SEED` (decimal or 0x…) when set, else `fallback`. */
export function fuzzSeed(fallback: number): number {
  // Read through globalThis: the fuzzers also run in jsdom, and the package is typed without Node.
  const raw = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env['FUZZ_SEED'];
  if (raw === undefined || raw.trim() === '') return fallback >>> 0;
  const parsed = Number(raw.trim());
  if (!Number.isInteger(parsed)) throw new RangeError(`FUZZ_SEED must be an integer, got ${raw}`);
  return parsed >>> 0;
}

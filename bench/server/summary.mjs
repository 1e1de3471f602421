// Latency statistics of `npm run bench:server`: percentiles, maximum and a histogram of samples in ms.

export const HISTOGRAM_MS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, Infinity];

export function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
  const histogram = {};
  let k = 0;
  for (const bound of HISTOGRAM_MS) {
    let count = 0;
    while (k < sorted.length && sorted[k] <= bound) {
      count += 1;
      k += 1;
    }
    histogram[bound === Infinity ? '>5000' : `≤${bound}`] = count;
  }
  const round = (x) => Math.round(x * 1000) / 1000;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(at(100)), histogramMs: histogram };
}

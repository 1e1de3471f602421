/** Call and hold timers (seed 002): `mm:ss` under one hour, `hh:mm:ss` from one hour on. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${two(h)}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/**
 * How long until a timer counting from (or down to) `base` shows its next second, `now` and `base`
 * on one clock: timers that wait this long, rather than ticking every 1000 ms from whenever they
 * started, all turn at the same moment — the panel's and the utility bar's never a second apart.
 * A timer woken a millisecond early still shows the old second and waits that millisecond.
 */
export function msToNextSecond(now: number, base: number): number {
  const into = (((now - base) % 1000) + 1000) % 1000;
  return 1000 - into;
}

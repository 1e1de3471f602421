/**
 * Whether Redis answers, beyond whether its connection is up: a hung Redis (stopped, swapping,
 * `DEBUG SLEEP`) keeps its TCP connection open and its clients "ready" while no command comes
 * back. The probe sends a PING every `intervalMs` (one at a time); Redis counts as unresponsive
 * while a PING has gone unanswered for `timeoutMs` or the last one failed, and as responsive again
 * as soon as one answers. `/readyz` reads it (./redis-cluster.ts).
 */

export interface RedisProbeOptions {
  /** How often a PING is sent (when none is outstanding). */
  readonly intervalMs: number;
  /** How long a PING may go unanswered before Redis counts as unresponsive. */
  readonly timeoutMs: number;
}

export interface RedisProbe {
  readonly responsive: boolean;
  stop(): void;
}

export function probeRedis(
  ping: () => Promise<unknown>,
  options: RedisProbeOptions,
  /** Each change of `responsive` (to log it). */
  changed: (responsive: boolean) => void = () => {},
  now: () => number = Date.now,
): RedisProbe {
  let pendingSince: number | undefined;
  let lastSent = -Infinity;
  let failed = false;
  let stopped = false;
  const responsive = () => !failed && (pendingSince === undefined || now() - pendingSince < options.timeoutMs);
  let reported = true;
  const report = () => {
    const r = responsive();
    if (r === reported || stopped) return;
    reported = r;
    changed(r);
  };
  const tick = () => {
    report();
    if (stopped || pendingSince !== undefined || now() - lastSent < options.intervalMs) return;
    const sent = now();
    pendingSince = lastSent = sent;
    const settle = (ok: boolean) => {
      if (pendingSince !== sent) return;
      pendingSince = undefined;
      failed = !ok;
      report();
    };
    ping().then(
      () => settle(true),
      () => settle(false),
    );
  };
  // Checked at least twice per time-out, so a PING left unanswered is noticed soon after it.
  const timer = setInterval(tick, Math.max(10, Math.min(options.intervalMs, options.timeoutMs / 2)));
  timer.unref();
  tick();
  return {
    get responsive() {
      return !stopped && responsive();
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

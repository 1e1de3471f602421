/**
 * Per-connection flood limits (issue 14 §6): how many messages one connection may send, and when
 * it has sent so many more that it is let go. Pure: time is passed in (`FloodGate.admit(now)`).
 *
 * Each connection has two buckets (./token-bucket.ts): `allowed` admits messages; a message it
 * refuses takes from `tolerated` instead, and when that runs dry too the connection is disconnected.
 * A burst is absorbed, a short excess is refused (or coalesced), and only a sender that keeps far
 * past its budget — the refill of `tolerated` forgives a slight, steady excess slowly — loses its
 * connection.
 */
import { TokenBucket, type BucketRule } from './token-bucket.js';

export interface FloodRule {
  /** Messages admitted: the sustained rate and the burst. */
  readonly allowed: BucketRule;
  /** Messages refused (or coalesced) before the connection is disconnected. */
  readonly tolerated: BucketRule;
}

export interface FloodLimits {
  /** Panel requests (commands, session requests, `server:ping`, any other event) of a signed-in panel. */
  readonly panel: FloodRule;
  /** The same before the panel signed in (or after its session ended): a smaller budget. */
  readonly anonymousPanel: FloodRule;
  /** A softphone's `device:state` messages; beyond `allowed` they are coalesced (the newest wins). */
  readonly deviceState: FloodRule;
  /**
   * Every message of a connection, whatever it is (./event-server/packet-gate.ts): never refused,
   * only let go when far past — wider than each namespace's own budget, so it catches only what
   * nothing else counts (acks nobody asked for, events nobody handles on `/softphone`).
   */
  readonly packets: FloodRule;
  /** How long a connection far past its budget is held, no longer read, before it is closed. */
  readonly holdMs: number;
}

/**
 * A panel sends a few requests a minute (a command per click, a ping, a token now and then): 20 a
 * second with a burst of 40 is far above that. A softphone reports each call event: 20 states a
 * second with a burst of 20 is more than 8 calls changing at once, and 1,000 more at once are
 * still coalesced rather than cut off. The tolerances let a flood go on for a moment, not for long:
 * a panel at twice its rate is disconnected after about 10 s, one sending 100 at once after 140.
 * Any message at all: 50/s and 1,200 at once — above a softphone's states (40/s before it is let
 * go, 1,020 at once) and a panel's requests (30/s, 140 at once) plus the acks they answer.
 */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = {
  panel: { allowed: { perSecond: 20, burst: 40 }, tolerated: { perSecond: 10, burst: 100 } },
  anonymousPanel: { allowed: { perSecond: 5, burst: 20 }, tolerated: { perSecond: 5, burst: 50 } },
  deviceState: { allowed: { perSecond: 20, burst: 20 }, tolerated: { perSecond: 20, burst: 1000 } },
  packets: { allowed: { perSecond: 50, burst: 200 }, tolerated: { perSecond: 10, burst: 1000 } },
  holdMs: 5000,
};

/** No limit worth the name (the protocol fuzzers send thousands of messages on purpose). */
export const NO_FLOOD_LIMITS: FloodLimits = (() => {
  const none: FloodRule = { allowed: { perSecond: 1e9, burst: 1e9 }, tolerated: { perSecond: 1e9, burst: 1e9 } };
  return { panel: none, anonymousPanel: none, deviceState: none, packets: none, holdMs: 0 };
})();

/** `admitted`: within budget; `over`: refuse (or coalesce) it; `disconnect`: let the connection go. */
export type FloodVerdict = 'admitted' | 'over' | 'disconnect';

/** The buckets of one connection under one rule (switching rules carries over what was used of each). */
export class FloodGate {
  private allowed: TokenBucket;
  private tolerated: TokenBucket;
  /** Messages refused so far (for the log line). */
  refused = 0;

  constructor(rule: FloodRule, now: number) {
    this.allowed = new TokenBucket(rule.allowed, now);
    this.tolerated = new TokenBucket(rule.tolerated, now);
  }

  /** The verdict on one more message at `now` under `rule` (a panel's rule changes when it signs in or out). */
  admit(now: number, rule: FloodRule): FloodVerdict {
    if (rule.allowed !== this.allowed.rule) this.allowed = rebucket(this.allowed, rule.allowed, now);
    if (rule.tolerated !== this.tolerated.rule) this.tolerated = rebucket(this.tolerated, rule.tolerated, now);
    if (this.allowed.take(now)) return 'admitted';
    this.refused += 1;
    return this.tolerated.take(now) ? 'over' : 'disconnect';
  }

  /** Milliseconds until a message would be admitted again. */
  waitMs(now: number): number {
    return this.allowed.waitMs(now);
  }
}

/** A bucket under a new rule, as short of full as the old one was (signing in adds the difference). */
function rebucket(old: TokenBucket, rule: BucketRule, now: number): TokenBucket {
  return new TokenBucket(rule, now, Math.max(0, rule.burst - (old.rule.burst - old.available(now))));
}

/** Reads limits from the environment (`FLOOD_*`, docs/deployment.md "Floods"); unset keys keep the defaults. */
export function floodLimitsFromEnv(env: Readonly<Record<string, string | undefined>>): FloodLimits {
  const rule = (prefix: string, base: FloodRule): FloodRule => ({
    allowed: {
      perSecond: positive(env, `${prefix}_PER_SECOND`) ?? base.allowed.perSecond,
      burst: positive(env, `${prefix}_BURST`) ?? base.allowed.burst,
    },
    tolerated: { perSecond: base.tolerated.perSecond, burst: positive(env, `${prefix}_TOLERATED`) ?? base.tolerated.burst },
  });
  return {
    panel: rule('FLOOD_PANEL', DEFAULT_FLOOD_LIMITS.panel),
    anonymousPanel: rule('FLOOD_ANONYMOUS_PANEL', DEFAULT_FLOOD_LIMITS.anonymousPanel),
    deviceState: rule('FLOOD_DEVICE_STATE', DEFAULT_FLOOD_LIMITS.deviceState),
    packets: rule('FLOOD_MESSAGES', DEFAULT_FLOOD_LIMITS.packets),
    holdMs: env['FLOOD_HOLD_MS'] === '0' ? 0 : (positive(env, 'FLOOD_HOLD_MS') ?? DEFAULT_FLOOD_LIMITS.holdMs),
  };
}

function positive(env: Readonly<Record<string, string | undefined>>, key: string): number | undefined {
  const raw = env[key];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${key} must be a positive number (got ${raw.slice(0, 50)})`);
  return n;
}

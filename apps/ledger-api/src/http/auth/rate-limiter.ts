export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the current window ends (and a refused caller may try again). */
  readonly resetSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * Requests per caller per minute, counted in fixed one-minute windows: constant work per request
 * and memory for the callers of the current minute only (the counters are dropped when it ends).
 * A caller can spend its allowance at the end of one minute and again at the start of the next;
 * as protection against a runaway client that is enough, and Retry-After is then exact.
 */
export class RateLimiter {
  private counts = new Map<string, number>();
  private windowStart: number;

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = windowOf(now());
  }

  take(caller: string): RateDecision {
    const now = this.now();
    const window = windowOf(now);
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.counts = new Map();
    }
    const resetSeconds = Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000));
    const used = this.counts.get(caller) ?? 0;
    if (used >= this.limitPerMinute) return { allowed: false, limit: this.limitPerMinute, remaining: 0, resetSeconds };
    this.counts.set(caller, used + 1);
    return { allowed: true, limit: this.limitPerMinute, remaining: this.limitPerMinute - used - 1, resetSeconds };
  }
}

function windowOf(instant: number): number {
  return instant - (instant % WINDOW_MS);
}

/** Time as the gate and the client see it; tests substitute a clock they move themselves. */
export interface Clock {
  /** Milliseconds on a clock that never goes back. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * The process's own clock. Monotonic (`performance.now`), so that a wall-clock correction cannot
 * make recorded sends look like they happened in the future and stall every request.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep,
};

/** Stripe counts requests over a rolling window of this length. */
export const WINDOW_MS = 1000;

/** One request the gate counts: from when it was let out until a window after its answer. */
interface Counted {
  answeredAt?: number;
}

/**
 * Keeps one process under Stripe's rolling-window limit and shares 429 back-offs across all of its
 * requests, so that many resources applied in parallel go as fast as the limit allows and more
 * parallelism does not mean more failures.
 *
 * Stripe counts a request when it arrives: after it was sent, before its answer came back. So the
 * gate counts each request from its send until a full window after its answer. Whatever the
 * latency, requests that Stripe sees within one window were all still counted here when the last
 * of them was sent, so Stripe never counts more than the gate allows. A request still in flight
 * keeps its place; it frees a window after its answer at the soonest.
 *
 * The window is checked again after every wake-up and a request is counted in the same turn as the
 * check, so a stalled event loop that wakes many waiters at once still lets out no more than the
 * window has room for.
 */
export class RateLimitGate {
  private pausedUntil = 0;
  private counted: Counted[] = [];

  /** At most `perWindow` requests counted at once; undefined sends them as they come. */
  constructor(
    private readonly perWindow?: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Sends `request` once it may go, and counts it until a window after its answer (or failure). */
  async send<T>(request: () => Promise<T>): Promise<T> {
    const counted = await this.admit();
    try {
      return await request();
    } finally {
      counted.answeredAt = this.clock.now();
    }
  }

  /** Holds every request back for at least `ms` (after a 429). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private async admit(): Promise<Counted> {
    for (let delay = this.delayAt(this.clock.now()); delay > 0; delay = this.delayAt(this.clock.now())) {
      await this.clock.sleep(delay);
    }
    const counted: Counted = {};
    if (this.perWindow) this.counted.push(counted);
    return counted;
  }

  /** How long a request arriving at `now` must wait: for the pause, then for a free place. */
  private delayAt(now: number): number {
    if (this.pausedUntil > now) return this.pausedUntil - now;
    if (!this.perWindow) return 0;
    this.counted = this.counted.filter(({ answeredAt }) => answeredAt === undefined || answeredAt + WINDOW_MS > now);
    if (this.counted.length < this.perWindow) return 0;
    const frees = this.counted.map(({ answeredAt }) => (answeredAt ?? now) + WINDOW_MS).sort((a, b) => a - b);
    return frees[this.counted.length - this.perWindow] - now;
  }
}

/**
 * Stripe's documented limits, requests per second per account; the shared gates use them as they
 * are. A margin below them would buy nothing against network jitter: the gate counts every request
 * until a window after its answer, so requests that Stripe sees inside one window were all counted
 * here at once, however late or unevenly they arrived. (Counting send times only, even at 80% of
 * the limit, let the emulator see 26 in a window: a fresh process's first requests reach it up to
 * 90 ms after they leave the gate, and those sent a window later arrive sooner.) A margin would
 * cost a whole window per limit's worth of requests: 100 creates in test mode take five windows
 * instead of four.
 */
export const STRIPE_RATE_LIMITS = { test: 25, live: 100 } as const;

const sharedGates = {
  test: new RateLimitGate(STRIPE_RATE_LIMITS.test),
  live: new RateLimitGate(STRIPE_RATE_LIMITS.live),
};

/** A key's mode: live keys have four times the room. */
function keyMode(apiKey: string | undefined): keyof typeof sharedGates {
  return apiKey && /^(sk|rk)_live_/.test(apiKey) ? "live" : "test";
}

/** The process-wide gate for a key's mode. */
export function sharedRateLimitGate(apiKey: string | undefined): RateLimitGate {
  return sharedGates[keyMode(apiKey)];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

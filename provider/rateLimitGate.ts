/**
 * Paces requests and shares 429 back-offs across every request of a process, so that many
 * resources applied in parallel go as fast as Stripe's limit allows and more parallelism does not
 * mean more failures.
 */
export class RateLimitGate {
  private pausedUntil = 0;
  private nextSlot = 0;

  /** `requestsPerSecond` spaces requests evenly; undefined sends them as they come. */
  constructor(private readonly requestsPerSecond?: number) {}

  /** Resolves when this request may go: after any pause in force, at the next free slot. */
  async wait(): Promise<void> {
    for (let delay = this.pausedUntil - Date.now(); delay > 0; delay = this.pausedUntil - Date.now()) {
      await sleep(delay);
    }
    if (!this.requestsPerSecond) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.requestsPerSecond;
    if (slot > now) await sleep(slot - now);
  }

  /** Holds every request back for at least `ms` (after a 429). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}

/** Stripe's documented limits, requests per second per account. */
export const STRIPE_RATE_LIMITS = { test: 25, live: 100 } as const;

/** Below the limit, so that network jitter bunching requests together does not cross it. */
const PACING_SHARE = 0.9;

const sharedGates = {
  test: new RateLimitGate(STRIPE_RATE_LIMITS.test * PACING_SHARE),
  live: new RateLimitGate(STRIPE_RATE_LIMITS.live * PACING_SHARE),
};

/** The process-wide gate for a key's mode (live keys have four times the room). */
export function sharedRateLimitGate(apiKey: string | undefined): RateLimitGate {
  return apiKey && /^(sk|rk)_live_/.test(apiKey) ? sharedGates.live : sharedGates.test;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

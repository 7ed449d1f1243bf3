/**
 * One gate per process, shared by every request of every resource: when Stripe answers 429, all
 * requests wait out the same pause instead of each hammering the limit on its own schedule, so
 * more parallelism does not mean more failures.
 */
export class RateLimitGate {
  private pausedUntil = 0;

  /** Resolves once no pause is in force. */
  async wait(): Promise<void> {
    for (let delay = this.pausedUntil - Date.now(); delay > 0; delay = this.pausedUntil - Date.now()) {
      await sleep(delay);
    }
  }

  /** Holds every request back for at least `ms`. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }
}

export const sharedRateLimitGate = new RateLimitGate();

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

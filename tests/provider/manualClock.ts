import type { Clock } from "../../provider/rateLimitGate";

/**
 * A clock that moves only when the test moves it, so that what waits and for how long is exact,
 * while real sockets go on as usual (unlike fake timers, nothing of Node's own is replaced).
 */
export class ManualClock implements Clock {
  /** Every wait asked for, in milliseconds, in order. */
  readonly requested: number[] = [];
  private time = 0;
  private waiting: { until: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.requested.push(ms);
    return new Promise((wake) => this.waiting.push({ until: this.time + ms, wake }));
  }

  /** How many waits have not ended yet. */
  get sleeping(): number {
    return this.waiting.length;
  }

  /** Moves time on and ends every wait that is due by then. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.waiting.filter((sleeper) => sleeper.until <= this.time);
    this.waiting = this.waiting.filter((sleeper) => sleeper.until > this.time);
    for (const sleeper of due) sleeper.wake();
  }
}

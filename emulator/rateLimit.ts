/** Stripe's per-second rate limit over a rolling one-second window (off unless a limit is set). */
export class RollingWindowLimiter {
  private admitted: number[] = [];

  constructor(private limit?: number) {}

  /** A new limit starts counting afresh. */
  setLimit(limit: number | undefined): void {
    this.limit = limit;
    this.admitted = [];
  }

  currentLimit(): number | undefined {
    return this.limit;
  }

  /** Whether a request arriving at `nowMs` may proceed; refused requests do not count. */
  admit(nowMs: number): boolean {
    if (this.limit === undefined) return true;
    this.admitted = this.admitted.filter((at) => at > nowMs - 1000);
    if (this.admitted.length >= this.limit) return false;
    this.admitted.push(nowMs);
    return true;
  }
}

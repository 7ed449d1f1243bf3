/** How the client retries: Stripe's own library's rules, with more room for rate limits. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff, doubled at each retry. */
  initialDelayMs: number;
  /** Backoff cap. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 6, initialDelayMs: 500, maxDelayMs: 8000 };

/** What came back from one attempt, as far as retrying cares. */
export interface AttemptOutcome {
  /** HTTP status; undefined when the connection failed or timed out. */
  status?: number;
  /** The `Stripe-Should-Retry` header, when Stripe sent one. */
  shouldRetryHeader?: string;
}

/**
 * Stripe's hint wins both ways; otherwise connection errors, 409 (lock contention), 429 and 5xx are
 * worth another try and every other 4xx is final.
 */
export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.shouldRetryHeader === "true") return true;
  if (outcome.shouldRetryHeader === "false") return false;
  const { status } = outcome;
  return status === undefined || status === 409 || status === 429 || status >= 500;
}

/** Capped exponential backoff with jitter (half to full delay), so that parallel retries spread out. */
export function retryDelayMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const base = Math.min(policy.initialDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return Math.round(base * (0.5 + random() * 0.5));
}

/**
 * Idempotency keys as Stripe keeps them: per mode, account and key, the first answer is saved for
 * 24 hours and replayed for the same request; the same key with other parameters is refused.
 */
import type { Json } from "./jsonValue";
import { StripeError } from "./stripeErrors";

export interface SavedAnswer {
  /** What identifies the request: method, path and canonical parameters. */
  fingerprint: string;
  status: number;
  body: Json;
  requestId: string;
  savedAtMs: number;
}

const LIFETIME_MS = 24 * 60 * 60 * 1000;

export class IdempotencyStore {
  private readonly saved = new Map<string, SavedAnswer>();

  lookup(scopeKey: string, key: string, nowMs: number): SavedAnswer | undefined {
    const found = this.saved.get(`${scopeKey}/${key}`);
    if (found && nowMs - found.savedAtMs > LIFETIME_MS) {
      this.saved.delete(`${scopeKey}/${key}`);
      return undefined;
    }
    return found;
  }

  save(scopeKey: string, key: string, answer: SavedAnswer): void {
    this.saved.set(`${scopeKey}/${key}`, answer);
  }
}

/** Stripe's refusal of a key reused with other parameters. */
export function idempotencyMismatch(key: string): StripeError {
  return new StripeError(
    400,
    "idempotency_error",
    `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  );
}

/** Stripe's refusal of an over-long key. */
export function idempotencyKeyTooLong(): StripeError {
  return new StripeError(400, "invalid_request_error", "Idempotency-Key must be at most 255 characters long.", { param: "Idempotency-Key" });
}

/**
 * Whether an answer is saved: validation failures (400) are not, since the request never started
 * executing; everything else that was processed is, 500s included.
 */
export function isSaved(status: number): boolean {
  return status !== 400;
}

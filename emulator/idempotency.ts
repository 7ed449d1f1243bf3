/**
 * Idempotency keys as Stripe keeps them: per mode, account and key, the first answer is saved for
 * 24 hours and replayed for the same request; the same key with other parameters is refused, and
 * so is any other request with the key while the first is still being processed. Saved answers
 * outlive a restart through the state file, as Stripe's outlive anything a client does.
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

/** A key whose first request has not finished yet: nothing to replay. */
export interface InProgress {
  fingerprint: string;
  inProgress: true;
}

const LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The persisted form: saved answers by `<scope>/<key>`. */
export type IdempotencySnapshot = Record<string, SavedAnswer>;

export class IdempotencyStore {
  private readonly saved = new Map<string, SavedAnswer>();
  private readonly running = new Map<string, InProgress>();

  /**
   * @param initial saved answers from the state file; those past their 24 hours are dropped
   * @param onChange persistence, if any: called after each answer saved
   */
  constructor(
    private readonly clock: () => number = Date.now,
    initial: IdempotencySnapshot = {},
    private readonly onChange?: () => void,
  ) {
    for (const [id, answer] of Object.entries(initial)) if (!this.expired(answer, clock())) this.saved.set(id, answer);
  }

  /** What the key holds: the request still in progress, its saved answer, or nothing. */
  lookup(scopeKey: string, key: string, nowMs: number): InProgress | SavedAnswer | undefined {
    const id = `${scopeKey}/${key}`;
    const running = this.running.get(id);
    if (running) return running;
    const found = this.saved.get(id);
    if (found && this.expired(found, nowMs)) {
      this.saved.delete(id);
      return undefined;
    }
    return found;
  }

  /** Holds the key for a request from before it is processed until `finish`. */
  begin(scopeKey: string, key: string, fingerprint: string): void {
    this.running.set(`${scopeKey}/${key}`, { fingerprint, inProgress: true });
  }

  /** Frees the key, keeping the answer when one is saved (`isSaved`). */
  finish(scopeKey: string, key: string, answer: SavedAnswer | undefined): void {
    this.running.delete(`${scopeKey}/${key}`);
    if (!answer) return;
    this.saved.set(`${scopeKey}/${key}`, answer);
    this.onChange?.();
  }

  /** The answers still within their 24 hours, for the state file. */
  snapshot(): IdempotencySnapshot {
    const now = this.clock();
    return Object.fromEntries([...this.saved].filter(([, answer]) => !this.expired(answer, now)));
  }

  private expired(answer: SavedAnswer, nowMs: number): boolean {
    return nowMs - answer.savedAtMs > LIFETIME_MS;
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

/**
 * Stripe's refusal of a key whose first request is still being processed: 409, which clients
 * retry, and not saved, so that a later retry gets the first request's answer.
 */
export function idempotencyKeyInUse(key: string): StripeError {
  return new StripeError(
    409,
    "idempotency_error",
    `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    { code: "idempotency_key_in_use" },
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

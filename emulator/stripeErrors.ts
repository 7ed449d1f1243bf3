/**
 * Stripe-shaped errors. Everything that refuses a request throws or returns a `StripeError`, so a
 * single place decides the wire body: `{"error": {type, code?, doc_url?, message, param?}}`.
 */

export type StripeErrorType =
  | "api_error"
  | "card_error"
  | "idempotency_error"
  | "invalid_request_error"
  | "permission_error"
  | "rate_limit_error";

export interface StripeErrorBody {
  type: StripeErrorType | string;
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

/** A refusal with its HTTP status; `toBody()` gives exactly what Stripe puts on the wire. */
export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType | string,
    message: string,
    readonly extra: { code?: string; param?: string } = {},
  ) {
    super(message);
    this.name = "StripeError";
  }

  toBody(): { error: StripeErrorBody } {
    const error: StripeErrorBody = { type: this.type, message: this.message };
    if (this.extra.code !== undefined) {
      error.code = this.extra.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.extra.code.replace(/_/g, "-")}`;
    }
    if (this.extra.param !== undefined) error.param = this.extra.param;
    return { error };
  }
}

/** 400 `invalid_request_error`, the answer to nearly every bad parameter. */
export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  return new StripeError(400, "invalid_request_error", message, { param, code });
}

/** 404 for an id that does not exist in the caller's account and mode. */
export function resourceMissing(noun: string, id: string, param: string): StripeError {
  return new StripeError(404, "invalid_request_error", `No such ${noun}: '${id}'`, { code: "resource_missing", param });
}

/** Stripe's answer to a path or method it does not serve. */
export function unrecognizedUrl(method: string, path: string): StripeError {
  return new StripeError(
    404,
    "invalid_request_error",
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  );
}

/** Test mode's answer when requests arrive faster than the rate limit. */
export function rateLimited(): StripeError {
  return new StripeError(
    429,
    "invalid_request_error",
    "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
    { code: "rate_limit" },
  );
}

/** What an injected fault answers when the script gives a status but no error. */
export function defaultErrorForStatus(status: number): StripeError {
  if (status === 429) return rateLimited();
  if (status === 409) {
    return new StripeError(
      409,
      "invalid_request_error",
      "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. If you see this error intermittently, retry the request. If you see this error frequently and are making multiple concurrent requests to a single object, make your requests serially or at a lower rate.",
      { code: "lock_timeout" },
    );
  }
  if (status >= 500) {
    return new StripeError(status, "api_error", "An unknown error occurred. Please try again, or contact Stripe support if the problem persists.");
  }
  return new StripeError(status, "invalid_request_error", `The emulator answered ${status} as scripted.`);
}

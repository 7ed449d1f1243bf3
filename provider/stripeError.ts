/** Stripe's error body, `{"error": {...}}`. */
export interface StripeErrorBody {
  type?: string;
  code?: string;
  param?: string;
  message?: string;
  doc_url?: string;
}

/**
 * The one error every failed Stripe call becomes. It carries what a user needs to act (Stripe's
 * message, type, code, param, HTTP status, request id) and nothing of the request itself: the
 * HTTP library's errors hold the request headers, and so the key, so they never travel further.
 */
export class StripeApiError extends Error {
  /** Stripe's error type, e.g. `invalid_request_error`, or `api_connection_error` when Stripe was not reached. */
  readonly type: string;
  /** Stripe's error code, e.g. `resource_missing`. */
  readonly code?: string;
  /** The parameter Stripe blames, in its bracket form, e.g. `features[subscription_cancel][mode]`. */
  readonly param?: string;
  /** The HTTP status, absent when no answer came. */
  readonly statusCode?: number;
  /** Stripe's `Request-Id`, to quote to Stripe support. */
  readonly requestId?: string;

  constructor(fields: { message: string; type: string; code?: string; param?: string; statusCode?: number; requestId?: string }) {
    super(fields.message);
    this.name = "StripeApiError";
    this.type = fields.type;
    this.code = fields.code;
    this.param = fields.param;
    this.statusCode = fields.statusCode;
    this.requestId = fields.requestId;
  }

  /** True for Stripe's 404 `resource_missing`: the object is gone. */
  get isMissing(): boolean {
    return this.statusCode === 404 && this.code === "resource_missing";
  }
}

import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration, retrieveConfiguration } from "../../provider/configurationsApi";
import { RateLimitGate } from "../../provider/rateLimitGate";
import { StripeApiError } from "../../provider/stripeError";
import { StripeClient } from "../../provider/stripeClient";

const KEY = "sk_test_client_secret_9876";
const FAST = { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 };
let emulator: Emulator;

const client = (overrides: { apiKey?: string; timeoutMs?: number; maxRetries?: number } = {}) =>
  new StripeClient(
    { apiKey: overrides.apiKey ?? KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" },
    { retry: { ...FAST, maxRetries: overrides.maxRetries ?? FAST.maxRetries }, timeoutMs: overrides.timeoutMs, gate: new RateLimitGate() },
  );
const FEATURES = { features: { invoice_history: { enabled: true } } };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearRequests());

async function failure(promise: Promise<unknown>): Promise<StripeApiError> {
  try {
    await promise;
  } catch (error) {
    return error as StripeApiError;
  }
  throw new Error("expected a failure");
}

describe("StripeClient", () => {
  it("sends the key, the pinned version and the account, and no account header when none is set", async () => {
    await createConfiguration(client(), FEATURES, { stripeAccount: "acct_123" });
    await createConfiguration(client(), FEATURES);
    const [withAccount, without] = emulator.requests();
    expect(withAccount.headers).toMatchObject({ authorization: "[redacted]", "stripe-version": "2026-10-28.endive", "stripe-account": "acct_123", "content-type": "application/x-www-form-urlencoded" });
    expect(without.headers).not.toHaveProperty("stripe-account");
  });

  it("retries a 500 with the same idempotency key, then succeeds", async () => {
    emulator.fault({ status: 500, error: { type: "api_error", message: "Boom" }, times: 2 });
    const created = await createConfiguration(client(), FEATURES);
    const keys = emulator.requests().map((r) => r.idempotencyKey);
    expect(emulator.requests().map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(keys).size).toBe(1);
    expect(created.id).toMatch(/^bpc_/);
  });

  it.each([409, 429, 503])("retries a %i", async (status) => {
    emulator.fault({ status, error: { type: "api_error", message: "Try again" } });
    await createConfiguration(client(), FEATURES);
    expect(emulator.requests().map((r) => r.status)).toEqual([status, 200]);
  });

  it("retries a 400 that Stripe says to retry, and not a 500 Stripe says not to", async () => {
    emulator.fault({ status: 400, error: { type: "invalid_request_error", message: "Lock" }, shouldRetry: true });
    await createConfiguration(client(), FEATURES);
    expect(emulator.requests().map((r) => r.status)).toEqual([400, 200]);
    emulator.clearRequests();
    emulator.fault({ status: 500, error: { type: "api_error", message: "Do not retry" }, shouldRetry: false });
    const error = await failure(createConfiguration(client(), FEATURES));
    expect(error.message).toBe("Do not retry");
    expect(emulator.requests()).toHaveLength(1);
  });

  it("never retries other 4xx, and carries Stripe's message, type, code, param, status and request id", async () => {
    const error = await failure(createConfiguration(client(), { features: { subscription_cancel: { enabled: true, mode: "later" } } }));
    expect(error).toBeInstanceOf(StripeApiError);
    expect(emulator.requests()).toHaveLength(1);
    expect({ message: error.message, type: error.type, param: error.param, statusCode: error.statusCode }).toEqual({
      message: "Invalid features[subscription_cancel][mode]: must be one of at_period_end or immediately",
      type: "invalid_request_error",
      param: "features[subscription_cancel][mode]",
      statusCode: 400,
    });
    expect(error.requestId).toMatch(/^req_/);
    const missing = await failure(retrieveConfiguration(client(), "bpc_missing"));
    expect({ code: missing.code, isMissing: missing.isMissing, statusCode: missing.statusCode }).toEqual({ code: "resource_missing", isMissing: true, statusCode: 404 });
  });

  it("retries a dropped connection and gives up with a clear error after the last retry", async () => {
    emulator.fault({ drop: "before" });
    await createConfiguration(client(), FEATURES);
    expect(emulator.requests().map((r) => r.status)).toEqual([null, 200]);
    emulator.fault({ drop: "before", times: 4 });
    const error = await failure(createConfiguration(client(), FEATURES));
    expect(error.type).toBe("api_connection_error");
    expect(error.message).toBe(`Could not reach Stripe at ${emulator.url} (ECONNRESET) after 4 attempt(s).`);
  });

  it("times out a slow answer and retries it", async () => {
    emulator.fault({ delayMs: 600 });
    await createConfiguration(client({ timeoutMs: 300 }), FEATURES);
    expect(emulator.configurations().length).toBeGreaterThan(0);
  });

  it("never lets the key into an error, even a 401 that echoes it", async () => {
    for (const wrongKey of ["sk_live_wrong_key_123456", "not-a-stripe-key-123456"]) {
      const error = await failure(createConfiguration(client({ apiKey: wrongKey }), FEATURES));
      expect(error.statusCode).toBe(401);
      expect(error.message).toMatch(/ Check the Stripe API key \(stripe:apiKey or STRIPE_API_KEY\): it may be wrong, revoked, or for another account or mode\.$/);
      const everything = JSON.stringify({ message: error.message, stack: error.stack, fields: { ...error } });
      expect(everything).not.toContain(wrongKey);
      expect(everything).not.toContain("3456");
    }
    emulator.fault({ status: 500, error: { type: "api_error", message: `Internal error for ${KEY}` }, shouldRetry: false });
    const serverError = await failure(createConfiguration(client(), FEATURES));
    expect(JSON.stringify({ m: serverError.message, s: serverError.stack, ...serverError })).not.toContain(KEY);
  });
});

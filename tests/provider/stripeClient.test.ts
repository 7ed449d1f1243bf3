import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration, retrieveConfiguration } from "../../provider/configurationsApi";
import { RateLimitGate } from "../../provider/rateLimitGate";
import { RetryPolicy } from "../../provider/retryPolicy";
import { ConfigReader, PINNED_API_VERSION, resolveSettings, StripeSettings } from "../../provider/settings";
import { StripeApiError } from "../../provider/stripeError";
import { ClientOptions, StripeClient } from "../../provider/stripeClient";
import { eventually, settle } from "./eventually";
import { ManualClock } from "./manualClock";

const KEY = "sk_test_client_secret_9876";
const FAST = { maxRetries: 3, initialDelayMs: 5, maxDelayMs: 20 };
let emulator: Emulator;

const client = (overrides: { apiKey?: string } & ClientOptions = {}) => {
  const { apiKey = KEY, ...options } = overrides;
  return new StripeClient(
    { apiKey, apiBase: emulator.url, apiVersion: "2026-10-28.endive" },
    { retry: FAST, gate: new RateLimitGate(), ...options },
  );
};
const FEATURES = { features: { invoice_history: { enabled: true } } };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearRequests());
const statuses = () => emulator.requests().map((r) => r.status);

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
    expect(created.body.id).toMatch(/^bpc_/);
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

  it("times out a slow answer and retries it under the same idempotency key, creating one configuration", async () => {
    const before = emulator.configurations().length;
    emulator.fault({ delayMs: 1300 });
    // The first attempt is answered at 1300 ms. Retries at 300 + 500 ms (still in progress: 409) and
    // about 800 + 1000 ms (its answer, replayed): half a second of margin each way, for a loaded machine.
    const retry = { maxRetries: 3, initialDelayMs: 500, maxDelayMs: 1000 };
    const created = await createConfiguration(client({ timeoutMs: 300, retry, random: () => 1 }), FEATURES);
    // The slow first attempt is still being answered (late, to nobody): wait until it has been.
    await eventually(() => emulator.requests().every((r) => r.status !== null));
    const attempts = emulator.requests();
    expect(attempts.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/v1/billing_portal/configurations", 200],
      ["POST", "/v1/billing_portal/configurations", 409],
      ["POST", "/v1/billing_portal/configurations", 200],
    ]);
    expect(attempts[0].idempotencyKey).toMatch(/^pulumi-stripe-portal-/);
    expect(attempts.map((r) => r.idempotencyKey)).toEqual([attempts[0].idempotencyKey, attempts[0].idempotencyKey, attempts[0].idempotencyKey]);
    expect(emulator.configurations().length).toBe(before + 1);
    expect(emulator.configurations()[0].id).toBe(created.body.id);
  });

  it("waits out each backoff before retrying, for as long as retryDelayMs says", async () => {
    const clock = new ManualClock();
    const policy: RetryPolicy = { maxRetries: 3, initialDelayMs: 100, maxDelayMs: 200 };
    emulator.fault({ status: 500, error: { type: "api_error", message: "Boom" }, times: 3 });
    const created = createConfiguration(client({ clock, retry: policy, random: () => 0.5 }), FEATURES);
    // 100 ms doubled each retry, capped at 200, times the jitter 0.5 + 0.5 * 0.5.
    for (const [retry, delay] of [75, 150, 150].entries()) {
      await eventually(() => clock.sleeping === 1);
      expect(clock.requested).toEqual([75, 150, 150].slice(0, retry + 1));
      clock.advance(delay - 1);
      await settle();
      expect(emulator.requests()).toHaveLength(retry + 1);
      clock.advance(1);
      await eventually(() => emulator.requests().length === retry + 2);
    }
    await created;
    expect(statuses()).toEqual([500, 500, 500, 200]);
  });

  it("holds back the requests of every client sharing the gate while a 429 is waited out", async () => {
    const clock = new ManualClock();
    const gate = new RateLimitGate(undefined, clock);
    const pauseMs = 1000;
    // With the jitter at its top, the 429's backoff (and so the pause) is exactly the initial delay.
    const first = client({ gate, clock, random: () => 1, retry: { maxRetries: 2, initialDelayMs: pauseMs, maxDelayMs: pauseMs } });
    const second = client({ gate, clock });
    emulator.fault({ status: 429, error: { type: "invalid_request_error", message: "Too many requests hit the API too quickly.", code: "rate_limit" } });

    const firstCreate = createConfiguration(first, FEATURES);
    await eventually(() => clock.sleeping === 1);
    expect(statuses()).toEqual([429]);

    let secondSettled = false;
    const secondCreate = createConfiguration(second, FEATURES).finally(() => {
      secondSettled = true;
    });
    // Either the second request is held at the gate (a second wait) or it has gone through.
    await eventually(() => clock.sleeping === 2 || secondSettled);
    expect(secondSettled).toBe(false);
    clock.advance(pauseMs - 1);
    await settle();
    expect(clock.sleeping).toBe(2);
    expect(statuses()).toEqual([429]);

    clock.advance(1);
    await Promise.all([firstCreate, secondCreate]);
    expect(statuses()).toEqual([429, 200, 200]);
  });

  it("never lets the key into an error, even a 401 that echoes it", async () => {
    for (const wrongKey of ["sk_live_wrong_key_123456", "not-a-stripe-key-123456"]) {
      const error = await failure(createConfiguration(client({ apiKey: wrongKey }), FEATURES));
      expect(error.statusCode).toBe(401);
      const everything = JSON.stringify({ message: error.message, stack: error.stack, fields: { ...error } });
      expect(everything).not.toContain(wrongKey);
      expect(everything).not.toContain("3456");
    }
    emulator.fault({ status: 500, error: { type: "api_error", message: `Internal error for ${KEY}` }, shouldRetry: false });
    const serverError = await failure(createConfiguration(client(), FEATURES));
    expect(JSON.stringify({ m: serverError.message, s: serverError.stack, ...serverError })).not.toContain(KEY);
  });

  describe("a refused key's hint names where the key came from", () => {
    const wrongKey = "not-a-stripe-key-123456";
    const INVALID = "Invalid API Key provided: [redacted]";
    const stack = (config: Record<string, string>): ConfigReader => ({ get: (name) => config[name] });
    it.each([
      [
        "the stack config, over the environment's key",
        () => resolveSettings(stack({ "stripe:apiKey": wrongKey, "stripe:apiBase": emulator.url }), { STRIPE_API_KEY: KEY }),
        `${INVALID} Check the Stripe API key (the Pulumi config stripe:apiKey): it may be wrong, revoked, or for another account or mode.`,
      ],
      [
        "the environment, when the stack config has no key",
        () => resolveSettings(stack({ "stripe:apiBase": emulator.url }), { STRIPE_API_KEY: wrongKey }),
        `${INVALID} Check the Stripe API key (the STRIPE_API_KEY environment variable): it may be wrong, revoked, or for another account or mode.`,
      ],
      [
        "the environment, without a stack",
        () => resolveSettings(undefined, { STRIPE_API_KEY: wrongKey, STRIPE_API_BASE: emulator.url }),
        `${INVALID} Check the Stripe API key (the STRIPE_API_KEY environment variable): it may be wrong, revoked, or for another account or mode.`,
      ],
      [
        "code, which names no place",
        () => ({ apiKey: wrongKey, apiBase: emulator.url, apiVersion: PINNED_API_VERSION }),
        `${INVALID} Check the Stripe API key: it may be wrong, revoked, or for another account or mode.`,
      ],
    ])("%s", async (_, settings: () => StripeSettings, message) => {
      const error = await failure(createConfiguration(new StripeClient(settings(), { retry: FAST, gate: new RateLimitGate() }), FEATURES));
      expect({ status: error.statusCode, message: error.message }).toEqual({ status: 401, message });
      const everything = JSON.stringify({ message: error.message, stack: error.stack, fields: { ...error } });
      expect(everything).not.toContain(wrongKey);
      expect(everything).not.toContain("3456");
    });

    it("as the emulator's own refusal of a live key, redacted", async () => {
      const error = await failure(createConfiguration(client({ apiKey: "sk_live_wrong_key_123456" }), FEATURES));
      expect(error.message).toBe(
        "This Stripe emulator runs in test mode only and refuses live-mode keys (sk_live_[redacted]). Use a sk_test_ or rk_test_ key, or start the emulator with acceptLiveKeys. " +
          "Check the Stripe API key: it may be wrong, revoked, or for another account or mode.",
      );
    });
  });
});

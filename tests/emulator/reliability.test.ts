import axios from "axios";
import { startEmulator, type Emulator } from "../../emulator";
import { eventually } from "../provider/eventually";
import { apiClient, MINIMAL_CREATE } from "./stripeClient";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
afterEach(() => {
  emulator.clearFaults();
  emulator.setRateLimit(undefined);
});

const CONFIGURATIONS = "/v1/billing_portal/configurations";
let keyCounter = 0;
const freshKey = () => `key-${Date.now()}-${keyCounter++}`;
const withKey = (key: string, account?: string) => ({ headers: { "Idempotency-Key": key, ...(account ? { "Stripe-Account": account } : {}) } });
const count = () => emulator.configurations().length;

describe("idempotency", () => {
  test("the same key and parameters replay the first answer", async () => {
    const client = apiClient(emulator.url);
    const key = freshKey();
    const before = count();
    const first = await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Once`, withKey(key));
    const second = await client.post(CONFIGURATIONS, `name=Once&${MINIMAL_CREATE}`, withKey(key));
    expect(first.status).toBe(200);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(second.status).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(second.headers["idempotent-replayed"]).toBe("true");
    expect(second.headers["original-request"]).toBe(first.headers["request-id"]);
    expect(second.headers["idempotency-key"]).toBe(key);
    expect(count()).toBe(before + 1);
  });

  test("the same key with other parameters is an idempotency_error", async () => {
    const client = apiClient(emulator.url);
    const key = freshKey();
    await client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    const other = await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Different`, withKey(key));
    expect(other.status).toBe(400);
    expect(other.data).toEqual({
      error: {
        type: "idempotency_error",
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      },
    });
    const otherPath = await client.post(`${CONFIGURATIONS}/bpc_x`, MINIMAL_CREATE, withKey(key));
    expect(otherPath.data.error.type).toBe("idempotency_error");
  });

  test("validation failures are not saved; a 404 is", async () => {
    const client = apiClient(emulator.url);
    const key = freshKey();
    const invalid = await client.post(CONFIGURATIONS, "features[invoice_history][enabled]=maybe", withKey(key));
    expect(invalid.status).toBe(400);
    const fixed = await client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(fixed.status).toBe(200);
    expect(fixed.headers["idempotent-replayed"]).toBeUndefined();

    const missingKey = freshKey();
    const missing = await client.post(`${CONFIGURATIONS}/bpc_absent`, "name=x", withKey(missingKey));
    const replayed = await client.post(`${CONFIGURATIONS}/bpc_absent`, "name=x", withKey(missingKey));
    expect(missing.status).toBe(404);
    expect(replayed.status).toBe(404);
    expect(replayed.headers["idempotent-replayed"]).toBe("true");
  });

  test("keys are per account", async () => {
    const key = freshKey();
    const platform = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    const connected = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key, "acct_idem"));
    expect(connected.status).toBe(200);
    expect(connected.headers["idempotent-replayed"]).toBeUndefined();
    expect(connected.data.id).not.toBe(platform.data.id);
  });

  test("a key whose first request is still in progress: 409, then the first answer replayed once it has finished", async () => {
    const client = apiClient(emulator.url);
    const key = freshKey();
    const body = `${MINIMAL_CREATE}&name=Held`;
    const before = count();
    emulator.fault({ delayMs: 500, match: { method: "POST", path: CONFIGURATIONS } });
    const first = client.post(CONFIGURATIONS, body, withKey(key));
    // Logged means arrived and admitted: the delay now holds the key in progress.
    await eventually(() => emulator.requests().some((r) => r.idempotencyKey === key));

    const during = await client.post(CONFIGURATIONS, body, withKey(key));
    expect(during.status).toBe(409);
    expect(during.data).toEqual({
      error: {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        doc_url: "https://stripe.com/docs/error-codes/idempotency-key-in-use",
        message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      },
    });
    expect(during.headers["request-id"]).toMatch(/^req_/);
    expect(during.headers["idempotent-replayed"]).toBeUndefined();
    // Other parameters under the key are refused as ever, in progress or not.
    const other = await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Other`, withKey(key));
    expect(other.status).toBe(400);
    expect(other.data.error.message).toMatch(/^Keys for idempotent requests can only be used with the same parameters/);

    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.data.name).toBe("Held");
    const after = await client.post(CONFIGURATIONS, body, withKey(key));
    expect(after.status).toBe(200);
    expect(after.data).toEqual(answered.data);
    expect(after.headers["idempotent-replayed"]).toBe("true");
    expect(after.headers["original-request"]).toBe(answered.headers["request-id"]);
    expect(emulator.requests().filter((r) => r.idempotencyKey === key).map((r) => r.status)).toEqual([200, 409, 400, 200]);
    expect(count()).toBe(before + 1);
  });

  test("a scripted fault answers instead of processing: its delay holds no key", async () => {
    const client = apiClient(emulator.url);
    const key = freshKey();
    emulator.fault({ delayMs: 500, status: 500, match: { method: "POST", path: CONFIGURATIONS } });
    const first = client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    await eventually(() => emulator.requests().some((r) => r.idempotencyKey === key));
    const during = await client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(during.status).toBe(200);
    expect(during.headers["idempotent-replayed"]).toBeUndefined();
    expect((await first).status).toBe(500);
  });

  test("a key longer than 255 characters is refused", async () => {
    const response = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE, withKey("k".repeat(256)));
    expect(response.status).toBe(400);
    expect(response.data.error.message).toBe("Idempotency-Key must be at most 255 characters long.");
  });
});

describe("faults", () => {
  test("a scripted status without a body gets a Stripe-like error, and Stripe-Should-Retry when asked", async () => {
    emulator.fault({ status: 500, shouldRetry: true });
    emulator.fault({ status: 503 });
    const client = apiClient(emulator.url);
    const first = await client.get(CONFIGURATIONS);
    expect(first.status).toBe(500);
    expect(first.headers["stripe-should-retry"]).toBe("true");
    expect(first.data).toEqual({
      error: { type: "api_error", message: "An unknown error occurred. Please try again, or contact Stripe support if the problem persists." },
    });
    const second = await client.get(CONFIGURATIONS);
    expect(second.status).toBe(503);
    expect(second.headers["stripe-should-retry"]).toBeUndefined();
    expect((await client.get(CONFIGURATIONS)).status).toBe(200);
  });

  test("a scripted error body, with Stripe-Should-Retry: false, and a 409 lock_timeout by default", async () => {
    emulator.fault({ status: 402, error: { type: "card_error", message: "Declined", code: "card_declined" }, shouldRetry: false });
    emulator.fault({ status: 409 });
    const client = apiClient(emulator.url);
    const declined = await client.post(CONFIGURATIONS, MINIMAL_CREATE);
    expect(declined.status).toBe(402);
    expect(declined.headers["stripe-should-retry"]).toBe("false");
    expect(declined.data).toEqual({
      error: { type: "card_error", message: "Declined", code: "card_declined", doc_url: "https://stripe.com/docs/error-codes/card-declined" },
    });
    const locked = await client.post(CONFIGURATIONS, MINIMAL_CREATE);
    expect(locked.status).toBe(409);
    expect(locked.data.error.code).toBe("lock_timeout");
  });

  test("faults match method and path prefix, apply FIFO, and count down times", async () => {
    emulator.fault({ status: 502, match: { method: "POST", path: "/v1/billing_portal/sessions" } });
    emulator.fault({ status: 500, match: { method: "get" }, times: 2 });
    emulator.fault({ status: 504, match: { method: "GET" } });
    const client = apiClient(emulator.url);
    expect((await client.post(CONFIGURATIONS, MINIMAL_CREATE)).status).toBe(200);
    expect((await client.get(CONFIGURATIONS)).status).toBe(500);
    expect((await client.get(CONFIGURATIONS)).status).toBe(500);
    expect((await client.get(CONFIGURATIONS)).status).toBe(504);
    expect((await client.get(CONFIGURATIONS)).status).toBe(200);
    expect(emulator.pendingFaults()).toEqual([{ status: 502, match: { method: "POST", path: "/v1/billing_portal/sessions" }, times: 1 }]);
  });

  test("a delay-only fault delays, then processes normally", async () => {
    emulator.fault({ delayMs: 300 });
    const started = Date.now();
    const response = await apiClient(emulator.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Slow`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(response.status).toBe(200);
    expect(response.data.name).toBe("Slow");
  });

  test("a delay longer than the client's timeout looks like a timeout", async () => {
    emulator.fault({ delayMs: 400, status: 500 });
    await expect(apiClient(emulator.url).get(CONFIGURATIONS, { timeout: 100 })).rejects.toMatchObject({ code: "ECONNABORTED" });
  });

  test("drop before: the connection closes and nothing is stored", async () => {
    emulator.fault({ drop: "before" });
    const before = count();
    await expect(apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE)).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNREFUSED|EPIPE/) });
    expect(count()).toBe(before);
    const logged = emulator.requests().at(-1);
    expect(logged?.status).toBeNull();
  });

  test("drop after: the answer is lost, the configuration exists, and the same key replays it", async () => {
    emulator.fault({ drop: "after", match: { method: "POST" } });
    const key = freshKey();
    const before = count();
    await expect(apiClient(emulator.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Lost`, withKey(key))).rejects.toBeDefined();
    expect(count()).toBe(before + 1);
    const stored = emulator.configurations()[0];
    expect(stored.name).toBe("Lost");
    const retry = await apiClient(emulator.url).post(CONFIGURATIONS, `${MINIMAL_CREATE}&name=Lost`, withKey(key));
    expect(retry.status).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(retry.data.id).toBe(stored.id);
    expect(count()).toBe(before + 1);
  });

  test("a scripted fault before processing is not saved under the idempotency key", async () => {
    emulator.fault({ status: 500 });
    const key = freshKey();
    const failed = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(failed.status).toBe(500);
    const retry = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(retry.status).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
  });

  test("faults over HTTP: add, list, clear, and bad input", async () => {
    const control = axios.create({ baseURL: emulator.url, validateStatus: () => true });
    const added = await control.post("/_emulator/faults", [{ status: 500 }, { drop: "after", match: { path: "/v1/billing_portal/sessions" } }]);
    expect(added.status).toBe(200);
    expect(added.data).toEqual([{ status: 500, times: 1 }, { drop: "after", match: { path: "/v1/billing_portal/sessions" }, times: 1 }]);
    expect((await apiClient(emulator.url).get(CONFIGURATIONS)).status).toBe(500);
    expect((await control.delete("/_emulator/faults")).data).toEqual([]);
    expect((await control.get("/_emulator/faults")).data).toEqual([]);
    const bad = await control.post("/_emulator/faults", { drop: "sideways" });
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({ error: { type: "invalid_request_error", message: 'drop must be "before" or "after".' } });
  });
});

describe("rate limit", () => {
  test("requests over the limit in a rolling second get Stripe's 429", async () => {
    emulator.setRateLimit(5);
    const client = apiClient(emulator.url);
    const statuses: number[] = [];
    const responses = [];
    for (let i = 0; i < 7; i++) {
      const response = await client.get(CONFIGURATIONS);
      statuses.push(response.status);
      responses.push(response);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(responses[5].data).toEqual({
      error: {
        type: "invalid_request_error",
        code: "rate_limit",
        doc_url: "https://stripe.com/docs/error-codes/rate-limit",
        message: "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
      },
    });
    expect(responses[5].headers["request-id"]).toMatch(/^req_/);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await client.get(CONFIGURATIONS)).status).toBe(200);
  });

  test("a 429 is not saved under the idempotency key", async () => {
    emulator.setRateLimit(1);
    const client = apiClient(emulator.url);
    await client.get(CONFIGURATIONS);
    const key = freshKey();
    const limited = await client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(limited.status).toBe(429);
    emulator.setRateLimit(undefined);
    const retry = await client.post(CONFIGURATIONS, MINIMAL_CREATE, withKey(key));
    expect(retry.status).toBe(200);
    expect(retry.headers["idempotent-replayed"]).toBeUndefined();
  });

  test("the limit is set over HTTP and by the rateLimit option", async () => {
    const control = axios.create({ baseURL: emulator.url, validateStatus: () => true });
    expect((await control.post("/_emulator/rate-limit", { limit: 2 })).data).toEqual({ limit: 2 });
    expect((await control.get("/_emulator/rate-limit")).data).toEqual({ limit: 2 });
    expect((await control.post("/_emulator/rate-limit", { limit: null })).data).toEqual({ limit: null });
    expect((await control.post("/_emulator/rate-limit", { limit: -1 })).status).toBe(400);
    const limited = await startEmulator({ rateLimit: 1 });
    try {
      const client = apiClient(limited.url);
      expect((await client.get(CONFIGURATIONS)).status).toBe(200);
      expect((await client.get(CONFIGURATIONS)).status).toBe(429);
    } finally {
      await limited.stop();
    }
  });
});

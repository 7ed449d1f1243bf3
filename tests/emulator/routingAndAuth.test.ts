import { startEmulator, type Emulator } from "../../emulator";
import { maskKey } from "../../emulator/auth";
import { apiClient, MINIMAL_CREATE } from "./stripeClient";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    restrictedKeys: { rk_test_readonly1234: ["read"], rk_test_writer5678: ["write"], rk_test_nothing0000: [] },
  });
});
afterAll(() => emulator.stop());

describe("routes", () => {
  test.each([
    ["GET", "/v1/foo"],
    ["DELETE", "/v1/billing_portal/configurations/bpc_123"],
    ["GET", "/v1/billing_portal/sessions"],
    ["PUT", "/v1/billing_portal/configurations"],
    ["GET", "/nope"],
  ])("%s %s is Stripe's unrecognized URL", async (method, path) => {
    const response = await apiClient(emulator.url).request({ method, url: path });
    expect(response.status).toBe(404);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      },
    });
    expect(response.headers["request-id"]).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(response.headers["content-type"]).toBe("application/json");
  });

  test("every answer carries its own Request-Id and the pinned Stripe-Version", async () => {
    const client = apiClient(emulator.url);
    const first = await client.get("/v1/billing_portal/configurations");
    const second = await client.get("/v1/billing_portal/configurations");
    expect(first.status).toBe(200);
    expect(first.headers["request-id"]).toMatch(/^req_/);
    expect(first.headers["request-id"]).not.toBe(second.headers["request-id"]);
    expect(first.headers["stripe-version"]).toBe("2026-10-28.endive");
  });

  test("a missing configuration id is resource_missing", async () => {
    const response = await apiClient(emulator.url).get("/v1/billing_portal/configurations/bpc_doesnotexist");
    expect(response.status).toBe(404);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        code: "resource_missing",
        doc_url: "https://stripe.com/docs/error-codes/resource-missing",
        param: "configuration",
        message: "No such configuration: 'bpc_doesnotexist'",
      },
    });
  });
});

describe("API keys", () => {
  test("no key answers 401", async () => {
    const response = await apiClient(emulator.url, { key: null }).get("/v1/billing_portal/configurations");
    expect(response.status).toBe(401);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      },
    });
  });

  test("a key of unknown shape is masked to its last four characters", async () => {
    const response = await apiClient(emulator.url, { key: "sk_tset_abcdefgh1234" }).get("/v1/billing_portal/configurations");
    expect(response.status).toBe(401);
    expect(response.data).toEqual({ error: { type: "invalid_request_error", message: "Invalid API Key provided: ****************1234" } });
    const other = await apiClient(emulator.url, { key: "sk_test_bad-key!wxyz" }).get("/v1/billing_portal/configurations");
    expect(other.data).toEqual({ error: { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_********wxyz" } });
  });

  test("maskKey keeps the kind and the last four characters", () => {
    expect(maskKey("rk_test_0123456789abcd")).toBe("rk_test_**********abcd");
    expect(maskKey("sk_live_ab")).toBe("sk_live_**");
  });

  test("Basic auth with the key as user name works", async () => {
    const client = apiClient(emulator.url, { key: null });
    const response = await client.get("/v1/billing_portal/configurations", {
      headers: { Authorization: `Basic ${Buffer.from("sk_test_basic:").toString("base64")}` },
    });
    expect(response.status).toBe(200);
  });

  test("a publishable key is refused", async () => {
    const response = await apiClient(emulator.url, { key: "pk_test_123456" }).get("/v1/billing_portal/configurations");
    expect(response.status).toBe(401);
    expect(response.data.error.message).toBe(
      "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
    );
  });

  test("live keys are refused unless the emulator accepts them", async () => {
    const response = await apiClient(emulator.url, { key: "sk_live_abcdefgh1234" }).get("/v1/billing_portal/configurations");
    expect(response.status).toBe(401);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        message:
          "This Stripe emulator runs in test mode only and refuses live-mode keys (sk_live_********1234). Use a sk_test_ or rk_test_ key, or start the emulator with acceptLiveKeys.",
      },
    });
  });

  test("with acceptLiveKeys, live keys see their own live-mode data", async () => {
    const live = await startEmulator({ acceptLiveKeys: true });
    try {
      const liveClient = apiClient(live.url, { key: "rk_live_abcdefgh1234" });
      const created = await liveClient.post("/v1/billing_portal/configurations", MINIMAL_CREATE);
      expect(created.status).toBe(200);
      expect(created.data.livemode).toBe(true);
      const liveList = await liveClient.get("/v1/billing_portal/configurations");
      expect(liveList.data.data.map((c: { livemode: boolean }) => c.livemode)).toEqual([true, true]);
      const testList = await apiClient(live.url).get("/v1/billing_portal/configurations");
      expect(testList.data.data).toHaveLength(1);
      expect(testList.data.data[0].livemode).toBe(false);
      const crossMode = await apiClient(live.url).get(`/v1/billing_portal/configurations/${created.data.id}`);
      expect(crossMode.status).toBe(404);
      expect(live.configurations({ livemode: true })[0].id).toBe(created.data.id);
    } finally {
      await live.stop();
    }
  });

  test("a restricted key without write permission gets Stripe's 403", async () => {
    const client = apiClient(emulator.url, { key: "rk_test_readonly1234" });
    expect((await client.get("/v1/billing_portal/configurations")).status).toBe(200);
    const response = await client.post("/v1/billing_portal/configurations", MINIMAL_CREATE);
    expect(response.status).toBe(403);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        message: `The provided key 'rk_test_********1234' does not have the required permissions for this endpoint on account '${emulator.platformAccount}'. Having the 'rak_billing_portal_configuration_write' permission would allow this request to continue.`,
      },
    });
  });

  test("the 403 names the connected account and the missing read permission", async () => {
    const client = apiClient(emulator.url, { key: "rk_test_nothing0000", account: "acct_connected403" });
    const response = await client.get("/v1/billing_portal/configurations");
    expect(response.status).toBe(403);
    expect(response.data.error.message).toBe(
      "The provided key 'rk_test_*******0000' does not have the required permissions for this endpoint on account 'acct_connected403'. Having the 'rak_billing_portal_configuration_read' permission would allow this request to continue.",
    );
    const session = await client.post("/v1/billing_portal/sessions", "customer=cus_1");
    expect(session.data.error.message).toContain("'rak_billing_portal_session_write'");
  });

  test("write includes read; unlisted restricted keys may do everything", async () => {
    const writer = apiClient(emulator.url, { key: "rk_test_writer5678" });
    expect((await writer.get("/v1/billing_portal/configurations")).status).toBe(200);
    expect((await writer.post("/v1/billing_portal/configurations", MINIMAL_CREATE)).status).toBe(200);
    const unlisted = apiClient(emulator.url, { key: "rk_test_anythinggoes" });
    expect((await unlisted.post("/v1/billing_portal/configurations", MINIMAL_CREATE)).status).toBe(200);
  });

  test("a malformed Stripe-Account is refused", async () => {
    const response = await apiClient(emulator.url, { account: "not_an_account" }).get("/v1/billing_portal/configurations");
    expect(response.status).toBe(403);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        code: "account_invalid",
        doc_url: "https://stripe.com/docs/error-codes/account-invalid",
        message:
          "The provided key 'sk_test_****ator' does not have access to account 'not_an_account' (or that account does not exist). Application access may have been revoked.",
      },
    });
  });
});

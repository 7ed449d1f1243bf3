import axios from "axios";
import { startEmulator, StripeError, type Emulator } from "../../emulator";
import { apiClient, form, MINIMAL_CREATE } from "./stripeClient";

let now = 1_800_000_000_000;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => now });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearRequests());

const CONFIGURATIONS = "/v1/billing_portal/configurations";
const control = () => axios.create({ baseURL: emulator.url, validateStatus: () => true });

describe("request log", () => {
  test("records /v1 requests decoded, with authorization redacted", async () => {
    const client = apiClient(emulator.url, { account: "acct_logged" });
    const body = form({ features: { customer_update: { enabled: true, allowed_updates: ["email", "name"] } }, metadata: { a: "1" } });
    const created = await client.post(CONFIGURATIONS, body, { headers: { "Idempotency-Key": "log-key-1" } });
    await client.get(`${CONFIGURATIONS}?limit=2&expand[]=data.features.subscription_update.products`);
    await control().get("/_emulator/configurations");
    const log = emulator.requests();
    expect(log).toHaveLength(2);
    expect(log[0]).toEqual({
      method: "POST",
      path: CONFIGURATIONS,
      query: {},
      body: { features: { customer_update: { enabled: "true", allowed_updates: ["email", "name"] } }, metadata: { a: "1" } },
      headers: expect.objectContaining({ authorization: "[redacted]", "stripe-account": "acct_logged", "idempotency-key": "log-key-1" }),
      account: "acct_logged",
      idempotencyKey: "log-key-1",
      status: 200,
      requestId: created.headers["request-id"],
    });
    expect(log[1]).toMatchObject({
      method: "GET",
      query: { limit: "2", expand: ["data.features.subscription_update.products"] },
      body: {},
      account: "acct_logged",
      idempotencyKey: null,
      status: 200,
    });
    expect(JSON.stringify(log)).not.toContain("sk_test_emulator");
  });

  test("the log is also served and cleared over HTTP", async () => {
    await apiClient(emulator.url, { key: null }).get(CONFIGURATIONS);
    const served = await control().get("/_emulator/requests");
    expect(served.status).toBe(200);
    expect(served.data).toHaveLength(1);
    expect(served.data[0]).toMatchObject({ method: "GET", path: CONFIGURATIONS, status: 401, account: null });
    expect(served.headers["request-id"]).toMatch(/^req_/);
    expect((await control().delete("/_emulator/requests")).data).toEqual({ cleared: true });
    expect(emulator.requests()).toEqual([]);
  });
});

describe("out-of-band (Dashboard) edits", () => {
  test("edit applies Stripe's update semantics without logging an API request", async () => {
    const client = apiClient(emulator.url);
    now = 1_800_000_000_000;
    const created = (await client.post(CONFIGURATIONS, `${MINIMAL_CREATE}&business_profile[headline]=Before&metadata[keep]=1&metadata[drop]=2`)).data;
    emulator.clearRequests();
    now += 60_000;
    const edited = emulator.edit(created.id, {
      business_profile: { headline: "Changed in the Dashboard" },
      features: { customer_update: { enabled: true, allowed_updates: ["phone"] } },
      metadata: { drop: null },
    });
    expect(edited.business_profile).toMatchObject({ headline: "Changed in the Dashboard" });
    expect(edited.updated).toBe(1_800_000_060);
    expect(edited.features).toMatchObject({ subscription_update: { products: [] } });
    expect(emulator.requests()).toEqual([]);
    const seen = await client.get(`${CONFIGURATIONS}/${created.id}`);
    expect(seen.data.business_profile.headline).toBe("Changed in the Dashboard");
    expect(seen.data.features.customer_update).toEqual({ allowed_updates: ["phone"], enabled: true });
    expect(seen.data.metadata).toEqual({ keep: "1" });
  });

  test("edit refuses what Stripe refuses, as a StripeError", () => {
    const defaultId = emulator.configurations().find((c) => c.is_default === true)?.id as string;
    expect(() => emulator.deactivate(defaultId)).toThrow(StripeError);
    expect(() => emulator.deactivate(defaultId)).toThrow("You cannot set `active: false` on your default PortalConfiguration.");
    expect(() => emulator.edit("bpc_nope", { name: "x" })).toThrow("No such configuration: 'bpc_nope'");
    expect(() => emulator.edit(defaultId, { name: "x".repeat(300) })).toThrow(/must be at most 256 characters/);
  });

  test("deactivate, in an account, and over HTTP", async () => {
    const client = apiClient(emulator.url, { account: "acct_dash" });
    const created = (await client.post(CONFIGURATIONS, MINIMAL_CREATE)).data;
    const off = emulator.deactivate(created.id, { account: "acct_dash" });
    expect(off.active).toBe(false);
    expect((await client.get(`${CONFIGURATIONS}/${created.id}`)).data.active).toBe(false);

    const on = await control().post(`/_emulator/configurations/${created.id}?account=acct_dash`, { active: true, default_return_url: "https://acme.test/r", features: { customer_update: { enabled: true, allowed_updates: [] } } });
    expect(on.status).toBe(200);
    expect(on.data).toMatchObject({ id: created.id, active: true, default_return_url: "https://acme.test/r" });
    const off2 = await control().post(`/_emulator/configurations/${created.id}?account=acct_dash`, { active: false });
    expect(off2.data.active).toBe(false);
    const wrongAccount = await control().post(`/_emulator/configurations/${created.id}`, { active: false });
    expect(wrongAccount.status).toBe(404);
    expect(wrongAccount.data.error.code).toBe("resource_missing");
    const invalid = await control().post(`/_emulator/configurations/${created.id}?account=acct_dash`, { features: { invoice_history: { enabled: "sometimes" } } });
    expect(invalid.status).toBe(400);
    expect(invalid.data).toEqual({ error: { type: "invalid_request_error", message: "Invalid boolean: sometimes", param: "features[invoice_history][enabled]" } });
    const notJson = await control().post(`/_emulator/configurations/${created.id}`, "{", { headers: { "Content-Type": "application/json" }, transformRequest: [(d: string) => d] });
    expect(notJson.status).toBe(400);
  });

  test("configurations() and GET /_emulator/configurations show what is held, products expanded", async () => {
    const client = apiClient(emulator.url, { account: "acct_view" });
    const created = (
      await client.post(
        CONFIGURATIONS,
        form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "prod_v", prices: ["price_v"] }] } } }),
      )
    ).data;
    const held = emulator.configurations({ account: "acct_view" });
    expect(held.map((c) => c.id)).toEqual([created.id, expect.stringMatching(/^bpc_/)]);
    expect(held[0].features).toMatchObject({ subscription_update: { products: [{ product: "prod_v", prices: ["price_v"] }] } });
    const served = await control().get("/_emulator/configurations?account=acct_view");
    expect(served.data).toEqual(held);
    const info = await control().get("/_emulator");
    expect(info.data).toEqual({ object: "emulator", url: emulator.url, api_version: "2026-10-28.endive", platform_account: emulator.platformAccount });
    expect((await control().get("/_emulator/nope")).status).toBe(404);
  });
});

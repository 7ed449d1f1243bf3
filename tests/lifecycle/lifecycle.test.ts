import { Emulator, startEmulator } from "../../emulator";
import * as lifecycle from "../../provider/lifecycle";
import { MISSING_KEY_MESSAGE } from "../../provider/settings";
import { diffConfiguration } from "../../provider/diff";
import { quickStart } from "../fixtures/configurations";

const KEY = "sk_test_lifecycle_4242";
let emulator: Emulator;

/**
 * What Check then the provider's diff conclude for a declaration against the stored outputs, with
 * the changed paths (`lifecycle.diff` hands the engine only none, or "compare the inputs": see its test).
 */
async function preview(outputs: Record<string, unknown>, declared: Record<string, unknown>) {
  const { inputs, failures } = await lifecycle.check({}, declared);
  expect(failures).toEqual([]);
  return diffConfiguration(outputs, inputs!);
}

/** The requests the emulator saw since the last call, as method, path and decoded body. */
function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, query: r.query }));
  emulator.clearRequests();
  return requests;
}

const EXPAND = { expand: ["features.subscription_update.products"] };

/** Configures the provider as a stack would, against the emulator. */
function configureStack(extra: Record<string, string> = {}) {
  lifecycle.configure({ config: { get: (key: string) => ({ "stripe:apiKey": KEY, "stripe:apiBase": emulator.url, ...extra } as Record<string, string>)[key] } });
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  configureStack();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.clearRequests());

async function createQuickStart() {
  const { inputs } = await lifecycle.check({}, quickStart);
  const created = await lifecycle.create(inputs!);
  emulator.clearRequests();
  return { id: created.id, outputs: created.outs as Record<string, unknown> };
}

describe("diff, as the engine receives it", () => {
  it("says DIFF_NONE when nothing would change, and leaves the engine to compare the inputs otherwise", async () => {
    const { inputs } = await lifecycle.check({}, quickStart);
    const { id, outs } = await lifecycle.create(inputs!);
    seen();
    // `changes: false` is DIFF_NONE; an undefined `changes` is DIFF_UNKNOWN, on which the engine diffs
    // old and new inputs itself (per-property old => new values, replaceOnChanges and ignoreChanges).
    expect(await lifecycle.diff(id, outs, inputs!)).toEqual({ changes: false });
    const renamed = (await lifecycle.check({}, { ...quickStart, name: "Renamed" })).inputs!;
    expect(await lifecycle.diff(id, outs, renamed)).toEqual({ replaces: [], deleteBeforeReplace: false });
    const moved = (await lifecycle.check({}, { ...quickStart, stripeAccount: "acct_moved" })).inputs!;
    expect(await lifecycle.diff(id, outs, moved)).toEqual({ replaces: ["stripeAccount"], deleteBeforeReplace: false });
    expect(seen()).toEqual([]);
  });
});

describe("create", () => {
  it("sends one POST of the desired state and returns the normalized configuration", async () => {
    const { inputs } = await lifecycle.check({}, quickStart);
    const { id, outs } = await lifecycle.create(inputs!);
    const requests = emulator.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/v1/billing_portal/configurations", status: 200 });
    expect(requests[0].body).toEqual({
      name: "Self-serve customers",
      business_profile: { headline: "Acme billing", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" },
      default_return_url: "https://acme.test/account",
      features: {
        customer_update: { enabled: "true", allowed_updates: ["email", "tax_id"] },
        invoice_history: { enabled: "true" },
        payment_method_update: { enabled: "true" },
        subscription_cancel: { enabled: "true", mode: "at_period_end", cancellation_reason: { enabled: "true", options: ["other", "too_expensive"] } },
        subscription_update: { enabled: "true", default_allowed_updates: ["price"], products: [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"] }] },
      },
      login_page: { enabled: "true" },
      metadata: { team: "billing" },
      ...EXPAND,
    });
    expect(requests[0].headers["stripe-version"]).toBe("2026-10-28.endive");
    expect(requests[0].headers["idempotency-key"]).toMatch(/^pulumi-stripe-portal-[0-9a-f-]{36}$/);
    expect(requests[0].headers.authorization).toBe("[redacted]");
    expect(id).toMatch(/^bpc_/);
    expect(outs).toEqual({
      name: "Self-serve customers",
      businessProfile: { headline: "Acme billing", privacyPolicyUrl: "https://acme.test/privacy", termsOfServiceUrl: "https://acme.test/terms" },
      defaultReturnUrl: "https://acme.test/account",
      features: {
        customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] },
        invoiceHistory: { enabled: true },
        paymentMethodUpdate: { enabled: true, paymentMethodConfiguration: null },
        subscriptionCancel: { enabled: true, mode: "at_period_end", prorationBehavior: "none", cancellationReason: { enabled: true, options: ["other", "too_expensive"], feedbackOptions: [] } },
        subscriptionPause: { enabled: false, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] } },
        subscriptionUpdate: {
          enabled: true,
          defaultAllowedUpdates: ["price"],
          prorationBehavior: "none",
          billingCycleAnchor: "unchanged",
          trialUpdateBehavior: "end_trial",
          scheduleAtPeriodEnd: { conditions: [] },
          products: [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"], adjustableQuantity: { enabled: false, minimum: 0, maximum: null } }],
        },
      },
      loginPage: { enabled: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/p\/login\//) },
      loginUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/p\/login\//),
      metadata: { team: "billing" },
      active: true,
      isDefault: false,
      livemode: false,
      created: expect.any(Number),
      updated: expect.any(Number),
      application: null,
      // What Stripe answered for every field the quick start leaves out: the next diff compares them with this.
      stripeDefaults: {
        features: {
          paymentMethodUpdate: { paymentMethodConfiguration: null },
          subscriptionCancel: { prorationBehavior: "none", cancellationReason: { feedbackOptions: [] } },
          subscriptionPause: { enabled: false, duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 1 }] } },
          subscriptionUpdate: { prorationBehavior: "none", billingCycleAnchor: "unchanged", trialUpdateBehavior: "end_trial", scheduleAtPeriodEnd: { conditions: [] } },
        },
      },
    });
  });

  it("fails before sending anything when no key is set", async () => {
    lifecycle.configure({ config: { get: (key: string) => (key === "stripe:apiBase" ? emulator.url : undefined) } });
    const saved = process.env.STRIPE_API_KEY;
    delete process.env.STRIPE_API_KEY;
    try {
      await expect(lifecycle.create((await lifecycle.check({}, quickStart)).inputs!)).rejects.toThrow(MISSING_KEY_MESSAGE);
      expect(seen()).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.STRIPE_API_KEY = saved;
      configureStack();
    }
  });

  it("with stripe:apiVersion overridden, sends no feature the declaration leaves at its defaults (2024-04-10 has no subscription_pause)", async () => {
    configureStack({ "stripe:apiVersion": "2024-04-10" });
    try {
      await lifecycle.create((await lifecycle.check({}, quickStart)).inputs!);
      await lifecycle.create((await lifecycle.check({}, {})).inputs!);
      const requests = emulator.requests();
      expect(requests.map((r) => [r.status, r.headers["stripe-version"]])).toEqual([
        [200, "2024-04-10"],
        [200, "2024-04-10"],
      ]);
      expect(Object.keys(requests[0].body.features as object)).toEqual(["customer_update", "invoice_history", "payment_method_update", "subscription_cancel", "subscription_update"]);
      expect(requests[1].body).toEqual({ features: { customer_update: { enabled: "false" } }, ...EXPAND });
    } finally {
      configureStack();
    }
  });

  it("an empty name and headline are sent as nothing, and the next preview and up change nothing", async () => {
    const declared = { ...quickStart, name: "", businessProfile: { ...quickStart.businessProfile, headline: "" } };
    const { id, outs } = await lifecycle.create((await lifecycle.check({}, declared)).inputs!);
    const [request] = seen();
    expect(request.body).not.toHaveProperty("name");
    expect(request.body.business_profile).toEqual({ privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" });
    expect(outs).toMatchObject({ name: null, businessProfile: { headline: null } });
    expect(await preview(outs, declared)).toEqual({ changes: false, replaces: [], diffs: [], deleteBeforeReplace: false });
    await lifecycle.update(id, outs, (await lifecycle.check({}, declared)).inputs!);
    expect(seen()).toEqual([]);
  });
});

describe("update", () => {
  it("an unchanged re-run shows no change and sends nothing", async () => {
    const { outputs } = await createQuickStart();
    expect(await preview(outputs, quickStart)).toMatchObject({ changes: false });
    expect(seen()).toEqual([]);
  });

  it("one POST edits one field and removes two; the next preview shows no change", async () => {
    const { id, outputs } = await createQuickStart();
    const declared = { ...quickStart, name: "Renamed", defaultReturnUrl: undefined, metadata: {} };
    const diff = await preview(outputs, declared);
    expect(diff).toMatchObject({ changes: true, diffs: ["name", "defaultReturnUrl", "metadata"] });
    const { outs } = await lifecycle.update(id, outputs, (await lifecycle.check({}, declared)).inputs!);
    expect(seen()).toEqual([{ method: "POST", path: `/v1/billing_portal/configurations/${id}`, body: { name: "Renamed", default_return_url: "", metadata: { team: "" }, ...EXPAND }, query: {} }]);
    expect(outs).toMatchObject({ name: "Renamed", defaultReturnUrl: null, metadata: {} });
    expect((await emulator.configurations()).find((c) => c.id === id)).toMatchObject({ name: "Renamed", default_return_url: null, metadata: {} });
    expect(await preview(outs as Record<string, unknown>, declared)).toMatchObject({ changes: false });
  });

  it("drift made in the Dashboard is seen by refresh and corrected by the next up, same id", async () => {
    const { id, outputs } = await createQuickStart();
    await emulator.edit(id, { business_profile: { headline: "Edited by hand" }, features: { customer_update: { enabled: true, allowed_updates: ["address"] } } });
    const refreshed = await lifecycle.read(id, outputs);
    expect(seen()).toEqual([{ method: "GET", path: `/v1/billing_portal/configurations/${id}`, body: {}, query: EXPAND }]);
    expect(refreshed.id).toBe(id);
    expect(refreshed.props).toMatchObject({ businessProfile: { headline: "Edited by hand" }, features: { customerUpdate: { allowedUpdates: ["address"] } } });
    expect(refreshed.inputs).toMatchObject({ businessProfile: { headline: "Edited by hand" } });
    expect(refreshed.inputs).toHaveProperty("active", true);
    const diff = await preview(refreshed.props, quickStart);
    expect(diff).toMatchObject({ changes: true, diffs: ["businessProfile.headline", "features.customerUpdate.allowedUpdates"] });
    const { outs } = await lifecycle.update(id, refreshed.props, (await lifecycle.check({}, quickStart)).inputs!);
    expect(seen()).toEqual([
      {
        method: "POST",
        path: `/v1/billing_portal/configurations/${id}`,
        body: { business_profile: { headline: "Acme billing" }, features: { customer_update: { allowed_updates: ["email", "tax_id"] } }, ...EXPAND },
        query: {},
      },
    ]);
    expect(await preview(outs as Record<string, unknown>, quickStart)).toMatchObject({ changes: false });
  });

  it("a configuration deactivated outside Pulumi is reactivated in place", async () => {
    const { id, outputs } = await createQuickStart();
    await emulator.deactivate(id);
    const refreshed = await lifecycle.read(id, outputs);
    expect(refreshed.props).toMatchObject({ active: false });
    expect(refreshed.inputs).toMatchObject({ active: false });
    expect(await preview(refreshed.props, quickStart)).toEqual({ changes: true, replaces: [], diffs: ["active"], deleteBeforeReplace: false });
    emulator.clearRequests();
    const { outs } = await lifecycle.update(id, refreshed.props, (await lifecycle.check({}, quickStart)).inputs!);
    expect(seen()).toEqual([{ method: "POST", path: `/v1/billing_portal/configurations/${id}`, body: { active: "true", ...EXPAND }, query: {} }]);
    expect(outs).toMatchObject({ active: true });
  });
});

describe("read", () => {
  it("reports a configuration that is gone with an empty id", async () => {
    expect(await lifecycle.read("bpc_doesnotexist", {})).toEqual({ id: "" });
  });
});

describe("delete", () => {
  it("deactivates with one POST, and sends nothing when already inactive", async () => {
    const { id, outputs } = await createQuickStart();
    await lifecycle.deleteConfiguration(id, outputs);
    expect(seen()).toEqual([{ method: "POST", path: `/v1/billing_portal/configurations/${id}`, body: { active: "false", ...EXPAND }, query: {} }]);
    expect((await emulator.configurations()).find((c) => c.id === id)).toMatchObject({ active: false });
    const refreshed = await lifecycle.read(id, outputs);
    emulator.clearRequests();
    await lifecycle.deleteConfiguration(id, refreshed.props!);
    expect(seen()).toEqual([]);
  });

  it("succeeds when the configuration is already gone", async () => {
    await expect(lifecycle.deleteConfiguration("bpc_gone", { active: true })).resolves.toBeUndefined();
    expect(seen()).toEqual([{ method: "POST", path: "/v1/billing_portal/configurations/bpc_gone", body: { active: "false", ...EXPAND }, query: {} }]);
  });
});

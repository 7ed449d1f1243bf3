import { startEmulator, STRIPE_FIXTURE_DEFAULTS, type Emulator, type ServerDefaults } from "../../emulator";
import { apiClient, form } from "./stripeClient";

const CONFIGURATIONS = "/v1/billing_portal/configurations";
const START = 1_700_000_000_000;

/** Defaults other than the schema's, for fields a create leaves out. */
const OTHER_DEFAULTS: ServerDefaults = {
  "features.subscription_cancel.cancellation_reason.options": [],
  "features.subscription_pause.duration": { type: "indefinite", interval_options: [] },
  "features.subscription_update.proration_behavior": "create_prorations",
  "features.subscription_update.trial_update_behavior": "continue_trial",
  "features.customer_update.allowed_updates": ["email"],
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ serverDefaults: OTHER_DEFAULTS, clock: () => START });
});
afterAll(() => emulator.stop());

async function post(path: string, body: string, version?: string) {
  const headers = version ? { "Stripe-Version": version } : {};
  const response = await apiClient(emulator.url).post(path, body, { headers });
  expect(response.status).toBe(200);
  return response.data;
}

describe("serverDefaults", () => {
  test("a create that leaves the fields out gets the server's defaults, the rest the schema's", async () => {
    const created = await post(CONFIGURATIONS, form({ features: { invoice_history: { enabled: true } } }));
    expect(created.features).toEqual({
      customer_update: { allowed_updates: ["email"], enabled: false },
      invoice_history: { enabled: true },
      payment_method_update: { enabled: false, payment_method_configuration: null },
      subscription_cancel: {
        cancellation_reason: { enabled: false, feedback_options: [], options: [] },
        enabled: false,
        mode: "at_period_end",
        proration_behavior: "none",
      },
      subscription_pause: { duration: { interval_options: [], type: "indefinite" }, enabled: false },
      subscription_update: {
        billing_cycle_anchor: null,
        default_allowed_updates: [],
        enabled: false,
        proration_behavior: "create_prorations",
        schedule_at_period_end: { conditions: [] },
        trial_update_behavior: "continue_trial",
      },
    });
    expect(created.metadata).toEqual({});
  });

  test("what a create sends wins over the server's default, down to a field of a given object", async () => {
    const created = await post(
      CONFIGURATIONS,
      form({
        features: {
          customer_update: { enabled: true, allowed_updates: ["address", "tax_id"] },
          subscription_cancel: { enabled: true, cancellation_reason: { enabled: true, options: ["other"] } },
          subscription_pause: { enabled: true },
          subscription_update: { enabled: false, proration_behavior: "none" },
        },
      }),
    );
    expect(created.features.customer_update).toEqual({ allowed_updates: ["address", "tax_id"], enabled: true });
    expect(created.features.subscription_cancel.cancellation_reason).toEqual({ enabled: true, feedback_options: [], options: ["other"] });
    expect(created.features.subscription_pause).toEqual({ duration: { interval_options: [], type: "indefinite" }, enabled: true });
    expect(created.features.subscription_update).toMatchObject({ proration_behavior: "none", trial_update_behavior: "continue_trial" });
  });

  test("an update changes only what it sends; a reset field goes back to the schema's cleared value", async () => {
    const created = await post(CONFIGURATIONS, form({ name: "Gold", features: { invoice_history: { enabled: true } } }));
    const updated = await post(`${CONFIGURATIONS}/${created.id}`, "name=&features[subscription_update][trial_update_behavior]=end_trial");
    expect(updated).toEqual({
      ...created,
      name: null,
      features: { ...created.features, subscription_update: { ...created.features.subscription_update, trial_update_behavior: "end_trial" } },
    });
  });

  test("the account's default configuration gets them too", async () => {
    const [defaultConfiguration] = emulator.configurations().filter((c) => c.is_default === true);
    expect(defaultConfiguration.features).toMatchObject({
      customer_update: { allowed_updates: ["email", "address"], enabled: true },
      subscription_cancel: { cancellation_reason: { options: [] } },
      subscription_update: { proration_behavior: "create_prorations", trial_update_behavior: "continue_trial" },
    });
  });
});

describe("STRIPE_FIXTURE_DEFAULTS", () => {
  test("answers a create that leaves everything out as Stripe's own fixture for the object does (stripe-mock fixtures3.json), at 2026-08-26.dahlia", async () => {
    const fixtures = await startEmulator({ serverDefaults: STRIPE_FIXTURE_DEFAULTS, clock: () => START });
    try {
      const body = form({ business_profile: { privacy_policy_url: "https://example.com/privacy", terms_of_service_url: "https://example.com/terms" }, features: { customer_update: { enabled: true, allowed_updates: ["email", "tax_id"] }, invoice_history: { enabled: true } } });
      const response = await apiClient(fixtures.url).post(CONFIGURATIONS, body, { headers: { "Stripe-Version": "2026-08-26.dahlia" } });
      expect(response.status).toBe(200);
      // The fixture's object, but for the id, the timestamps, livemode and is_default.
      expect(response.data).toEqual({
        id: expect.stringMatching(/^bpc_/),
        object: "billing_portal.configuration",
        active: true,
        application: null,
        business_profile: { headline: null, privacy_policy_url: "https://example.com/privacy", terms_of_service_url: "https://example.com/terms" },
        created: 1_700_000_000,
        default_return_url: null,
        features: {
          customer_update: { allowed_updates: ["email", "tax_id"], enabled: true },
          invoice_history: { enabled: true },
          payment_method_update: { enabled: false, payment_method_configuration: null },
          subscription_cancel: { cancellation_reason: { enabled: false, feedback_options: null, options: [] }, enabled: false, mode: "at_period_end", proration_behavior: "none" },
          subscription_update: {
            billing_cycle_anchor: null,
            default_allowed_updates: [],
            enabled: false,
            proration_behavior: "none",
            schedule_at_period_end: { conditions: [{ type: "decreasing_item_amount" }] },
            trial_update_behavior: "end_trial",
          },
        },
        is_default: false,
        livemode: false,
        login_page: { enabled: false, url: null },
        metadata: null,
        name: null,
        updated: 1_700_000_000,
      });
    } finally {
      await fixtures.stop();
    }
  });

  test("metadata null takes keys, and removing the last one answers an empty map", async () => {
    const fixtures = await startEmulator({ serverDefaults: STRIPE_FIXTURE_DEFAULTS });
    try {
      const client = apiClient(fixtures.url);
      const created = (await client.post(CONFIGURATIONS, form({ features: { invoice_history: { enabled: true } } }))).data;
      expect(created.metadata).toBeNull();
      expect((await client.post(`${CONFIGURATIONS}/${created.id}`, "metadata[team]=billing")).data.metadata).toEqual({ team: "billing" });
      expect((await client.post(`${CONFIGURATIONS}/${created.id}`, "metadata[team]=")).data.metadata).toEqual({});
    } finally {
      await fixtures.stop();
    }
  });
});

describe("refused at start-up", () => {
  test.each([
    [{ "features.subscription_cancel.reasons": [] }, 'serverDefaults: "features.subscription_cancel.reasons" is not a field of the configuration (dotted wire names, e.g. "features.subscription_cancel.mode").'],
    [{ "features.subscriptionCancel.mode": "immediately" }, 'serverDefaults: "features.subscriptionCancel.mode" is not a field of the configuration (dotted wire names, e.g. "features.subscription_cancel.mode").'],
    [{ "features.subscription_update.products.product": "prod_1" }, 'serverDefaults: "features.subscription_update.products.product" is not a field of the configuration (dotted wire names, e.g. "features.subscription_cancel.mode").'],
    [{ "features.subscription_cancel.mode": "later" }, 'serverDefaults: "features.subscription_cancel.mode" holds one of at_period_end, immediately (or null), not "later".'],
    [{ "features.subscription_cancel.cancellation_reason.options": "other" }, 'serverDefaults: "features.subscription_cancel.cancellation_reason.options" holds a list (or null), not "other".'],
    [{ metadata: [] }, 'serverDefaults: "metadata" holds a map of strings (or null), not [].'],
    [{ "login_page.enabled": "true" }, 'serverDefaults: "login_page.enabled" holds a boolean, not "true".'],
    [{ "login_page.enabled": null }, 'serverDefaults: "login_page.enabled" holds a boolean, not null.'],
  ])("%j", async (serverDefaults, message) => {
    await expect(startEmulator({ serverDefaults: serverDefaults as ServerDefaults })).rejects.toThrow(message);
  });
});

import { startEmulator, type Emulator } from "../../emulator";
import { apiClient, EXPAND_PRODUCTS, form, MINIMAL_CREATE } from "./stripeClient";

const START = 1_700_000_000_000;
let now = START;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => now });
});
afterAll(() => emulator.stop());

const CONFIGURATIONS = "/v1/billing_portal/configurations";

const DEFAULT_FEATURES = {
  customer_update: { allowed_updates: [], enabled: false },
  invoice_history: { enabled: true },
  payment_method_update: { enabled: false, payment_method_configuration: null },
  subscription_cancel: {
    cancellation_reason: {
      enabled: false,
      feedback_options: [],
      options: ["too_expensive", "missing_features", "switched_service", "unused", "other"],
    },
    enabled: false,
    mode: "at_period_end",
    proration_behavior: "none",
  },
  subscription_pause: { duration: { interval_options: [{ interval: "month", interval_count: 1 }], type: "interval_options" }, enabled: false },
  subscription_update: {
    billing_cycle_anchor: null,
    default_allowed_updates: [],
    enabled: false,
    proration_behavior: "none",
    schedule_at_period_end: { conditions: [] },
    trial_update_behavior: "end_trial",
  },
};

async function create(body: string, account?: string) {
  const response = await apiClient(emulator.url, { account }).post(CONFIGURATIONS, body);
  expect(response.status).toBe(200);
  return response.data;
}

describe("create", () => {
  test("fills in Stripe's defaults from the schema", async () => {
    now = START;
    const response = await apiClient(emulator.url).post(CONFIGURATIONS, MINIMAL_CREATE);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      id: expect.stringMatching(/^bpc_[A-Za-z0-9]{24}$/),
      object: "billing_portal.configuration",
      active: true,
      application: null,
      business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
      created: 1_700_000_000,
      default_return_url: null,
      features: DEFAULT_FEATURES,
      is_default: false,
      livemode: false,
      login_page: { enabled: false, url: null },
      metadata: {},
      name: null,
      updated: 1_700_000_000,
    });
    expect(Object.keys(response.data).slice(0, 3)).toEqual(["id", "object", "active"]);
  });

  test("keeps what is sent and answers the login page URL once enabled", async () => {
    const body = form({
      name: "Gold",
      business_profile: { headline: "Acme billing", privacy_policy_url: "https://acme.test/privacy" },
      default_return_url: "https://acme.test/account",
      features: {
        customer_update: { enabled: true, allowed_updates: ["email", "tax_id"] },
        payment_method_update: { enabled: true, payment_method_configuration: "pmc_123" },
        subscription_cancel: { enabled: true, mode: "immediately", proration_behavior: "create_prorations", cancellation_reason: { enabled: true, options: ["other"], feedback_options: ["Too slow"] } },
        subscription_pause: { enabled: true, duration: { type: "interval_options", interval_options: [{ interval: "month" }, { interval: "week", interval_count: 2 }] } },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          billing_cycle_anchor: "now",
          schedule_at_period_end: { conditions: [{ type: "shortening_interval" }] },
          products: [{ product: "prod_A", prices: ["price_A1", "price_A2"], adjustable_quantity: { enabled: true, maximum: 5 } }],
        },
      },
      login_page: { enabled: true },
      metadata: { team: "billing" },
    });
    const data = await create(`${body}&${EXPAND_PRODUCTS}`);
    expect(data.name).toBe("Gold");
    expect(data.business_profile).toEqual({ headline: "Acme billing", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: null });
    expect(data.login_page).toEqual({ enabled: true, url: expect.stringMatching(new RegExp(`^${emulator.url}/p/login/[A-Za-z0-9]{24}$`)) });
    expect(data.features.subscription_pause.duration.interval_options).toEqual([
      { interval: "month", interval_count: 1 },
      { interval: "week", interval_count: 2 },
    ]);
    expect(data.features.subscription_update).toEqual({
      billing_cycle_anchor: "now",
      default_allowed_updates: ["price"],
      enabled: true,
      products: [{ adjustable_quantity: { enabled: true, maximum: 5, minimum: 0 }, prices: ["price_A1", "price_A2"], product: "prod_A" }],
      proration_behavior: "none",
      schedule_at_period_end: { conditions: [{ type: "shortening_interval" }] },
      trial_update_behavior: "end_trial",
    });
    expect(data.features.subscription_cancel.cancellation_reason).toEqual({ enabled: true, feedback_options: ["Too slow"], options: ["other"] });
    expect(data.metadata).toEqual({ team: "billing" });
    const login = await apiClient(emulator.url).get(data.login_page.url.replace(emulator.url, ""));
    expect(login.status).toBe(200);
    expect(login.data).toContain("Acme billing");
  });

  test("products are answered only when expanded", async () => {
    const body = form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "prod_B", prices: ["price_B"] }] } } });
    const client = apiClient(emulator.url);
    const plain = await create(body);
    expect(plain.features.subscription_update).not.toHaveProperty("products");
    const retrieved = await client.get(`${CONFIGURATIONS}/${plain.id}`);
    expect(retrieved.data.features.subscription_update).not.toHaveProperty("products");
    const expanded = await client.get(`${CONFIGURATIONS}/${plain.id}?${EXPAND_PRODUCTS}`);
    expect(expanded.data.features.subscription_update.products).toEqual([
      { adjustable_quantity: { enabled: false, maximum: null, minimum: 0 }, prices: ["price_B"], product: "prod_B" },
    ]);
    const updated = await client.post(`${CONFIGURATIONS}/${plain.id}`, `name=x&${EXPAND_PRODUCTS}`);
    expect(updated.data.features.subscription_update.products).toHaveLength(1);
    const updatedPlain = await client.post(`${CONFIGURATIONS}/${plain.id}`, "name=y");
    expect(updatedPlain.data.features.subscription_update).not.toHaveProperty("products");
    const listed = await client.get(`${CONFIGURATIONS}?limit=100&expand[]=data.features.subscription_update.products`);
    const inList = listed.data.data.find((c: { id: string }) => c.id === plain.id);
    expect(inList.features.subscription_update.products).toHaveLength(1);
    const listedPlain = await client.get(`${CONFIGURATIONS}?limit=100`);
    expect(listedPlain.data.data.find((c: { id: string }) => c.id === plain.id).features.subscription_update).not.toHaveProperty("products");
  });
});

describe("update", () => {
  test("merges nested objects, replaces lists, unsets with \"\", removes metadata keys, and moves updated only on change", async () => {
    now = START;
    const client = apiClient(emulator.url);
    const created = await create(
      form({
        name: "Plan",
        business_profile: { headline: "Old headline", terms_of_service_url: "https://acme.test/terms" },
        default_return_url: "https://acme.test/back",
        features: { customer_update: { enabled: true, allowed_updates: ["email", "address"] }, invoice_history: { enabled: true } },
        metadata: { a: "1", b: "2", c: "3" },
      }),
    );
    const path = `${CONFIGURATIONS}/${created.id}`;

    now = START + 5_000;
    const merged = await client.post(path, "business_profile[headline]=New%20headline&features[customer_update][enabled]=true&features[customer_update][allowed_updates][]=phone&metadata[b]=&metadata[d]=4");
    expect(merged.status).toBe(200);
    expect(merged.data.business_profile).toEqual({ headline: "New headline", privacy_policy_url: null, terms_of_service_url: "https://acme.test/terms" });
    expect(merged.data.features.customer_update).toEqual({ allowed_updates: ["phone"], enabled: true });
    expect(merged.data.features.invoice_history).toEqual({ enabled: true });
    expect(merged.data.metadata).toEqual({ a: "1", c: "3", d: "4" });
    expect(merged.data.name).toBe("Plan");
    expect(merged.data.created).toBe(1_700_000_000);
    expect(merged.data.updated).toBe(1_700_000_005);

    now = START + 10_000;
    const same = await client.post(path, "business_profile[headline]=New%20headline&metadata[a]=1");
    expect(same.data.updated).toBe(1_700_000_005);
    const retrieveOnly = await client.get(path);
    expect(retrieveOnly.data.updated).toBe(1_700_000_005);

    now = START + 20_000;
    const unset = await client.post(
      path,
      "name=&default_return_url=&business_profile[headline]=&business_profile[terms_of_service_url]=&features[customer_update][enabled]=true&features[customer_update][allowed_updates]=&metadata=",
    );
    expect(unset.status).toBe(200);
    expect(unset.data.name).toBeNull();
    expect(unset.data.default_return_url).toBeNull();
    expect(unset.data.business_profile).toEqual({ headline: null, privacy_policy_url: null, terms_of_service_url: null });
    expect(unset.data.features.customer_update).toEqual({ allowed_updates: [], enabled: true });
    expect(unset.data.metadata).toEqual({});
    expect(unset.data.updated).toBe(1_700_000_020);
  });

  test("a list of objects is replaced whole, each item with its defaults", async () => {
    const client = apiClient(emulator.url);
    const created = await create(
      form({
        features: {
          payment_method_update: { enabled: true },
          subscription_update: {
            enabled: true,
            products: [
              { product: "prod_1", prices: ["price_1"], adjustable_quantity: { enabled: true, minimum: 2, maximum: 9 } },
              { product: "prod_2", prices: ["price_2"] },
            ],
          },
        },
      }),
    );
    const replaced = await client.post(
      `${CONFIGURATIONS}/${created.id}`,
      `${form({ features: { subscription_update: { enabled: true, products: [{ product: "prod_1", prices: ["price_1b"] }] } } })}&${EXPAND_PRODUCTS}`,
    );
    expect(replaced.data.features.subscription_update.products).toEqual([
      { adjustable_quantity: { enabled: false, maximum: null, minimum: 0 }, prices: ["price_1b"], product: "prod_1" },
    ]);
    expect(replaced.data.features.subscription_update.enabled).toBe(true);
    const emptied = await client.post(`${CONFIGURATIONS}/${created.id}`, `features[subscription_update][enabled]=true&features[subscription_update][products]=&${EXPAND_PRODUCTS}`);
    expect(emptied.data.features.subscription_update.products).toEqual([]);
  });

  test("billing_cycle_anchor is answered null while unchanged, and the login page URL follows enabled", async () => {
    const client = apiClient(emulator.url);
    const created = await create("features[subscription_update][enabled]=false&features[subscription_update][billing_cycle_anchor]=unchanged&login_page[enabled]=true");
    expect(created.features.subscription_update.billing_cycle_anchor).toBeNull();
    const url = created.login_page.url;
    expect(url).toMatch(/\/p\/login\//);
    const now1 = await client.post(`${CONFIGURATIONS}/${created.id}`, "features[subscription_update][enabled]=false&features[subscription_update][billing_cycle_anchor]=now&login_page[enabled]=false");
    expect(now1.data.features.subscription_update.billing_cycle_anchor).toBe("now");
    expect(now1.data.login_page).toEqual({ enabled: false, url: null });
    expect((await client.get(url.replace(emulator.url, ""))).status).toBe(404);
  });

  test("deactivation and reactivation keep the id; the default configuration refuses active=false", async () => {
    const client = apiClient(emulator.url);
    const created = await create(MINIMAL_CREATE);
    const off = await client.post(`${CONFIGURATIONS}/${created.id}`, "active=false");
    expect(off.status).toBe(200);
    expect(off.data.active).toBe(false);
    const on = await client.post(`${CONFIGURATIONS}/${created.id}`, "active=true");
    expect(on.data).toMatchObject({ id: created.id, active: true });

    const defaults = await client.get(`${CONFIGURATIONS}?is_default=true`);
    expect(defaults.data.data).toHaveLength(1);
    const defaultId = defaults.data.data[0].id;
    const refused = await client.post(`${CONFIGURATIONS}/${defaultId}`, "active=false");
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({
      error: { type: "invalid_request_error", message: "You cannot set `active: false` on your default PortalConfiguration.", param: "active" },
    });
    const stillActive = await client.get(`${CONFIGURATIONS}/${defaultId}`);
    expect(stillActive.data.active).toBe(true);
    expect((await client.post(`${CONFIGURATIONS}/${defaultId}`, "active=true")).status).toBe(200);
  });

  test("updating a missing id is a 404", async () => {
    const response = await apiClient(emulator.url).post(`${CONFIGURATIONS}/bpc_missing`, "name=x");
    expect(response.status).toBe(404);
    expect(response.data.error).toMatchObject({ code: "resource_missing", param: "configuration", message: "No such configuration: 'bpc_missing'" });
  });
});

describe("accounts", () => {
  test("each account lazily gets its own plausible default configuration", async () => {
    const response = await apiClient(emulator.url, { account: "acct_fresh1" }).get(CONFIGURATIONS);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      object: "list",
      url: "/v1/billing_portal/configurations",
      has_more: false,
      data: [
        expect.objectContaining({
          object: "billing_portal.configuration",
          is_default: true,
          active: true,
          business_profile: { headline: null, privacy_policy_url: null, terms_of_service_url: null },
          features: expect.objectContaining({
            customer_update: { allowed_updates: ["email", "address"], enabled: true },
            invoice_history: { enabled: true },
            payment_method_update: { enabled: true, payment_method_configuration: null },
          }),
        }),
      ],
    });
  });

  test("an id of another account answers 404 like a missing id", async () => {
    const mine = await create(MINIMAL_CREATE, "acct_owner1");
    const other = apiClient(emulator.url, { account: "acct_other1" });
    for (const response of [await other.get(`${CONFIGURATIONS}/${mine.id}`), await apiClient(emulator.url).post(`${CONFIGURATIONS}/${mine.id}`, "name=x")]) {
      expect(response.status).toBe(404);
      expect(response.data).toEqual({
        error: {
          type: "invalid_request_error",
          code: "resource_missing",
          doc_url: "https://stripe.com/docs/error-codes/resource-missing",
          param: "configuration",
          message: `No such configuration: '${mine.id}'`,
        },
      });
    }
    const owner = await apiClient(emulator.url, { account: "acct_owner1" }).get(`${CONFIGURATIONS}/${mine.id}`);
    expect(owner.status).toBe(200);
    expect(emulator.configurations({ account: "acct_owner1" }).map((c) => c.id)).toContain(mine.id);
    expect(emulator.configurations().map((c) => c.id)).not.toContain(mine.id);
  });
});

// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Configurations.js";
import { startEmulator, type Emulator } from "../../emulator";
import type { EmptyablePaths } from "../fixtures/stripeParamPaths";
import { apiClient, form, MINIMAL_CREATE } from "./stripeClient";

let emulator: Emulator;
let existing: string;
beforeAll(async () => {
  emulator = await startEmulator();
  existing = (await apiClient(emulator.url).post("/v1/billing_portal/configurations", MINIMAL_CREATE)).data.id;
});
afterAll(() => emulator.stop());

const CREATE = "/v1/billing_portal/configurations";
const long = (n: number) => "a".repeat(n);
/** Stripe's message for `""` where the parameter type has none. */
const emptyRefused = (param: string) =>
  `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`;

/** Compiles only while `expand` takes no `""` (is not `Emptyable`) in any pinned configuration params type. */
type ExpandEmptyable = Extract<
  EmptyablePaths<BillingPortal.ConfigurationCreateParams | BillingPortal.ConfigurationUpdateParams | BillingPortal.ConfigurationRetrieveParams | BillingPortal.ConfigurationListParams>,
  "expand"
>;
const noConfigurationExpandEmptyable: [ExpandEmptyable] extends [never] ? true : ExpandEmptyable = true;

/** [what, body, message, param] for create requests. */
const createRefusals: [string, string, string, string | undefined][] = [
  ["an unknown nested parameter", "features[featurs]=1", "Received unknown parameter: features[featurs]", "features[featurs]"],
  ["an unknown top-level parameter", `${MINIMAL_CREATE}&colour=red`, "Received unknown parameter: colour", "colour"],
  ["an unknown parameter deep in a list item", form({ features: { subscription_update: { enabled: true, products: [{ product: "prod_1", prices: ["price_1"], colour: "x" }] } } }), "Received unknown parameter: features[subscription_update][products][0][colour]", "features[subscription_update][products][0][colour]"],
  ["active on create", `${MINIMAL_CREATE}&active=false`, "Received unknown parameter: active", "active"],
  ["missing features", "business_profile[headline]=Hi", "Missing required param: features.", "features"],
  ["an unknown field inside a feature", "features[invoice_history][x]=", "Received unknown parameter: features[invoice_history][x]", "features[invoice_history][x]"],
  ["a sent feature without enabled", "features[customer_update][allowed_updates][]=email", "Missing required param: features[customer_update][enabled].", "features[customer_update][enabled]"],
  ["an unknown field in login_page", `${MINIMAL_CREATE}&login_page[x]=1`, "Received unknown parameter: login_page[x]", "login_page[x]"],
  ["a product without prices", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "prod_1" }] } } }), "Missing required param: features[subscription_update][products][0][prices].", "features[subscription_update][products][0][prices]"],
  ["a product without product", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ prices: ["price_1"] }] } } }), "Missing required param: features[subscription_update][products][0][product].", "features[subscription_update][products][0][product]"],
  ["pause duration without type", "features[subscription_pause][duration][interval_options][0][interval]=month", "Missing required param: features[subscription_pause][duration][type].", "features[subscription_pause][duration][type]"],
  ["a two-value enum", "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=later", "Invalid features[subscription_cancel][mode]: must be one of at_period_end or immediately", "features[subscription_cancel][mode]"],
  ["a three-value enum", "features[subscription_update][enabled]=false&features[subscription_update][proration_behavior]=sometimes", "Invalid features[subscription_update][proration_behavior]: must be one of always_invoice, create_prorations, or none", "features[subscription_update][proration_behavior]"],
  ["an enum inside a list", "features[customer_update][enabled]=true&features[customer_update][allowed_updates][]=email&features[customer_update][allowed_updates][]=age", "Invalid features[customer_update][allowed_updates][1]: must be one of address, email, name, phone, shipping, or tax_id", "features[customer_update][allowed_updates][1]"],
  ["a too-long headline", `${MINIMAL_CREATE}&business_profile[headline]=${long(61)}`, `Invalid string: ${long(61)}; must be at most 60 characters`, "business_profile[headline]"],
  ["a too-long name", `${MINIMAL_CREATE}&name=${long(257)}`, `Invalid string: ${long(257)}; must be at most 256 characters`, "name"],
  ["a boolean that is not true/false", "features[invoice_history][enabled]=yes", "Invalid boolean: yes", "features[invoice_history][enabled]"],
  ["a boolean written 1", "features[invoice_history][enabled]=1", "Invalid boolean: 1", "features[invoice_history][enabled]"],
  ["an integer with letters", form({ features: { payment_method_update: { enabled: true }, subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: "two" }] } } } }), "Invalid integer: two", "features[subscription_pause][duration][interval_options][0][interval_count]"],
  ["an integer below its minimum", form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 0 }] } } } }), "This value must be greater than or equal to 1.", "features[subscription_pause][duration][interval_options][0][interval_count]"],
  ["an integer above its maximum", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "prod_1", prices: ["price_1"], adjustable_quantity: { enabled: true, maximum: 100000000 } }] } } }), "This value must be less than or equal to 99999999.", "features[subscription_update][products][0][adjustable_quantity][maximum]"],
  ["a relative URL", `${MINIMAL_CREATE}&default_return_url=/account`, "Not a valid URL", "default_return_url"],
  ["a non-web URL", `${MINIMAL_CREATE}&business_profile[privacy_policy_url]=ftp://example.com/p`, "Not a valid URL", "business_profile[privacy_policy_url]"],
  ["a list over maxItems", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: Array.from({ length: 11 }, (_, i) => ({ product: `prod_${i}`, prices: [`price_${i}`] })) } } }), "Invalid array: features[subscription_update][products] must have at most 10 elements", "features[subscription_update][products]"],
  ["an empty prices list (a product needs a price; not Emptyable)", "features[payment_method_update][enabled]=true&features[subscription_update][enabled]=true&features[subscription_update][products][0][product]=prod_1&features[subscription_update][products][0][prices]=", emptyRefused("features[subscription_update][products][0][prices]"), "features[subscription_update][products][0][prices]"],
  ["a scalar where a list belongs", "features[customer_update][enabled]=true&features[customer_update][allowed_updates]=email", "Invalid array", "features[customer_update][allowed_updates]"],
  ["a scalar where an object belongs", "features=all", "Invalid hash", "features"],
  ["an object where a string belongs", `${MINIMAL_CREATE}&name[first]=x`, 'Invalid string: {"first":"x"}', "name"],
  ["a product id of another kind", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "price_1", prices: ["price_1"] }] } } }), "No such product: 'price_1'", "features[subscription_update][products][0][product]"],
  ["a price id of another kind", form({ features: { payment_method_update: { enabled: true }, subscription_update: { enabled: true, products: [{ product: "prod_1", prices: ["price_1", "prod_2"] }] } } }), "No such price: 'prod_2'", "features[subscription_update][products][0][prices][1]"],
  ["an empty string on a field that cannot be unset", "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=", "You passed an empty string for 'features[subscription_cancel][mode]'. We assume empty values are an attempt to unset a parameter; however 'features[subscription_cancel][mode]' cannot be unset. You should remove 'features[subscription_cancel][mode]' from your request or supply a non-empty value.", "features[subscription_cancel][mode]"],
  ["too many metadata keys", `${MINIMAL_CREATE}&${Array.from({ length: 51 }, (_, i) => `metadata[k${i}]=v`).join("&")}`, "Invalid metadata: metadata can have at most 50 keys, but you passed in 51.", "metadata"],
  ["a too-long metadata key", `${MINIMAL_CREATE}&metadata[${long(41)}]=v`, `Metadata keys can have up to 40 characters, but you passed in a key that is 41 characters. Invalid key: ${long(41)}`, `metadata[${long(41)}]`],
  ["a too-long metadata value", `${MINIMAL_CREATE}&metadata[k]=${long(501)}`, `Metadata values can have up to 500 characters, but you passed in a value that is 501 characters. Invalid value: ${long(501)}`, "metadata[k]"],
  ["a nested metadata value", `${MINIMAL_CREATE}&metadata[k][x]=1`, 'Invalid string: {"x":"1"}', "metadata[k]"],
  // The pinned types' documented rules of a pause and a cancel (see provider/schema.ts).
  ["a pause with interval_options but none listed", "features[subscription_pause][duration][type]=interval_options", "Missing required param: features[subscription_pause][duration][interval_options].", "features[subscription_pause][duration][interval_options]"],
  ["a pause with interval_options emptied", "features[subscription_pause][duration][type]=interval_options&features[subscription_pause][duration][interval_options]=", "Invalid array: features[subscription_pause][duration][interval_options] must have at least one element when features[subscription_pause][duration][type] is interval_options", "features[subscription_pause][duration][interval_options]"],
  ["a pause over three years in days", form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "day", interval_count: 1096 }] } } } }), "This value must be less than or equal to 1095.", "features[subscription_pause][duration][interval_options][0][interval_count]"],
  ["a pause over three years in weeks", form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "day", interval_count: 1095 }, { interval: "week", interval_count: 157 }] } } } }), "This value must be less than or equal to 156 when `interval` is `week` (a pause lasts at most three years).", "features[subscription_pause][duration][interval_options][1][interval_count]"],
  ["a pause over three years in months", form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "month", interval_count: 37 }] } } } }), "This value must be less than or equal to 36 when `interval` is `month` (a pause lasts at most three years).", "features[subscription_pause][duration][interval_options][0][interval_count]"],
  ["a pause over three years in years", form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "year", interval_count: 4 }] } } } }), "This value must be less than or equal to 3 when `interval` is `year` (a pause lasts at most three years).", "features[subscription_pause][duration][interval_options][0][interval_count]"],
  ["always_invoice on a cancel", "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=immediately&features[subscription_cancel][proration_behavior]=always_invoice", "Invalid features[subscription_cancel][proration_behavior]: must be one of create_prorations or none", "features[subscription_cancel][proration_behavior]"],
  ["subscription updates without payment method update", "features[subscription_update][enabled]=true", "Cannot enable subscription updates while payment method update is disabled.", "features[subscription_update][enabled]"],
  ["create_prorations with at_period_end", "features[subscription_cancel][enabled]=true&features[subscription_cancel][proration_behavior]=create_prorations", "`proration_behavior` can only be `create_prorations` when `features[subscription_cancel][mode]` is `immediately`; subscriptions canceled at the end of the period are not prorated.", "features[subscription_cancel][proration_behavior]"],
];

describe("create refuses", () => {
  test.each(createRefusals)("%s", async (_what, body, message, param) => {
    const response = await apiClient(emulator.url).post(CREATE, body);
    expect(response.status).toBe(400);
    const error: Record<string, string> = { type: "invalid_request_error", message };
    if (param !== undefined) error.param = param;
    if (message.startsWith("No such")) {
      error.code = "resource_missing";
      error.doc_url = "https://stripe.com/docs/error-codes/resource-missing";
    }
    expect(response.data).toEqual({ error });
  });
});

describe("accepted wire forms", () => {
  test("a[]=x and a[0]=x both make lists, and indexes past qs's array limit still count", async () => {
    const client = apiClient(emulator.url);
    const brackets = await client.post(CREATE, "features[customer_update][enabled]=true&features[customer_update][allowed_updates][]=email&features[customer_update][allowed_updates][]=name");
    const indexed = await client.post(CREATE, "features[customer_update][enabled]=true&features[customer_update][allowed_updates][0]=email&features[customer_update][allowed_updates][1]=name");
    const sparse = await client.post(CREATE, "features[customer_update][enabled]=true&features[customer_update][allowed_updates][200]=name&features[customer_update][allowed_updates][101]=email");
    for (const response of [brackets, indexed, sparse]) {
      expect(response.status).toBe(200);
      expect(response.data.features.customer_update.allowed_updates).toEqual(["email", "name"]);
    }
  });

  test("expand[] is accepted on every configuration route; other paths are refused", async () => {
    const client = apiClient(emulator.url);
    const expand = "expand[]=features.subscription_update.products";
    expect((await client.post(CREATE, `${MINIMAL_CREATE}&${expand}`)).status).toBe(200);
    expect((await client.get(`${CREATE}/${existing}?${expand}`)).status).toBe(200);
    expect((await client.post(`${CREATE}/${existing}`, expand)).status).toBe(200);
    expect((await client.get(`${CREATE}?expand[]=data.features.subscription_update.products`)).status).toBe(200);
    const refused = await client.get(`${CREATE}/${existing}?expand[]=features.customer_update`);
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ error: { type: "invalid_request_error", message: "This property cannot be expanded (features.customer_update)." } });
    const listWithoutData = await client.get(`${CREATE}?${expand}`);
    expect(listWithoutData.data).toEqual({ error: { type: "invalid_request_error", message: "This property cannot be expanded (features.subscription_update.products)." } });
  });

  // stripe-mock v0.203.0 refuses `expand=` on each of these routes too (400 invalid_request_error, "... validation failed:
  // value must be a slice (was: string)"); the message here is Stripe's own for `""` on a parameter that cannot be unset.
  test('expand="" and an empty expand path are refused on every configuration route', async () => {
    expect(noConfigurationExpandEmptyable).toBe(true);
    const client = apiClient(emulator.url);
    const routes: [string, (extra: string) => Promise<{ status: number; data: unknown }>][] = [
      ["create", (extra) => client.post(CREATE, `${MINIMAL_CREATE}&${extra}`)],
      ["update", (extra) => client.post(`${CREATE}/${existing}`, `name=Renamed&${extra}`)],
      ["retrieve", (extra) => client.get(`${CREATE}/${existing}?${extra}`)],
      ["list", (extra) => client.get(`${CREATE}?${extra}`)],
    ];
    for (const [route, send] of routes) {
      for (const [extra, param] of [["expand=", "expand"], ["expand[]=", "expand[0]"]]) {
        const response = await send(extra);
        expect({ route, extra, status: response.status, body: response.data }).toEqual({
          route,
          extra,
          status: 400,
          body: { error: { type: "invalid_request_error", message: emptyRefused(param), param } },
        });
      }
    }
    expect((await client.get(`${CREATE}/${existing}`)).data.name).toBeNull();
  });

  test("retrieve refuses unknown query parameters", async () => {
    const response = await apiClient(emulator.url).get(`${CREATE}/${existing}?foo=bar`);
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ error: { type: "invalid_request_error", message: "Received unknown parameter: foo", param: "foo" } });
  });
});

describe('"" on create and on update, as the pinned create and update types take it', () => {
  const START = 1_700_000_000_000;
  let fixed: Emulator;
  beforeAll(async () => {
    fixed = await startEmulator({ clock: () => START });
  });
  afterAll(() => fixed.stop());

  async function created(body: string) {
    const response = await apiClient(fixed.url).post(CREATE, body);
    expect(response.status).toBe(200);
    return response.data;
  }

  /** [param, a create body it fits in, the param given a value]: Emptyable on update only. */
  const updateOnly: [string, string, string][] = [
    ["business_profile[privacy_policy_url]", MINIMAL_CREATE, "business_profile[privacy_policy_url]=https://acme.test/privacy"],
    ["business_profile[terms_of_service_url]", MINIMAL_CREATE, "business_profile[terms_of_service_url]=https://acme.test/terms"],
    ["metadata", MINIMAL_CREATE, "metadata[team]=billing"],
    [
      "features[subscription_update][schedule_at_period_end][conditions]",
      "features[subscription_update][enabled]=false",
      "features[subscription_update][schedule_at_period_end][conditions][0][type]=shortening_interval",
    ],
  ];

  test.each(updateOnly)("%s: refused on create; on update, back to what leaving it out gives", async (param, base, withValue) => {
    const client = apiClient(fixed.url);
    const refused = await client.post(CREATE, `${base}&${param}=`);
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ error: { type: "invalid_request_error", message: emptyRefused(param), param } });

    const plain = await created(base);
    const held = await created(`${base}&${withValue}`);
    expect(held).not.toEqual({ ...plain, id: held.id });
    const updated = await client.post(`${CREATE}/${held.id}`, `${param}=`);
    expect(updated.status).toBe(200);
    expect(updated.data).toEqual({ ...plain, id: held.id });
  });

  test("Emptyable on create: the same configuration as leaving the field out, and a metadata key removed before it exists", async () => {
    const base = "features[customer_update][enabled]=true&features[payment_method_update][enabled]=true&features[subscription_update][enabled]=false&features[subscription_pause][duration][type]=indefinite";
    const empty = [
      "name=",
      "default_return_url=",
      "business_profile[headline]=",
      "features[customer_update][allowed_updates]=",
      "features[payment_method_update][payment_method_configuration]=",
      "features[subscription_update][default_allowed_updates]=",
      "features[subscription_update][products]=",
      "metadata[gone]=",
    ];
    const plain = await created(base);
    const withEmpty = await created([base, ...empty].join("&"));
    expect(withEmpty).toEqual({ ...plain, id: withEmpty.id });
  });

  test("Emptyable on create: an indefinite pause's interval options emptied, where leaving them out gives Stripe's one month", async () => {
    const pause = "features[invoice_history][enabled]=true&features[subscription_pause][enabled]=true&features[subscription_pause][duration][type]=indefinite";
    expect((await created(pause)).features.subscription_pause).toEqual({ enabled: true, duration: { type: "indefinite", interval_options: [{ interval: "month", interval_count: 1 }] } });
    expect((await created(`${pause}&features[subscription_pause][duration][interval_options]=`)).features.subscription_pause).toEqual({ enabled: true, duration: { type: "indefinite", interval_options: [] } });
  });

  test("Emptyable on create: cancellation reasons and feedback options emptied", async () => {
    const cancel = await created(
      "features[subscription_cancel][enabled]=true&features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][options]=&features[subscription_cancel][cancellation_reason][feedback_options]=",
    );
    expect(cancel.features.subscription_cancel).toEqual({
      cancellation_reason: { enabled: true, feedback_options: [], options: [] },
      enabled: true,
      mode: "at_period_end",
      proration_behavior: "none",
    });
  });
});

describe("update refuses", () => {
  test.each([
    ["active that is not a boolean", "active=no", "Invalid boolean: no", "active"],
    ["an unknown field inside a feature", "features[invoice_history][x]=1", "Received unknown parameter: features[invoice_history][x]", "features[invoice_history][x]"],
    ["a sent feature whose enabled goes with every update", "features[payment_method_update][payment_method_configuration]=pmc_1", "Missing required param: features[payment_method_update][enabled].", "features[payment_method_update][enabled]"],
    ["features sent as a string", "features=", "You passed an empty string for 'features'. We assume empty values are an attempt to unset a parameter; however 'features' cannot be unset. You should remove 'features' from your request or supply a non-empty value.", "features"],
    ["subscription updates while the stored payment method update is off", "features[subscription_update][enabled]=true", "Cannot enable subscription updates while payment method update is disabled.", "features[subscription_update][enabled]"],
    ["create_prorations while the stored mode is at_period_end", "features[subscription_cancel][enabled]=true&features[subscription_cancel][proration_behavior]=create_prorations", "`proration_behavior` can only be `create_prorations` when `features[subscription_cancel][mode]` is `immediately`; subscriptions canceled at the end of the period are not prorated.", "features[subscription_cancel][proration_behavior]"],
    // A request's own parameters, even though the stored duration already lists Stripe's one month.
    ["a pause type of interval_options without its options", "features[subscription_pause][duration][type]=interval_options", "Missing required param: features[subscription_pause][duration][interval_options].", "features[subscription_pause][duration][interval_options]"],
    ["always_invoice on a cancel", "features[subscription_cancel][proration_behavior]=always_invoice", "Invalid features[subscription_cancel][proration_behavior]: must be one of create_prorations or none", "features[subscription_cancel][proration_behavior]"],
  ])("%s", async (_what, body, message, param) => {
    const response = await apiClient(emulator.url).post(`${CREATE}/${existing}`, body);
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ error: { type: "invalid_request_error", message, param } });
  });

  test("enabled is optional on update where Stripe's update makes it so, and required on create", async () => {
    const client = apiClient(emulator.url);
    expect((await client.post(`${CREATE}/${existing}`, "features[customer_update][allowed_updates][]=email")).status).toBe(200);
    const created = await client.post(CREATE, "features[customer_update][allowed_updates][]=email");
    expect(created.data).toEqual({ error: { type: "invalid_request_error", message: "Missing required param: features[customer_update][enabled].", param: "features[customer_update][enabled]" } });
    const withoutOptions = await client.post(CREATE, "features[subscription_cancel][enabled]=true&features[subscription_cancel][cancellation_reason][enabled]=true");
    expect(withoutOptions.data).toEqual({ error: { type: "invalid_request_error", message: "Missing required param: features[subscription_cancel][cancellation_reason][options].", param: "features[subscription_cancel][cancellation_reason][options]" } });
  });

  test("a pause's documented limits: exactly three years in each unit, and always_invoice on subscription updates only", async () => {
    const client = apiClient(emulator.url);
    const threeYears = form({ features: { subscription_pause: { duration: { type: "interval_options", interval_options: [{ interval: "day", interval_count: 1095 }, { interval: "week", interval_count: 156 }, { interval: "month", interval_count: 36 }, { interval: "year", interval_count: 3 }] } } } });
    const updated = await client.post(`${CREATE}/${existing}`, threeYears);
    expect(updated.status).toBe(200);
    expect(updated.data.features.subscription_pause.duration.interval_options.map((o: { interval_count: number }) => o.interval_count)).toEqual([1095, 156, 36, 3]);
    const indefinite = await client.post(`${CREATE}/${existing}`, "features[subscription_pause][duration][type]=indefinite");
    expect(indefinite.status).toBe(200);
    expect(indefinite.data.features.subscription_pause.duration.type).toBe("indefinite");
    const invoice = await client.post(`${CREATE}/${existing}`, "features[subscription_update][proration_behavior]=always_invoice");
    expect(invoice.status).toBe(200);
    expect(invoice.data.features.subscription_update.proration_behavior).toBe("always_invoice");
  });

  test("features is optional on update, and the merged result decides the cross-field rules", async () => {
    const client = apiClient(emulator.url);
    expect((await client.post(`${CREATE}/${existing}`, "name=Renamed")).status).toBe(200);
    expect((await client.post(`${CREATE}/${existing}`, "features[payment_method_update][enabled]=true")).status).toBe(200);
    expect((await client.post(`${CREATE}/${existing}`, "features[subscription_update][enabled]=true")).status).toBe(200);
    const turnOff = await client.post(`${CREATE}/${existing}`, "features[payment_method_update][enabled]=false");
    expect(turnOff.data.error.message).toBe("Cannot enable subscription updates while payment method update is disabled.");
    const immediately = await client.post(`${CREATE}/${existing}`, "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=immediately&features[subscription_cancel][proration_behavior]=create_prorations");
    expect(immediately.status).toBe(200);
    const back = await client.post(`${CREATE}/${existing}`, "features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=at_period_end");
    expect(back.status).toBe(400);
    expect(back.data.error.param).toBe("features[subscription_cancel][proration_behavior]");
  });
});

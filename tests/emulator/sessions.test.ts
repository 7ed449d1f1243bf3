import axios from "axios";
// Types only: the `stripe` package is a devDependency that states every parameter of the pinned version.
import type { BillingPortal } from "stripe/cjs/resources/BillingPortal/Sessions.js";
import { startEmulator, type Emulator } from "../../emulator";
import { createSessionParams } from "../../emulator/routeParams";
import { acceptsEmpty, wireName, type SchemaNode } from "../../provider/schema";
import type { EmptyablePaths } from "../fixtures/stripeParamPaths";
import { apiClient, form, MINIMAL_CREATE } from "./stripeClient";

let emulator: Emulator;
let defaultId: string;
/** A configuration with every feature on, a default return URL and products. */
let full: { id: string };
beforeAll(async () => {
  emulator = await startEmulator({ clock: () => 1_750_000_000_000 });
  defaultId = (await apiClient(emulator.url).get("/v1/billing_portal/configurations?is_default=true")).data.data[0].id;
  full = (
    await apiClient(emulator.url).post(
      "/v1/billing_portal/configurations",
      form({
        business_profile: { headline: "Acme <Gold> & co", privacy_policy_url: "https://acme.test/privacy", terms_of_service_url: "https://acme.test/terms" },
        default_return_url: "https://acme.test/account",
        features: {
          customer_update: { enabled: true, allowed_updates: ["email", "tax_id"] },
          invoice_history: { enabled: true },
          payment_method_update: { enabled: true },
          subscription_cancel: { enabled: true, mode: "immediately", cancellation_reason: { enabled: true, options: ["too_expensive", "unused"] } },
          subscription_pause: { enabled: true },
          subscription_update: {
            enabled: true,
            default_allowed_updates: ["price", "quantity"],
            products: [{ product: "prod_gold", prices: ["price_gold_month", "price_gold_year"], adjustable_quantity: { enabled: true, minimum: 1, maximum: 10 } }],
          },
        },
      }),
    )
  ).data;
});
afterAll(() => emulator.stop());

const SESSIONS = "/v1/billing_portal/sessions";
const post = (body: Record<string, unknown> | string, account?: string) =>
  apiClient(emulator.url, { account }).post(SESSIONS, typeof body === "string" ? body : form(body));

describe("session answers", () => {
  test("a minimal session uses the default configuration", async () => {
    const response = await post({ customer: "cus_123", return_url: "https://acme.test/back" });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      id: expect.stringMatching(/^bps_[A-Za-z0-9]{24}$/),
      object: "billing_portal.session",
      configuration: defaultId,
      created: 1_750_000_000,
      customer: "cus_123",
      customer_account: null,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: "https://acme.test/back",
      url: expect.stringMatching(new RegExp(`^${emulator.url}/p/session/test_[A-Za-z0-9]{32}$`)),
    });
  });

  test("return_url falls back to the configuration's default_return_url; locale and on_behalf_of are kept", async () => {
    const response = await post({ customer: "cus_123", configuration: full.id, locale: "fr-CA", on_behalf_of: "acct_obo" });
    expect(response.data).toMatchObject({ configuration: full.id, return_url: "https://acme.test/account", locale: "fr-CA", on_behalf_of: "acct_obo" });
  });

  test("customer_account may stand in for customer", async () => {
    const response = await post({ customer_account: "acct_customer", return_url: "https://acme.test" });
    expect(response.status).toBe(200);
    expect(response.data).toMatchObject({ customer: null, customer_account: "acct_customer" });
  });

  test("a subscription_cancel flow with retention is answered with every flow key", async () => {
    const response = await post({
      customer: "cus_1",
      configuration: full.id,
      flow_data: {
        type: "subscription_cancel",
        subscription_cancel: { subscription: "sub_1", retention: { type: "coupon_offer", coupon_offer: { coupon: "SAVE20" } } },
        after_completion: { type: "redirect", redirect: { return_url: "https://acme.test/done" } },
      },
    });
    expect(response.status).toBe(200);
    expect(response.data.flow).toEqual({
      after_completion: { hosted_confirmation: null, redirect: { return_url: "https://acme.test/done" }, type: "redirect" },
      customer_update: null,
      subscription_cancel: { retention: { coupon_offer: { coupon: "SAVE20" }, type: "coupon_offer" }, subscription: "sub_1" },
      subscription_pause: null,
      subscription_update: null,
      subscription_update_confirm: null,
      type: "subscription_cancel",
    });
  });

  test("flow defaults: after_completion is portal_homepage, hosted_confirmation and retention fill in", async () => {
    const payment = await post({ customer: "cus_1", configuration: full.id, flow_data: { type: "payment_method_update" } });
    expect(payment.data.flow).toEqual({
      after_completion: { hosted_confirmation: null, redirect: null, type: "portal_homepage" },
      customer_update: null,
      subscription_cancel: null,
      subscription_pause: null,
      subscription_update: null,
      subscription_update_confirm: null,
      type: "payment_method_update",
    });
    const confirm = await post({
      customer: "cus_1",
      configuration: full.id,
      flow_data: {
        type: "subscription_update_confirm",
        subscription_update_confirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_gold_year", quantity: 2 }] },
        after_completion: { type: "hosted_confirmation" },
      },
    });
    expect(confirm.data.flow.after_completion).toEqual({ hosted_confirmation: { custom_message: null }, redirect: null, type: "hosted_confirmation" });
    expect(confirm.data.flow.subscription_update_confirm).toEqual({ discounts: [], items: [{ id: "si_1", price: "price_gold_year", quantity: 2 }], subscription: "sub_1" });
    const cancel = await post({ customer: "cus_1", configuration: full.id, flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: "sub_2" } } });
    expect(cancel.data.flow.subscription_cancel).toEqual({ retention: null, subscription: "sub_2" });
    const customerUpdate = await post({ customer: "cus_1", configuration: full.id, flow_data: { type: "customer_update" } });
    expect(customerUpdate.data.flow.customer_update).toEqual({});
  });

  test("after_expiration is answered when sent", async () => {
    const response = await post({ customer: "cus_1", return_url: "https://acme.test", after_expiration: { type: "customer_login", customer_login: { expires_at: 1_760_000_000 } } });
    expect(response.data.after_expiration).toEqual({ customer_login: { expires_at: 1_760_000_000 }, type: "customer_login" });
  });

  test("expand[]=configuration embeds the configuration", async () => {
    const response = await post(`${form({ customer: "cus_1", configuration: full.id })}&expand[]=configuration`);
    expect(response.data.configuration).toMatchObject({ id: full.id, object: "billing_portal.configuration" });
    expect(response.data.configuration.features.subscription_update).not.toHaveProperty("products");
    const withProducts = await post(`${form({ customer: "cus_1", configuration: full.id })}&expand[]=configuration&expand[]=configuration.features.subscription_update.products`);
    expect(withProducts.data.configuration.features.subscription_update.products).toHaveLength(1);
  });
});

describe("session refusals", () => {
  const refusals: [string, Record<string, unknown>, string, string][] = [
    ["no customer", { return_url: "https://acme.test" }, "Missing required param: customer.", "customer"],
    ["an unknown parameter", { customer: "cus_1", colour: "red" }, "Received unknown parameter: colour", "colour"],
    ["a customer id of another kind", { customer: "sub_1" }, "No such customer: 'sub_1'", "customer"],
    ["a return_url that is not a URL", { customer: "cus_1", return_url: "back" }, "Not a valid URL", "return_url"],
    ["a flow without type", { customer: "cus_1", flow_data: { subscription_cancel: { subscription: "sub_1" } } }, "Missing required param: flow_data[type].", "flow_data[type]"],
    ["an unknown flow type", { customer: "cus_1", flow_data: { type: "refund" } }, "Invalid flow_data[type]: must be one of customer_update, payment_method_update, subscription_cancel, subscription_pause, subscription_update, or subscription_update_confirm", "flow_data[type]"],
    ["a flow type without its object", { customer: "cus_1", flow_data: { type: "subscription_cancel" } }, "Missing required param: flow_data[subscription_cancel].", "flow_data[subscription_cancel]"],
    ["a flow object without its subscription", { customer: "cus_1", flow_data: { type: "subscription_pause", subscription_pause: { x: "1" } } }, "Received unknown parameter: flow_data[subscription_pause][x]", "flow_data[subscription_pause][x]"],
    ["the object of another flow type", { customer: "cus_1", flow_data: { type: "payment_method_update", subscription_cancel: { subscription: "sub_1" } } }, "`flow_data[subscription_cancel]` can only be set when `flow_data[type]` is `subscription_cancel`.", "flow_data[subscription_cancel]"],
    ["redirect without its object", { customer: "cus_1", flow_data: { type: "payment_method_update", after_completion: { type: "redirect" } } }, "Missing required param: flow_data[after_completion][redirect].", "flow_data[after_completion][redirect]"],
    ["a redirect URL that is not a URL", { customer: "cus_1", flow_data: { type: "payment_method_update", after_completion: { type: "redirect", redirect: { return_url: "done" } } } }, "Not a valid URL", "flow_data[after_completion][redirect][return_url]"],
    ["a too-long hosted confirmation", { customer: "cus_1", flow_data: { type: "payment_method_update", after_completion: { type: "hosted_confirmation", hosted_confirmation: { custom_message: "m".repeat(501) } } } }, `Invalid string: ${"m".repeat(501)}; must be at most 500 characters`, "flow_data[after_completion][hosted_confirmation][custom_message]"],
    ["confirm items without id", { customer: "cus_1", flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1", items: [{ price: "price_1" }] } } }, "Missing required param: flow_data[subscription_update_confirm][items][0][id].", "flow_data[subscription_update_confirm][items][0][id]"],
    ["confirm without items", { customer: "cus_1", flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1" } } }, "Missing required param: flow_data[subscription_update_confirm][items].", "flow_data[subscription_update_confirm][items]"],
    // "Currently, only up to one may be specified" (pinned types of `subscription_update_confirm.items`).
    ["confirm with two items", { customer: "cus_1", flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1", items: [{ id: "si_1" }, { id: "si_2" }] } } }, "Invalid array: flow_data[subscription_update_confirm][items] must have at most 1 element", "flow_data[subscription_update_confirm][items]"],
    ["retention without its coupon offer", { customer: "cus_1", flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: "sub_1", retention: { type: "coupon_offer" } } } }, "Missing required param: flow_data[subscription_cancel][retention][coupon_offer].", "flow_data[subscription_cancel][retention][coupon_offer]"],
    ["an unknown locale", { customer: "cus_1", locale: "xx" }, expect.stringMatching(/^Invalid locale: must be one of auto, bg, cs, .*, zh-HK, or zh-TW$/) as unknown as string, "locale"],
    ["a flow whose feature is off in the configuration", { customer: "cus_1", return_url: "https://acme.test", flow_data: { type: "subscription_update", subscription_update: { subscription: "sub_1" } } }, `You cannot create a portal session with the \`subscription_update\` flow because the \`subscription_update\` feature is disabled on portal configuration '${"DEFAULT"}'.`, "flow_data[type]"],
    ["no return URL anywhere", { customer: "cus_1" }, "You must provide a `return_url` or set a default return URL on your portal configuration.", "return_url"],
  ];
  test.each(refusals)("%s", async (_what, body, message, param) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const expected = typeof message === "string" ? message.replace("'DEFAULT'", `'${defaultId}'`) : message;
    expect(response.data.error).toEqual({
      type: "invalid_request_error",
      message: expected,
      param,
      ...(typeof message === "string" && message.startsWith("No such") ? { code: "resource_missing", doc_url: "https://stripe.com/docs/error-codes/resource-missing" } : {}),
    });
  });

  test("a confirmed item's price must be one of the configuration's product prices", async () => {
    const confirm = (price: string) => ({
      customer: "cus_1",
      configuration: full.id,
      flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1", items: [{ id: "si_1", price }] } },
    });
    const refused = await post(confirm("price_silver_month"));
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({
      error: {
        type: "invalid_request_error",
        message: `The price 'price_silver_month' is not one of the prices in \`features.subscription_update.products\` of portal configuration '${full.id}'.`,
        param: "flow_data[subscription_update_confirm][items][0][price]",
      },
    });
    expect((await post(confirm("price_gold_month"))).status).toBe(200);
  });

  test("a configuration of another account or a missing one is a 404", async () => {
    for (const response of [await post({ customer: "cus_1", configuration: full.id }, "acct_elsewhere"), await post({ customer: "cus_1", configuration: "bpc_missing" })]) {
      expect(response.status).toBe(404);
      expect(response.data.error).toMatchObject({ type: "invalid_request_error", code: "resource_missing", param: "configuration" });
    }
    expect((await post({ customer: "cus_1", configuration: "bpc_missing" })).data.error.message).toBe("No such configuration: 'bpc_missing'");
  });

  test("an inactive configuration is refused", async () => {
    const inactive = (await apiClient(emulator.url).post("/v1/billing_portal/configurations", `${MINIMAL_CREATE}&default_return_url=https://acme.test`)).data;
    emulator.deactivate(inactive.id);
    const response = await post({ customer: "cus_1", configuration: inactive.id });
    expect(response.status).toBe(400);
    expect(response.data).toEqual({
      error: {
        type: "invalid_request_error",
        message: `The portal configuration '${inactive.id}' is not active. Reactivate it with \`active=true\` or create the session with an active configuration.`,
        param: "configuration",
      },
    });
  });
});

/** Compiles only while no session parameter of the pinned version takes `""` (`Emptyable`), `expand` included. */
type SessionEmptyable = EmptyablePaths<BillingPortal.SessionCreateParams>;
const noSessionParameterEmptyable: [SessionEmptyable] extends [never] ? true : SessionEmptyable = true;

/** Every field of a parameter tree, by its wire path. */
function wireFields(node: SchemaNode, path = ""): { path: string; node: SchemaNode }[] {
  if (node.kind === "list") return [{ path, node }, ...wireFields(node.items, `${path}[0]`)];
  if (node.kind !== "object") return [{ path, node }];
  return [
    ...(path ? [{ path, node }] : []),
    ...Object.entries(node.fields).flatMap(([key, child]) => wireFields(child, path ? `${path}[${wireName(key)}]` : wireName(key))),
  ];
}

describe('"" in a session, which the pinned SessionCreateParams takes nowhere', () => {
  const CONFIRM = "flow_data[type]=subscription_update_confirm&flow_data[subscription_update_confirm][subscription]=sub_1&flow_data[subscription_update_confirm][items][0][id]=si_1&flow_data[subscription_update_confirm][items][0][price]=price_gold_month";
  const confirm = (extra: string) => post(`customer=cus_1&configuration=${full.id}&${CONFIRM}${extra ? `&${extra}` : ""}`);
  const emptyRefused = (param: string) =>
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`;

  test("no field of the emulator's session parameters takes it either", () => {
    expect(noSessionParameterEmptyable).toBe(true);
    expect(wireFields(createSessionParams).filter(({ node }) => acceptsEmpty(node, true)).map(({ path }) => path)).toEqual([]);
  });

  // stripe-mock v0.203.0 refuses the list-level ones too (400 invalid_request_error, "... validation failed: value must be
  // a slice (was: string)"); the message here is Stripe's own for `""` on a parameter that cannot be unset.
  test.each([
    ["the discounts list", "flow_data[subscription_update_confirm][discounts]=", "flow_data[subscription_update_confirm][discounts]"],
    ["a discount", "flow_data[subscription_update_confirm][discounts][]=", "flow_data[subscription_update_confirm][discounts][0]"],
    ["a discount's coupon", "flow_data[subscription_update_confirm][discounts][0][coupon]=", "flow_data[subscription_update_confirm][discounts][0][coupon]"],
    ["a discount's promotion code", "flow_data[subscription_update_confirm][discounts][0][promotion_code]=", "flow_data[subscription_update_confirm][discounts][0][promotion_code]"],
    ["the expand list", "expand=", "expand"],
    ["an expand path", "expand[]=", "expand[0]"],
  ])("%s is refused", async (_what, extra, param) => {
    const response = await confirm(extra);
    expect(response.status).toBe(400);
    expect(response.data).toEqual({ error: { type: "invalid_request_error", message: emptyRefused(param), param } });
  });

  test("discounts and expand that hold something are taken, as is leaving them out", async () => {
    const coupon = await confirm("flow_data[subscription_update_confirm][discounts][0][coupon]=STAY10");
    expect(coupon.status).toBe(200);
    expect(coupon.data.flow.subscription_update_confirm.discounts).toEqual([{ coupon: "STAY10", promotion_code: null }]);
    const promotion = await confirm("flow_data[subscription_update_confirm][discounts][0][promotion_code]=promo_1");
    expect(promotion.status).toBe(200);
    expect(promotion.data.flow.subscription_update_confirm.discounts).toEqual([{ coupon: null, promotion_code: "promo_1" }]);
    const plain = await confirm("");
    expect(plain.status).toBe(200);
    expect(plain.data.flow.subscription_update_confirm.discounts).toEqual([]);
    const expanded = await confirm("expand[]=configuration");
    expect(expanded.status).toBe(200);
    expect(expanded.data.configuration).toMatchObject({ id: full.id, object: "billing_portal.configuration" });
  });
});

describe("the session page", () => {
  test("shows what the configuration gives the customer, escaped, without an API key", async () => {
    const session = (
      await post({ customer: "cus_page", configuration: full.id, return_url: "https://acme.test/back?a=1&b=2", flow_data: { type: "subscription_cancel", subscription_cancel: { subscription: "sub_page" } } })
    ).data;
    const page = await axios.get(session.url, { validateStatus: () => true, responseType: "text" });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html: string = page.data;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>Acme &lt;Gold&gt; &amp; co</title>");
    expect(html).toContain("<h1>Acme &lt;Gold&gt; &amp; co</h1>");
    expect(html).not.toContain("<Gold>");
    expect(html).toContain('<a href="https://acme.test/privacy">Privacy policy</a>');
    expect(html).toContain('<a href="https://acme.test/terms">Terms of service</a>');
    expect(html).toContain("<code>cus_page</code>");
    for (const feature of ["Customer update", "Invoice history", "Payment method update", "Subscription cancel", "Subscription pause", "Subscription update"]) {
      expect(html).toContain(`<tr><td>${feature}</td><td><span class="on">on</span></td></tr>`);
    }
    expect(html).toContain("<li>Email</li><li>Tax id</li>");
    expect(html).toContain("<strong>immediately</strong>");
    expect(html).toContain("<li>Too expensive</li><li>Unused</li>");
    expect(html).toContain("<td><code>prod_gold</code></td><td><code>price_gold_month</code>, <code>price_gold_year</code></td><td>adjustable (1–10)</td>");
    expect(html).toContain("You may change: Price, Quantity.");
    expect(html).toContain("<strong>Subscription cancel</strong> flow for subscription <code>sub_page</code>");
    expect(html).toContain('Return to the business: <a href="https://acme.test/back?a=1&amp;b=2">https://acme.test/back?a=1&amp;b=2</a>');
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|src=/);
  });

  test("reflects the configuration's current state, and turned-off features", async () => {
    const session = (await post({ customer: "cus_live", return_url: "https://acme.test" })).data;
    const before: string = (await axios.get(session.url, { responseType: "text" })).data;
    expect(before).toContain(`<tr><td>Subscription cancel</td><td><span class="off">off</span></td></tr>`);
    expect(before).toContain("<li>Email</li><li>Address</li>");
    expect(before).not.toContain("Cancel your subscription");
    emulator.edit(defaultId, { business_profile: { headline: "Edited headline" }, features: { subscription_cancel: { enabled: true } } });
    const after: string = (await axios.get(session.url, { responseType: "text" })).data;
    expect(after).toContain("<h1>Edited headline</h1>");
    expect(after).toContain("Cancel your subscription");
    expect(after).toContain("<strong>at the end of the billing period</strong>");
  });

  test("an unknown session is a 404 page", async () => {
    const page = await axios.get(`${emulator.url}/p/session/test_nope`, { validateStatus: () => true, responseType: "text" });
    expect(page.status).toBe(404);
    expect(page.data).toContain("This link is not valid");
  });
});

import * as pulumi from "@pulumi/pulumi";
import { Emulator, startEmulator } from "../../emulator";
import { createConfiguration } from "../../provider/configurationsApi";
import { StripeClient } from "../../provider/stripeClient";
import { wireFromCamel } from "../../provider/desiredState";
import { FormParams } from "../../provider/encodeForm";
import { sessionSchema } from "../../provider/sessionSchema";
import { StripeApiError } from "../../provider/stripeError";
import { createPortalSession, PortalSession } from "../../sdk";

const KEY = "sk_test_sessions_4242";
let emulator: Emulator;
let options: { apiKey: string; apiBase: string };
/** An active configuration with a default return URL and every feature a flow needs. */
let configurationId: string;

/** The requests the emulator saw since the last call, as method, path, decoded body, account and idempotency key. */
function seen() {
  const requests = emulator.requests().map((r) => ({ method: r.method, path: r.path, body: r.body, query: r.query, account: r.account, idempotencyKey: r.idempotencyKey, status: r.status }));
  emulator.clearRequests();
  return requests;
}

const IDEMPOTENCY_KEY = expect.stringMatching(/^pulumi-stripe-portal-[0-9a-f-]{36}$/);
const SESSION_URL = () => expect.stringMatching(new RegExp(`^${emulator.url.replace(/\./g, "\\.")}/p/session/test_[A-Za-z0-9]{32}$`));

async function newConfiguration(params: Record<string, unknown>, stripeAccount?: string): Promise<string> {
  const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
  const created = await createConfiguration(client, params as never, { stripeAccount });
  emulator.clearRequests();
  return created.body.id;
}

const FULL_CONFIGURATION = {
  business_profile: { headline: "Acme billing" },
  default_return_url: "https://acme.test/account",
  features: {
    customer_update: { enabled: "true", allowed_updates: ["email"] },
    invoice_history: { enabled: "true" },
    payment_method_update: { enabled: "true" },
    subscription_cancel: { enabled: "true" },
    subscription_pause: { enabled: "true" },
    subscription_update: { enabled: "true", default_allowed_updates: ["price"], products: [{ product: "prod_basic", prices: ["price_monthly", "price_yearly"] }] },
  },
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  options = { apiKey: KEY, apiBase: emulator.url };
  configurationId = await newConfiguration(FULL_CONFIGURATION);
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.clearRequests();
  emulator.clearFaults();
});

describe("createPortalSession against the emulator", () => {
  it("sends one POST in Stripe's wire names and answers the session in camelCase", async () => {
    const session = await createPortalSession(
      {
        customer: "cus_123",
        configuration: configurationId,
        returnUrl: "https://acme.test/billing",
        locale: "fr",
        flowData: {
          type: "subscription_cancel",
          subscriptionCancel: { subscription: "sub_123", retention: { type: "coupon_offer", couponOffer: { coupon: "SAVE10" } } },
          afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/after" } },
        },
      },
      options,
    );
    const requests = emulator.requests();
    expect(seen()).toEqual([
      {
        method: "POST",
        path: "/v1/billing_portal/sessions",
        query: {},
        body: {
          customer: "cus_123",
          configuration: configurationId,
          return_url: "https://acme.test/billing",
          locale: "fr",
          flow_data: {
            type: "subscription_cancel",
            subscription_cancel: { subscription: "sub_123", retention: { type: "coupon_offer", coupon_offer: { coupon: "SAVE10" } } },
            after_completion: { type: "redirect", redirect: { return_url: "https://acme.test/after" } },
          },
        },
        account: null,
        idempotencyKey: IDEMPOTENCY_KEY,
        status: 200,
      },
    ]);
    expect(requests[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(requests[0].headers["stripe-version"]).toBe("2026-10-28.endive");
    expect(requests[0].headers["idempotency-key"]).toBe(requests[0].idempotencyKey);
    expect(requests[0].headers["stripe-account"]).toBeUndefined();
    expect(requests[0].headers.authorization).toBe("[redacted]");
    expect(session).toEqual<PortalSession>({
      id: expect.stringMatching(/^bps_[A-Za-z0-9]+$/),
      object: "billing_portal.session",
      configuration: configurationId,
      created: expect.any(Number),
      customer: "cus_123",
      customerAccount: null,
      flow: {
        type: "subscription_cancel",
        afterCompletion: { type: "redirect", hostedConfirmation: null, redirect: { returnUrl: "https://acme.test/after" } },
        customerUpdate: null,
        subscriptionCancel: { subscription: "sub_123", retention: { type: "coupon_offer", couponOffer: { coupon: "SAVE10" } } },
        subscriptionPause: null,
        subscriptionUpdate: null,
        subscriptionUpdateConfirm: null,
      },
      livemode: false,
      locale: "fr",
      onBehalfOf: null,
      returnUrl: "https://acme.test/billing",
      url: SESSION_URL(),
    });
    expect(Math.abs(session.created - Date.now() / 1000)).toBeLessThan(60);
  });

  it("sends the bracketed form names Stripe reads", async () => {
    await createPortalSession(
      { customer: "cus_123", configuration: configurationId, flowData: { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/after" } } } },
      options,
    );
    const requests = seen();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v1/billing_portal/sessions"]);
    expect(flatten(requests[0].body)).toEqual({
      customer: "cus_123",
      configuration: configurationId,
      "flow_data[type]": "payment_method_update",
      "flow_data[after_completion][type]": "redirect",
      "flow_data[after_completion][redirect][return_url]": "https://acme.test/after",
    });
  });

  it("fills in every flow's defaults in the answer", async () => {
    const session = await createPortalSession(
      { customer: "cus_123", configuration: configurationId, flowData: { type: "subscription_update_confirm", subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_yearly", quantity: 2 }], discounts: [{ coupon: "SAVE10" }] } } },
      options,
    );
    expect(seen()[0].body).toEqual({
      customer: "cus_123",
      configuration: configurationId,
      flow_data: { type: "subscription_update_confirm", subscription_update_confirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_yearly", quantity: "2" }], discounts: [{ coupon: "SAVE10" }] } },
    });
    expect(session.flow).toEqual({
      type: "subscription_update_confirm",
      afterCompletion: { type: "portal_homepage", hostedConfirmation: null, redirect: null },
      customerUpdate: null,
      subscriptionCancel: null,
      subscriptionPause: null,
      subscriptionUpdate: null,
      subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_yearly", quantity: 2 }], discounts: [{ coupon: "SAVE10", promotionCode: null }] },
    });
    const customerUpdate = await createPortalSession({ customer: "cus_123", configuration: configurationId, flowData: { type: "customer_update" } }, options);
    expect(customerUpdate.flow).toMatchObject({ type: "customer_update", customerUpdate: {} });
  });

  it("falls back to the default configuration and to the configuration's default return URL", async () => {
    const defaultConfiguration = emulator.configurations().find((c) => c.is_default === true)!;
    expect(defaultConfiguration.default_return_url).toBeNull();
    // Without a return URL anywhere, Stripe refuses the session.
    await expect(createPortalSession({ customer: "cus_123" }, options)).rejects.toMatchObject({
      name: "StripeApiError",
      message: "You must provide a `return_url` or set a default return URL on your portal configuration.",
      statusCode: 400,
      param: "return_url",
    });
    emulator.edit(String(defaultConfiguration.id), { default_return_url: "https://acme.test/default-return" });
    emulator.clearRequests();

    const session = await createPortalSession({ customer: "cus_123" }, options);
    expect(seen()).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123" }, account: null, idempotencyKey: IDEMPOTENCY_KEY, status: 200 },
    ]);
    expect(session).toMatchObject({ configuration: defaultConfiguration.id, returnUrl: "https://acme.test/default-return", flow: null, locale: null });

    const named = await createPortalSession({ customer: "cus_123", configuration: configurationId }, options);
    expect(named).toMatchObject({ configuration: configurationId, returnUrl: "https://acme.test/account" });
    expect(seen().map((r) => r.body)).toEqual([{ customer: "cus_123", configuration: configurationId }]);
  });

  it("sends Stripe-Account when stripeAccount is given, and uses that account's configuration", async () => {
    const account = "acct_1SessionsConnect";
    const connected = await newConfiguration({ default_return_url: "https://connected.test/account", features: { invoice_history: { enabled: "true" } } }, account);
    const session = await createPortalSession({ customer: "cus_123", configuration: connected, onBehalfOf: "acct_1OnBehalf" }, { ...options, stripeAccount: account });
    const requests = emulator.requests();
    expect(seen()).toEqual([
      {
        method: "POST",
        path: "/v1/billing_portal/sessions",
        query: {},
        body: { customer: "cus_123", configuration: connected, on_behalf_of: "acct_1OnBehalf" },
        account,
        idempotencyKey: IDEMPOTENCY_KEY,
        status: 200,
      },
    ]);
    expect(requests[0].headers["stripe-account"]).toBe(account);
    expect(session).toMatchObject({ configuration: connected, onBehalfOf: "acct_1OnBehalf", returnUrl: "https://connected.test/account" });
    // The platform's configuration is not the connected account's.
    await expect(createPortalSession({ customer: "cus_123", configuration: configurationId }, { ...options, stripeAccount: account })).rejects.toMatchObject({
      name: "StripeApiError",
      statusCode: 404,
      code: "resource_missing",
    });
  });

  it("surfaces an inactive configuration's 400 as a StripeApiError with Stripe's message, without retrying", async () => {
    const inactive = await newConfiguration({ default_return_url: "https://acme.test/account", features: { invoice_history: { enabled: "true" } } });
    emulator.deactivate(inactive);
    const attempt = createPortalSession({ customer: "cus_123", configuration: inactive }, options);
    await expect(attempt).rejects.toBeInstanceOf(StripeApiError);
    await expect(attempt).rejects.toMatchObject({
      message: `The portal configuration '${inactive}' is not active. Reactivate it with \`active=true\` or create the session with an active configuration.`,
      type: "invalid_request_error",
      param: "configuration",
      statusCode: 400,
      requestId: expect.stringMatching(/^req_/),
    });
    expect(seen()).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123", configuration: inactive }, account: null, idempotencyKey: IDEMPOTENCY_KEY, status: 400 },
    ]);
  });

  it("surfaces a flow whose feature is off as Stripe's 400", async () => {
    const noPause = await newConfiguration({ default_return_url: "https://acme.test/account", features: { invoice_history: { enabled: "true" } } });
    await expect(createPortalSession({ customer: "cus_123", configuration: noPause, flowData: { type: "subscription_pause", subscriptionPause: { subscription: "sub_1" } } }, options)).rejects.toMatchObject({
      name: "StripeApiError",
      message: `You cannot create a portal session with the \`subscription_pause\` flow because the \`subscription_pause\` feature is disabled on portal configuration '${noPause}'.`,
      param: "flow_data[type]",
      statusCode: 400,
    });
  });

  it("retries a 500 with the same idempotency key and answers the one session", async () => {
    emulator.fault({ status: 500, match: { method: "POST", path: "/v1/billing_portal/sessions" } });
    const session = await createPortalSession({ customer: "cus_123", configuration: configurationId }, options);
    const requests = seen();
    expect(requests).toEqual([
      { method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123", configuration: configurationId }, account: null, idempotencyKey: IDEMPOTENCY_KEY, status: 500 },
      { method: "POST", path: "/v1/billing_portal/sessions", query: {}, body: { customer: "cus_123", configuration: configurationId }, account: null, idempotencyKey: requests[0].idempotencyKey, status: 200 },
    ]);
    expect(session).toMatchObject({ id: expect.stringMatching(/^bps_/), url: SESSION_URL() });
    expect(emulator.pendingFaults()).toEqual([]);
  });

  it("a lost answer is retried with the same key", async () => {
    emulator.fault({ drop: "after", match: { method: "POST", path: "/v1/billing_portal/sessions" } });
    const session = await createPortalSession({ customer: "cus_123", configuration: configurationId }, options);
    const requests = seen();
    expect(requests.map((r) => [r.status, r.idempotencyKey])).toEqual([
      // The first attempt was processed (200 logged) but its answer was dropped.
      [200, IDEMPOTENCY_KEY],
      [200, requests[0].idempotencyKey],
    ]);
    expect(session.id).toMatch(/^bps_/);
  });

  it("each call has its own idempotency key", async () => {
    const first = await createPortalSession({ customer: "cus_123", configuration: configurationId }, options);
    const second = await createPortalSession({ customer: "cus_123", configuration: configurationId }, options);
    const [a, b] = seen();
    expect(a.idempotencyKey).not.toBe(b.idempotencyKey);
    expect(first.id).not.toBe(second.id);
    expect(first.url).not.toBe(second.url);
  });

  it("takes a pulumi.Output configuration (a PortalConfiguration's id) and answers an Output of the session", async () => {
    const output = createPortalSession({ customer: "cus_123", configuration: pulumi.output(configurationId), returnUrl: "https://acme.test/from-output" }, options);
    expect(pulumi.Output.isInstance(output)).toBe(true);
    const session = await new Promise<PortalSession>((resolve) => output.apply((value) => resolve(value)));
    expect(session).toMatchObject({ configuration: configurationId, customer: "cus_123", returnUrl: "https://acme.test/from-output", url: SESSION_URL() });
    expect(seen().map((r) => r.body)).toEqual([{ customer: "cus_123", configuration: configurationId, return_url: "https://acme.test/from-output" }]);
    // The URL opens the customer's portal: it is a secret in the stack's state.
    expect(await new Promise<boolean>((resolve) => pulumi.isSecret(output).then(resolve))).toBe(true);
  });

  it("gives up after maxRetries", async () => {
    emulator.fault({ status: 500, error: { type: "api_error", message: "Down" }, times: 5 });
    await expect(createPortalSession({ customer: "cus_123", configuration: configurationId }, { ...options, maxRetries: 1 })).rejects.toThrow("Down");
    expect(seen().map((r) => r.status)).toEqual([500, 500]);
    emulator.clearFaults();
  });

  it("falls back to STRIPE_API_KEY and STRIPE_API_BASE when no options are given", async () => {
    const saved = { key: process.env.STRIPE_API_KEY, base: process.env.STRIPE_API_BASE, account: process.env.STRIPE_ACCOUNT };
    process.env.STRIPE_API_KEY = KEY;
    process.env.STRIPE_API_BASE = `${emulator.url}/`;
    delete process.env.STRIPE_ACCOUNT;
    try {
      const session = await createPortalSession({ customer: "cus_env", configuration: configurationId });
      expect(session).toMatchObject({ customer: "cus_env", configuration: configurationId, url: SESSION_URL() });
      const requests = emulator.requests();
      expect(seen().map((r) => [r.method, r.path, r.body])).toEqual([["POST", "/v1/billing_portal/sessions", { customer: "cus_env", configuration: configurationId }]]);
      expect(requests[0].headers["stripe-version"]).toBe("2026-10-28.endive");

      // An explicit option wins over the environment.
      process.env.STRIPE_API_BASE = "http://127.0.0.1:9";
      await createPortalSession({ customer: "cus_env", configuration: configurationId }, { apiBase: emulator.url });
      expect(seen()).toHaveLength(1);

      delete process.env.STRIPE_API_KEY;
      process.env.STRIPE_API_BASE = emulator.url;
      await expect(createPortalSession({ customer: "cus_env", configuration: configurationId })).rejects.toMatchObject({
        name: "StripeApiError",
        type: "authentication_error",
        message: "No Stripe API key is set. Set it as a secret in the stack config with `pulumi config set --secret stripe:apiKey <key>`, or in the STRIPE_API_KEY environment variable.",
      });
      expect(seen()).toEqual([]);
    } finally {
      restore("STRIPE_API_KEY", saved.key);
      restore("STRIPE_API_BASE", saved.base);
      restore("STRIPE_ACCOUNT", saved.account);
    }
  });

  it("sends nothing for invalid parameters", async () => {
    // JavaScript callers and values built at run time: the types refuse these (tests/sdk/portalSessionParams.test.ts).
    await expect(createPortalSession({ customer: "cus_123", configuration: configurationId, flowData: { type: "subscription_cancel" } as never }, options)).rejects.toThrow(
      'Invalid portal session parameters: flowData.subscriptionCancel is required when flowData.type is "subscription_cancel"',
    );
    // A flow type that names an Object.prototype property is just an unknown flow type.
    await expect(createPortalSession({ customer: "cus_123", flowData: { type: "constructor" as never } }, options)).rejects.toThrow(
      /^Invalid portal session parameters: flowData\.type must be one of customer_update, .*, subscription_update_confirm; got "constructor"$/,
    );
    await expect(createPortalSession({ customer: "cus_123", customerAccount: "acct_1Customer" }, options)).rejects.toThrow(
      "Invalid portal session parameters: customerAccount cannot be given with customer: give one or the other",
    );
    await expect(createPortalSession({ customer: null, configuration: configurationId } as never, options)).rejects.toThrow(
      "Invalid portal session parameters: customer must not be null; leave it out for Stripe's default",
    );
    expect(seen()).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string, string]>([
    [
      "a flow object for another type",
      { type: "payment_method_update", subscriptionCancel: { subscription: "sub_1" } },
      'flowData.subscriptionCancel can only be given when flowData.type is "subscription_cancel"',
      "`flow_data[subscription_cancel]` can only be set when `flow_data[type]` is `subscription_cancel`.",
      "flow_data[subscription_cancel]",
    ],
    [
      "a redirect on the home page",
      { type: "payment_method_update", afterCompletion: { type: "portal_homepage", redirect: { returnUrl: "https://acme.test/done" } } },
      'flowData.afterCompletion.redirect can only be given when flowData.afterCompletion.type is "redirect"',
      "`flow_data[after_completion][redirect]` can only be set when `flow_data[after_completion][type]` is `redirect`.",
      "flow_data[after_completion][redirect]",
    ],
    [
      "a redirect without its object",
      { type: "payment_method_update", afterCompletion: { type: "redirect" } },
      'flowData.afterCompletion.redirect is required when flowData.afterCompletion.type is "redirect"',
      "Missing required param: flow_data[after_completion][redirect].",
      "flow_data[after_completion][redirect]",
    ],
  ])("refuses %s before sending, as the emulator (one shared rule) refuses it on the wire", async (_, flowData, sdkMessage, stripeMessage, param) => {
    const params = { customer: "cus_123", configuration: configurationId, flowData: flowData as never };
    await expect(createPortalSession(params, options)).rejects.toThrow(`Invalid portal session parameters: ${sdkMessage}`);
    expect(seen()).toEqual([]);
    const client = new StripeClient({ apiKey: KEY, apiBase: emulator.url, apiVersion: "2026-10-28.endive" });
    await expect(client.post("/v1/billing_portal/sessions", wireFromCamel(sessionSchema, params) as FormParams)).rejects.toMatchObject({ message: stripeMessage, param, statusCode: 400 });
    expect(seen().map((r) => r.status)).toEqual([400]);
  });

  it("never puts the key in an error", async () => {
    const attempt = createPortalSession({ customer: "cus_123", configuration: "bpc_missing" }, options);
    await expect(attempt).rejects.toMatchObject({ statusCode: 404, code: "resource_missing" });
    const error = await attempt.catch((e: unknown) => e);
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })).not.toContain(KEY);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** A decoded qs body as the bracketed names it was sent with. */
function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object") return { [prefix]: value };
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return Object.assign({}, ...entries.map(([key, child]) => flatten(child, prefix ? `${prefix}[${key}]` : key)));
}

import { AfterCompletionParams, createPortalSession, FlowDataParams, PortalSessionParams, PortalSessionParamsError, portalSessionFailures, sessionSettings } from "../../sdk/portalSession";

describe("portalSessionFailures", () => {
  it("accepts a plain session and every flow", () => {
    expect(portalSessionFailures({ customer: "cus_1" })).toEqual([]);
    expect(portalSessionFailures({ customer: "cus_1", configuration: "bpc_1", returnUrl: "https://acme.test", locale: "fr", onBehalfOf: "acct_1" })).toEqual([]);
    const flows: PortalSessionParams["flowData"][] = [
      { type: "customer_update" },
      { type: "payment_method_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "Thanks" } } },
      { type: "subscription_cancel", subscriptionCancel: { subscription: "sub_1", retention: { type: "coupon_offer", couponOffer: { coupon: "SAVE10" } } } },
      { type: "subscription_pause", subscriptionPause: { subscription: "sub_1" } },
      { type: "subscription_update", subscriptionUpdate: { subscription: "sub_1" }, afterCompletion: { type: "redirect", redirect: { returnUrl: "https://acme.test/done" } } },
      { type: "subscription_update_confirm", subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: "price_2", quantity: 2 }], discounts: [{ coupon: "C" }] } },
    ];
    for (const flowData of flows) expect(portalSessionFailures({ customer: "cus_1", flowData })).toEqual([]);
  });

  it.each<[string, PortalSessionParams, { property: string; reason: string }]>([
    ["no customer", {}, { property: "customer", reason: "is required (or customerAccount)" }],
    ["a wrong locale", { customer: "cus_1", locale: "xx" as never }, { property: "locale", reason: expect.stringMatching(/^must be one of auto, bg, cs, .*; got "xx"$/) as never }],
    ["a flow without a type", { customer: "cus_1", flowData: {} as never }, { property: "flowData.type", reason: "is required" }],
    ["a redirect object without its URL", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: {} as never } } }, { property: "flowData.afterCompletion.redirect.returnUrl", reason: "is required" }],
    ["a long custom message", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "m".repeat(501) } } } }, { property: "flowData.afterCompletion.hostedConfirmation.customMessage", reason: "must be at most 500 characters; got 501" }],
    ["a relative return URL", { customer: "cus_1", returnUrl: "/account" }, { property: "returnUrl", reason: 'must be an absolute http(s) URL; got "/account"' }],
    ["a relative redirect URL", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: { returnUrl: "acme.test" } } } }, { property: "flowData.afterCompletion.redirect.returnUrl", reason: 'must be an absolute http(s) URL; got "acme.test"' }],
    ["an unknown parameter", { customer: "cus_1", return_url: "https://acme.test" } as never, { property: "return_url", reason: expect.stringMatching(/^unknown property "return_url"; expected one of /) as never }],
    // Stripe reads both as two customers; the emulator's session rules do not check this yet.
    ["both customer and customerAccount", { customer: "cus_1", customerAccount: "acct_1" }, { property: "customerAccount", reason: "cannot be given with customer: give one or the other" }],
    // null goes out as a blank, which Stripe reads as "unset" and refuses for a session.
    ["a null customer", { customer: null } as never, { property: "customer", reason: "must not be null; leave it out for Stripe's default" }],
    ["a null customer beside a customerAccount", { customer: null, customerAccount: "acct_1" } as never, { property: "customer", reason: "must not be null; leave it out for Stripe's default" }],
    ["a null return URL", { customer: "cus_1", returnUrl: null } as never, { property: "returnUrl", reason: "must not be null; leave it out for Stripe's default" }],
    ["a null deep inside", { customer: "cus_1", afterExpiration: { type: "customer_login", customerLogin: { expiresAt: null } } } as never, { property: "afterExpiration.customerLogin.expiresAt", reason: "must not be null; leave it out for Stripe's default" }],
    ["a null item price", { customer: "cus_1", flowData: { type: "subscription_update_confirm", subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1", price: null }] } } } as never, { property: "flowData.subscriptionUpdateConfirm.items[0].price", reason: "must not be null; leave it out for Stripe's default" }],
    // "Currently, only up to one may be specified" (pinned types of `subscription_update_confirm.items`).
    ["two confirmed items", { customer: "cus_1", flowData: { type: "subscription_update_confirm", subscriptionUpdateConfirm: { subscription: "sub_1", items: [{ id: "si_1" }, { id: "si_2" }] } } }, { property: "flowData.subscriptionUpdateConfirm.items", reason: "must have at most 1 item; got 2" }],
    ["a null object, named once", { customer: "cus_1", flowData: null } as never, { property: "flowData", reason: "must be an object; got null" }],
  ])("names the parameter for %s", (_, params, failure) => {
    expect(portalSessionFailures(params)).toEqual([failure]);
  });
});

/**
 * `type` decides which object goes with it. Each value below does not compile (`tsc --noEmit`
 * fails on an unused `@ts-expect-error`), and the same value from JavaScript, or built at run
 * time, is refused before sending with a message naming the camelCase parameter: the rule is
 * the emulator's, shared through provider/taggedUnionRule.ts.
 */
describe("flowData and afterCompletion: unions on type, checked at run time too", () => {
  const failuresOf = (flowData: FlowDataParams) => portalSessionFailures({ customer: "cus_1", flowData });
  const afterCompletion = (after: AfterCompletionParams) => portalSessionFailures({ customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: after } });

  it("a subscription flow without its object", () => {
    // @ts-expect-error subscription_cancel needs subscriptionCancel
    const cancel: FlowDataParams = { type: "subscription_cancel" };
    // @ts-expect-error subscription_update_confirm needs subscriptionUpdateConfirm
    const confirm: FlowDataParams = { type: "subscription_update_confirm", afterCompletion: { type: "portal_homepage" } };
    expect(failuresOf(cancel)).toEqual([{ property: "flowData.subscriptionCancel", reason: 'is required when flowData.type is "subscription_cancel"' }]);
    expect(failuresOf(confirm)).toEqual([{ property: "flowData.subscriptionUpdateConfirm", reason: 'is required when flowData.type is "subscription_update_confirm"' }]);
  });

  it("a flow object for another type", () => {
    // @ts-expect-error subscriptionCancel goes with subscription_cancel only
    const other: FlowDataParams = { type: "payment_method_update", subscriptionCancel: { subscription: "sub_1" } };
    // @ts-expect-error subscriptionUpdate goes with subscription_update only
    const extra: FlowDataParams = { type: "subscription_pause", subscriptionPause: { subscription: "sub_1" }, subscriptionUpdate: { subscription: "sub_1" } };
    expect(failuresOf(other)).toEqual([{ property: "flowData.subscriptionCancel", reason: 'can only be given when flowData.type is "subscription_cancel"' }]);
    expect(failuresOf(extra)).toEqual([{ property: "flowData.subscriptionUpdate", reason: 'can only be given when flowData.type is "subscription_update"' }]);
  });

  it("a redirect without its object, and a redirect or message on another type", () => {
    // @ts-expect-error redirect needs redirect.returnUrl
    const noUrl: AfterCompletionParams = { type: "redirect" };
    // @ts-expect-error redirect goes with type redirect only
    const homepage: AfterCompletionParams = { type: "portal_homepage", redirect: { returnUrl: "https://acme.test/done" } };
    // @ts-expect-error hostedConfirmation goes with type hosted_confirmation only
    const both: AfterCompletionParams = { type: "redirect", redirect: { returnUrl: "https://acme.test/done" }, hostedConfirmation: { customMessage: "Thanks" } };
    expect(afterCompletion(noUrl)).toEqual([{ property: "flowData.afterCompletion.redirect", reason: 'is required when flowData.afterCompletion.type is "redirect"' }]);
    expect(afterCompletion(homepage)).toEqual([{ property: "flowData.afterCompletion.redirect", reason: 'can only be given when flowData.afterCompletion.type is "redirect"' }]);
    expect(afterCompletion(both)).toEqual([{ property: "flowData.afterCompletion.hostedConfirmation", reason: 'can only be given when flowData.afterCompletion.type is "hosted_confirmation"' }]);
  });

  it("a retention offer without its coupon offer", () => {
    // @ts-expect-error coupon_offer needs couponOffer
    const retention: FlowDataParams = { type: "subscription_cancel", subscriptionCancel: { subscription: "sub_1", retention: { type: "coupon_offer" } } };
    expect(failuresOf(retention)).toEqual([
      { property: "flowData.subscriptionCancel.retention.couponOffer", reason: 'is required when flowData.subscriptionCancel.retention.type is "coupon_offer"' },
    ]);
  });

  it("a value whose type is only known at run time is narrowed by its type", () => {
    const type = ["subscription_pause", "customer_update"][0];
    // @ts-expect-error a plain string is not a flow type: narrow it, or check it as the command line does
    const unchecked: FlowDataParams = { type, subscriptionPause: { subscription: "sub_1" } };
    const narrowed: FlowDataParams = type === "subscription_pause" ? { type, subscriptionPause: { subscription: "sub_1" } } : { type: "customer_update" };
    expect(failuresOf(unchecked)).toEqual([]);
    expect(failuresOf(narrowed)).toEqual([]);
  });
});

describe("createPortalSession before sending", () => {
  it("rejects bad parameters with one error naming each, without a key or a network", async () => {
    const attempt = createPortalSession({ customer: "cus_1", locale: "xx" as never, returnUrl: "nope" }, { apiKey: undefined, apiBase: "http://127.0.0.1:9" });
    await expect(attempt).rejects.toBeInstanceOf(PortalSessionParamsError);
    await expect(attempt).rejects.toThrow(/^Invalid portal session parameters: locale must be one of auto, .*; got "xx"; returnUrl must be an absolute http\(s\) URL; got "nope"$/);
  });

  it("takes options first, then the environment, then the defaults", () => {
    const env = { STRIPE_API_KEY: "sk_test_env", STRIPE_API_BASE: "http://127.0.0.1:1/", STRIPE_ACCOUNT: "acct_env" };
    expect(sessionSettings({}, env)).toEqual({ apiKey: "sk_test_env", apiKeySource: "env", apiBase: "http://127.0.0.1:1", apiVersion: "2026-10-28.endive", account: "acct_env" });
    expect(sessionSettings({ apiKey: "sk_test_opt", apiVersion: "2025-01-01", stripeAccount: "acct_opt" }, env)).toEqual({ apiKey: "sk_test_opt", apiBase: "http://127.0.0.1:1", apiVersion: "2025-01-01", account: "acct_opt" });
    expect(sessionSettings({}, {})).toEqual({ apiKey: undefined, apiBase: "https://api.stripe.com", apiVersion: "2026-10-28.endive", account: undefined });
    // A key passed in code has no place for a refused key's hint to name.
    expect(sessionSettings({ apiKey: "sk_test_opt" }, env)).not.toHaveProperty("apiKeySource");
  });

  it("in a Pulumi program, takes options first, then the stack config, then the environment", () => {
    const env = { STRIPE_API_KEY: "sk_test_env", STRIPE_API_BASE: "http://127.0.0.1:1/", STRIPE_API_VERSION: "2025-02-02", STRIPE_ACCOUNT: "acct_env" };
    const stack = (config: Record<string, string>) => ({ get: (key: string) => config[key] });
    const full = stack({ "stripe:apiKey": "sk_test_stack", "stripe:apiBase": "http://127.0.0.1:2/", "stripe:apiVersion": "2025-03-03", "stripe:account": "acct_stack" });
    expect(sessionSettings({}, env, full)).toEqual({ apiKey: "sk_test_stack", apiKeySource: "config", apiBase: "http://127.0.0.1:2", apiVersion: "2025-03-03", account: "acct_stack" });
    expect(sessionSettings({ apiKey: "sk_test_opt", apiBase: "http://127.0.0.1:3", apiVersion: "2025-04-04", stripeAccount: "acct_opt" }, env, full)).toEqual({
      apiKey: "sk_test_opt",
      apiBase: "http://127.0.0.1:3",
      apiVersion: "2025-04-04",
      account: "acct_opt",
    });
    // What the stack config leaves out comes from the environment.
    expect(sessionSettings({}, env, stack({ "stripe:apiBase": "http://127.0.0.1:2" }))).toEqual({ apiKey: "sk_test_env", apiKeySource: "env", apiBase: "http://127.0.0.1:2", apiVersion: "2025-02-02", account: "acct_env" });
    expect(sessionSettings({}, {}, stack({}))).toEqual({ apiKey: undefined, apiBase: "https://api.stripe.com", apiVersion: "2026-10-28.endive", account: undefined });
  });
});

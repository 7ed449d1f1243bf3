import { createPortalSession, PortalSessionParams, PortalSessionParamsError, portalSessionFailures, sessionSettings } from "../../sdk/portalSession";

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
    ["a flow without its object", { customer: "cus_1", flowData: { type: "subscription_cancel" } }, { property: "flowData.subscriptionCancel", reason: 'is required when flowData.type is "subscription_cancel"' }],
    ["a flow without a type", { customer: "cus_1", flowData: {} as never }, { property: "flowData.type", reason: "is required" }],
    ["a redirect without a URL", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "redirect" } } }, { property: "flowData.afterCompletion.redirect.returnUrl", reason: 'is required when flowData.afterCompletion.type is "redirect"' }],
    ["a long custom message", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "hosted_confirmation", hostedConfirmation: { customMessage: "m".repeat(501) } } } }, { property: "flowData.afterCompletion.hostedConfirmation.customMessage", reason: "must be at most 500 characters; got 501" }],
    ["a relative return URL", { customer: "cus_1", returnUrl: "/account" }, { property: "returnUrl", reason: 'must be an absolute http(s) URL; got "/account"' }],
    ["a relative redirect URL", { customer: "cus_1", flowData: { type: "payment_method_update", afterCompletion: { type: "redirect", redirect: { returnUrl: "acme.test" } } } }, { property: "flowData.afterCompletion.redirect.returnUrl", reason: 'must be an absolute http(s) URL; got "acme.test"' }],
    ["an unknown parameter", { customer: "cus_1", return_url: "https://acme.test" } as never, { property: "return_url", reason: expect.stringMatching(/^unknown property "return_url"; expected one of /) as never }],
  ])("names the parameter for %s", (_, params, failure) => {
    expect(portalSessionFailures(params)).toEqual([failure]);
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
    expect(sessionSettings({}, env)).toEqual({ apiKey: "sk_test_env", apiBase: "http://127.0.0.1:1", apiVersion: "2026-10-28.endive", account: "acct_env" });
    expect(sessionSettings({ apiKey: "sk_test_opt", apiVersion: "2025-01-01", stripeAccount: "acct_opt" }, env)).toEqual({ apiKey: "sk_test_opt", apiBase: "http://127.0.0.1:1", apiVersion: "2025-01-01", account: "acct_opt" });
    expect(sessionSettings({}, {})).toEqual({ apiKey: undefined, apiBase: "https://api.stripe.com", apiVersion: "2026-10-28.endive", account: undefined });
  });
});

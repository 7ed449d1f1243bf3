import { checkConfiguration } from "../../provider/check";
import { UNKNOWN } from "../../provider/desiredState";
import { everyField, quickStart } from "../fixtures/configurations";

const failuresOf = (news: Record<string, unknown>) => checkConfiguration(news).failures;

describe("checkConfiguration", () => {
  it("accepts the quick start and every field, and returns the declaration with its sets in canonical order", () => {
    expect(failuresOf(quickStart)).toEqual([]);
    expect(failuresOf(everyField)).toEqual([]);
    const { inputs } = checkConfiguration(quickStart);
    // Only what the program declares: a left-out field keeps the value Stripe gives it (see diff).
    expect(inputs).toEqual({ ...quickStart, features: { ...quickStart.features, customerUpdate: { enabled: true, allowedUpdates: ["email", "tax_id"] }, subscriptionCancel: { ...quickStart.features.subscriptionCancel, cancellationReason: { enabled: true, options: ["other", "too_expensive"] } } }, active: true });
    expect(inputs.features).not.toHaveProperty("subscriptionPause");
  });

  it("accepts an empty declaration and fills in nothing", () => {
    expect(checkConfiguration({})).toEqual({ failures: [], inputs: { active: true } });
  });

  it("ignores Pulumi's own __provider key and keeps the account and adopt id", () => {
    const { inputs, failures } = checkConfiguration({ __provider: "exports.handler = ...", stripeAccount: "acct_1", adoptId: "default" });
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ stripeAccount: "acct_1", adoptId: "default" });
    expect(inputs).not.toHaveProperty("__provider");
  });

  it("fills in the stack's default account when the resource names none", () => {
    expect(checkConfiguration({}, "acct_stack").inputs.stripeAccount).toBe("acct_stack");
    expect(checkConfiguration({ stripeAccount: "acct_own" }, "acct_stack").inputs.stripeAccount).toBe("acct_own");
  });

  it.each<[string, Record<string, unknown>, { property: string; reason: string }]>([
    ["an unknown property", { featurs: {} }, { property: "featurs", reason: 'unknown property "featurs"; expected one of name, businessProfile, defaultReturnUrl, features, loginPage, metadata, stripeAccount, adoptId, active' }],
    ["an unknown nested property", { features: { invoiceHistory: { enabled: true, enable: true } } }, { property: "features.invoiceHistory.enable", reason: 'unknown property "enable"; expected one of enabled' }],
    ["a required field", { features: { invoiceHistory: {} } }, { property: "features.invoiceHistory.enabled", reason: "is required" }],
    ["a product without prices", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: [{ product: "prod_1" }] } } }, { property: "features.subscriptionUpdate.products[0].prices", reason: "is required" }],
    ["a product with no price", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: [] }] } } }, { property: "features.subscriptionUpdate.products[0].prices", reason: "must have at least 1 item" }],
    ["a wrong enum", { features: { subscriptionCancel: { enabled: true, mode: "later" } } }, { property: "features.subscriptionCancel.mode", reason: 'must be one of at_period_end, immediately; got "later"' }],
    ["a wrong enum in a list", { features: { customerUpdate: { enabled: true, allowedUpdates: ["email", "password"] } } }, { property: "features.customerUpdate.allowedUpdates[1]", reason: 'must be one of address, email, name, phone, shipping, tax_id; got "password"' }],
    ["a repeated set member", { features: { customerUpdate: { enabled: true, allowedUpdates: ["email", "email"] } } }, { property: "features.customerUpdate.allowedUpdates", reason: 'must not repeat "email"' }],
    ["a headline over 60", { businessProfile: { headline: "h".repeat(61) } }, { property: "businessProfile.headline", reason: "must be at most 60 characters; got 61" }],
    ["a name over 256", { name: "n".repeat(257) }, { property: "name", reason: "must be at most 256 characters; got 257" }],
    ["a relative URL", { defaultReturnUrl: "acme.test/account" }, { property: "defaultReturnUrl", reason: 'must be an absolute http(s) URL; got "acme.test/account"' }],
    ["a non-http URL", { businessProfile: { privacyPolicyUrl: "ftp://acme.test/p" } }, { property: "businessProfile.privacyPolicyUrl", reason: 'must be an absolute http(s) URL; got "ftp://acme.test/p"' }],
    ["a wrong id prefix", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: [{ product: "basic", prices: ["price_1"] }] } } }, { property: "features.subscriptionUpdate.products[0].product", reason: 'must be a Stripe id starting with "prod_"; got "basic"' }],
    ["a string for a boolean", { loginPage: { enabled: "yes" } }, { property: "loginPage.enabled", reason: 'must be true or false; got "yes"' }],
    ["a fraction for a whole number", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "day", intervalCount: 1.5 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[0].intervalCount", reason: "must be a whole number; got 1.5" }],
    ["a number under its minimum", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "day", intervalCount: 0 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[0].intervalCount", reason: "must be at least 1; got 0" }],
    ["a list where an object belongs", { features: [] }, { property: "features", reason: "must be an object; got []" }],
    ["a string where a list belongs", { features: { customerUpdate: { enabled: true, allowedUpdates: "email" } } }, { property: "features.customerUpdate.allowedUpdates", reason: 'must be a list; got "email"' }],
    ["more than 10 products", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: Array.from({ length: 11 }, (_, i) => ({ product: `prod_${i}`, prices: [`price_${i}`] })) } } }, { property: "features.subscriptionUpdate.products", reason: "must have at most 10 items; got 11" }],
    ["more than 50 metadata keys", { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, { property: "metadata", reason: "must have at most 50 keys; got 51" }],
    ["a metadata key over 40", { metadata: { ["k".repeat(41)]: "v" } }, { property: `metadata.${"k".repeat(41)}`, reason: "key must be at most 40 characters; got 41" }],
    ["a metadata key with brackets", { metadata: { "a[b]": "v" } }, { property: "metadata.a[b]", reason: "key must not contain [ or ]" }],
    ["a metadata value over 500", { metadata: { team: "v".repeat(501) } }, { property: "metadata.team", reason: "must be at most 500 characters; got 501" }],
    ["a metadata value that is not a string", { metadata: { team: 5 } }, { property: "metadata.team", reason: "must be a string; got 5" }],
    ["an empty metadata value", { metadata: { team: "" } }, { property: "metadata.team", reason: "must not be empty (remove the key to delete it)" }],
    ["a bad account", { stripeAccount: "acc_1" }, { property: "stripeAccount", reason: 'must be a Stripe id starting with "acct_"; got "acc_1"' }],
    ["a bad adopt id", { adoptId: "main" }, { property: "adoptId", reason: 'must be "default" or a configuration id starting with "bpc_"; got "main"' }],
    ["subscription updates without payment method update", { features: { subscriptionUpdate: { enabled: true } } }, { property: "features.subscriptionUpdate.enabled", reason: "cannot be true while features.paymentMethodUpdate.enabled is false: Stripe cannot enable subscription updates while payment method update is disabled" }],
    ["prorations on a cancel at period end", { features: { subscriptionCancel: { enabled: true, prorationBehavior: "create_prorations" } } }, { property: "features.subscriptionCancel.prorationBehavior", reason: '"create_prorations" only works with features.subscriptionCancel.mode "immediately"' }],
    // "Required when `type` is `interval_options`": on the declaration, whatever Stripe's default holds.
    ["interval options without intervals", { features: { subscriptionPause: { enabled: true, duration: { type: "interval_options" } } } }, { property: "features.subscriptionPause.duration.intervalOptions", reason: 'must list at least one item when features.subscriptionPause.duration.type is "interval_options"' }],
    ["interval options with an empty list", { features: { subscriptionPause: { enabled: true, duration: { type: "interval_options", intervalOptions: [] } } } }, { property: "features.subscriptionPause.duration.intervalOptions", reason: 'must list at least one item when features.subscriptionPause.duration.type is "interval_options"' }],
    // "Passing `always_invoice` will result in an error" (cancel only; subscription updates take it).
    ["always_invoice on a cancel", { features: { subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "always_invoice" } } }, { property: "features.subscriptionCancel.prorationBehavior", reason: 'must be one of create_prorations, none; got "always_invoice"' }],
    // "The maximum duration is three years": the limit follows the unit.
    ["a pause over three years in days", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "day", intervalCount: 1096 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[0].intervalCount", reason: "must be at most 1095; got 1096" }],
    ["a pause over three years in weeks", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "day", intervalCount: 1095 }, { interval: "week", intervalCount: 157 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[1].intervalCount", reason: 'must be at most 156 when interval is "week" (a pause lasts at most three years); got 157' }],
    ["a pause over three years in months", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "month", intervalCount: 37 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[0].intervalCount", reason: 'must be at most 36 when interval is "month" (a pause lasts at most three years); got 37' }],
    ["a pause over three years in years", { features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: "year", intervalCount: 4 }] } } } }, { property: "features.subscriptionPause.duration.intervalOptions[0].intervalCount", reason: 'must be at most 3 when interval is "year" (a pause lasts at most three years); got 4' }],
    ["a maximum under the minimum", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: ["price_1"], adjustableQuantity: { enabled: true, minimum: 5, maximum: 2 } }] } } }, { property: "features.subscriptionUpdate.products[0].adjustableQuantity.maximum", reason: "must be at least adjustableQuantity.minimum (5); got 2" }],
  ])("names the property and the rule for %s", (_, news, failure) => {
    expect(failuresOf(news)).toEqual([failure]);
  });

  it("keeps an empty clearable string as declared: it means no value (Stripe's null), unlike a field left out", () => {
    const { inputs, failures } = checkConfiguration({ name: "", businessProfile: { headline: "" } });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ name: "", businessProfile: { headline: "" }, active: true });
  });

  it("takes what the pinned types allow: a pause of exactly three years in each unit, an indefinite pause without lengths, always_invoice on subscription updates", () => {
    const lengths = [{ interval: "day", intervalCount: 1095 }, { interval: "week", intervalCount: 156 }, { interval: "month", intervalCount: 36 }, { interval: "year", intervalCount: 3 }];
    expect(failuresOf({ features: { subscriptionPause: { enabled: true, duration: { type: "interval_options", intervalOptions: lengths } } } })).toEqual([]);
    expect(failuresOf({ features: { subscriptionPause: { enabled: true, duration: { type: "indefinite" } } } })).toEqual([]);
    expect(failuresOf({ features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, prorationBehavior: "always_invoice" } } })).toEqual([]);
    expect(failuresOf({ features: { subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "create_prorations" } } })).toEqual([]);
  });

  it("leaves a pause length to its own checks while its unit or the duration type is not known yet", () => {
    expect(failuresOf({ features: { subscriptionPause: { duration: { type: UNKNOWN } } } })).toEqual([]);
    expect(failuresOf({ features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: UNKNOWN } } } })).toEqual([]);
    expect(failuresOf({ features: { subscriptionPause: { duration: { type: "interval_options", intervalOptions: [{ interval: UNKNOWN, intervalCount: 40 }] } } } })).toEqual([]);
  });

  it("reports every broken rule at once", () => {
    expect(failuresOf({ name: 5, loginPage: { enabled: 1 }, metadata: "x" }).map((f) => f.property)).toEqual(["name", "loginPage.enabled", "metadata"]);
  });

  it("lets values unknown during preview pass, nested or whole", () => {
    const news = {
      name: UNKNOWN,
      businessProfile: { headline: UNKNOWN },
      features: UNKNOWN,
      metadata: { team: UNKNOWN },
      stripeAccount: UNKNOWN,
    };
    expect(failuresOf(news)).toEqual([]);
    expect(failuresOf({ features: { paymentMethodUpdate: { enabled: UNKNOWN }, subscriptionUpdate: { enabled: true, products: [UNKNOWN] } } })).toEqual([]);
  });

  // Each declaration breaks its rule once the unknown object turns out to hold a default.
  it.each<[string, Record<string, unknown>]>([
    ["subscription updates, payment method update unknown", { features: { paymentMethodUpdate: UNKNOWN, subscriptionUpdate: { enabled: true } } }],
    ["subscription updates, every feature unknown", { features: UNKNOWN }],
    ["prorations on a cancel, the cancel feature unknown", { features: { subscriptionCancel: UNKNOWN } }],
    ["interval options, the pause duration unknown", { features: { subscriptionPause: { enabled: true, duration: UNKNOWN } } }],
    ["interval options, the pause feature unknown", { features: { subscriptionPause: UNKNOWN } }],
    ["a maximum under the minimum, the adjustable quantity unknown", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: ["price_1"], adjustableQuantity: UNKNOWN }] } } }],
    ["a maximum under the minimum, the products unknown", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: { enabled: true, products: UNKNOWN } } }],
    ["a maximum under the minimum, the subscription update unknown", { features: { paymentMethodUpdate: { enabled: true }, subscriptionUpdate: UNKNOWN } }],
  ])("skips a cross-field rule while an object it reads is unknown: %s", (_, news) => {
    expect(failuresOf(news)).toEqual([]);
  });

  it("never throws on odd input", () => {
    for (const odd of [null, undefined, 5, "x", [], { features: null }, { features: { customerUpdate: null } }]) {
      expect(() => checkConfiguration(odd as never)).not.toThrow();
    }
  });
});
